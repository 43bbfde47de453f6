// UpdateTable ReplicaUpdates (global tables version 2019.11.21), the replica side of
// DeleteTable, and the legacy 2017.11.29 operations as the service answers them today.
// Checks run in the order the service runs them (reference §1.4, §1.6, §2.5).

#include <optional>
#include <set>

#include "api/handlers.h"
#include "api/lifecycle.h"
#include "api/replica_updates.h"
#include "api/request_util.h"
#include "autoscaling/scaler.h"
#include "core/region.h"
#include "core/replicator.h"
#include "kms/sse.h"
#include "mrsc/group_updates.h"
#include "tablespan/regions.h"

namespace tablespan::api {

namespace {
struct Action {
    std::string kind;  // Create, Update, Delete
    std::string region;
    std::string table_class;
    std::optional<std::string> kms_key;  // KMSMasterKeyId
};

[[noreturn]] void throw_in_use() {
    throw ApiError("ResourceInUseException",
                   "The resource which you are attempting to change is in use.");
}

std::string supported_regions() {
    std::string out;
    for (const auto& r : all_regions()) {
        if (!out.empty()) out += ", ";
        out += r.code;
    }
    return "[" + out + "]";
}

std::vector<Action> read_actions(const Json& updates) {
    std::vector<Action> actions;
    for (const auto& element : updates) {
        int kinds = 0;
        Action a;
        for (const char* kind : {"Create", "Update", "Delete"}) {
            const Json* body = member(element, kind);
            if (!body) continue;
            ++kinds;
            a.kind = kind;
            a.region = body->at("RegionName").get<std::string>();
            a.table_class = string_member(*body, "TableClassOverride").value_or("");
            a.kms_key = string_member(*body, "KMSMasterKeyId");
        }
        if (kinds > 1)
            throw_validation(
                "Update table operation with more than one type of replica actions not allowed");
        if (kinds == 0) continue;
        // Identical actions for the same region count once.
        bool duplicate = false;
        for (const auto& b : actions)
            duplicate = duplicate || (b.kind == a.kind && b.region == a.region &&
                                      b.table_class == a.table_class);
        if (!duplicate) actions.push_back(std::move(a));
    }
    if (actions.empty())
        throw_invalid_parameter("ReplicaUpdates must contain at least one replica action");
    if (actions.size() > 1) {
        std::set<std::string> kinds;
        for (const auto& a : actions) kinds.insert(a.kind);
        if (kinds.size() > 1)
            throw_validation(
                "Update table operation with more than one type of replica actions not allowed");
        throw_validation(
            "Update table operation with more than one create or delete replica "
            "actions not allowed");
    }
    return actions;
}
}  // namespace

bool has_replica_updates(const Json& request) {
    return member(request, "ReplicaUpdates") != nullptr;
}

Json update_replicas(core::Region& region, const Json& request) {
    if (mrsc::concerns_strong_group(region, request))
        if (Json answer = mrsc::update_strong_group(region, request); !answer.is_null())
            return answer;
    for (const char* other :
         {"ProvisionedThroughput", "BillingMode", "StreamSpecification", "SSESpecification",
          "TableClass", "DeletionProtectionEnabled", "GlobalSecondaryIndexUpdates",
          "OnDemandThroughput", "WarmThroughput"})
        if (member(request, other))
            throw_invalid_parameter(
                "Replica modification must be the only operation in the request");
    const Action action = read_actions(request.at("ReplicaUpdates")).front();
    TableMeta& t = table_for_control(region, request.at("TableName"));

    const RegionInfo* target = find_region(action.region);
    if (!target)
        throw_validation("Region " + action.region +
                         " is not supported. The latest version of global tables are only "
                         "supported in the following regions: " +
                         supported_regions());
    if (action.region == region.code())
        throw_validation(
            "Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, "
            "DeleteTable, or UpdateTable as required.");
    if (t.status != "ACTIVE" || t.group.has_change_in_progress()) throw_in_use();

    const ReplicaMember* existing = t.group.find(action.region);
    if (action.kind == "Create") {
        // A provisioned table's writes, and each of its GSIs', must be autoscaled
        // (../shared/reference/dynamodb-semantics.md §1.3).
        if (t.billing_mode != "PAY_PER_REQUEST") {
            if (!t.scaling.write.active())
                throw_validation(
                    "Table write capacity should either be Pay-Per-Request or AutoScaled.");
            for (const auto& ix : t.indexes)
                if (ix.global && !t.scaling.index_write(ix.name).active())
                    throw_validation(
                        "GSI write capacity should either be Pay-Per-Request or AutoScaled.");
        }
        core::Region* destination = region.core().region(action.region);
        if (existing || (destination && destination->has_table(t.name)))
            throw_validation("Failed to create a the new replica of table with name: '" + t.name +
                             "' because one or more replicas already existed as tables.");
        // Each replica encrypts with a key of its own region.
        const std::string key = kms::replica_key(region, t, action.region, action.kms_key);
        // The new replica starts with this one's read settings, as with its capacity
        // (DG:V2globaltables_HowItWorks: "the capacity of the source Region is propagated").
        const bool scaled =
            autoscaling::inherit_read_settings(t, std::string(region.code()), action.region);
        region.replicator().create_replica(t, action.region, action.table_class, key);
        if (scaled) {
            region.save_table(t);
            autoscaling::fan_out(region, t);
        }
        return {{"TableDescription", t.describe()}};
    }

    if (!existing)
        throw_validation(
            "Update global table operation failed because one or more replicas were not part of "
            "the global table. Please retry the request without these replicas: [" +
            action.region + "].");
    if (action.kind == "Update") {
        if (action.kms_key)
            throw_invalid_parameter("KMSMasterKeyId must be specified for each replica.");
        if (action.table_class.empty())
            throw_validation(
                "There are no actions specified in the Replica Update Action of the request.");
        region.replicator().update_member(t, action.region, action.table_class);
    } else {
        core::Region* member = region.core().region(action.region);
        if (member && member->deletion_protected(t.name))
            throw_validation("Cannot delete table " + t.name + " in region " + action.region +
                             " because it has deletion protection enabled. Disable deletion "
                             "protection first.");
        if (existing->source_until > region.now())
            throw_validation(
                "Replica cannot be deleted because it has acted as a source region for new "
                "replica(s) being added to the table in the last 24 hours.");
        region.replicator().remove_member(t, action.region);
    }
    region.start_transition(t, "UPDATING", "ACTIVE", kUpdatingMs);
    return {{"TableDescription", t.describe()}};
}

void leave_group_on_delete(core::Region& region, TableMeta& t) {
    if (!t.group.global()) return;
    mrsc::check_delete_table(t);
    const ReplicaMember* self = t.group.find(std::string(region.code()));
    if (self && self->source_until > region.now())
        throw_validation(
            "Replica cannot be deleted because it has acted as a source region for new "
            "replica(s) being added to the table in the last 24 hours.");
    if (t.group.has_change_in_progress()) throw_in_use();
    region.replicator().remove_member(t, std::string(region.code()));
}

// ---- legacy version 2017.11.29 ----

namespace {
[[noreturn]] void throw_legacy_unsupported() {
    throw_invalid_parameter(
        "DynamoDB global tables version 2017.11.29 is not supported. We recommend using "
        "DynamoDB global tables version 2019.11.21, instead of version 2017.11.29 (Legacy).");
}

[[noreturn]] void throw_global_table_not_found(const Json& request) {
    throw ApiError("GlobalTableNotFoundException",
                   "Global table not found: Global table with name: '" +
                       request.at("GlobalTableName").get<std::string>() + "' does not exist.");
}
}  // namespace

Json create_global_table(core::Region&, const Json&) {
    throw_legacy_unsupported();
}

Json update_global_table(core::Region&, const Json& request) {
    const Json* updates = member(request, "ReplicaUpdates");
    if (!updates || updates->empty()) throw_validation("One or more parameter values were invalid");
    throw_legacy_unsupported();
}

Json describe_global_table(core::Region&, const Json& request) {
    throw_global_table_not_found(request);
}

Json describe_global_table_settings(core::Region&, const Json& request) {
    throw_global_table_not_found(request);
}

Json list_global_tables(core::Region&, const Json&) {
    return {{"GlobalTables", Json::array()}};
}

}  // namespace tablespan::api
