#pragma once

#include <string_view>

namespace tablespan::expr {

// The checks on an expression's text made before it is parsed: empty (or blank) and
// longer than 4 KB. Throws ApiError with "Invalid <parameter>: …".
void check_expression_text(std::string_view text, std::string_view parameter);

// Runs `parse` and turns an ExpressionError into the ApiError the service returns.
template <typename Parse>
auto with_parameter(std::string_view parameter, Parse parse);

}  // namespace tablespan::expr

#include "expr/expression_error.h"

namespace tablespan::expr {

template <typename Parse>
auto with_parameter(std::string_view parameter, Parse parse) {
    try {
        return parse();
    } catch (const ExpressionError& e) {
        throw_invalid_expression(parameter, e.message);
    }
}

}  // namespace tablespan::expr
