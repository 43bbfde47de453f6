#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tablespan::expr {

enum class TokenKind {
    Identifier,        // attribute or function name: a letter, then letters, digits, '_'
    NamePlaceholder,   // #name
    ValuePlaceholder,  // :value
    Integer,           // list index: "0" or a digit 1-9 followed by digits
    And,
    Or,
    Not,
    Between,
    In,
    Set,
    Remove,
    Add,
    Delete,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Dot,
    Plus,
    Minus,
    Invalid,  // a character the grammar never accepts; reported as a syntax error
    End,
};

struct Token {
    TokenKind kind;
    std::string_view text;  // "<EOF>" for End
    std::size_t begin;      // byte offsets into the expression
    std::size_t end;
};

// Splits an expression into tokens, always ending with one End token. Never fails: a
// character that belongs to no token becomes an Invalid token, which the parser then
// reports where the service does.
std::vector<Token> tokenize(std::string_view text);

// The service's syntax error for the token at `index`: the token, and the text from
// the token before it through the token after it.
std::string syntax_error_message(std::string_view text, const std::vector<Token>& tokens,
                                 std::size_t index);

}  // namespace tablespan::expr
