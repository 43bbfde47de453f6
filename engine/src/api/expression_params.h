#pragma once

// The expression members of a request (ConditionExpression, UpdateExpression,
// FilterExpression, ProjectionExpression, KeyConditionExpression) with their
// ExpressionAttributeNames/Values, checked and parsed in the service's order.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/table_meta.h"
#include "expr/expressions.h"

namespace tablespan::api {

struct Expressions {
    std::map<std::string, std::string> names;
    AttributeMap values;
    std::optional<expr::Condition> condition;
    std::optional<expr::Condition> filter;
    std::optional<expr::UpdateExpression> update;
    std::optional<expr::Projection> projection;
    std::optional<expr::KeyCondition> key_condition;
    // Set when the projection came from AttributesToGet (Select's texts name it).
    bool legacy_projection = false;
    // Set when the update came from AttributeUpdates: a stored value of another type is
    // "Type mismatch for attribute to update", and an update made of DELETE actions
    // only creates no item where none exists.
    bool legacy_updates = false;
    bool update_creates_item = true;
};

// The key attributes a Query reads: the table's, or those of `index` when given.
void query_key_schema(const TableMeta& table, const indexes::SecondaryIndex* index,
                      std::vector<expr::KeyAttribute>& hash,
                      std::vector<expr::KeyAttribute>& range);

// The first checks of a request's parameters (dynalite's validateExpressionParams):
// expression and non-expression members mixed, ExpressionAttributeNames/Values without
// expressions. The item operations make them before checking their Item or Key.
void check_expression_params(const Json& request, const std::vector<std::string>& expressions,
                             const std::vector<std::string>& legacy);

// check_expression_params(), then the legacy members' own checks that need no table
// (api/legacy_params.h check_legacy()). parse_expressions() starts with them; Query and
// Scan make them earlier, before their own checks that the service makes later.
void check_parameters(const Json& request, const std::vector<std::string>& expressions,
                      const std::vector<std::string>& legacy);

// `expressions` lists the expression members the operation accepts; `legacy` the
// non-expression members it also accepts, in the service's order: a request uses one
// kind or the other, and legacy members are translated into the same expressions
// (api/legacy_params.h). `table` is needed for KeyConditionExpression and KeyConditions,
// which are checked against the keys of `index` when the request reads one.
std::unique_ptr<Expressions> parse_expressions(const Json& request,
                                               const std::vector<std::string>& expressions,
                                               const std::vector<std::string>& legacy,
                                               const TableMeta* table = nullptr,
                                               const indexes::SecondaryIndex* index = nullptr);

}  // namespace tablespan::api
