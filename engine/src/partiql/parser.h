#pragma once

// The parser of DynamoDB's PartiQL subset (../shared/reference/dynamodb-data-plane.md
// §6.1): SELECT, INSERT … VALUE, UPDATE … SET/REMOVE, DELETE, and EXISTS(SELECT …) in
// transactions. It is a recursive descent over tokens that carry their position, so a
// syntax error names the line and column where the statement stops making sense:
// "Statement wasn't well formed, can't be processed: Unexpected keyword at line 1,
// column 26". Throws ApiError("ValidationException", …).

#include <string_view>

#include "partiql/ast.h"

namespace tablespan::partiql {

// `parameters` is the request's Parameters (a JSON array of AttributeValues) or null.
// The statement must use at most as many `?` as there are parameters ("Number of
// parameters in request and statement don't match."); extra parameters are ignored, as
// DynamoDB Local ignores them.
Statement parse(std::string_view text, const Json* parameters);

}  // namespace tablespan::partiql
