#include "partiql/statement_table.h"

#include <cctype>

#include "partiql/lexer.h"

namespace tablespan::partiql {

std::string statement_table(std::string_view statement) {
    std::vector<Token> tokens;
    try {
        tokens = tokenize(statement);
    } catch (const SyntaxError&) {
        return {};
    }
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        if (tokens[i].kind != TokenKind::Word) continue;
        std::string word = tokens[i].text;
        for (auto& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        const Token& next = tokens[i + 1];
        if ((word == "FROM" || word == "INTO" || word == "UPDATE") &&
            (next.kind == TokenKind::Word || next.kind == TokenKind::QuotedName))
            return next.text;
    }
    return {};
}

}  // namespace tablespan::partiql
