#pragma once

// The tokens of a PartiQL statement, as DynamoDB's subset of PartiQL writes them
// (../shared/reference/dynamodb-data-plane.md §6.1): names bare or in double quotes,
// strings in single quotes, numbers, `?` parameters, `<<`/`>>` bag brackets, and the
// comments `--` and `/* */`. Every token knows its line and column, for the parser's
// messages.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tablespan::partiql {

enum class TokenKind {
    Word,        // a bare name or keyword: a letter or '_', then letters, digits, '_', '$'
    QuotedName,  // "name": `text` holds the name with "" unescaped
    String,      // 'text': `text` holds the string with '' unescaped
    Number,      // 12, 1.5, .5, 1e3
    Parameter,   // ?
    Punct,       // ( ) [ ] { } , . : ; * + - = <> != < <= > >= << >>
    End,
};

struct Token {
    TokenKind kind;
    std::string text;
    int line = 1;    // 1-based
    int column = 1;  // 1-based, in characters of the line
};

// Thrown by the lexer and the parser; the caller adds the service's prefix.
struct SyntaxError {
    std::string detail;  // "Unexpected keyword", "Unexpected token", …
    int line;
    int column;
};

// Splits a statement into tokens ending with one End token; throws SyntaxError for a
// character no token starts with, an unterminated string, name or comment.
std::vector<Token> tokenize(std::string_view statement);

}  // namespace tablespan::partiql
