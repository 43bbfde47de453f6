#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "tablespan/error.h"

namespace tablespan::server {

// Access key id → secret access key.
using Credentials = std::map<std::string, std::string, std::less<>>;

// How far a request's X-Amz-Date may be from the wall clock, either way.
inline constexpr std::chrono::minutes kMaxClockSkew{15};

// Checks the SigV4 signature of a DynamoDB request against `credentials`, in the order
// and with the texts the service uses (MissingAuthenticationTokenException,
// IncompleteSignatureException, InvalidSignatureException, UnrecognizedClientException;
// all HTTP 400). Returns nullopt when the request is signed by one of the key pairs, for
// the "dynamodb" service, within kMaxClockSkew of `now`. The payload hash is
// x-amz-content-sha256 when the request carries it, otherwise the body's. Session tokens
// (X-Amz-Security-Token) are not checked. KMS requests (X-Amz-Target TrentService.<Op>)
// are signed for the "kms" service. Thread-safe.
std::optional<Error> check_signature(
    const boost::beast::http::request<boost::beast::http::string_body>& request,
    const Credentials& credentials, std::chrono::system_clock::time_point now);

// "20150830T123600Z" (ISO 8601 basic format, UTC) and back; nullopt when malformed.
std::optional<std::chrono::system_clock::time_point> parse_amz_date(std::string_view text);
std::string format_amz_date(std::chrono::system_clock::time_point time);

}  // namespace tablespan::server
