#pragma once

#include <string_view>

#include "expr/expressions.h"

namespace tablespan::expr {

// The checks on an expression's text made before it is parsed: empty (or blank) and
// longer than 4 KB (a limit on what a client writes: not for `ctx.generated()` text).
// Throws ApiError with "Invalid <parameter>: …".
void check_expression_text(std::string_view text, std::string_view parameter,
                           const ExpressionContext& ctx);

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
