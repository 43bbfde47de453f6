#pragma once

#include <optional>
#include <string>
#include <variant>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "server/request_auth.h"
#include "tablespan/engine.h"

namespace tablespan::server {

namespace http = boost::beast::http;
using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;

// A response the endpoint composes: from an engine result or without the engine.
struct Reply {
    http::status status = http::status::ok;
    std::string body;
    std::string content_type = "application/x-amz-json-1.0";  // empty: no Content-Type
    // The error the body carries, when the endpoint refused the request itself.
    std::optional<Error> error;
};

// A request that goes to the engine.
struct EngineCall {
    std::string region;
    std::string operation;
    Json request;
};

using Route = std::variant<Reply, EngineCall>;

// Decides what an HTTP request means in DynamoDB's wire protocol (reference §7), in the
// service's order: method and content type, JSON syntax, X-Amz-Target, the signature
// (only when credentials are given), then the engine (which answers unknown operations,
// unknown regions and empty bodies itself). Stateless apart from its settings;
// thread-safe.
class RequestRouter {
public:
    // Without `credentials` signatures are not checked.
    explicit RequestRouter(std::string default_region,
                           std::optional<Credentials> credentials = std::nullopt);

    Route route(const HttpRequest& request) const;

    // The reply for the engine's answer to an EngineCall.
    static Reply reply(const Result& result);
    static Reply error_reply(const Error& error);
    // Replies for requests the endpoint refuses to read to the end.
    static Reply body_too_large(std::size_t limit);
    static Reply headers_too_large(std::size_t limit);
    // The region in the request's SigV4 credential scope, else the default region.
    std::string region_of(const HttpRequest& request) const;
    // The operation an X-Amz-Target names: "DynamoDB_20120810.<Op>" or, for the four
    // Streams operations, "DynamoDBStreams_20120810.<Op>"; "TrentService.<Op>" (KMS) as
    // "kms:<Op>"; nullopt for anything else.
    static std::optional<std::string> operation_of(std::string_view target);

private:
    std::string default_region_;
    std::optional<Credentials> credentials_;
};

// The HTTP response for `reply`: status, body, Content-Type, Content-Length,
// x-amzn-RequestId and x-amz-crc32 (of the exact body bytes).
HttpResponse make_response(Reply reply, unsigned http_version, bool keep_alive);

}  // namespace tablespan::server
