#pragma once

// What a PartiQL WHERE says about an item's key: the equalities that name one item (for
// UPDATE, DELETE and the reads of a batch or transaction), or the partition values a
// SELECT can query instead of scanning the table (../shared/reference/
// dynamodb-data-plane.md §6.2).

#include <optional>
#include <string>
#include <vector>

#include "api/table_meta.h"
#include "partiql/ast.h"

namespace tablespan::statements {

// The top-level conjuncts of `where` (a AND (b AND c) → a, b, c).
std::vector<partiql::ExprPtr> conjuncts(const partiql::ExprPtr& where);

// `name = value` or `value = name` on a top-level attribute: the name and the value.
std::optional<std::pair<std::string, Json>> equality(const partiql::Expr& e);

// The statement's key equalities on every key attribute, type-checked, and the rest of
// its WHERE, ANDed (null when nothing is left). Throws "Where clause does not contain a
// mandatory equality on all key attributes".
struct ItemKey {
    Json key = Json::object();
    partiql::ExprPtr rest;
};
ItemKey item_key(const partiql::ExprPtr& where, const api::TableMeta& table);

// Checks a key value against the schema: "Key attribute's data type should match its
// data type in table's schema: Key pk" (DynamoDB Local, run in xo/dbimp's recordings).
void check_key_value(const api::KeyElement& key, const Json& value);

// How a SELECT reads: a Query of each partition value (in the order written, without
// repeats) with an optional sort-key condition, or a Scan.
struct ReadPlan {
    bool query = false;
    std::vector<std::vector<Json>> partitions;  // per Query: a value per HASH attribute
    partiql::ExprPtr sort_condition;            // usable in a KeyConditionExpression
};
ReadPlan read_plan(const partiql::Statement& select, const api::TableMeta& table,
                   const indexes::SecondaryIndex* index);

}  // namespace tablespan::statements
