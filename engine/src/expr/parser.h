#pragma once

#include <cstddef>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "expr/ast.h"
#include "expr/lexer.h"

namespace tablespan::expr {

// Recursive-descent parser for the three expression grammars (conditions, updates,
// projections). It checks syntax only, plus redundant parentheses, which the service
// reports as soon as it reads them. Each parse_* reads the whole input and throws
// ExpressionError with the service's message on the first error.
class Parser {
public:
    explicit Parser(std::string_view text);

    ast::ConditionPtr parse_condition();
    std::vector<ast::UpdateClause> parse_update();
    std::vector<ast::DocumentPath> parse_projection();

private:
    // Raised at the token where reading stopped; alternatives keep the one that got
    // furthest, as the service's parser does.
    struct SyntaxError {
        std::size_t at;
    };

    const Token& peek(std::size_t ahead = 0) const;
    bool at(TokenKind kind) const { return peek().kind == kind; }
    const Token& next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
    const Token& expect(TokenKind kind);
    [[noreturn]] void fail() const { throw SyntaxError{pos_}; }
    void expect_end();
    template <typename Parse>
    auto run(Parse parse);

    ast::ConditionPtr or_condition();
    ast::ConditionPtr and_condition();
    ast::ConditionPtr not_condition();
    ast::ConditionPtr primary_condition();
    ast::ConditionPtr parenthesized_condition();
    ast::ConditionPtr comparison();
    ast::Operand operand();
    ast::Operand read_operand();
    ast::Operand call();
    ast::DocumentPath path();
    ast::UpdateAction set_action();
    ast::UpdateAction value_action(ast::UpdateAction::Kind kind);

    std::string_view text_;
    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
    // Where reading an operand failed, by start token: "((((…" is otherwise re-read once
    // per parenthesis level when both readings of "(" are tried, which is quadratic.
    std::unordered_map<std::size_t, std::size_t> operand_failures_;
};

}  // namespace tablespan::expr
