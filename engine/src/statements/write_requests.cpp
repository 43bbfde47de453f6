#include "statements/write_requests.h"

#include "partiql/expression_builder.h"
#include "statements/statement_keys.h"
#include "tablespan/error.h"

namespace tablespan::statements {

using partiql::Statement;

namespace {
std::vector<api::KeyElement> key_schema(const api::TableMeta& table) {
    std::vector<api::KeyElement> keys = {table.partition_key};
    if (table.sort_key) keys.push_back(*table.sort_key);
    return keys;
}

// attribute_exists(<partition key>) or attribute_not_exists(…), and the rest of the
// WHERE joined with `join` ("AND", "OR").
std::string key_condition(partiql::ExpressionBuilder& b, const api::TableMeta& table,
                          const char* function, const char* join, const partiql::ExprPtr& rest) {
    std::string out = std::string(function) + "(" + b.path({{table.partition_key.name, -1}}) + ")";
    if (rest) out += std::string(" ") + join + " (" + b.condition(*rest) + ")";
    return out;
}

const char* return_values(const std::string& returning) {
    if (returning == "ALL OLD") return "ALL_OLD";
    if (returning == "MODIFIED OLD") return "UPDATED_OLD";
    if (returning == "ALL NEW") return "ALL_NEW";
    if (returning == "MODIFIED NEW") return "UPDATED_NEW";
    return nullptr;
}

WriteRequest insert(const Statement& s, const api::TableMeta& table) {
    for (const auto& key : key_schema(table)) {
        if (!s.item.contains(key.name))
            throw_validation("Key attribute should be present in the item: Key " + key.name);
        check_key_value(key, s.item.at(key.name));
    }
    partiql::ExpressionBuilder b;
    Json request = {{"TableName", table.name}, {"Item", s.item}};
    request["ConditionExpression"] = key_condition(b, table, "attribute_not_exists", "", nullptr);
    b.add_to(request);
    return {"PutItem", std::move(request)};
}

WriteRequest update(const Statement& s, const api::TableMeta& table) {
    ItemKey key = item_key(s.where, table);
    partiql::ExpressionBuilder b;
    Json request = {{"TableName", table.name}, {"Key", key.key}};
    request["UpdateExpression"] = b.update(s.updates);
    request["ConditionExpression"] = key_condition(b, table, "attribute_exists", "AND", key.rest);
    if (const char* rv = return_values(s.returning)) request["ReturnValues"] = rv;
    b.add_to(request);
    return {"UpdateItem", std::move(request)};
}

WriteRequest remove(const Statement& s, const api::TableMeta& table) {
    ItemKey key = item_key(s.where, table);
    partiql::ExpressionBuilder b;
    Json request = {{"TableName", table.name}, {"Key", key.key}};
    if (key.rest)
        request["ConditionExpression"] =
            key_condition(b, table, "attribute_not_exists", "OR", key.rest);
    if (!s.returning.empty()) request["ReturnValues"] = "ALL_OLD";
    b.add_to(request);
    return {"DeleteItem", std::move(request)};
}

// EXISTS(SELECT * FROM t WHERE <key> AND <condition>): the item must exist and meet the
// condition (DynamoDB Local: "EXISTS() must contain a single item read with additional
// condition").
WriteRequest exists(const Statement& s, const api::TableMeta& table) {
    if (s.index) throw_validation("Operations on indices are not supported in transactions");
    ItemKey key;
    try {
        key = item_key(s.where, table);
    } catch (const ApiError&) {
        throw_validation("EXISTS() must contain a single item read with additional condition");
    }
    partiql::ExpressionBuilder b;
    Json request = {{"TableName", table.name}, {"Key", key.key}};
    request["ConditionExpression"] = key_condition(b, table, "attribute_exists", "AND", key.rest);
    b.add_to(request);
    return {"ConditionCheck", std::move(request)};
}
}  // namespace

WriteRequest write_request(const Statement& statement, const api::TableMeta& table) {
    switch (statement.kind) {
        case Statement::Kind::Insert:
            return insert(statement, table);
        case Statement::Kind::Update:
            return update(statement, table);
        case Statement::Kind::Delete:
            return remove(statement, table);
        case Statement::Kind::Exists:
            return exists(statement, table);
        case Statement::Kind::Select:
            break;
    }
    throw_validation("Unsupported operation: SELECT");
}

}  // namespace tablespan::statements
