#pragma once

// The legacy condition parameters: QueryFilter, ScanFilter, KeyConditions, Expected with
// ConditionalOperator, and AttributesToGet. Each check_* raises the service's
// ValidationException texts in its order (../shared/reference/dynamodb-data-plane.md
// §7.2, dynalite's validations/index.js); each *_text writes the equivalent expression
// over LegacyText's placeholders, for the expression parsers.

#include <string>
#include <vector>

#include "api/legacy_text.h"
#include "tablespan/json_codec.h"

namespace tablespan::api {

// QueryFilter, ScanFilter and KeyConditions entries: values, argument counts, one type
// for the whole AttributeValueList, the types each ComparisonOperator takes, and
// BETWEEN bounds in order.
void check_conditions(const Json& conditions);
// Expected entries: Exists / Value / ComparisonOperator / AttributeValueList
// combinations, then the same checks as check_conditions.
void check_expected(const Json& expected);
// "ConditionalOperator cannot be used without Filter or Expected" when `expected` is
// missing or empty.
void check_conditional_operator(const Json* expected);
// "Duplicate value in attribute name".
void check_attributes_to_get(const Json& attributes);

// A filter (QueryFilter, ScanFilter) or Expected map as a condition expression, its
// conditions joined by AND, or by OR when `conditional_operator` is "OR".
std::string condition_text(const Json& conditions, const std::string& conditional_operator,
                           LegacyText& text);
// AttributesToGet as a projection expression of top-level names.
std::string projection_text(const Json& attributes, LegacyText& text);

// KeyConditions, checked against the key schema Query reads (the table's, or the
// index's: `hash` and `range` in KeySchema order) with the service's texts ("Query
// condition missed key schema element: a", "Attempted conditional constraint is not an
// indexable operation", "Query key condition not supported"), as a key condition
// expression.
std::string key_condition_text(const Json& key_conditions, const std::vector<std::string>& hash,
                               const std::vector<std::string>& range, LegacyText& text);
// "QueryFilter can only contain non-primary key attributes: Primary key attribute: a"
// for a filter on a key attribute of what the Query reads.
void check_query_filter_keys(const Json& query_filter, const std::vector<std::string>& keys);

}  // namespace tablespan::api
