#pragma once

// One function per DynamoDB operation. Each runs on its region's strand, after the
// request passed the model's shape validation, and throws ApiError on failure.

#include "tablespan/json_codec.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::api {

using Handler = Json (*)(core::Region&, const Json&);

Json create_table(core::Region&, const Json&);
Json describe_table(core::Region&, const Json&);
Json list_tables(core::Region&, const Json&);
Json update_table(core::Region&, const Json&);
Json delete_table(core::Region&, const Json&);

Json put_item(core::Region&, const Json&);
Json get_item(core::Region&, const Json&);
Json update_item(core::Region&, const Json&);
Json delete_item(core::Region&, const Json&);
Json query(core::Region&, const Json&);
Json scan(core::Region&, const Json&);
Json batch_write_item(core::Region&, const Json&);
Json batch_get_item(core::Region&, const Json&);

}  // namespace tablespan::api
