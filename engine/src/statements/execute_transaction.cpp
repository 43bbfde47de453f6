// ExecuteTransaction: up to 100 statements, all reads (as TransactGetItems) or all
// writes (as TransactWriteItems, with EXISTS(SELECT …) as a ConditionCheck), all or
// nothing (../shared/reference/dynamodb-data-plane.md §6.3). How a statement's
// translation fails follows DynamoDB Local's TransactionProcessor (decompiled in public
// repositories): a key missing or of the wrong type cancels the transaction with a
// ValidationError reason at that statement, an unknown table is ResourceNotFound, any
// other problem is "Validation failed in TransactStatements[<i>]: <message>".

#include "api/handlers.h"
#include "api/request_util.h"
#include "core/region.h"
#include "expr/expressions.h"
#include "partiql/parser.h"
#include "statements/run.h"
#include "statements/statement_keys.h"
#include "statements/write_requests.h"
#include "tablespan/error.h"
#include "transactions/cancellation.h"

namespace tablespan::api {

namespace {
using partiql::Statement;

bool starts_with(const std::string& s, const char* prefix) {
    return s.rfind(prefix, 0) == 0;
}

// What TransactWriteItems or TransactGetItems gets for statement `i`.
Json transact_item(core::Region& region, const Statement& s, const Json& entry) {
    if (!s.returning.empty())
        throw_validation("RETURNING clause is not supported in ExecuteTransaction.");
    const TableMeta& table = table_for_data(region, s.table);
    if (s.kind == Statement::Kind::Select) {
        if (s.index) throw_validation("Reads on indices are not supported within transactions.");
        statements::ItemKey key;
        try {
            key = statements::item_key(s.where, table);
        } catch (const ApiError& e) {
            if (starts_with(e.error().message, "Key attribute")) throw;
            key.rest = s.where;
        }
        if (key.rest)
            throw_validation(
                "Select statements within ExecuteTransaction must specify the primary key in the "
                "where clause.");
        return {{"Get", {{"TableName", table.name}, {"Key", key.key}}}};
    }
    statements::WriteRequest w = statements::write_request(s, table);
    if (const Json* rv = member(entry, "ReturnValuesOnConditionCheckFailure"))
        w.request["ReturnValuesOnConditionCheckFailure"] = *rv;
    const char* action = w.operation == "PutItem"      ? "Put"
                         : w.operation == "UpdateItem" ? "Update"
                         : w.operation == "DeleteItem" ? "Delete"
                                                       : "ConditionCheck";
    return {{action, std::move(w.request)}};
}
}  // namespace

Json execute_transaction(core::Region& region, const Json& request) {
    const Json& entries = request.at("TransactStatements");
    std::vector<Statement> parsed;
    for (const auto& entry : entries)
        parsed.push_back(
            partiql::parse(entry.at("Statement").get<std::string>(), member(entry, "Parameters")));
    std::size_t selects = 0;
    for (const auto& s : parsed) selects += s.kind == Statement::Kind::Select;
    if (selects && selects != parsed.size())
        throw_validation(
            "ExecuteTransaction API does not support both read and write operations in the same "
            "request.");

    Json items = Json::array();
    for (std::size_t i = 0; i < parsed.size(); ++i) {
        try {
            items.push_back(transact_item(region, parsed[i], entries[i]));
        } catch (const ApiError& e) {
            const std::string& message = e.error().message;
            if (e.error().type != "ValidationException") throw;
            if (starts_with(message, "Key attribute") ||
                starts_with(message, "Where clause does not contain") ||
                starts_with(message, "Multiple conditions on same key")) {
                transactions::Cancellation cancel(parsed.size());
                cancel.set(i, "ValidationError", message);
                cancel.raise();
            }
            throw_validation("Validation failed in TransactStatements[" + std::to_string(i) +
                             "]: " + message);
        }
    }
    Json translated = {{"TransactItems", std::move(items)}};
    for (const char* name : {"ClientRequestToken", "ReturnConsumedCapacity"})
        if (const Json* v = member(request, name)) translated[name] = *v;

    const expr::GeneratedScope generated;
    if (selects) {
        Json out = transact_get_items(region, translated);
        for (std::size_t i = 0; i < parsed.size(); ++i) {
            Json& response = out["Responses"][i];
            if (response.contains("Item"))
                response["Item"] = statements::project(parsed[i], response["Item"]);
        }
        return out;
    }
    try {
        return transact_write_items(region, translated);
    } catch (ApiError& e) {
        if (e.error().type != "TransactionCanceledException") throw;
        // An INSERT's key that exists: DynamoDB Local's mapping of the duplicate to a
        // ValidationError reason with the INSERT's own text.
        Json& reasons = e.error().extra["CancellationReasons"];
        transactions::Cancellation cancel(parsed.size());
        for (std::size_t i = 0; i < parsed.size(); ++i) {
            const Json& r = reasons[i];
            if (r["Code"] == "None") continue;
            if (parsed[i].kind == Statement::Kind::Insert && r["Code"] == "ConditionalCheckFailed")
                cancel.set(i, "ValidationError", statements::kDuplicateItem);
            else
                cancel.set(i, r["Code"], r.value("Message", ""),
                           r.contains("Item") ? std::optional<Json>(r["Item"]) : std::nullopt);
        }
        cancel.raise();
    }
}

}  // namespace tablespan::api
