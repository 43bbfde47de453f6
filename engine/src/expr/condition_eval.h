#pragma once

#include "expr/ast.h"

namespace tablespan::expr {

// Evaluates a checked condition against an item (nullptr: no item). A missing attribute
// makes every comparison false except <>, which is true.
bool evaluate_condition(const ast::ConditionNode& node, const Item* item);

// The value of an operand for an item: the value at a path, a :value, or size(); nullptr
// when there is none. `scratch` holds a computed result.
const AttributeValue* operand_value(const ast::Operand& operand, const Item* item,
                                    AttributeValue& scratch);

}  // namespace tablespan::expr
