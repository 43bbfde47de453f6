#include "api/legacy_conditions.h"

#include <set>

#include "api/request_util.h"
#include "expr/value_ops.h"
#include "tablespan/error.h"

namespace tablespan::api {

namespace {
using Type = AttributeValue::Type;

// How many values each ComparisonOperator takes: exactly `min`, or `min` and more.
struct Arity {
    std::size_t min;
    bool more;
};

Arity arity(const std::string& op) {
    if (op == "NULL" || op == "NOT_NULL") return {0, false};
    if (op == "IN") return {1, true};
    if (op == "BETWEEN") return {2, false};
    return {1, false};
}

// The value types each operator accepts (DG:LegacyConditionalParameters; dynalite's
// query.js tests): EQ and NE take every type, lists and maps included.
bool accepts(const std::string& op, Type t) {
    const bool scalar = t == Type::S || t == Type::N || t == Type::B;
    if (op == "EQ" || op == "NE") return true;
    if (op == "BEGINS_WITH") return t == Type::S || t == Type::B;
    if (op == "CONTAINS" || op == "NOT_CONTAINS")
        return scalar || t == Type::BOOL || t == Type::NUL;
    return scalar;
}

std::vector<AttributeValue> decode_list(const Json* list) {
    std::vector<AttributeValue> out;
    if (list)
        for (const auto& v : *list) out.push_back(decode_value(v));
    return out;
}

// The checks shared by filter entries and Expected entries with a ComparisonOperator,
// after the values decoded.
void check_operands(const std::string& op, const std::vector<AttributeValue>& values) {
    const Arity a = arity(op);
    if (values.size() < a.min || (!a.more && values.size() > a.min))
        throw_invalid_parameter("Invalid number of argument(s) for the " + op +
                                " ComparisonOperator");
    for (const auto& v : values)
        if (v.type() != values.front().type())
            throw_invalid_parameter(
                "AttributeValues inside AttributeValueList must be of same type");
    for (const auto& v : values)
        if (!accepts(op, v.type()))
            throw_invalid_parameter("ComparisonOperator " + op + " is not valid for " +
                                    v.type_name() + " AttributeValue type");
    if (op == "BETWEEN" && expr::order(values[0], values[1]).value_or(0) > 0)
        throw_validation(
            "The BETWEEN condition was provided a range where the lower bound is greater than the "
            "upper bound");
}

// One condition on `attribute` as expression text.
std::string one_condition(const std::string& attribute, const std::string& op,
                          const std::vector<AttributeValue>& values, LegacyText& text) {
    const std::string n = text.name(attribute);
    if (op == "NULL") return "attribute_not_exists(" + n + ")";
    if (op == "NOT_NULL") return "attribute_exists(" + n + ")";
    const std::string v = text.value(values[0]);
    if (op == "EQ") return n + " = " + v;
    if (op == "NE") return n + " <> " + v;
    if (op == "LT") return n + " < " + v;
    if (op == "LE") return n + " <= " + v;
    if (op == "GT") return n + " > " + v;
    if (op == "GE") return n + " >= " + v;
    if (op == "BEGINS_WITH") return "begins_with(" + n + ", " + v + ")";
    if (op == "CONTAINS") return "contains(" + n + ", " + v + ")";
    // A missing attribute does not satisfy NOT_CONTAINS (Alternator's conditions, run
    // against the service), where NOT contains() is true for it. condition_text puts
    // each condition in parentheses; a second pair would be "redundant parentheses".
    if (op == "NOT_CONTAINS")
        return "attribute_exists(" + n + ") AND NOT contains(" + n + ", " + v + ")";
    if (op == "BETWEEN") return n + " BETWEEN " + v + " AND " + text.value(values[1]);
    std::string list = v;  // IN
    for (std::size_t i = 1; i < values.size(); ++i) list += ", " + text.value(values[i]);
    return n + " IN (" + list + ")";
}

// An Expected entry's values: its AttributeValueList, or its Value.
std::vector<AttributeValue> expected_values(const Json& entry) {
    if (const Json* list = member(entry, "AttributeValueList")) return decode_list(list);
    std::vector<AttributeValue> out;
    if (const Json* value = member(entry, "Value")) out.push_back(decode_value(*value));
    return out;
}
}  // namespace

void check_conditions(const Json& conditions) {
    for (auto it = conditions.begin(); it != conditions.end(); ++it) {
        const auto values = decode_list(member(*it, "AttributeValueList"));
        check_operands(it->at("ComparisonOperator").get<std::string>(), values);
    }
}

void check_expected(const Json& expected) {
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        const Json& entry = *it;
        const std::string& attribute = it.key();
        const Json* list = member(entry, "AttributeValueList");
        const Json* value = member(entry, "Value");
        const Json* exists = member(entry, "Exists");
        if (list && value)
            throw_invalid_parameter(
                "Value and AttributeValueList cannot be used together for Attribute: " + attribute);
        if (auto op = string_member(entry, "ComparisonOperator")) {
            if (exists)
                throw_invalid_parameter(
                    "Exists and ComparisonOperator cannot be used together for Attribute: " +
                    attribute);
            if (*op != "NULL" && *op != "NOT_NULL" && !list && !value)
                throw_invalid_parameter(
                    "Value or AttributeValueList must be used with ComparisonOperator: " + *op +
                    " for Attribute: " + attribute);
            check_operands(*op, expected_values(entry));
            continue;
        }
        if (list)
            throw_invalid_parameter(
                "AttributeValueList can only be used with a ComparisonOperator for Attribute: " +
                attribute);
        const bool exists_flag = bool_member(entry, "Exists").value_or(true);
        if (exists_flag && !value)
            throw_invalid_parameter(std::string("Value must be provided when Exists is ") +
                                    (exists ? "true" : "null") + " for Attribute: " + attribute);
        if (!exists_flag && value)
            throw_invalid_parameter("Value cannot be used when Exists is false for Attribute: " +
                                    attribute);
        if (value) decode_value(*value);
    }
}

