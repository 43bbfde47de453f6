// UpdateTimeToLive and DescribeTimeToLive. The service's checks in its order, its texts,
// and its timing: ../shared/reference/dynamodb-data-plane.md §4.1 (the ACK controller's
// live probes; Alternator's test_ttl.py, run against the service). The setting takes
// effect at once (ENABLING/DISABLING were never observed); on a global table it is the
// group's, set in every replica (SEM §1.7).

#include "api/handlers.h"
#include "api/request_util.h"
#include "core/region.h"
#include "kms/key_watch.h"
#include "mrsc/group_updates.h"
#include "ttl/ttl_sweeper.h"

namespace tablespan::api {

namespace {
Json description(const TableMeta& t) {
    Json d = {{"TimeToLiveStatus", t.ttl_enabled ? "ENABLED" : "DISABLED"}};
    if (t.ttl_enabled) d["AttributeName"] = t.ttl_attribute;
    return d;
}

void apply(core::Region& region, TableMeta& t, bool enabled, const std::string& attribute) {
    t.ttl_enabled = enabled;
    t.ttl_attribute = enabled ? attribute : std::string();
    t.ttl_changed_at = region.now();
    region.save_table(t);
    ttl::start_sweeping(region, t);
}
}  // namespace

Json update_time_to_live(core::Region& region, const Json& request) {
    TableMeta& t = table_for_control(region, request.at("TableName"));
    if (t.status == "CREATING" || t.status == "DELETING")
        throw ApiError("ResourceInUseException",
                       "Attempt to change a resource which is still in use: Table is " +
                           std::string(t.status == "CREATING" ? "being created" : "being deleted") +
                           ": " + t.name);
    for (const auto& m : t.group.members)
        if (m.status == "CREATING")
            throw_validation("UpdateTimeToLive is not allowed while the replica is being added: " +
                             m.region);
    mrsc::check_time_to_live(t);
    kms::check_data_access(t);  // refused with the key's error (details/DDB-TABLE-333.md)
    const Json& spec = request.at("TimeToLiveSpecification");
    const bool enable = spec.at("Enabled").get<bool>();
    const std::string attribute = spec.at("AttributeName");
    // Content first, then the interval between changes (ACK#143).
    if (t.ttl_enabled && t.ttl_attribute != attribute)
        throw_validation(
            "TimeToLive is active on a different AttributeName: current AttributeName is " +
            t.ttl_attribute);
    if (enable && t.ttl_enabled) throw_validation("TimeToLive is already enabled");
    if (!enable && !t.ttl_enabled) throw_validation("TimeToLive is already disabled");
    if (t.ttl_changed_at && region.now() < t.ttl_changed_at + region.core().ttl_change_cooldown)
        throw_validation("Time to live has been modified multiple times within a fixed interval");
    apply(region, t, enable, attribute);
    for (const auto& m : t.group.members) {
        if (m.region == region.code()) continue;
        if (core::Region* r = region.core().region(m.region))
            r->post([r, name = t.name, enable, attribute] {
                r->run_internal([&] {
                    if (TableMeta* replica = r->find_table(name))
                        apply(*r, *replica, enable, attribute);
                });
            });
    }
    return {{"TimeToLiveSpecification", {{"Enabled", enable}, {"AttributeName", attribute}}}};
}

Json describe_time_to_live(core::Region& region, const Json& request) {
    TableMeta& t = table_for_control(region, request.at("TableName"));
    if (t.status == "CREATING" || t.status == "DELETING")
        throw_validation("Cannot describe time to live while table is in " + t.status + " state");
    return {{"TimeToLiveDescription", description(t)}};
}

}  // namespace tablespan::api
