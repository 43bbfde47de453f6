// DescribeTable, ListTables, UpdateTable, DeleteTable.

#include "api/handlers.h"
#include "api/ids.h"
#include "api/lifecycle.h"
#include "core/replicator.h"
#include "api/replica_updates.h"
#include "api/request_util.h"
#include "capacity/decrease_limits.h"
#include "capacity/on_demand_maximum.h"
#include "tags/table_tags.h"
#include "core/region.h"
#include "indexes/index_updates.h"
#include "kms/key_watch.h"
#include "kms/sse.h"

namespace tablespan::api {

namespace {
[[noreturn]] void throw_in_use(const TableMeta& t) {
    std::string what = t.status == "CREATING"   ? "being created"
                       : t.status == "DELETING" ? "being deleted"
                                                : "being updated";
    throw ApiError(
        "ResourceInUseException",
        "Attempt to change a resource which is still in use: Table is " + what + ": " + t.name);
}

void start_transition(core::Region& region, TableMeta& t, const std::string& status,
                      const std::string& next, Millis duration) {
    region.start_transition(t, status, next, duration);
}
}  // namespace

Json describe_table(core::Region& region, const Json& request) {
    const TableMeta& t = table_for_control(region, request.at("TableName"));
    Json d = t.describe();
    capacity::describe_decreases(t, d, region.now());
    return {{"Table", d}};
}

Json list_tables(core::Region& region, const Json& request) {
    auto start = string_member(request, "ExclusiveStartTableName");
    std::int64_t limit = int_member(request, "Limit").value_or(100);
    Json names = Json::array();
    std::optional<std::string> last;
    auto tables = region.tables();
    for (std::size_t i = 0; i < tables.size(); ++i) {
        if (start && tables[i]->name <= *start) continue;
        if (static_cast<std::int64_t>(names.size()) == limit) {
            last = names.back().get<std::string>();
            break;
        }
        names.push_back(tables[i]->name);
    }
    Json out = {{"TableNames", names}};
    if (last) out["LastEvaluatedTableName"] = *last;
    return out;
}

Json update_table(core::Region& region, const Json& request) {
    const Json* throughput = member(request, "ProvisionedThroughput");
    auto billing = string_member(request, "BillingMode");
    const Json* stream = member(request, "StreamSpecification");
    auto table_class = string_member(request, "TableClass");
    auto protection = bool_member(request, "DeletionProtectionEnabled");
    const Json* sse = member(request, "SSESpecification");
    const Json* on_demand = member(request, "OnDemandThroughput");
    if (has_replica_updates(request)) return update_replicas(region, request);
    if (const Json* gsi = member(request, "GlobalSecondaryIndexUpdates");
        gsi &&
        (!gsi->empty() || throughput || billing || stream || table_class || protection || sse))
        return indexes::update_indexes(region, request);
    if (!throughput && !billing && !stream && !table_class && !protection && !sse && !on_demand)
        throw_validation(
            "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
            "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, "
            "MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
            "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is "
            "required");

    TableMeta& t = table_for_control(region, request.at("TableName"));
    // While a replica is being added or removed, the group refuses these two.
    if ((protection || table_class) && t.group.has_change_in_progress())
        throw ApiError("ResourceInUseException",
                       "The resource which you are attempting to change is in use.");
    // The new key is resolved before anything changes (an unusable current key refuses
    // first, whatever the table's status).
    std::optional<std::pair<bool, std::string>> new_sse;
    if (sse) {
        const kms::SseRequest wanted = kms::read_sse(*sse, true);
        new_sse = std::pair{wanted.enabled, kms::sse_update(region, t, wanted)};
    }
    if (t.status != "ACTIVE") throw_in_use(t);

    std::string new_billing = billing.value_or(t.billing_mode);
    // Replicas need on-demand or autoscaled writes (autoscaling/).
    if (t.group.global() && new_billing == "PROVISIONED" && !t.scaling.write.active())
        throw_validation("Table write capacity should either be Pay-Per-Request or AutoScaled.");
    if (throughput && new_billing == "PAY_PER_REQUEST")
        throw_invalid_parameter(
            "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode "
            "is PAY_PER_REQUEST");
    if (new_billing == "PROVISIONED" && t.billing_mode == "PAY_PER_REQUEST" && !throughput)
        throw_invalid_parameter(
            "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");

    if (on_demand) {
        // Checked before anything changes (applied below).
        TableMeta probe = t;
        capacity::update_on_demand_maximum(probe, *on_demand, new_billing);
    }
    std::int64_t rcu = t.read_capacity, wcu = t.write_capacity;
    if (throughput) {
        rcu = *int_member(*throughput, "ReadCapacityUnits");
        wcu = *int_member(*throughput, "WriteCapacityUnits");
        for (auto [v, field] : {std::pair{rcu, "ReadCapacityUnits"}, {wcu, "WriteCapacityUnits"}})
            if (v > 1'000'000'000'000LL)
                throw_validation("Given value " + std::to_string(v) + " for " + field +
                                 " is out of bounds");
        if (t.billing_mode == "PROVISIONED" && rcu == t.read_capacity && wcu == t.write_capacity)
            throw_validation(
                "The provisioned throughput for the table will not change. The requested value "
                "equals the current value. Current ReadCapacityUnits provisioned for the table: " +
                std::to_string(t.read_capacity) + ". Requested ReadCapacityUnits: " +
                std::to_string(rcu) + ". Current WriteCapacityUnits provisioned for the table: " +
                std::to_string(t.write_capacity) +
                ". Requested WriteCapacityUnits: " + std::to_string(wcu) +
                ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to "
                "request higher limits.");
    }

    std::optional<std::pair<bool, std::string>> new_stream;
    if (stream) {
        // Texts: ../shared/reference/dynamodb-data-plane.md §3.2 (ACK probes).
        bool enabled = bool_member(*stream, "StreamEnabled").value_or(false);
        auto view = string_member(*stream, "StreamViewType");
        if (enabled && !view)
            throw_invalid_parameter("If stream is being enabled then UpdateViewType is required");
        if (!enabled && view)
            throw_invalid_parameter(
                "If stream is being disabled, then UpdateViewType must not be specified");
        if (!enabled && t.group.global())
            throw_invalid_parameter("Disabling Stream is not allowed for a Global Table replica.");
        if (enabled && t.stream_enabled)
            throw_validation("Table already has an enabled stream: TableName: " + t.name);
        if (!enabled && !t.stream_enabled)
            throw_validation("Table has no stream to disable: TableName: " + t.name);
        // With new throughput or a switch to provisioned capacity the service refuses it
        // ("cannot modify stream status while updating table IOPS", ACK overview).
        if (throughput || (billing && *billing == "PROVISIONED" && t.billing_mode != "PROVISIONED"))
            throw_validation(
                "One or more parameter values were invalid: cannot modify stream status while "
                "updating table IOPS");
        new_stream = std::pair{enabled, view.value_or("")};
    }

    const Millis now = region.now();
    bool needs_updating = false;
    if (throughput || (billing && *billing != t.billing_mode)) {
        if (t.billing_mode == "PROVISIONED" && new_billing == "PROVISIONED") {
            if (rcu > t.read_capacity || wcu > t.write_capacity) t.last_increase = now;
            if (rcu < t.read_capacity || wcu < t.write_capacity) capacity::take_decrease(t, now);
        }
        if (new_billing != t.billing_mode) {
            t.billing_mode_updated = now;
            t.max_read_units = t.max_write_units = 0;  // a switch drops OnDemandThroughput
        }
        t.billing_mode_summary = t.billing_mode_summary || billing.has_value();
        t.billing_mode = new_billing;
        t.read_capacity = new_billing == "PAY_PER_REQUEST" ? 0 : rcu;
        t.write_capacity = new_billing == "PAY_PER_REQUEST" ? 0 : wcu;
        needs_updating = true;
    }
    if (table_class && *table_class != t.table_class) {
        t.table_class = *table_class;
        t.table_class_updated = now;
        needs_updating = true;
    }
    if (new_stream) {
        needs_updating = true;  // UPDATING for a few seconds, as observed (ACK)
        t.stream_enabled = new_stream->first;
        if (t.stream_enabled) {
            t.stream_view_type = new_stream->second;
            t.stream_label = stream_label(now);
        } else {
            t.stream_view_type.clear();
        }
    }
    if (protection) t.deletion_protection = *protection;
    Json on_demand_echo;
    if (on_demand) {
        on_demand_echo = capacity::update_on_demand_maximum(t, *on_demand, new_billing);
        if (t.group.global()) region.replicator().fan_out_on_demand_maximum(t);
    }
    if (new_sse) {
        t.sse_enabled = new_sse->first;
        if (t.sse_enabled) t.sse_kms_key_arn = new_sse->second;
        t.key_state = {};  // a usable key (checked above)
        needs_updating = true;
        if (t.group.global()) region.replicator().fan_out_encryption(t);
    }
    if (needs_updating)
        start_transition(region, t, "UPDATING", "ACTIVE", kUpdatingMs);
    else
        region.save_table(t);
    Json answer = {{"TableDescription", t.describe()}};
    if (!on_demand_echo.is_null() && !on_demand_echo.empty())
        answer["TableDescription"]["OnDemandThroughput"] = on_demand_echo;
    return answer;
}

Json delete_table(core::Region& region, const Json& request) {
    TableMeta& t = table_for_control(region, request.at("TableName"));
    // A table whose KMS key is inaccessible (or archived for it) can be deleted
    // (details/DDB-TABLE-329.md, the service's table-streams-encryption-class notes).
    const bool keyless = t.status == kms::kInaccessible || t.status == "ARCHIVED";
    if (t.status != "ACTIVE" && !keyless) throw_in_use(t);
    if (t.tags_changed_at && region.now() < t.tags_changed_at + tags::kChangeLockMs)
        throw ApiError("ResourceInUseException",
                       "Attempt to change a resource which is still in use: Table tags are being "
                       "updated");
    for (const auto& ix : t.indexes)
        if (ix.global && ix.status != "ACTIVE")
            throw ApiError("ResourceInUseException",
                           "Attempt to change a resource which is still in use: Cannot delete "
                           "table while indexes are being created, updated, or deleted.");
    if (t.deletion_protection)
        throw_validation(
            "Resource cannot be deleted as it is currently protected against deletion. Disable "
            "deletion protection first.");
    leave_group_on_delete(region, t);
    start_transition(region, t, "DELETING", "", kDeletingMs);
    return {{"TableDescription", t.describe()}};
}

}  // namespace tablespan::api
