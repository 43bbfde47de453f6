#include "expr/parser.h"

#include <utility>

#include "expr/expression_error.h"

namespace tablespan::expr {

namespace {

constexpr const char* kRedundantParentheses = "The expression has redundant parentheses;";

const char* comparator_text(TokenKind kind) {
    switch (kind) {
        case TokenKind::Eq:
            return "=";
        case TokenKind::Ne:
            return "<>";
        case TokenKind::Lt:
            return "<";
        case TokenKind::Le:
            return "<=";
        case TokenKind::Gt:
            return ">";
        case TokenKind::Ge:
            return ">=";
        default:
            return nullptr;
    }
}

ast::ConditionPtr make_condition(ast::ConditionNode::Kind kind) {
    auto node = std::make_shared<ast::ConditionNode>();
    node->kind = kind;
    return node;
}

}  // namespace

Parser::Parser(std::string_view text) : text_(text), tokens_(tokenize(text)) {}

const Token& Parser::peek(std::size_t ahead) const {
    const std::size_t index = pos_ + ahead;
    return tokens_[index < tokens_.size() ? index : tokens_.size() - 1];
}

const Token& Parser::expect(TokenKind kind) {
    if (!at(kind)) fail();
    return next();
}

void Parser::expect_end() {
    if (!at(TokenKind::End)) fail();
}

template <typename Parse>
auto Parser::run(Parse parse) {
    try {
        auto result = parse();
        expect_end();
        return result;
    } catch (const SyntaxError& e) {
        throw ExpressionError{syntax_error_message(text_, tokens_, e.at)};
    }
}

ast::ConditionPtr Parser::parse_condition() {
    return run([this] { return or_condition(); });
}

std::vector<ast::UpdateClause> Parser::parse_update() {
    return run([this] {
        std::vector<ast::UpdateClause> clauses;
        do {
            ast::UpdateClause clause;
            switch (peek().kind) {
                case TokenKind::Set:
                    next();
                    clause.kind = ast::UpdateAction::Kind::Set;
                    clause.actions.push_back(set_action());
                    while (at(TokenKind::Comma)) {
                        next();
                        clause.actions.push_back(set_action());
                    }
                    break;
                case TokenKind::Remove:
                    next();
                    clause.kind = ast::UpdateAction::Kind::Remove;
                    do {
                        if (!clause.actions.empty()) next();
                        clause.actions.push_back({ast::UpdateAction::Kind::Remove, path(), {}});
                    } while (at(TokenKind::Comma));
                    break;
                case TokenKind::Add:
                case TokenKind::Delete: {
                    const auto kind = next().kind == TokenKind::Add
                                          ? ast::UpdateAction::Kind::Add
                                          : ast::UpdateAction::Kind::Delete;
                    clause.kind = kind;
                    clause.actions.push_back(value_action(kind));
                    while (at(TokenKind::Comma)) {
                        next();
                        clause.actions.push_back(value_action(kind));
                    }
                    break;
                }
                default:
                    fail();
            }
            clauses.push_back(std::move(clause));
        } while (!at(TokenKind::End));
        return clauses;
    });
}

std::vector<ast::DocumentPath> Parser::parse_projection() {
    return run([this] {
        std::vector<ast::DocumentPath> paths;
        paths.push_back(path());
        while (at(TokenKind::Comma)) {
            next();
            paths.push_back(path());
        }
        return paths;
    });
}

ast::ConditionPtr Parser::or_condition() {
    auto left = and_condition();
    while (at(TokenKind::Or)) {
        next();
        auto node = make_condition(ast::ConditionNode::Kind::Or);
        node->children = {std::move(left), and_condition()};
        left = std::move(node);
    }
    return left;
}

ast::ConditionPtr Parser::and_condition() {
    auto left = not_condition();
    while (at(TokenKind::And)) {
        next();
        auto node = make_condition(ast::ConditionNode::Kind::And);
        node->children = {std::move(left), not_condition()};
        left = std::move(node);
    }
    return left;
}

ast::ConditionPtr Parser::not_condition() {
    if (!at(TokenKind::Not)) return primary_condition();
    next();
    auto node = make_condition(ast::ConditionNode::Kind::Not);
    node->children = {not_condition()};
    return node;
}

// "(" may open a parenthesized condition or a parenthesized operand, as in "(a) = :v";
// both readings are tried and the one that read furthest reports the error.
ast::ConditionPtr Parser::primary_condition() {
    if (!at(TokenKind::LParen)) return comparison();
    const std::size_t start = pos_;
    try {
        return parenthesized_condition();
    } catch (const SyntaxError& first) {
        pos_ = start;
        try {
            return comparison();
        } catch (const SyntaxError& second) {
            pos_ = start;
            throw SyntaxError{first.at >= second.at ? first.at : second.at};
        }
    }
}

ast::ConditionPtr Parser::parenthesized_condition() {
    expect(TokenKind::LParen);
    auto inner = or_condition();
    expect(TokenKind::RParen);
    if (inner->kind == ast::ConditionNode::Kind::Paren)
        throw ExpressionError{kRedundantParentheses};
    auto node = make_condition(ast::ConditionNode::Kind::Paren);
    node->children = {std::move(inner)};
    return node;
}

ast::ConditionPtr Parser::comparison() {
    ast::Operand first = operand();
    if (const char* op = comparator_text(peek().kind)) {
        next();
        auto node = make_condition(ast::ConditionNode::Kind::Compare);
        node->op = op;
        node->operands.push_back(std::move(first));
        node->operands.push_back(operand());
        return node;
    }
    if (at(TokenKind::Between)) {
        next();
        auto node = make_condition(ast::ConditionNode::Kind::Between);
        node->operands.push_back(std::move(first));
        node->operands.push_back(operand());
        expect(TokenKind::And);
        node->operands.push_back(operand());
        return node;
    }
    if (at(TokenKind::In)) {
        next();
        expect(TokenKind::LParen);
        auto node = make_condition(ast::ConditionNode::Kind::In);
        node->operands.push_back(std::move(first));
        node->operands.push_back(operand());
        while (at(TokenKind::Comma)) {
            next();
            node->operands.push_back(operand());
        }
        expect(TokenKind::RParen);
        return node;
    }
    if (first.kind == ast::Operand::Kind::Call) {
        auto node = make_condition(ast::ConditionNode::Kind::Function);
        node->operands.push_back(std::move(first));
        return node;
    }
    fail();
}

ast::Operand Parser::operand() {
    const std::size_t start = pos_;
    if (const auto it = operand_failures_.find(start); it != operand_failures_.end()) {
        throw SyntaxError{it->second};
    }
    try {
        return read_operand();
    } catch (const SyntaxError& e) {
        operand_failures_.emplace(start, e.at);
        throw;
    }
}

ast::Operand Parser::read_operand() {
    switch (peek().kind) {
        case TokenKind::ValuePlaceholder: {
            ast::Operand value{ast::Operand::Kind::Value, {}, std::string(next().text), {}, {}};
            return value;
        }
        case TokenKind::LParen: {
            next();
            ast::Operand inner = operand();
            expect(TokenKind::RParen);
            if (inner.kind == ast::Operand::Kind::Paren)
                throw ExpressionError{kRedundantParentheses};
            ast::Operand paren{ast::Operand::Kind::Paren, {}, {}, {}, {}};
            paren.args.push_back(std::move(inner));
            return paren;
        }
        case TokenKind::Identifier:
            if (peek(1).kind == TokenKind::LParen) return call();
            [[fallthrough]];
        case TokenKind::NamePlaceholder:
            return {ast::Operand::Kind::Path, path(), {}, {}, {}};
        default:
            fail();
    }
}

ast::Operand Parser::call() {
    ast::Operand call{ast::Operand::Kind::Call, {}, std::string(next().text), {}, {}};
    expect(TokenKind::LParen);
    call.args.push_back(operand());
    while (at(TokenKind::Comma)) {
        next();
        call.args.push_back(operand());
    }
    expect(TokenKind::RParen);
    return call;
}

ast::DocumentPath Parser::path() {
    using Kind = ast::PathStep::Kind;
    ast::DocumentPath result;
    if (at(TokenKind::Identifier)) {
        result.steps.push_back({Kind::Name, std::string(next().text)});
    } else if (at(TokenKind::NamePlaceholder)) {
        result.steps.push_back({Kind::NamePlaceholder, std::string(next().text)});
    } else {
        fail();
    }
    while (at(TokenKind::Dot) || at(TokenKind::LBracket)) {
        if (next().kind == TokenKind::Dot) {
            if (at(TokenKind::Identifier)) {
                result.steps.push_back({Kind::Name, std::string(next().text)});
            } else if (at(TokenKind::NamePlaceholder)) {
                result.steps.push_back({Kind::NamePlaceholder, std::string(next().text)});
            } else {
                fail();
            }
        } else {
            const Token& index = expect(TokenKind::Integer);
            expect(TokenKind::RBracket);
            result.steps.push_back({Kind::Index, std::string(index.text)});
        }
    }
    return result;
}

ast::UpdateAction Parser::set_action() {
    ast::UpdateAction action{ast::UpdateAction::Kind::Set, path(), {}};
    expect(TokenKind::Eq);
    ast::Operand value = operand();
    if (at(TokenKind::Plus) || at(TokenKind::Minus)) {
        ast::Operand arithmetic{
            ast::Operand::Kind::Arithmetic, {}, std::string(next().text), {}, {}};
        arithmetic.args.push_back(std::move(value));
        arithmetic.args.push_back(operand());
        action.value = std::move(arithmetic);
    } else {
        action.value = std::move(value);
    }
    return action;
}

ast::UpdateAction Parser::value_action(ast::UpdateAction::Kind kind) {
    ast::UpdateAction action{kind, path(), {}};
    const Token& value = expect(TokenKind::ValuePlaceholder);
    action.value = {ast::Operand::Kind::Value, {}, std::string(value.text), {}, {}};
    return action;
}

}  // namespace tablespan::expr
