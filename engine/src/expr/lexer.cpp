#include "expr/lexer.h"

#include <array>
#include <cctype>
#include <utility>

namespace tablespan::expr {

namespace {

bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_word(char c) {
    return is_letter(c) || is_digit(c) || c == '_';
}
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::toupper(static_cast<unsigned char>(a[i])) !=
            std::toupper(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

TokenKind word_kind(std::string_view word) {
    static constexpr std::array<std::pair<std::string_view, TokenKind>, 9> keywords = {{
        {"AND", TokenKind::And},
        {"OR", TokenKind::Or},
        {"NOT", TokenKind::Not},
        {"BETWEEN", TokenKind::Between},
        {"IN", TokenKind::In},
        {"SET", TokenKind::Set},
        {"REMOVE", TokenKind::Remove},
        {"ADD", TokenKind::Add},
        {"DELETE", TokenKind::Delete},
    }};
    for (const auto& [keyword, kind] : keywords) {
        if (iequals(word, keyword)) return kind;
    }
    return TokenKind::Identifier;
}

// Length of the UTF-8 sequence starting with `lead`, so that an invalid non-ASCII
// character is reported whole.
std::size_t utf8_length(unsigned char lead) {
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    if (lead >= 0xC0) return 2;
    return 1;
}

TokenKind punctuation_kind(char c) {
    switch (c) {
        case '=':
            return TokenKind::Eq;
        case '<':
            return TokenKind::Lt;
        case '>':
            return TokenKind::Gt;
        case '(':
            return TokenKind::LParen;
        case ')':
            return TokenKind::RParen;
        case '[':
            return TokenKind::LBracket;
        case ']':
            return TokenKind::RBracket;
        case ',':
            return TokenKind::Comma;
        case '.':
            return TokenKind::Dot;
        case '+':
            return TokenKind::Plus;
        case '-':
            return TokenKind::Minus;
        default:
            return TokenKind::Invalid;
    }
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (is_space(c)) {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        TokenKind kind;
        if (is_letter(c)) {
            while (i < text.size() && is_word(text[i])) ++i;
            kind = word_kind(text.substr(begin, i - begin));
        } else if (c == '#' || c == ':') {
            ++i;
            while (i < text.size() && is_word(text[i])) ++i;
            if (i == begin + 1) {
                kind = TokenKind::Invalid;
            } else {
                kind = c == '#' ? TokenKind::NamePlaceholder : TokenKind::ValuePlaceholder;
            }
        } else if (is_digit(c)) {
            ++i;
            if (c != '0') {
                while (i < text.size() && is_digit(text[i])) ++i;
            }
            kind = TokenKind::Integer;
        } else if (c == '<' && i + 1 < text.size() && text[i + 1] == '>') {
            i += 2;
            kind = TokenKind::Ne;
        } else if (c == '<' && i + 1 < text.size() && text[i + 1] == '=') {
            i += 2;
            kind = TokenKind::Le;
        } else if (c == '>' && i + 1 < text.size() && text[i + 1] == '=') {
            i += 2;
            kind = TokenKind::Ge;
        } else {
            kind = punctuation_kind(c);
            i += kind == TokenKind::Invalid ? utf8_length(static_cast<unsigned char>(c)) : 1;
            if (i > text.size()) i = text.size();
        }
        tokens.push_back({kind, text.substr(begin, i - begin), begin, i});
    }
    tokens.push_back({TokenKind::End, "<EOF>", text.size(), text.size()});
    return tokens;
}

std::string syntax_error_message(std::string_view text, const std::vector<Token>& tokens,
                                 std::size_t index) {
    const Token& token = tokens[index];
    const std::size_t from = index > 0 ? tokens[index - 1].begin : token.begin;
    const std::size_t to = index + 1 < tokens.size() ? tokens[index + 1].end : token.end;
    std::string message = "Syntax error; token: \"";
    message += token.text;
    message += "\", near: \"";
    message += text.substr(from, to - from);
    message += '"';
    return message;
}

}  // namespace tablespan::expr
