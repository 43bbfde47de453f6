#include "expr/ast.h"
#include "expr/checks.h"
#include "expr/condition_eval.h"
#include "expr/expression_text.h"
#include "expr/parser.h"

namespace tablespan::expr {

Condition Condition::parse(std::string_view text, ExpressionContext& ctx,
                           std::string_view parameter) {
    check_expression_text(text, parameter);
    Condition condition;
    auto root = with_parameter(parameter, [&] {
        auto node = Parser(text).parse_condition();
        check_condition(*node, ctx);
        return node;
    });
    condition.root_ = std::make_shared<const ConditionNode>(ConditionNode{std::move(root)});
    return condition;
}

bool Condition::evaluate(const Item* item) const {
    if (!root_ || !root_->root) return true;
    return evaluate_condition(*root_->root, item);
}

Condition::Condition() = default;
Condition::~Condition() = default;
Condition::Condition(Condition&&) noexcept = default;
Condition& Condition::operator=(Condition&&) noexcept = default;

}  // namespace tablespan::expr
