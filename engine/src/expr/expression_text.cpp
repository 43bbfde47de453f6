#include "expr/expression_text.h"

#include <string>

#include "tablespan/error.h"

namespace tablespan::expr {

void throw_invalid_expression(std::string_view parameter, std::string_view message) {
    throw_validation("Invalid " + std::string(parameter) + ": " + std::string(message));
}

void check_expression_text(std::string_view text, std::string_view parameter,
                           const ExpressionContext& ctx) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        throw_invalid_expression(parameter, "The expression can not be empty;");
    }
    if (text.size() > 4096 && !ctx.generated()) {
        throw_invalid_expression(parameter,
                                 "Expression size has exceeded the maximum allowed size; "
                                 "expression size: " +
                                     std::to_string(text.size()));
    }
}

}  // namespace tablespan::expr
