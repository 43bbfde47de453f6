#include "server/request_router.h"

#include <boost/beast/http/field.hpp>

#include "server/hashes.h"
#include "server/credential_scope.h"
#include "server/error_body.h"
#include "server/request_id.h"

namespace tablespan::server {

namespace {
constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";
// DynamoDB Streams answers on the same endpoint under its own prefix (its model's
// targetPrefix; SigV4 signs it as service "dynamodb").
constexpr std::string_view kStreamsPrefix = "DynamoDBStreams_20120810.";
// The simulated KMS answers on the same endpoint too, under KMS's prefix (its model's
// targetPrefix; SigV4 signs it as service "kms"); the engine names its operations
// "kms:<Op>".
constexpr std::string_view kKmsPrefix = "TrentService.";

bool streams_operation(std::string_view op) {
    return op == "ListStreams" || op == "DescribeStream" || op == "GetShardIterator" ||
           op == "GetRecords";
}

// Boost 1.74's Beast has its own string_view.
std::string_view view(boost::beast::string_view s) {
    return {s.data(), s.size()};
}

// What the service answers to anything that is not a JSON POST; SDKs never see it.
Reply unknown_operation_markup() {
    return Reply{http::status::not_found, "<UnknownOperationException/>\n", {}, std::nullopt};
}

bool acceptable_content_type(std::string_view value) {
    value = value.substr(0, value.find(';'));
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    return value.empty() || value == "application/x-amz-json-1.0" ||
           value == "application/x-amz-json-1.1" || value == "application/json";
}

// nlohmann's text without its "[json.exception.parse_error.101] " tag.
std::string parse_error_text(const std::exception& e) {
    std::string_view text = e.what();
    if (!text.empty() && text.front() == '[') {
        auto end = text.find("] ");
        if (end != std::string_view::npos) text.remove_prefix(end + 2);
    }
    return std::string(text);
}
}  // namespace

RequestRouter::RequestRouter(std::string default_region, std::optional<Credentials> credentials)
    : default_region_(std::move(default_region)), credentials_(std::move(credentials)) {}

std::string RequestRouter::region_of(const HttpRequest& request) const {
    auto it = request.find(http::field::authorization);
    if (it != request.end()) {
        if (auto region = region_from_authorization(view(it->value()))) return *region;
    }
    return default_region_;
}

Route RequestRouter::route(const HttpRequest& request) const {
    if (request.method() == http::verb::get) {
        // The service's health check answer, which load balancers and scripts probe.
        return Reply{http::status::ok, "healthy: dynamodb." + region_of(request) + ".amazonaws.com",
                     "text/plain", std::nullopt};
    }
    if (request.method() != http::verb::post) return unknown_operation_markup();
    if (!request.body().empty() &&
        !acceptable_content_type(view(request[http::field::content_type])))
        return unknown_operation_markup();

    Json body;  // null for an empty body: the engine answers SerializationException
    if (!request.body().empty()) {
        try {
            body = Json::parse(request.body());
        } catch (const Json::parse_error& e) {
            return error_reply(Error{"SerializationException", parse_error_text(e), 400});
        }
    }

    const auto operation = operation_of(view(request["X-Amz-Target"]));
    if (!operation) return error_reply(Error{"UnknownOperationException", {}, 400});
    if (credentials_) {
        if (auto error = check_signature(request, *credentials_, std::chrono::system_clock::now()))
            return error_reply(*error);
    }
    return EngineCall{region_of(request), std::move(*operation), std::move(body)};
}

std::optional<std::string> RequestRouter::operation_of(std::string_view target) {
    if (target.substr(0, kKmsPrefix.size()) == kKmsPrefix && target.size() > kKmsPrefix.size())
        return "kms:" + std::string(target.substr(kKmsPrefix.size()));
    for (auto prefix : {kTargetPrefix, kStreamsPrefix}) {
        if (target.substr(0, prefix.size()) != prefix || target.size() == prefix.size()) continue;
        const auto op = target.substr(prefix.size());
        if (streams_operation(op) != (prefix == kStreamsPrefix)) return std::nullopt;
        return std::string(op);
    }
    return std::nullopt;
}

Reply RequestRouter::reply(const Result& result) {
    if (result.error) return error_reply(*result.error);
    std::string text = result.body.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (!result.items_text.empty()) {
        // A Scan or Query page with its Items already written as text: they go first
        // (dump() sorts them after "Count"; a JSON object's members have no order).
        std::string page;
        page.reserve(10 + result.items_text.size() + text.size());
        page += "{\"Items\":";
        page += result.items_text;
        if (text.size() > 2) page.push_back(',');
        page.append(text, 1);
        text = std::move(page);
    }
    return Reply{http::status::ok, std::move(text), "application/x-amz-json-1.0", std::nullopt};
}

Reply RequestRouter::error_reply(const Error& error) {
    return Reply{static_cast<http::status>(error.http_status), error_body(error),
                 "application/x-amz-json-1.0", error};
}

Reply RequestRouter::body_too_large(std::size_t limit) {
    return error_reply(
        Error{"RequestEntityTooLargeException",
              "Request body exceeds the maximum size of " + std::to_string(limit) + " bytes", 413});
}

Reply RequestRouter::headers_too_large(std::size_t limit) {
    return error_reply(Error{
        "RequestEntityTooLargeException",
        "Request headers exceed the maximum size of " + std::to_string(limit) + " bytes", 431});
}

HttpResponse make_response(Reply reply, unsigned http_version, bool keep_alive) {
    HttpResponse response{reply.status, http_version};
    response.set("x-amzn-RequestId", new_request_id());
    response.set("x-amz-crc32", std::to_string(crc32(reply.body)));
    if (!reply.content_type.empty()) response.set(http::field::content_type, reply.content_type);
    response.body() = std::move(reply.body);
    response.keep_alive(keep_alive);
    response.prepare_payload();
    return response;
}

}  // namespace tablespan::server
