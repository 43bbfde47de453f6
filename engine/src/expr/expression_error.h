#pragma once

#include <string>
#include <string_view>

namespace tablespan::expr {

// A problem found while reading one expression. `message` is the service's text without
// the "Invalid <parameter>: " prefix, which the entry point adds before throwing ApiError.
struct ExpressionError {
    std::string message;
};

// Throws ApiError("ValidationException", "Invalid <parameter>: <message>").
[[noreturn]] void throw_invalid_expression(std::string_view parameter, std::string_view message);

}  // namespace tablespan::expr
