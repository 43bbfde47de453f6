#pragma once

// What a region's tables go through when their KMS key becomes unusable, on engine time
// (kms/kms_timings.h for the delays and their sources):
//
//   key disabled, scheduled for deletion, or deleted
//   + kDataKeyCacheMs     data-plane requests fail with DynamoDB's KMS error; a replica
//                         neither sends nor receives replicated changes (the other
//                         replicas keep theirs pending)
//   + kTableDetectionMs   TableStatus INACCESSIBLE_ENCRYPTION_CREDENTIALS with
//     (a replica:         SSEDescription.InaccessibleEncryptionDateTime; for a replica
//     kReplicaDetectionMs) its ReplicaStatus too, in every member's Replicas list
//   + kReplicaRemovalMs   a replica leaves its group, a regional table with its items
//   + kArchivalMs         a regional table is archived: ARCHIVING, an on-demand backup,
//                         ARCHIVED with ArchivalSummary
//
// and back when the key is usable again: the data plane (and replication, which then
// catches up) after kDataPlaneRecoveryMs, ACTIVE after kRecoveryMs. Each table's state
// is kept with its metadata (TableKeyState), so the timeline goes on after a restart.

#include <string>

#include "api/table_meta.h"
#include "tablespan/error.h"
#include "tablespan/json_codec.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::kms {

inline constexpr const char* kInaccessible = "INACCESSIBLE_ENCRYPTION_CREDENTIALS";

// One region's tables and their keys. Used on the region's strand.
class KeyWatch {
public:
    explicit KeyWatch(core::Region& region) : region_(region) {}

    // At start-up, once the tables are loaded: holds replication of failing replicas and
    // schedules every pending step.
    void resume();
    // Inside a write: the key `arn` of this region became usable, or unusable for
    // `reason` ("disabled", "pending" for deletion, "deleted").
    void key_changed(const std::string& arn, bool usable, const std::string& reason);

private:
    struct Effects;
    // Moves the table along its timeline up to now; inside a write.
    Effects advance(api::TableMeta& table);
    void apply(api::TableMeta& table, const Effects& fx);
    void schedule(const api::TableMeta& table);
    void tick(const std::string& name, const std::string& table_id);
    void release(const api::TableMeta& table);

    core::Region& region_;
};

// DynamoDB's error for a request that needs the table's unusable key ("KMS key disabled
// error: ..." and the like), naming that key.
ApiError key_error(const api::TableMeta& table);
// Data plane: throws key_error() once the table's cached data key expired.
inline void check_data_access(const api::TableMeta& table) {
    if (table.key_state.failing_since) throw key_error(table);
}
// Whether the table is INACCESSIBLE_ENCRYPTION_CREDENTIALS (or archived for it).
bool inaccessible(const api::TableMeta& table);
// DescribeTable: SSEDescription.InaccessibleEncryptionDateTime (a regional table only, as
// observed) and ArchivalSummary.
void describe_key_state(const api::TableMeta& table, Json& description);

}  // namespace tablespan::kms
