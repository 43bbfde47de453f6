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

std::unique_ptr<Expressions> parse_legacy(const Json& request,
                                          const std::vector<std::string>& legacy,
                                          const TableMeta* table,
                                          const indexes::SecondaryIndex* index) {
    const bool query = accepts(legacy, "KeyConditions");
    const Json* attributes = legacy_member(request, legacy, "AttributesToGet");
    const Json* filter = legacy_member(request, legacy, query ? "QueryFilter" : "ScanFilter");
    const Json* key_conditions = legacy_member(request, legacy, "KeyConditions");
    const Json* expected = legacy_member(request, legacy, "Expected");
    const Json* updates = legacy_member(request, legacy, "AttributeUpdates");
    const std::string conditional_operator =
        legacy_member(request, legacy, "ConditionalOperator")
            ? request.at("ConditionalOperator").get<std::string>()
            : std::string();

    // The checks that need no table, in dynalite's order (validations/query.js, scan.js,
    // updateItem.js, putItem.js).
    if (query && filter) check_conditions(*filter);
    if (attributes) check_attributes_to_get(*attributes);
    if (!query && filter) check_conditions(*filter);
    if (updates) check_attribute_updates(*updates);
    if (expected) check_expected(*expected);
    if (accepts(legacy, "Expected") && !conditional_operator.empty())
        check_conditional_operator(expected);
    if (key_conditions) {
        check_conditions(*key_conditions);
        if (key_conditions->empty() || key_conditions->size() > 2)
            throw_validation("Conditions can be of length 1 or 2 only");
    }

    LegacyText text;
    std::string update, condition, key, filter_text, projection;
    auto out = std::make_unique<Expressions>();
    if (updates) {
        update = update_text(*updates, text);
        out->legacy_updates = true;
        out->update_creates_item = !deletes_only(*updates);
    }
    if (expected && !expected->empty())
        condition = condition_text(*expected, conditional_operator, text);
    if (key_conditions) key = key_text(*key_conditions, filter, *table, index, text);
    if (filter && !filter->empty())
        filter_text = condition_text(*filter, conditional_operator, text);
    if (attributes) {
        projection = projection_text(*attributes, text);
        out->legacy_projection = true;
    }

    out->names = std::move(text.names);
    out->values = std::move(text.values);
    expr::ExpressionContext ctx(&out->names, &out->values);
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
