// UpdateTableReplicaAutoScaling and DescribeTableReplicaAutoScaling (global tables version
// 2019.11.21, and regional tables, which answer with their one replica). The settings are
// kept with the table's metadata in every replica (autoscaling/table_scaling.h); the
// scaling itself runs in each region (autoscaling/scaler.h).
//
// Checks in the service's order as far as it is known: the table (ResourceNotFound),
// the members' settings (ValidationException), then the table's state. Texts the
// reference does not record are Tablespan's, in the service's style.

#include <algorithm>
#include <set>

#include "api/handlers.h"
#include "api/request_util.h"
#include "autoscaling/scaler.h"
#include "autoscaling/settings_update.h"
#include "core/region.h"

namespace tablespan::api {

namespace {
using autoscaling::Policy;
using autoscaling::PolicyDefaults;
using autoscaling::TableScaling;

// The names and role Application Auto Scaling gives DynamoDB's scalable dimensions when
// the request names none (the AWS CLI's update-table-replica-auto-scaling example names
// its policy "DynamoDBWriteCapacityUtilization:table/MusicCollection").
PolicyDefaults defaults(const TableMeta& t, bool write, const std::string& index = {}) {
    std::string resource = "table/" + t.name;
    if (!index.empty()) resource += "/index/" + index;
    return {
        std::string("DynamoDB") + (write ? "Write" : "Read") + "CapacityUtilization:" + resource,
        "arn:aws:iam::" + t.account_id +
            ":role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/"
            "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable"};
}

std::vector<std::string> replica_regions(core::Region& region, const TableMeta& t) {
    std::vector<std::string> out;
    for (const auto& m : t.group.members) out.push_back(m.region);
    if (out.empty()) out.emplace_back(region.code());
    return out;
}

const indexes::SecondaryIndex& global_index(const TableMeta& t, const Json& update) {
    auto name = string_member(update, "IndexName");
    if (!name) throw_validation("IndexName is required for a global secondary index update");
    const auto* ix = t.find_index(*name);
    if (!ix || !ix->global)
        throw ApiError("ResourceNotFoundException", "Requested resource not found: Index: " +
                                                        *name + " not found for table " + t.name);
    return *ix;
}

Json describe_scaling(core::Region& region, const TableMeta& t) {
    Json replicas = Json::array();
    for (const auto& code : replica_regions(region, t)) {
        const ReplicaMember* m = t.group.find(code);
        Json r = {
            {"RegionName", code},
            {"ReplicaStatus", m ? m->status : t.status},
            {"ReplicaProvisionedReadCapacityAutoScalingSettings",
             t.scaling.read_in(code).describe()},
            {"ReplicaProvisionedWriteCapacityAutoScalingSettings", t.scaling.write.describe()}};
        Json gsis = Json::array();
        for (const auto& ix : t.indexes) {
            if (!ix.global) continue;
            gsis.push_back({{"IndexName", ix.name},
                            {"IndexStatus", ix.status},
                            {"ProvisionedReadCapacityAutoScalingSettings",
                             t.scaling.index_read_in(ix.name, code).describe()},
                            {"ProvisionedWriteCapacityAutoScalingSettings",
                             t.scaling.index_write(ix.name).describe()}});
        }
        if (!gsis.empty()) r["GlobalSecondaryIndexes"] = std::move(gsis);
        replicas.push_back(std::move(r));
    }
    return {{"TableName", t.name}, {"TableStatus", t.status}, {"Replicas", std::move(replicas)}};
}

// The request's settings onto a copy of the table's; throws before anything changes.
TableScaling updated_scaling(core::Region& region, const TableMeta& t, const Json& request) {
    TableScaling s = t.scaling;
    if (const Json* write = member(request, "ProvisionedWriteCapacityAutoScalingUpdate"))
        autoscaling::apply_update(s.write, *write, defaults(t, true),
                                  "ProvisionedWriteCapacityAutoScalingUpdate");
    if (const Json* gsis = member(request, "GlobalSecondaryIndexUpdates"))
        for (const auto& g : *gsis) {
            const auto& ix = global_index(t, g);
            // The messages name the index: the same member of the table and of each index
            // would read alike.
            if (const Json* write = member(g, "ProvisionedWriteCapacityAutoScalingUpdate"))
                autoscaling::apply_update(
                    s.indexes[ix.name].write, *write, defaults(t, true, ix.name),
                    "ProvisionedWriteCapacityAutoScalingUpdate of index " + ix.name);
        }
    if (const Json* replicas = member(request, "ReplicaUpdates")) {
        const auto members = replica_regions(region, t);
        std::set<std::string> seen;
        for (const auto& r : *replicas) {
            const std::string code = r.at("RegionName").get<std::string>();
            if (std::find(members.begin(), members.end(), code) == members.end())
                throw ApiError("ResourceNotFoundException",
                               "Requested resource not found: Replica: " + code +
                                   " not found for table " + t.name);
            if (!seen.insert(code).second)
                throw_validation("Duplicate replica in ReplicaUpdates: " + code);
            if (const Json* read = member(r, "ReplicaProvisionedReadCapacityAutoScalingUpdate"))
                autoscaling::apply_update(
                    s.read[code], *read, defaults(t, false),
                    "ReplicaProvisionedReadCapacityAutoScalingUpdate of replica " + code);
            if (const Json* gsis = member(r, "ReplicaGlobalSecondaryIndexUpdates"))
                for (const auto& g : *gsis) {
                    const auto& ix = global_index(t, g);
                    if (const Json* read = member(g, "ProvisionedReadCapacityAutoScalingUpdate"))
                        autoscaling::apply_update(
                            s.indexes[ix.name].read[code], *read, defaults(t, false, ix.name),
                            "ProvisionedReadCapacityAutoScalingUpdate of index " + ix.name +
                                " in replica " + code);
                }
        }
    }
    // Unregistered entries carry nothing: drop them, so a table whose auto scaling was
    // turned off everywhere stores none.
    for (auto it = s.read.begin(); it != s.read.end();)
        it = it->second.registered ? std::next(it) : s.read.erase(it);
    for (auto it = s.indexes.begin(); it != s.indexes.end();) {
        auto& reads = it->second.read;
        for (auto r = reads.begin(); r != reads.end();)
            r = r->second.registered ? std::next(r) : reads.erase(r);
        it = it->second.write.registered || !reads.empty() ? std::next(it) : s.indexes.erase(it);
    }
    return s;
}

bool asks_for_change(const Json& request) {
    return member(request, "ProvisionedWriteCapacityAutoScalingUpdate") ||
           member(request, "GlobalSecondaryIndexUpdates") || member(request, "ReplicaUpdates");
}
}  // namespace

Json update_table_replica_auto_scaling(core::Region& region, const Json& request) {
    TableMeta& t = table_for_control(region, request.at("TableName"));
    if (!asks_for_change(request))
        return {{"TableAutoScalingDescription", describe_scaling(region, t)}};
    TableScaling s = updated_scaling(region, t, request);
    // Auto scaling adjusts provisioned capacity: an on-demand table has none to adjust.
    if (t.billing_mode != "PROVISIONED")
        throw_validation(
            "Auto scaling cannot be configured for table " + t.name +
            " because its billing mode is PAY_PER_REQUEST. Switch the table to PROVISIONED first.");
    if (t.status != "ACTIVE")
        throw ApiError("ResourceInUseException",
                       "Attempt to change a resource which is still in use: Table is being " +
                           std::string(t.status == "CREATING"   ? "created"
                                       : t.status == "DELETING" ? "deleted"
                                                                : "updated") +
                           ": " + t.name);
    t.scaling = std::move(s);
    region.save_table(t);
    autoscaling::fan_out(region, t);
    autoscaling::start(region, t);
    return {{"TableAutoScalingDescription", describe_scaling(region, t)}};
}

Json describe_table_replica_auto_scaling(core::Region& region, const Json& request) {
    const TableMeta& t = table_for_control(region, request.at("TableName"));
    return {{"TableAutoScalingDescription", describe_scaling(region, t)}};
}

}  // namespace tablespan::api
