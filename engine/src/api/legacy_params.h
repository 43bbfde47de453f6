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

// `legacy` is the list of legacy members the operation accepts (as for
// parse_expressions); the request uses at least one of them and no expression member.
std::unique_ptr<Expressions> parse_legacy(const Json& request,
                                          const std::vector<std::string>& legacy,
                                          const TableMeta* table,
                                          const indexes::SecondaryIndex* index);

}  // namespace tablespan::api
