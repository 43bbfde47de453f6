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

namespace {
void collect_names(const ast::Operand& o, std::set<std::string>& out) {
    if (o.kind == ast::Operand::Kind::Path && !o.path.resolved.empty())
        out.insert(o.path.resolved.front().name);
    for (const auto& a : o.args) collect_names(a, out);
}

void collect_names(const ast::ConditionNode& n, std::set<std::string>& out) {
    for (const auto& c : n.children) collect_names(*c, out);
    for (const auto& o : n.operands) collect_names(o, out);
}
}  // namespace

std::set<std::string> Condition::attribute_names() const {
    std::set<std::string> out;
    if (root_ && root_->root) collect_names(*root_->root, out);
    return out;
}

Condition::Condition() = default;
Condition::~Condition() = default;
Condition::Condition(Condition&&) noexcept = default;
Condition& Condition::operator=(Condition&&) noexcept = default;

}  // namespace tablespan::expr
