#include <algorithm>

#include "expr/ast.h"
#include "expr/checks.h"
#include "expr/expression_text.h"
#include "expr/parser.h"
#include "expr/update_apply.h"

namespace tablespan::expr {

namespace {

constexpr std::string_view kParameter = "UpdateExpression";

}  // namespace

UpdateExpression UpdateExpression::parse(std::string_view text, ExpressionContext& ctx) {
    check_expression_text(text, kParameter, ctx);
    UpdateNode node;
    node.clauses = with_parameter(kParameter, [&] {
        auto clauses = Parser(text).parse_update();
        check_update(clauses, ctx);
        return clauses;
    });
    for (const auto& clause : node.clauses) {
        for (const auto& action : clause.actions) {
            const Path& path = action.path.resolved;
            node.paths.push_back(path);
            auto& names = node.top_level_names;
            if (std::find(names.begin(), names.end(), path.front().name) == names.end()) {
                names.push_back(path.front().name);
            }
        }
    }
    UpdateExpression update;
    update.root_ = std::make_shared<const UpdateNode>(std::move(node));
    return update;
}

void UpdateExpression::apply(Item& item) const {
    if (root_) apply_update(root_->clauses, item);
}

const std::vector<std::string>& UpdateExpression::top_level_names() const {
    static const std::vector<std::string> none;
    return root_ ? root_->top_level_names : none;
}

const std::vector<Path>& UpdateExpression::paths() const {
    static const std::vector<Path> none;
    return root_ ? root_->paths : none;
}

UpdateExpression::UpdateExpression() = default;
UpdateExpression::~UpdateExpression() = default;
UpdateExpression::UpdateExpression(UpdateExpression&&) noexcept = default;
UpdateExpression& UpdateExpression::operator=(UpdateExpression&&) noexcept = default;

}  // namespace tablespan::expr
