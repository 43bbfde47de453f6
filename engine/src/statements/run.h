#pragma once

// Running one PartiQL statement in a region: the work ExecuteStatement,
// BatchExecuteStatement and ExecuteTransaction share.

#include "partiql/ast.h"
#include "tablespan/json_codec.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::statements {

// One page of a SELECT: Items, NextToken and LastEvaluatedKey while more is left,
// ConsumedCapacity when asked. `request` carries Limit, NextToken, ConsistentRead and
// ReturnConsumedCapacity.
Json run_select(core::Region& region, const partiql::Statement& select, const Json& request);

// An INSERT, UPDATE or DELETE: Items (the RETURNING item, or none) and ConsumedCapacity.
// `request` carries ReturnValuesOnConditionCheckFailure and ReturnConsumedCapacity.
Json run_write(core::Region& region, const partiql::Statement& statement, const Json& request);

// What SELECT a, b.c, d[0] returns of an item: each path's value under the name of its
// last step ("c", "d[0]"), as DynamoDB Local does (xo/dbimp's recordings); SELECT *
// returns the item.
Json project(const partiql::Statement& select, const Json& item);

// Refuses projections that name one result twice: "Duplicate identifiers in select
// clause: z".
void check_projection(const partiql::Statement& select);

}  // namespace tablespan::statements
