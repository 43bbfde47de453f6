#include "mrsc/group_updates.h"

#include <algorithm>
#include <set>

#include "api/lifecycle.h"
#include "api/request_util.h"
#include "core/region.h"
#include "core/replicator.h"

namespace tablespan::mrsc {

namespace {
// Regions that offer strong consistency (reference §3.5: the three region sets; a
// probe in 2026 accepted a replica and a witness from different sets, so any of them
// may be combined).
const std::set<std::string>& capable_regions() {
    static const std::set<std::string> regions = {
        "us-east-1", "us-east-2",    "us-west-2",      "eu-west-1",      "eu-west-2",
        "eu-west-3", "eu-central-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3"};
    return regions;
}

struct Actions {
    std::vector<std::string> create, remove, update;  // replica actions by kind
    std::vector<std::string> witness_create, witness_remove;
};

Actions read_actions(const Json& request) {
    Actions a;
    if (const Json* updates = api::member(request, "ReplicaUpdates"))
        for (const auto& element : *updates) {
            if (const Json* c = api::member(element, "Create"))
                a.create.push_back(c->at("RegionName"));
            if (const Json* d = api::member(element, "Delete"))
                a.remove.push_back(d->at("RegionName"));
            if (const Json* u = api::member(element, "Update"))
                a.update.push_back(u->at("RegionName"));
        }
    if (const Json* witnesses = api::member(request, "GlobalTableWitnessUpdates"))
        for (const auto& element : *witnesses) {
            if (const Json* c = api::member(element, "Create"))
                a.witness_create.push_back(c->at("RegionName"));
            if (const Json* d = api::member(element, "Delete"))
                a.witness_remove.push_back(d->at("RegionName"));
        }
    return a;
}

std::string list(const std::vector<std::string>& regions) {
    std::string out;
    for (const auto& r : regions) out += (out.empty() ? "" : ", ") + r;
    return "[" + out + "]";
}

[[noreturn]] void throw_in_use() {
    throw ApiError("ResourceInUseException",
                   "The resource which you are attempting to change is in use.");
}

[[noreturn]] void throw_one_replica() {
    throw_validation(
        "Deletion of only one table replica is not supported for global tables with "
        "MultiRegionConsistency set to STRONG.");
}

Json create_group(core::Region& region, api::TableMeta& t, const Actions& a) {
    if (!a.remove.empty() || !a.update.empty() || !a.witness_remove.empty())
        throw_validation(
            "Only Replica Create actions are supported when MultiRegionConsistency parameter is "
            "provided.");
    if (a.create.size() + a.witness_create.size() != 2 || a.create.empty())
        throw_validation(
            "Unsupported replica count for global tables with MultiRegionConsistency set to "
            "STRONG.");
    std::vector<std::string> unsupported;
    for (const auto* regions : {&a.create, &a.witness_create})
        for (const auto& r : *regions)
            if (!capable_regions().count(r)) unsupported.push_back(r);
    if (!capable_regions().count(std::string(region.code())))
        unsupported.insert(unsupported.begin(), std::string(region.code()));
    if (!unsupported.empty())
        throw_validation(
            "Unsupported Region(s) specified for global tables with MultiRegionConsistency set "
            "to STRONG: " +
            list(unsupported) + ".");
    const std::string witness = a.witness_create.empty() ? "" : a.witness_create.front();
    if (a.create.size() == 2 && a.create[0] == a.create[1])
        throw_validation("Cannot target multiple regions with the same action");
    if (!witness.empty() && witness == a.create.front())
        throw_validation("Cannot target multiple regions with the same action");
    if (witness == region.code())
        throw_validation(
            "Cannot add a witness in the same region as an existing replica when creating a "
            "global table with MultiRegionConsistency set to STRONG.");
    for (const auto& r : a.create)
        if (r == region.code())
            throw_validation(
                "Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, "
                "DeleteTable, or UpdateTable as required.");
    if (t.group.global())
        throw_validation(
            "MultiRegionConsistency parameter is unsupported on existing global table");
    if (t.status != "ACTIVE" || t.group.has_change_in_progress()) throw_in_use();
    if (t.billing_mode != "PAY_PER_REQUEST")
        throw_validation("Table write capacity should either be Pay-Per-Request or AutoScaled.");
    // Not on record (reference §3.5 has them from secondary sources): an MRSC group is made
    // from an empty table, and has no local secondary indexes and no Time to Live.
    if (t.item_count > 0)
        throw_validation(
            "The table must be empty to create a global table with MultiRegionConsistency set "
            "to STRONG.");
    if (std::any_of(t.indexes.begin(), t.indexes.end(), [](const auto& ix) { return !ix.global; }))
        throw_validation(
            "Global tables with MultiRegionConsistency set to STRONG do not support local "
            "secondary indexes.");
    if (t.ttl_enabled)
        throw_validation(
            "Global tables with MultiRegionConsistency set to STRONG do not support Time to "
            "Live.");
    for (const auto& r : a.create) {
        core::Region* destination = region.core().region(r);
        if (destination && destination->has_table(t.name))
            throw_validation("Failed to create a the new replica of table with name: '" + t.name +
                             "' because one or more replicas already existed as tables.");
    }
    region.replicator().create_strong_group(t, a.create, witness);
    return {{"TableDescription", t.describe()}};
}

Json dissolve_group(core::Region& region, api::TableMeta& t, const Actions& a) {
    std::vector<std::string> strangers;
    for (const auto& w : a.witness_remove)
        if (!t.group.find_witness(w)) strangers.push_back(w);
    if (!strangers.empty())
        throw_validation(
            "Update global table operation failed because one or more witnesses were not part "
            "of the global table. Please retry the request without these witnesses: " +
            list(strangers) + ".");
    for (const auto& r : a.remove)
        if (!t.group.find(r))
            throw_validation(
                "Update global table operation failed because one or more replicas were not part "
                "of the global table. Please retry the request without these replicas: [" +
                r + "].");
    for (const auto& w : t.group.witnesses)
        if (std::find(a.witness_remove.begin(), a.witness_remove.end(), w.region) ==
            a.witness_remove.end())
            throw_validation("Update table delete operation does not include all witnesses.");
    for (const auto& m : t.group.members)
        if (m.region != region.code() &&
            std::find(a.remove.begin(), a.remove.end(), m.region) == a.remove.end())
            throw_one_replica();
    if (t.status != "ACTIVE" || t.group.has_change_in_progress()) throw_in_use();
    region.replicator().dissolve_strong_group(t);
    return {{"TableDescription", t.describe()}};
}
}  // namespace

bool concerns_strong_group(core::Region& region, const Json& request) {
    if (api::member(request, "MultiRegionConsistency") ||
        api::member(request, "GlobalTableWitnessUpdates"))
        return true;
    const Json* name = api::member(request, "TableName");
    const api::TableMeta* t =
        name && name->is_string() ? region.find_table(name->get<std::string>()) : nullptr;
    return t && t->group.strong;
}

Json update_strong_group(core::Region& region, const Json& request) {
    for (const char* other :
         {"ProvisionedThroughput", "BillingMode", "StreamSpecification", "SSESpecification",
          "TableClass", "DeletionProtectionEnabled", "GlobalSecondaryIndexUpdates",
          "OnDemandThroughput", "WarmThroughput"})
        if (api::member(request, other))
            throw_validation(
                "Requests that modify replicas or witnesses must not also modify other fields");
    const Actions a = read_actions(request);
    const auto mode = api::string_member(request, "MultiRegionConsistency");
    api::TableMeta& t = api::table_for_control(region, request.at("TableName"));
    if (t.group.strong) {
        if (mode) {
            if (*mode == "STRONG" && (!a.remove.empty() || !a.witness_remove.empty()))
                throw_validation(
                    "Only Replica Create actions are supported when MultiRegionConsistency "
                    "parameter is provided.");
            if (*mode == "STRONG" && a.create.size() + a.witness_create.size() != 2)
                throw_validation(
                    "Unsupported replica count for global tables with MultiRegionConsistency set "
                    "to STRONG.");
            throw_validation(
                "MultiRegionConsistency parameter is unsupported on existing global table");
        }
        if (!a.create.empty() || !a.witness_create.empty())
            throw_validation(
                "Cannot add replicas to a global table with strong MultiRegionConsistency");
        if (!a.update.empty())
            throw_validation(
                "There are no actions specified in the Replica Update Action of the request.");
        return dissolve_group(region, t, a);
    }
    if (mode != std::optional<std::string>("STRONG")) {
        if (!a.witness_create.empty() || !a.witness_remove.empty())
            throw_validation(
                "MultiRegionConsistency must be set as STRONG when GlobalTableWitnessUpdates "
                "parameter is present.");
        return {};  // EVENTUAL: an ordinary replica change
    }
    return create_group(region, t, a);
}

void check_delete_table(const api::TableMeta& t) {
    if (t.group.strong) throw_one_replica();
}

void check_time_to_live(const api::TableMeta& t) {
    if (t.group.strong)
        throw_validation(
            "Global tables with MultiRegionConsistency set to STRONG do not support Time to "
            "Live.");
}

}  // namespace tablespan::mrsc
