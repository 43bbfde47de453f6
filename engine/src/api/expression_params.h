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
};

// `expressions` lists the expression members the operation accepts; `legacy` the
// non-expression members it also accepts (which Tablespan does not implement: using one
// is a clear ValidationException). `table` is needed for KeyConditionExpression, which is
// checked against the keys of `index` when the request reads one.
std::unique_ptr<Expressions> parse_expressions(const Json& request,
                                               const std::vector<std::string>& expressions,
                                               const std::vector<std::string>& legacy,
                                               const TableMeta* table = nullptr,
                                               const indexes::SecondaryIndex* index = nullptr);

}  // namespace tablespan::api
