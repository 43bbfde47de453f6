#include "statements/statement_keys.h"

#include <algorithm>

#include "indexes/secondary_index.h"
#include "tablespan/error.h"

namespace tablespan::statements {

using partiql::Expr;
using partiql::ExprPtr;

namespace {
void collect(const ExprPtr& e, std::vector<ExprPtr>& out) {
    if (e->kind == Expr::Kind::And) {
        collect(e->args[0], out);
        collect(e->args[1], out);
        return;
    }
    out.push_back(e);
}

ExprPtr conjunction(const std::vector<ExprPtr>& parts) {
    ExprPtr out;
    for (const auto& p : parts) {
        if (!out) {
            out = p;
            continue;
        }
        auto e = std::make_shared<Expr>();
        e->kind = Expr::Kind::And;
        e->args = {out, p};
        out = e;
    }
    return out;
}

bool single_name(const Expr& e) {
    return e.kind == Expr::Kind::Path && e.path.size() == 1 && e.path[0].index < 0;
}

// The values a conjunct pins `name` to: `name = v`, `name IN [v, …]`, or an OR of such
// equalities. Empty when the conjunct does not pin it.
std::vector<Json> pinned_values(const Expr& e, const std::string& name) {
    if (auto eq = equality(e)) {
        if (eq->first == name) return {eq->second};
        return {};
    }
    if (e.kind == Expr::Kind::In && !e.negated && single_name(*e.args[0]) &&
        e.args[0]->path[0].name == name) {
        std::vector<Json> out;
        for (std::size_t i = 1; i < e.args.size(); ++i) {
            if (e.args[i]->kind != Expr::Kind::Value) return {};
            out.push_back(e.args[i]->value);
        }
        return out;
    }
    if (e.kind == Expr::Kind::Or) {
        auto left = pinned_values(*e.args[0], name);
        auto right = pinned_values(*e.args[1], name);
        if (left.empty() || right.empty()) return {};
        left.insert(left.end(), right.begin(), right.end());
        return left;
    }
    return {};
}

// Whether a conjunct can be the sort key's part of a KeyConditionExpression.
bool sort_key_condition(const Expr& e, const std::string& sort_key) {
    auto on_key = [&](const ExprPtr& a) { return single_name(*a) && a->path[0].name == sort_key; };
    auto value = [](const ExprPtr& a) { return a->kind == Expr::Kind::Value; };
    if (e.kind == Expr::Kind::Compare && e.op != "<>") return on_key(e.args[0]) && value(e.args[1]);
    if (e.kind == Expr::Kind::Between && !e.negated)
        return on_key(e.args[0]) && value(e.args[1]) && value(e.args[2]);
    if (e.kind == Expr::Kind::Call && e.op == "begins_with" && e.args.size() == 2)
        return on_key(e.args[0]) && value(e.args[1]);
    return false;
}

void check_values(const api::KeyElement& key, const std::vector<Json>& values) {
    for (const auto& v : values) check_key_value(key, v);
}
}  // namespace

std::vector<ExprPtr> conjuncts(const ExprPtr& where) {
    std::vector<ExprPtr> out;
    if (where) collect(where, out);
    return out;
}

std::optional<std::pair<std::string, Json>> equality(const Expr& e) {
    if (e.kind != Expr::Kind::Compare || e.op != "=") return std::nullopt;
    const Expr& l = *e.args[0];
    const Expr& r = *e.args[1];
    if (single_name(l) && r.kind == Expr::Kind::Value) return std::pair{l.path[0].name, r.value};
    if (single_name(r) && l.kind == Expr::Kind::Value) return std::pair{r.path[0].name, l.value};
    return std::nullopt;
}

void check_key_value(const api::KeyElement& key, const Json& value) {
    const std::string type = value.is_object() && !value.empty() ? value.begin().key() : "";
    if (type != "S" && type != "N" && type != "B")
        throw_validation("Key value must be of type S, N, or B. Key name: " + key.name +
                         ", Key type: " + type);
    if (type != AttributeValue::type_name(key.type))
        throw_validation(
            "Key attribute's data type should match its data type in table's schema: Key " +
            key.name);
}

ItemKey item_key(const ExprPtr& where, const api::TableMeta& table) {
    std::vector<api::KeyElement> keys = {table.partition_key};
    if (table.sort_key) keys.push_back(*table.sort_key);
    ItemKey out;
    std::vector<ExprPtr> rest;
    for (const auto& c : conjuncts(where)) {
        auto eq = equality(*c);
        auto key = eq ? std::find_if(keys.begin(), keys.end(),
                                     [&](const api::KeyElement& k) { return k.name == eq->first; })
                      : keys.end();
        if (key == keys.end()) {
            rest.push_back(c);
            continue;
        }
        if (out.key.contains(key->name))
            throw_validation("Multiple conditions on same key " + key->name +
                             ". Only single item Update/Insert/Delete are supported");
        check_key_value(*key, eq->second);
        out.key[key->name] = eq->second;
    }
    if (out.key.size() != keys.size())
        throw_validation(
            "Where clause does not contain a mandatory equality on all key attributes");
    out.rest = conjunction(rest);
    return out;
}

ReadPlan read_plan(const partiql::Statement& select, const api::TableMeta& table,
                   const indexes::SecondaryIndex* index) {
    std::vector<api::KeyElement> hash = {table.partition_key};
    const api::KeyElement* sort = table.sort_key ? &*table.sort_key : nullptr;
    if (index) {
        hash = index->hash_keys;
        sort = index->range_keys.size() == 1 ? &index->range_keys.front() : nullptr;
    }
    ReadPlan plan;
    const auto parts = conjuncts(select.where);
    // An OR at the top whose every branch pins the partition key is a Query of each
    // branch's values; the whole WHERE still filters what each Query reads.
    std::vector<std::vector<Json>> per_key(hash.size());
    for (std::size_t h = 0; h < hash.size(); ++h) {
        for (const auto& c : parts) {
            auto values = pinned_values(*c, hash[h].name);
            if (values.empty()) continue;
            check_values(hash[h], values);
            per_key[h] = std::move(values);
            break;
        }
        if (per_key[h].empty()) return plan;  // a Scan
        if (hash.size() > 1 && per_key[h].size() > 1) return plan;
    }
    plan.query = true;
    for (std::size_t i = 0; i < per_key[0].size(); ++i) {
        std::vector<Json> values = {per_key[0][i]};
        for (std::size_t h = 1; h < hash.size(); ++h) values.push_back(per_key[h][0]);
        if (std::find(plan.partitions.begin(), plan.partitions.end(), values) ==
            plan.partitions.end())
            plan.partitions.push_back(std::move(values));
    }
    if (sort)
        for (const auto& c : parts)
            if (sort_key_condition(*c, sort->name)) {
                for (std::size_t i = 1; i < c->args.size(); ++i)
                    if (c->args[i]->kind == Expr::Kind::Value)
                        check_key_value(*sort, c->args[i]->value);
                plan.sort_condition = c;
                break;
            }
    return plan;
}

}  // namespace tablespan::statements
