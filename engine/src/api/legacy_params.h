#pragma once

// A request's legacy (non-expression) members — AttributesToGet, KeyConditions,
// QueryFilter, ScanFilter, ConditionalOperator, Expected, AttributeUpdates — checked in
// the service's order with its texts, then rewritten as expressions over generated
// placeholders and parsed by the expression parsers, so that both forms share one
// evaluator (../shared/reference/dynamodb-data-plane.md §7).

#include <memory>
#include <string>
#include <vector>

#include "api/expression_params.h"

namespace tablespan::api {

// The checks of the legacy members that need no table, in dynalite's order
// (validations/query.js, scan.js, updateItem.js, putItem.js). `legacy` is the list of
// legacy members the operation accepts (as for parse_expressions).
void check_legacy(const Json& request, const std::vector<std::string>& legacy);

// The request uses at least one legacy member and no expression member, and passed
// check_legacy(): the table's checks (KeyConditions against the key schema, QueryFilter
// on a key attribute) and the translation.
std::unique_ptr<Expressions> parse_legacy(const Json& request,
                                          const std::vector<std::string>& legacy,
                                          const TableMeta* table,
                                          const indexes::SecondaryIndex* index);

}  // namespace tablespan::api
