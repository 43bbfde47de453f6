#include "partiql/lexer.h"

#include <cctype>

namespace tablespan::partiql {

namespace {

bool word_start(unsigned char c) {
    return std::isalpha(c) || c == '_' || c >= 0x80;
}
bool word_part(unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

class Lexer {
public:
    explicit Lexer(std::string_view text) : text_(text) {}

    std::vector<Token> run() {
        std::vector<Token> out;
        for (;;) {
            skip_space_and_comments();
            if (at_end()) break;
            out.push_back(next());
        }
        out.push_back(Token{TokenKind::End, "", line_, column_});
        return out;
    }

private:
    bool at_end() const { return pos_ >= text_.size(); }
    unsigned char peek(std::size_t ahead = 0) const {
        return pos_ + ahead < text_.size() ? static_cast<unsigned char>(text_[pos_ + ahead]) : 0;
    }
    // Moves one byte on; UTF-8 continuation bytes do not count as columns.
    void advance() {
        const unsigned char c = peek();
        ++pos_;
        if (c == '\n') {
            ++line_;
            column_ = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column_;
        }
    }

    [[noreturn]] void fail(const std::string& detail, int line, int column) const {
        throw SyntaxError{detail, line, column};
    }

    void skip_space_and_comments() {
        for (;;) {
            while (!at_end() && std::isspace(peek())) advance();
            if (peek() == '-' && peek(1) == '-') {
                while (!at_end() && peek() != '\n') advance();
                continue;
            }
            if (peek() == '/' && peek(1) == '*') {
                const int line = line_, column = column_;
                advance();
                advance();
                while (!at_end() && !(peek() == '*' && peek(1) == '/')) advance();
                if (at_end()) fail("Unterminated comment", line, column);
                advance();
                advance();
                continue;
            }
            return;
        }
    }

    // A quoted string or name; the quote doubled stands for itself.
    std::string quoted(char quote, const char* unterminated) {
        const int line = line_, column = column_;
        advance();
        std::string out;
        for (;;) {
            if (at_end()) fail(unterminated, line, column);
            if (peek() == static_cast<unsigned char>(quote)) {
                if (peek(1) == static_cast<unsigned char>(quote)) {
                    out += quote;
                    advance();
                    advance();
                    continue;
                }
                advance();
                return out;
            }
            out += static_cast<char>(peek());
            advance();
        }
    }

    Token next() {
        Token t{TokenKind::Punct, "", line_, column_};
        const unsigned char c = peek();
        if (word_start(c)) {
            t.kind = TokenKind::Word;
            while (!at_end() && word_part(peek())) {
                t.text += static_cast<char>(peek());
                advance();
            }
            return t;
        }
        if (std::isdigit(c) || (c == '.' && std::isdigit(peek(1)))) {
            t.kind = TokenKind::Number;
            while (std::isdigit(peek())) t.text += static_cast<char>(peek()), advance();
            if (peek() == '.') {
                t.text += '.';
                advance();
                while (std::isdigit(peek())) t.text += static_cast<char>(peek()), advance();
            }
            if ((peek() == 'e' || peek() == 'E') &&
                (std::isdigit(peek(1)) ||
                 ((peek(1) == '+' || peek(1) == '-') && std::isdigit(peek(2))))) {
                t.text += static_cast<char>(peek());
                advance();
                if (peek() == '+' || peek() == '-') t.text += static_cast<char>(peek()), advance();
                while (std::isdigit(peek())) t.text += static_cast<char>(peek()), advance();
            }
            if (word_part(peek())) fail("Invalid numeric literal", t.line, t.column);
            return t;
        }
        if (c == '\'') {
            t.kind = TokenKind::String;
            t.text = quoted('\'', "Unterminated string literal");
            return t;
        }
        if (c == '"') {
            t.kind = TokenKind::QuotedName;
            t.text = quoted('"', "Unterminated quoted identifier");
            return t;
        }
        if (c == '?') {
            t.kind = TokenKind::Parameter;
            t.text = "?";
            advance();
            return t;
        }
        static constexpr std::string_view kTwo[] = {"<>", "!=", "<=", ">=", "<<", ">>"};
        for (std::string_view two : kTwo)
            if (peek() == static_cast<unsigned char>(two[0]) &&
                peek(1) == static_cast<unsigned char>(two[1])) {
                t.text = std::string(two);
                advance();
                advance();
                return t;
            }
        static constexpr std::string_view kOne = "()[]{},.:;*+-=<>";
        if (kOne.find(static_cast<char>(c)) != std::string_view::npos) {
            t.text = std::string(1, static_cast<char>(c));
            advance();
            return t;
        }
        fail("Invalid character", t.line, t.column);
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;
    int column_ = 1;
};

}  // namespace

std::vector<Token> tokenize(std::string_view statement) {
    return Lexer(statement).run();
}

}  // namespace tablespan::partiql
