// BatchExecuteStatement: up to 25 statements, all reads or all writes, each answered on
// its own: an HTTP 200 whose Responses hold an item, or an Error with the
// BatchStatementErrorCodeEnum code (../shared/reference/dynamodb-data-plane.md §6.3).
// Each read names one item by its whole key.

#include <optional>

#include "api/handlers.h"
#include "api/request_util.h"
#include "core/region.h"
#include "partiql/parser.h"
#include "statements/run.h"
#include "statements/statement_keys.h"
#include "tablespan/error.h"

namespace tablespan::api {

namespace {
// The exception's name as a BatchStatementErrorCodeEnum value.
std::string error_code(const std::string& type) {
    if (type == "ValidationException") return "ValidationError";
    if (type == "ThrottlingException") return "ThrottlingError";
    const std::string suffix = "Exception";
    if (type.size() > suffix.size() &&
        type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0)
        return type.substr(0, type.size() - suffix.size());
    return type;
}

void add_capacity(Json& list, const Json& capacity) {
    for (auto& entry : list)
        if (entry["TableName"] == capacity["TableName"]) {
            entry["CapacityUnits"] =
                entry["CapacityUnits"].get<double>() + capacity["CapacityUnits"].get<double>();
            return;
        }
    list.push_back(
        {{"TableName", capacity["TableName"]}, {"CapacityUnits", capacity["CapacityUnits"]}});
}
}  // namespace

Json batch_execute_statement(core::Region& region, const Json& request) {
    const Json& entries = request.at("Statements");
    std::vector<std::optional<partiql::Statement>> parsed;
    std::vector<Json> errors(entries.size());
    bool reads = false, writes = false;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        try {
            parsed.push_back(partiql::parse(entries[i].at("Statement").get<std::string>(),
                                            member(entries[i], "Parameters")));
            (parsed.back()->kind == partiql::Statement::Kind::Select ? reads : writes) = true;
        } catch (const ApiError& e) {
            parsed.emplace_back();
            errors[i] = {{"Code", error_code(e.error().type)}, {"Message", e.error().message}};
        }
    }
    // The developer guide: "The entire batch must consist of either read statements or
    // write statements". The text is Tablespan's; the service's is not on record.
    if (reads && writes)
        throw_validation(
            "BatchExecuteStatement API does not support both read and write operations in the "
            "same request.");

    Json responses = Json::array();
    Json capacity = Json::array();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        Json response = Json::object();
        if (!parsed[i]) {
            response["Error"] = errors[i];
            responses.push_back(std::move(response));
            continue;
        }
        const partiql::Statement& s = *parsed[i];
        Json options = entries[i];
        if (const Json* rcc = member(request, "ReturnConsumedCapacity"))
            options["ReturnConsumedCapacity"] = *rcc;
        try {
            Json answer;
            if (s.kind == partiql::Statement::Kind::Select) {
                const TableMeta& table = table_for_data(region, s.table);
                try {
                    if (s.index) throw_validation("");
                    statements::item_key(s.where, table);
                } catch (const ApiError&) {
                    throw_validation(
                        "Select statements within BatchExecuteStatement must specify the primary "
                        "key in the where clause.");
                }
                answer = statements::run_select(region, s, options);
                if (!answer["Items"].empty()) response["Item"] = answer["Items"][0];
            } else if (s.kind == partiql::Statement::Kind::Exists) {
                throw_validation("EXISTS can only be used in ExecuteTransaction write requests.");
            } else {
                answer = statements::run_write(region, s, options);
            }
            response["TableName"] = s.table;
            if (answer.contains("ConsumedCapacity"))
                add_capacity(capacity, answer["ConsumedCapacity"]);
        } catch (const ApiError& e) {
            Json error = {{"Code", error_code(e.error().type)}, {"Message", e.error().message}};
            if (e.error().extra.contains("Item")) error["Item"] = e.error().extra["Item"];
            response["Error"] = std::move(error);
            if (e.error().type != "ResourceNotFoundException") response["TableName"] = s.table;
        }
        responses.push_back(std::move(response));
    }
    Json out = {{"Responses", std::move(responses)}};
    if (!capacity.empty()) out["ConsumedCapacity"] = std::move(capacity);
    return out;
}

}  // namespace tablespan::api
