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

// Legacy global tables (2017.11.29), answered as the service answers them today.
Json create_global_table(core::Region&, const Json&);
Json update_global_table(core::Region&, const Json&);
Json describe_global_table(core::Region&, const Json&);
Json describe_global_table_settings(core::Region&, const Json&);
Json list_global_tables(core::Region&, const Json&);

// Auto scaling of provisioned capacity (engine/src/autoscaling/).
Json update_table_replica_auto_scaling(core::Region&, const Json&);
Json describe_table_replica_auto_scaling(core::Region&, const Json&);

// Backups and point-in-time recovery.
Json create_backup(core::Region&, const Json&);
Json describe_backup(core::Region&, const Json&);
Json list_backups(core::Region&, const Json&);
Json delete_backup(core::Region&, const Json&);
Json restore_table_from_backup(core::Region&, const Json&);
Json update_continuous_backups(core::Region&, const Json&);
Json describe_continuous_backups(core::Region&, const Json&);
Json restore_table_to_point_in_time(core::Region&, const Json&);

// Time to Live.
Json update_time_to_live(core::Region&, const Json&);
Json describe_time_to_live(core::Region&, const Json&);

// Tags.
Json tag_resource(core::Region&, const Json&);
Json untag_resource(core::Region&, const Json&);
Json list_tags_of_resource(core::Region&, const Json&);

// Transactions.
Json transact_write_items(core::Region&, const Json&);
Json transact_get_items(core::Region&, const Json&);

// PartiQL (engine/src/partiql/ parses, engine/src/statements/ runs).
Json execute_statement(core::Region&, const Json&);
Json batch_execute_statement(core::Region&, const Json&);
Json execute_transaction(core::Region&, const Json&);

// DynamoDB Streams (target prefix DynamoDBStreams_20120810).
Json list_streams(core::Region&, const Json&);
Json describe_stream(core::Region&, const Json&);
Json get_shard_iterator(core::Region&, const Json&);
Json get_records(core::Region&, const Json&);

}  // namespace tablespan::api
