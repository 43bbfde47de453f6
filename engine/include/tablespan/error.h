#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace tablespan {

// A DynamoDB error: the exception name the service uses ("ValidationException",
// "ResourceNotFoundException", …), its message, and the HTTP status it travels with.
struct Error {
    std::string type;
    std::string message;
    int http_status = 400;
    // Members the error body carries besides __type and message (for example the Item
    // of a ConditionalCheckFailedException with ReturnValuesOnConditionCheckFailure).
    nlohmann::json extra = nlohmann::json::object();
};

// Thrown inside the engine's request handlers and turned into an `Error` value at the
// API boundary; it never crosses the engine's public API.
class ApiError : public std::runtime_error {
public:
    ApiError(std::string type, std::string message, int http_status = 400)
        : std::runtime_error(message), error_{std::move(type), std::move(message), http_status} {}
    const Error& error() const { return error_; }
    Error& error() { return error_; }

private:
    Error error_;
};

// Shorthands for the errors raised most often.
[[noreturn]] inline void throw_validation(std::string message) {
    throw ApiError("ValidationException", std::move(message));
}
[[noreturn]] inline void throw_invalid_parameter(const std::string& detail) {
    throw ApiError("ValidationException", "One or more parameter values were invalid: " + detail);
}

}  // namespace tablespan
