// SELECT: a Query of each partition value the WHERE pins, or a Scan, filtered by the
// whole WHERE, paged by Limit (items evaluated) and the 1 MB page of Query and Scan.
// NextToken carries which Query the page stopped in and its LastEvaluatedKey.

#include <algorithm>

#include "api/handlers.h"
#include "api/reads.h"
#include "api/request_util.h"
#include "core/region.h"
#include "expr/expressions.h"
#include "indexes/index_key.h"
#include "indexes/secondary_index.h"
#include "partiql/expression_builder.h"
#include "statements/run.h"
#include "statements/statement_keys.h"
#include "tablespan/error.h"

namespace tablespan::statements {

using partiql::Statement;

namespace {
struct Position {
    std::size_t part = 0;
    Json start;  // ExclusiveStartKey, or null
};

std::string token_of(const Position& p) {
    Json j = {{"p", p.part}, {"k", p.start}};
    return base64_encode(j.dump());
}

Position position_of(const std::string& token, std::size_t parts) {
    std::string text;
    Json j;
    if (!base64_decode(token, text) || (j = Json::parse(text, nullptr, false)).is_discarded() ||
        !j.is_object() || !j.contains("p") || !j["p"].is_number_unsigned() || !j.contains("k") ||
        (!j["k"].is_null() && !j["k"].is_object()) || j["p"].get<std::size_t>() >= parts)
        throw_validation("Invalid NextToken");
    return {j["p"].get<std::size_t>(), j["k"]};
}

// Adds the numbers of one ConsumedCapacity into another of the same shape.
void add_capacity(Json& into, const Json& more) {
    if (into.is_null()) {
        into = more;
        return;
    }
    for (auto it = more.begin(); it != more.end(); ++it) {
        if (it->is_number() && into.contains(it.key()) && into[it.key()].is_number())
            into[it.key()] = into[it.key()].get<double>() + it->get<double>();
        else if (it->is_object() && into.contains(it.key()))
            add_capacity(into[it.key()], *it);
        else if (!into.contains(it.key()))
            into[it.key()] = *it;
    }
}

std::vector<api::KeyElement> hash_keys(const api::TableMeta& t, const indexes::SecondaryIndex* i) {
    return i ? i->hash_keys : std::vector<api::KeyElement>{t.partition_key};
}

bool is_key(const api::TableMeta& t, const indexes::SecondaryIndex* i, const std::string& name) {
    if (name == t.partition_key.name || (t.sort_key && name == t.sort_key->name)) return true;
    return i && i->is_key(name);
}

// ORDER BY: key attributes only, a Query only; the partitions follow the hash key's
// direction, each Query the sort key's. Texts: DynamoDB Local's messages.
bool order(const Statement& s, const api::TableMeta& table, const indexes::SecondaryIndex* index,
           ReadPlan& plan) {
    bool forward = true;
    if (s.order_by.empty()) return forward;
    if (!s.where)
        throw_validation("Must have WHERE clause in the statement when using ORDER BY clause.");
    for (const auto& k : s.order_by)
        if (!is_key(table, index, k.name))
            throw_validation("Variable reference " + k.name +
                             " in ORDER BY clause must be part of the primary key");
    if (!plan.query)
        throw_validation(
            "Must have at least one non-optional hash key condition in WHERE clause when using "
            "ORDER BY clause.");
    const auto hash = hash_keys(table, index);
    auto by_hash = std::find_if(s.order_by.begin(), s.order_by.end(),
                                [&](const partiql::OrderKey& k) { return k.name == hash[0].name; });
    if (plan.partitions.size() > 1 && by_hash == s.order_by.end())
        throw_validation(
            "Must have hash key in ORDER BY clause when more than one hash key condition "
            "specified in WHERE clause.");
    if (by_hash != s.order_by.end()) {
        auto encoded = [](const std::vector<Json>& values) {
            std::vector<AttributeValue> v;
            for (const auto& j : values) v.push_back(decode_value(j));
            return indexes::encode_key_part(v);
        };
        std::stable_sort(
            plan.partitions.begin(), plan.partitions.end(), [&](const auto& a, const auto& b) {
                return by_hash->descending ? encoded(b) < encoded(a) : encoded(a) < encoded(b);
            });
    }
    for (const auto& k : s.order_by)
        if (k.name != hash[0].name) forward = !k.descending;
    return forward;
}
}  // namespace

Json run_select(core::Region& region, const Statement& s, const Json& request) {
    check_projection(s);
    const api::TableMeta& table = api::table_for_data(region, s.table);
    const indexes::SecondaryIndex* index = nullptr;
    const bool consistent = api::bool_member(request, "ConsistentRead").value_or(false);
    if (s.index) {
        index = table.find_index(*s.index);
        if (!index || index->status == "DELETING")
            throw_validation("The table does not have the specified index");
        if (index->global && consistent)
            throw_validation(
                "Strongly consistent read is not supported on Global Secondary Indexes");
    }
    ReadPlan plan = read_plan(s, table, index);
    const bool forward = order(s, table, index, plan);
    const std::size_t parts = plan.query ? plan.partitions.size() : 1;
    Position at;
    if (auto token = api::string_member(request, "NextToken")) at = position_of(*token, parts);

    partiql::ExpressionBuilder b;
    Json base = {{"TableName", table.name}, {"ConsistentRead", consistent}};
    if (index) base["IndexName"] = index->name;
    if (s.where) base["FilterExpression"] = b.condition(*s.where);
    // Each Query names only its own partition's values: a builder per Query, from the
    // filter's.
    const auto hash = hash_keys(table, index);
    auto query_of = [&](std::size_t part, Json& r) {
        partiql::ExpressionBuilder own = b;
        const auto& values = plan.partitions[part];
        std::string kc;
        for (std::size_t h = 0; h < hash.size(); ++h) {
            const std::string name = own.path({{hash[h].name, -1}});
            kc += (h ? " AND " : "") + name + " = " + own.value(values[h]);
        }
        if (plan.sort_condition) kc += " AND " + own.condition(*plan.sort_condition);
        r["KeyConditionExpression"] = kc;
        r["ScanIndexForward"] = forward;
        own.add_to(r);
    };
    if (const Json* rcc = api::member(request, "ReturnConsumedCapacity"))
        base["ReturnConsumedCapacity"] = *rcc;
    auto limit = api::int_member(request, "Limit");

    const expr::GeneratedScope generated;
    Json out = {{"Items", Json::array()}};
    Json capacity;
    for (; at.part < parts; ++at.part, at.start = nullptr) {
        Json r = base;
        if (!at.start.is_null()) r["ExclusiveStartKey"] = at.start;
        if (limit) r["Limit"] = *limit;
        Json page;
        if (plan.query) {
            query_of(at.part, r);
            page = api::query(region, r, api::ReadOptions{true});
        } else {
            b.add_to(r);
            page = api::scan(region, r, api::ReadOptions{});
        }
        for (const auto& item : page["Items"]) out["Items"].push_back(project(s, item));
        if (page.contains("ConsumedCapacity")) add_capacity(capacity, page["ConsumedCapacity"]);
        if (page.contains("LastEvaluatedKey")) {
            at.start = page["LastEvaluatedKey"];
            out["NextToken"] = token_of(at);
            out["LastEvaluatedKey"] = at.start;
            break;
        }
        if (limit) {
            *limit -= page["ScannedCount"].get<std::int64_t>();
            if (*limit <= 0) {
                if (at.part + 1 < parts) out["NextToken"] = token_of({at.part + 1, nullptr});
                break;
            }
        }
    }
    if (!capacity.is_null()) out["ConsumedCapacity"] = capacity;
    return out;
}

}  // namespace tablespan::statements
