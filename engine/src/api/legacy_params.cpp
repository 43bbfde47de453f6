#include "api/legacy_params.h"

#include <algorithm>

#include "api/legacy_conditions.h"
#include "api/legacy_updates.h"
#include "api/request_util.h"

namespace tablespan::api {

namespace {
bool accepts(const std::vector<std::string>& legacy, std::string_view name) {
    return std::find(legacy.begin(), legacy.end(), name) != legacy.end();
}

const Json* legacy_member(const Json& request, const std::vector<std::string>& legacy,
                          std::string_view name) {
    return accepts(legacy, name) ? member(request, name) : nullptr;
}

// The legacy members a request holds, among those its operation accepts.
struct Members {
    Members(const Json& request, const std::vector<std::string>& legacy)
        : query(accepts(legacy, "KeyConditions")),
          attributes(legacy_member(request, legacy, "AttributesToGet")),
          filter(legacy_member(request, legacy, query ? "QueryFilter" : "ScanFilter")),
          key_conditions(legacy_member(request, legacy, "KeyConditions")),
          expected(legacy_member(request, legacy, "Expected")),
          updates(legacy_member(request, legacy, "AttributeUpdates")) {
        if (legacy_member(request, legacy, "ConditionalOperator"))
            conditional_operator = request.at("ConditionalOperator").get<std::string>();
    }

    bool query;  // Query: its filter is QueryFilter, checked before AttributesToGet
    const Json* attributes;
    const Json* filter;
    const Json* key_conditions;
    const Json* expected;
    const Json* updates;
    std::string conditional_operator;  // empty when absent
};

// KeyConditions against the key schema Query reads; the QueryFilter may not name it.
std::string key_text(const Json& key_conditions, const Json* query_filter, const TableMeta& table,
                     const indexes::SecondaryIndex* index, LegacyText& text) {
    std::vector<expr::KeyAttribute> hash_keys, range_keys;
    query_key_schema(table, index, hash_keys, range_keys);
    std::vector<std::string> hash, range, all;
    for (const auto& k : hash_keys) hash.push_back(k.name);
    for (const auto& k : range_keys) range.push_back(k.name);
    std::string out = key_condition_text(key_conditions, hash, range, text);
    if (query_filter) {
        all = hash;
        all.insert(all.end(), range.begin(), range.end());
        check_query_filter_keys(*query_filter, all);
    }
    return out;
}
}  // namespace

void check_legacy(const Json& request, const std::vector<std::string>& legacy) {
    const Members m(request, legacy);
    if (m.query && m.filter) check_conditions(*m.filter);
    if (m.attributes) check_attributes_to_get(*m.attributes);
    if (!m.query && m.filter) check_conditions(*m.filter);
    if (m.updates) check_attribute_updates(*m.updates);
    if (m.expected) check_expected(*m.expected);
    if (accepts(legacy, "Expected") && !m.conditional_operator.empty())
        check_conditional_operator(m.expected);
    if (m.key_conditions) {
        check_conditions(*m.key_conditions);
        if (m.key_conditions->empty() || m.key_conditions->size() > 2)
            throw_validation("Conditions can be of length 1 or 2 only");
    }
}

std::unique_ptr<Expressions> parse_legacy(const Json& request,
                                          const std::vector<std::string>& legacy,
                                          const TableMeta* table,
                                          const indexes::SecondaryIndex* index) {
    const Members m(request, legacy);
    LegacyText text;
    std::string update, condition, key, filter_text, projection;
    auto out = std::make_unique<Expressions>();
    if (m.updates) {
        update = update_text(*m.updates, text);
        out->legacy_updates = true;
        out->update_creates_item = !deletes_only(*m.updates);
    }
    if (m.expected && !m.expected->empty())
        condition = condition_text(*m.expected, m.conditional_operator, text);
    if (m.key_conditions) key = key_text(*m.key_conditions, m.filter, *table, index, text);
    if (m.filter && !m.filter->empty())
        filter_text = condition_text(*m.filter, m.conditional_operator, text);
    if (m.attributes) {
        projection = projection_text(*m.attributes, text);
        out->legacy_projection = true;
    }

    out->names = std::move(text.names);
    out->values = std::move(text.values);
    expr::ExpressionContext ctx(&out->names, &out->values);
    ctx.set_generated();
    if (!update.empty()) out->update = expr::UpdateExpression::parse(update, ctx);
    if (!condition.empty())
        out->condition = expr::Condition::parse(condition, ctx, "ConditionExpression");
    if (!key.empty()) {
        std::vector<expr::KeyAttribute> hash, range;
        query_key_schema(*table, index, hash, range);
        out->key_condition = expr::KeyCondition::parse(key, ctx, hash, range);
    }
    if (!filter_text.empty())
        out->filter = expr::Condition::parse(filter_text, ctx, "FilterExpression");
    if (!projection.empty()) out->projection = expr::Projection::parse(projection, ctx);
    return out;
}

}  // namespace tablespan::api
