#include "api/dispatch.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "api/handlers.h"
#include "api/request_validator.h"
#include "kms/kms_dispatch.h"
#include "tablespan/error.h"

namespace tablespan::api {

namespace {
// Most operations take a name or an ARN (the model's TableArn shape); a plain name
// still follows the service's naming rule, reported as a constraint violation.
void validate_table_name(const Json& request) {
    auto it = request.find("TableName");
    if (it == request.end() || !it->is_string()) return;
    const std::string& name = it->get_ref<const std::string&>();
    if (name.rfind("arn:", 0) == 0) return;
    std::vector<std::string> errors;
    const std::string prefix = "Value '" + name + "' at 'tableName' failed to satisfy constraint: ";
    bool pattern_ok = std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-' || c == '.';
    });
    if (!pattern_ok)
        errors.push_back(prefix +
                         "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    if (name.size() < 3)
        errors.push_back(prefix + "Member must have length greater than or equal to 3");
    if (name.size() > 255)
        errors.push_back(prefix + "Member must have length less than or equal to 255");
    throw_constraint_violations(errors);
}

// Whether `request` nests arrays and objects deeper than `limit`. Iterative, because the
// validator and the handlers that walk a request recurse: a request nested a hundred
// thousand levels (about a megabyte) would overflow a thread's stack.
bool nested_deeper_than(const Json& request, std::size_t limit) {
    std::vector<std::pair<const Json*, std::size_t>> open{{&request, 1}};
    while (!open.empty()) {
        auto [value, depth] = open.back();
        open.pop_back();
        if (!value->is_structured()) continue;
        if (depth > limit) return true;
        for (const auto& child : *value) open.emplace_back(&child, depth + 1);
    }
    return false;
}

const std::map<std::string_view, Handler>& handlers() {
    static const std::map<std::string_view, Handler> table = {
        {"BatchGetItem", batch_get_item},
        {"BatchWriteItem", batch_write_item},
        {"CreateGlobalTable", create_global_table},
        {"CreateTable", create_table},
        {"DeleteItem", delete_item},
        {"DeleteTable", delete_table},
        {"DescribeGlobalTable", describe_global_table},
        {"DescribeGlobalTableSettings", describe_global_table_settings},
        {"DescribeTable", describe_table},
        {"GetItem", get_item},
        {"ListGlobalTables", list_global_tables},
        {"ListTables", list_tables},
        {"PutItem", put_item},
        {"Query", query},
        {"Scan", scan},
        {"UpdateGlobalTable", update_global_table},
        {"UpdateItem", update_item},
        {"UpdateTable", update_table},
        // Auto scaling.
        {"DescribeTableReplicaAutoScaling", describe_table_replica_auto_scaling},
        {"UpdateTableReplicaAutoScaling", update_table_replica_auto_scaling},
        // Backups and point-in-time recovery.
        {"CreateBackup", create_backup},
        {"DeleteBackup", delete_backup},
        {"DescribeBackup", describe_backup},
        {"DescribeContinuousBackups", describe_continuous_backups},
        {"ListBackups", list_backups},
        {"RestoreTableFromBackup", restore_table_from_backup},
        {"RestoreTableToPointInTime", restore_table_to_point_in_time},
        // Time to Live.
        {"DescribeTimeToLive", describe_time_to_live},
        {"UpdateTimeToLive", update_time_to_live},
        // Tags.
        {"TagResource", tag_resource},
        {"UntagResource", untag_resource},
        {"ListTagsOfResource", list_tags_of_resource},
        {"UpdateContinuousBackups", update_continuous_backups},
        // Transactions.
        {"TransactWriteItems", transact_write_items},
        {"TransactGetItems", transact_get_items},
        // PartiQL.
        {"ExecuteStatement", execute_statement},
        {"BatchExecuteStatement", batch_execute_statement},
        {"ExecuteTransaction", execute_transaction},
        // DynamoDB Streams.
        {"ListStreams", list_streams},
        {"DescribeStream", describe_stream},
        {"GetShardIterator", get_shard_iterator},
        {"GetRecords", get_records},
    };
    return table;
}
}  // namespace

std::vector<std::string_view> implemented_operations() {
    std::vector<std::string_view> out;
    for (const auto& [name, h] : handlers()) out.push_back(name);
    return out;
}

Json dispatch(core::Region& region, std::string_view operation, const Json& request) {
    if (kms::is_kms_operation(operation))
        return kms::dispatch(region, operation.substr(kms::kOperationPrefix.size()), request);
    auto it = handlers().find(operation);
    if (it == handlers().end()) {
        if (model_has_operation(operation))
            throw ApiError("UnknownOperationException",
                           "Tablespan does not implement " + std::string(operation) + " yet.");
        throw ApiError("UnknownOperationException", "");
    }
    if (!request.is_object())
        throw ApiError("SerializationException", request.is_array()
                                                     ? "Start of list found where not expected"
                                                     : "Unexpected token received from parser");
    if (nested_deeper_than(request, kMaxJsonNesting))
        throw ApiError("SerializationException",
                       "Document nesting depth exceeds the maximum allowed (" +
                           std::to_string(kMaxJsonNesting) + ")");
    validate_request(operation, request);
    validate_table_name(request);
    return it->second(region, request);
}

}  // namespace tablespan::api
