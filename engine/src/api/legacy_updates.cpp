#include "api/legacy_updates.h"

#include <optional>
#include <utility>

#include "api/request_util.h"
#include "tablespan/error.h"

namespace tablespan::api {

namespace {
using Type = AttributeValue::Type;

std::string action_of(const Json& update) {
    return string_member(update, "Action").value_or("PUT");
}

bool is_set(Type t) {
    return t == Type::SS || t == Type::NS || t == Type::BS;
}
}  // namespace

void check_attribute_updates(const Json& updates) {
    for (const auto& update : updates) {
        const Json* value_json = member(update, "Value");
        std::optional<AttributeValue> value;
        if (value_json) value = decode_value(*value_json);
        const std::string action = action_of(update);
        if (!value && action != "DELETE")
            throw_invalid_parameter(
                "Only DELETE action is allowed when no attribute value is specified");
        if (value && action == "DELETE" && !is_set(value->type()))
            throw_invalid_parameter(
                std::string("DELETE action with value is not supported for the type ") +
                value->type_name());
        if (value && action == "ADD" && !is_set(value->type()) && !value->is(Type::N) &&
            !value->is(Type::L))
            throw_invalid_parameter(std::string("ADD action is not supported for the type ") +
                                    value->type_name());
    }
}

std::string update_text(const Json& updates, LegacyText& text) {
    std::string set, remove, add, del;
    auto append = [](std::string& clause, const std::string& action) {
        clause += (clause.empty() ? "" : ", ") + action;
    };
    for (auto it = updates.begin(); it != updates.end(); ++it) {
        const std::string n = text.name(it.key());
        const std::string action = action_of(*it);
        const Json* value_json = member(*it, "Value");
        if (!value_json) {
            append(remove, n);
            continue;
        }
        AttributeValue value = decode_value(*value_json);
        if (action == "PUT") {
            append(set, n + " = " + text.value(std::move(value)));
        } else if (action == "DELETE") {
            append(del, n + " " + text.value(std::move(value)));
        } else if (value.is(Type::L)) {
            const std::string empty = text.value(AttributeValue::list({}));
            append(set, n + " = list_append(if_not_exists(" + n + ", " + empty + "), " +
                            text.value(std::move(value)) + ")");
        } else {
            append(add, n + " " + text.value(std::move(value)));
        }
    }
    std::string out;
    const std::pair<const char*, const std::string*> clauses[] = {
        {"SET ", &set}, {"REMOVE ", &remove}, {"ADD ", &add}, {"DELETE ", &del}};
    for (const auto& [keyword, clause] : clauses)
        if (!clause->empty()) out += (out.empty() ? "" : " ") + std::string(keyword) + *clause;
    return out;
}

bool deletes_only(const Json& updates) {
    if (updates.empty()) return false;
    for (const auto& update : updates)
        if (action_of(update) != "DELETE") return false;
    return true;
}

}  // namespace tablespan::api
