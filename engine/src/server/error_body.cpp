#include "server/error_body.h"

#include <array>
#include <algorithm>

namespace tablespan::server {

namespace {
constexpr std::array<std::string_view, 8> kCoralService = {
    "SerializationException",       "UnknownOperationException",
    "UnrecognizedClientException",  "MissingAuthenticationTokenException",
    "IncompleteSignatureException", "InvalidSignatureException",
    "AccessDeniedException",        "RequestEntityTooLargeException",
};
// Modelled with a capitalised "Message" member (reference §7).
constexpr std::array<std::string_view, 3> kCapitalMessage = {
    "TransactionCanceledException",
    "TransactionInProgressException",
    "IdempotentParameterMismatchException",
};

bool contains(const auto& list, std::string_view type) {
    return std::find(list.begin(), list.end(), type) != list.end();
}
}  // namespace

std::string error_type_id(std::string_view type) {
    if (type == "ValidationException") return "com.amazon.coral.validate#ValidationException";
    if (type == "ThrottlingException") return "com.amazon.coral.availability#ThrottlingException";
    if (contains(kCoralService, type)) return "com.amazon.coral.service#" + std::string(type);
    return "com.amazonaws.dynamodb.v20120810#" + std::string(type);
}

std::string error_body(const Error& error) {
    nlohmann::json body = nlohmann::json::object();
    body["__type"] = error_type_id(error.type);
    if (!error.message.empty())
        body[contains(kCapitalMessage, error.type) ? "Message" : "message"] = error.message;
    if (error.extra.is_object())
        for (const auto& [key, value] : error.extra.items()) body[key] = value;
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace tablespan::server
