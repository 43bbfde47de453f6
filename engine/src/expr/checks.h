#pragma once

// The checks the service makes on a parsed expression, in its order, after syntax:
// reserved words, list index range, function names and placement, then placeholders,
// operand counts and types, and overlapping paths. They resolve #names and :values
// through the context (marking them used) and throw ExpressionError.

#include <vector>

#include "expr/ast.h"

namespace tablespan::expr {

void check_condition(ast::ConditionNode& root, ExpressionContext& ctx);
void check_update(std::vector<ast::UpdateClause>& clauses, ExpressionContext& ctx);
void check_projection(std::vector<ast::DocumentPath>& paths, ExpressionContext& ctx);

// "Two document paths overlap/conflict with each other; …" for the first clashing pair.
void check_overlaps(const std::vector<const Path*>& paths);

bool same_path(const Path& a, const Path& b);

}  // namespace tablespan::expr
