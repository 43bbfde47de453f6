#pragma once

// UpdateTable with GlobalSecondaryIndexUpdates: Create (allocation, then a backfill from
// the table while writes go on), Update (throughput) and Delete of GSIs, checked as the
// service checks them; on a global table the change reaches every replica.

#include "api/table_meta.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::indexes {

// The UpdateTable response ({"TableDescription": …}); ValidationException,
// LimitExceededException, ResourceNotFoundException or ResourceInUseException with the
// service's texts otherwise, and then nothing changed.
Json update_indexes(core::Region& region, const Json& request);

// On a replica of a global table: the same GSI change, made by a member region (a
// Create's definition as DescribeTable lists it, or a Delete).
void apply_replicated_index_update(core::Region& region, const std::string& table,
                                   const Json& update);

}  // namespace tablespan::indexes