// The text is not among the service's captured ones (§9 open question 1): it is DynamoDB
// Local's.
void check_conditional_operator(const Json* expected) {
    if (!expected || expected->empty())
        throw_validation("ConditionalOperator cannot be used without Filter or Expected");
}

void check_attributes_to_get(const Json& attributes) {
    std::set<std::string> seen;
    for (const auto& a : attributes)
        if (!seen.insert(a.get<std::string>()).second)
            throw_invalid_parameter("Duplicate value in attribute name: " + a.get<std::string>());
}

std::string condition_text(const Json& conditions, const std::string& conditional_operator,
                           LegacyText& text) {
    std::string out;
    const std::string join = conditional_operator == "OR" ? " OR " : " AND ";
    for (auto it = conditions.begin(); it != conditions.end(); ++it) {
        const Json& entry = *it;
        std::string one;
        if (auto op = string_member(entry, "ComparisonOperator"))
            one = one_condition(it.key(), *op, expected_values(entry), text);
        else if (!bool_member(entry, "Exists").value_or(true))
            one = one_condition(it.key(), "NULL", {}, text);
        else
            one = one_condition(it.key(), "EQ", expected_values(entry), text);
        out += (out.empty() ? "(" : join + "(") + one + ")";
    }
    return out;
}

std::string projection_text(const Json& attributes, LegacyText& text) {
    std::string out;
    for (const auto& a : attributes)
        out += (out.empty() ? "" : ", ") + text.name(a.get<std::string>());
    return out;
}

std::string key_condition_text(const Json& key_conditions, const std::vector<std::string>& hash,
                               const std::vector<std::string>& range, LegacyText& text) {
    // dynalite's actions/query.js, in its order.
    if (!key_conditions.contains(hash.front()))
        throw_validation("Query condition missed key schema element: " + hash.front());
    if (key_conditions.size() > 1 && !range.empty() && !key_conditions.contains(range.front()))
        throw_validation("Query condition missed key schema element: " + range.front());
    static const std::set<std::string> not_indexable = {"NULL",     "NOT_NULL",     "NE",
                                                        "CONTAINS", "NOT_CONTAINS", "IN"};
    for (const auto& condition : key_conditions)
        if (not_indexable.count(condition.at("ComparisonOperator").get<std::string>()))
            throw_validation("Attempted conditional constraint is not an indexable operation");
    if (key_conditions.at(hash.front()).at("ComparisonOperator") != "EQ" ||
        (range.empty() && key_conditions.size() > 1))
        throw_validation("Query key condition not supported");

    std::string out;
    for (const auto* name : {&hash.front(), range.empty() ? nullptr : &range.front()}) {
        if (!name || !key_conditions.contains(*name)) continue;
        const Json& entry = key_conditions.at(*name);
        out += (out.empty() ? "" : " AND ") +
               one_condition(*name, entry.at("ComparisonOperator").get<std::string>(),
                             decode_list(member(entry, "AttributeValueList")), text);
    }
    return out;
}

void check_query_filter_keys(const Json& query_filter, const std::vector<std::string>& keys) {
    for (const auto& key : keys)
        if (query_filter.contains(key))
            throw_validation(
                "QueryFilter can only contain non-primary key attributes: Primary key attribute: " +
                key);
}

}  // namespace tablespan::api
