#include "api/expression_params.h"

#include "api/legacy_params.h"
#include "api/request_util.h"
#include "tablespan/error.h"

namespace tablespan::api {

namespace {
std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
    return out;
}

bool valid_placeholder(const std::string& key, char sigil) {
    if (key.size() < 2 || key[0] != sigil) return false;
    for (std::size_t i = 1; i < key.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(key[i]);
        if (!std::isalnum(c) && c != '_') return false;
    }
    return true;
}
}  // namespace

void query_key_schema(const TableMeta& table, const indexes::SecondaryIndex* index,
                      std::vector<expr::KeyAttribute>& hash,
                      std::vector<expr::KeyAttribute>& range) {
    if (index) {
        for (const auto& k : index->hash_keys) hash.push_back({k.name, k.type});
        for (const auto& k : index->range_keys) range.push_back({k.name, k.type});
        return;
    }
    hash.push_back({table.partition_key.name, table.partition_key.type});
    if (table.sort_key) range.push_back({table.sort_key->name, table.sort_key->type});
}

void check_expression_params(const Json& request, const std::vector<std::string>& expressions,
                             const std::vector<std::string>& legacy) {
    std::vector<std::string> used_expressions, used_legacy;
    for (const auto& e : expressions)
        if (member(request, e)) used_expressions.push_back(e);
    for (const auto& l : legacy)
        if (member(request, l)) used_legacy.push_back(l);

    if (!used_expressions.empty() && !used_legacy.empty())
        throw_validation(
            "Can not use both expression and non-expression parameters in the same request: "
            "Non-expression parameters: {" +
            join(used_legacy, ", ") + "} Expression parameters: {" + join(used_expressions, ", ") +
            "}");

    std::vector<std::string> value_expressions;
    for (const auto& e : expressions)
        if (e != "ProjectionExpression") value_expressions.push_back(e);
    const Json* names = member(request, "ExpressionAttributeNames");
    // Not a member of GetItem's input or BatchGetItem's KeysAndAttributes, which take no
    // values: ignored there, as the service ignores members its shapes do not have.
    const Json* values =
        value_expressions.empty() ? nullptr : member(request, "ExpressionAttributeValues");
    if (names && used_expressions.empty())
        throw_validation("ExpressionAttributeNames can only be specified when using expressions");
    bool any_value_expression = false;
    for (const auto& e : value_expressions) any_value_expression |= member(request, e) != nullptr;
    if (values && !value_expressions.empty() && !any_value_expression)
        throw_validation(
            "ExpressionAttributeValues can only be specified when using expressions: " +
            join(value_expressions, " and ") + (value_expressions.size() > 1 ? " are" : " is") +
            " null");
}

void check_parameters(const Json& request, const std::vector<std::string>& expressions,
                      const std::vector<std::string>& legacy) {
    check_expression_params(request, expressions, legacy);
    for (const auto& l : legacy)
        if (member(request, l)) return check_legacy(request, legacy);
}

std::unique_ptr<Expressions> parse_expressions(const Json& request,
                                               const std::vector<std::string>& expressions,
                                               const std::vector<std::string>& legacy,
                                               const TableMeta* table,
                                               const indexes::SecondaryIndex* index) {
    check_parameters(request, expressions, legacy);
    for (const auto& l : legacy)
        if (member(request, l)) return parse_legacy(request, legacy, table, index);

    std::vector<std::string> value_expressions;
    for (const auto& e : expressions)
        if (e != "ProjectionExpression") value_expressions.push_back(e);
    const Json* names = member(request, "ExpressionAttributeNames");
    const Json* values =
        value_expressions.empty() ? nullptr : member(request, "ExpressionAttributeValues");

    auto out = std::make_unique<Expressions>();
    if (names) {
        if (names->empty()) throw_validation("ExpressionAttributeNames must not be empty");
        for (auto it = names->begin(); it != names->end(); ++it) {
            if (!valid_placeholder(it.key(), '#'))
                throw_validation(
                    "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" +
                    it.key() + "\"");
            // A null entry is no entry (the validator has checked the others are strings).
            if (it->is_string()) out->names.emplace(it.key(), it->get<std::string>());
        }
    }
    if (values) {
        if (values->empty()) throw_validation("ExpressionAttributeValues must not be empty");
        for (auto it = values->begin(); it != values->end(); ++it)
            if (!valid_placeholder(it.key(), ':'))
                throw_validation(
                    "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" +
                    it.key() + "\"");
        for (auto it = values->begin(); it != values->end(); ++it) {
            try {
                out->values.emplace(it.key(), decode_value(*it));
            } catch (const ApiError& e) {
                if (e.error().type != "ValidationException") throw;
                throw_validation("ExpressionAttributeValues contains invalid value: " +
                                 e.error().message + " for key " + it.key());
            }
        }
    }

    expr::ExpressionContext ctx(names ? &out->names : nullptr, values ? &out->values : nullptr);
    if (auto text = string_member(request, "UpdateExpression"))
        out->update = expr::UpdateExpression::parse(*text, ctx);
    if (auto text = string_member(request, "ConditionExpression"))
        out->condition = expr::Condition::parse(*text, ctx, "ConditionExpression");
    if (auto text = string_member(request, "KeyConditionExpression")) {
        std::vector<expr::KeyAttribute> hash, range;
        query_key_schema(*table, index, hash, range);
        out->key_condition = expr::KeyCondition::parse(*text, ctx, hash, range);
    }
    if (auto text = string_member(request, "FilterExpression"))
        out->filter = expr::Condition::parse(*text, ctx, "FilterExpression");
    if (auto text = string_member(request, "ProjectionExpression"))
        out->projection = expr::Projection::parse(*text, ctx);
    ctx.check_all_used();
    return out;
}

}  // namespace tablespan::api
