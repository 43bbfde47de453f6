#pragma once

// The parsed form of an expression, before and after its placeholders are resolved.
// Parsing builds it from tokens; the semantic checks walk it in the service's order and
// fill in `resolved` paths and values; evaluation and updates then run on it.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "expr/expressions.h"
#include "tablespan/attribute_value.h"

namespace tablespan::expr::ast {

struct PathStep {
    enum class Kind { Name, NamePlaceholder, Index };
    Kind kind;
    std::string text;  // as written: "a", "#n" or the index digits
};

struct DocumentPath {
    std::vector<PathStep> steps;
    Path resolved;  // filled in by the checks
};

struct Operand {
    enum class Kind { Path, Value, Call, Paren, Arithmetic };
    Kind kind;
    DocumentPath path;          // Path
    std::string text;           // Value: ":v"; Call: function name; Arithmetic: "+" or "-"
    AttributeValue value;       // Value, once resolved
    std::vector<Operand> args;  // Call: arguments; Paren: the operand; Arithmetic: both sides
};

// Follows parentheses down to what they hold.
const Operand& unwrap(const Operand& operand);

struct ConditionNode {
    enum class Kind { Or, And, Not, Paren, Compare, Between, In, Function };
    Kind kind;
    std::string op;  // Compare: "=", "<>", "<", "<=", ">", ">="
    std::vector<std::shared_ptr<ConditionNode>> children;  // Or, And: two; Not, Paren: one
    std::vector<Operand> operands;  // Compare: two; Between: three; In: the tested operand,
                                    // then the list; Function: one Call operand
};
using ConditionPtr = std::shared_ptr<ConditionNode>;

// Follows condition parentheses down to what they hold.
const ConditionNode& unwrap(const ConditionNode& node);

struct UpdateAction {
    enum class Kind { Set, Remove, Add, Delete };
    Kind kind;
    DocumentPath path;
    Operand value;  // Set: the value; Add, Delete: a Value operand; Remove: unused
};

struct UpdateClause {
    UpdateAction::Kind kind;
    std::vector<UpdateAction> actions;
};

}  // namespace tablespan::expr::ast

namespace tablespan::expr {

// The private halves of Condition and UpdateExpression.
struct ConditionNode {
    ast::ConditionPtr root;
};

struct UpdateNode {
    std::vector<ast::UpdateClause> clauses;
    std::vector<std::string> top_level_names;
    std::vector<Path> paths;
};

}  // namespace tablespan::expr
