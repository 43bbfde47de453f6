#pragma once

// What the engine knows about one table in one region, and how DescribeTable renders it.

#include <cstdint>
#include <optional>
#include <string>

#include <vector>

#include "api/key_element.h"
#include "api/replica_group.h"
#include "api/table_recovery.h"
#include "autoscaling/table_scaling.h"
#include "tablespan/attribute_value.h"
#include "tablespan/clock.h"
#include "tablespan/json_codec.h"
#include "indexes/secondary_index.h"
#include "kms/table_key_state.h"

namespace tablespan::api {

struct TableMeta {
    std::int64_t id = 0;  // storage id, unique within the region's database
    std::string name;
    std::string table_id;  // the service's TableId (a UUID)
    std::string region;
    std::string account_id;
    Millis created = 0;

    KeyElement partition_key;
    std::optional<KeyElement> sort_key;
    Json attribute_definitions = Json::array();  // as the service lists them

    // Status and the transition under way (status_until == 0: none pending).
    std::string status = "CREATING";
    Millis status_until = 0;
    std::string next_status;  // "ACTIVE", or "" to disappear (after DELETING)

    std::string billing_mode = "PROVISIONED";
    bool billing_mode_summary = false;  // whether BillingModeSummary is rendered
    Millis billing_mode_updated = 0;
    std::int64_t read_capacity = 0;
    std::int64_t write_capacity = 0;
    Millis last_increase = 0;
    Millis last_decrease = 0;
    std::int64_t decreases_today = 0;
    // Auto scaling of provisioned capacity (autoscaling/), and when this replica's scaler
    // next looks at the table: not stored, since a restarted engine starts it again with
    // the table's first traffic (engine time; 0: not scheduled).
    autoscaling::TableScaling scaling;
    mutable Millis scaling_tick_at = 0;
    // OnDemandThroughput of a PAY_PER_REQUEST table (0: no maximum).
    std::int64_t max_read_units = 0;
    std::int64_t max_write_units = 0;

    std::string table_class = "STANDARD";
    Millis table_class_updated = 0;  // 0: never set explicitly (no TableClassSummary)

    bool stream_enabled = false;
    std::string stream_view_type;
    std::string stream_label;    // LatestStreamLabel, kept after disabling
    std::int64_t stream_id = 0;  // storage id of the stream (streams/region_streams.h)

    bool sse_enabled = false;  // SSE with KMS (the default AWS owned key renders nothing)
    std::string sse_kms_key_arn;
    // The KMS key's accessibility and the timeline of an unusable key (kms/key_watch.h).
    kms::TableKeyState key_state;

    bool deletion_protection = false;

    // Time to Live: the attribute while enabled, and when it last changed (engine time).
    bool ttl_enabled = false;
    std::string ttl_attribute;
    Millis ttl_changed_at = 0;
    Json tags = Json::array();
    // ListTagsOfResource lags a change by tags::kListLagMs: the sets of the last changes
    // with their times ({"at", "tags"}, oldest first), and another change waits
    // tags::kChangeLockMs after `tags_changed_at`.
    Json tag_history = Json::array();
    Millis tags_changed_at = 0;

    std::int64_t item_count = 0;
    std::int64_t size_bytes = 0;

    // Secondary indexes, LSIs and GSIs in the order they were created.
    std::vector<indexes::SecondaryIndex> indexes;
    std::int64_t next_index_id = 1;  // storage ids of indexes are never reused

    // The index of this name (in any status), or null.
    indexes::SecondaryIndex* find_index(std::string_view index_name);
    const indexes::SecondaryIndex* find_index(std::string_view index_name) const;

    // Global tables: the replication group as this region sees it.
    ReplicaGroup group;
    // Backups and point-in-time recovery: PITR settings, a restore under way.
    TableRecovery recovery;

    std::string arn() const;
    bool has_sort_key() const { return sort_key.has_value(); }

    // Persistence (everything above but id).
    Json to_storage() const;
    static TableMeta from_storage(std::int64_t id, const Json& j);

    // The TableDescription shape DescribeTable, CreateTable, UpdateTable and DeleteTable
    // return.
    Json describe() const;
};

// Epoch seconds with milliseconds, as the JSON protocol sends timestamps.
double epoch_seconds(Millis t);

}  // namespace tablespan::api
