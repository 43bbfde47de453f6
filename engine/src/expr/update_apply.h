#pragma once

#include <vector>

#include "expr/ast.h"

namespace tablespan::expr {

// Applies checked update clauses to `item`. Every value is computed from the item as it
// was before the update; list elements removed or written by index use the positions
// they had before it, and writes past a list's end append in index order. On error the
// item is left unchanged and ApiError(ValidationException) is thrown, the service's
// problems in its order: a path into an attribute of the wrong type, an operand of the
// wrong type, then (from the last clause back) a path that cannot be written and an
// attribute a SET reads that is missing, then numbers out of range.
void apply_update(const std::vector<ast::UpdateClause>& clauses, Item& item);

}  // namespace tablespan::expr
