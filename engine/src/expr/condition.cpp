#include <algorithm>

#include "expr/ast.h"
#include "expr/checks.h"
#include "expr/condition_eval.h"
#include "expr/expression_text.h"
#include "expr/parser.h"

namespace tablespan::expr {

Condition Condition::parse(std::string_view text, ExpressionContext& ctx,
                           std::string_view parameter) {
    check_expression_text(text, parameter, ctx);
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

namespace {
void add_name(std::vector<std::string>& names, const std::string& name) {
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

void collect(const ast::Operand& operand, std::vector<std::string>& names) {
    if (operand.kind == ast::Operand::Kind::Path && !operand.path.resolved.empty())
        add_name(names, operand.path.resolved.front().name);
    for (const auto& arg : operand.args) collect(arg, names);
}

void collect(const ast::ConditionNode& node, std::vector<std::string>& names) {
    for (const auto& child : node.children) collect(*child, names);
    for (const auto& operand : node.operands) collect(operand, names);
}
}  // namespace

std::vector<std::string> Condition::attribute_names() const {
    std::vector<std::string> names;
    if (root_ && root_->root) collect(*root_->root, names);
    return names;
}

Condition::Condition() = default;
Condition::~Condition() = default;
Condition::Condition(Condition&&) noexcept = default;
Condition& Condition::operator=(Condition&&) noexcept = default;

}  // namespace tablespan::expr
