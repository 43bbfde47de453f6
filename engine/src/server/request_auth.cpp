#include "server/request_auth.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include <boost/beast/core/string.hpp>

#include "server/sigv4.h"
#include "tablespan/regions.h"

namespace tablespan::server {

// The checks and their texts follow DynamoDB's own answers, recorded against the live
// service by dynalite's author (mhart/dynalite, 2013), in the service's order; the
// signature-mismatch text as the service gives it today, without the canonical string.

namespace {
namespace http = boost::beast::http;
using namespace std::chrono;

constexpr std::string_view kService = "dynamodb";
// The simulated KMS's requests (X-Amz-Target TrentService.<Op>) are signed for "kms".
constexpr std::string_view kKmsService = "kms";
constexpr std::string_view kTerminator = "aws4_request";

std::string_view view(boost::beast::string_view s) {
    return {s.data(), s.size()};
}

Error missing_token() {
    return {"MissingAuthenticationTokenException", "Request is missing Authentication Token", 400};
}
Error incomplete(std::string message) {
    return {"IncompleteSignatureException", std::move(message), 400};
}
Error invalid(std::string message) {
    return {"InvalidSignatureException", std::move(message), 400};
}

int digits(std::string_view s) {
    int value = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::vector<std::string_view> split(std::string_view s, char separator) {
    std::vector<std::string_view> parts;
    while (true) {
        const std::size_t at = s.find(separator);
        parts.push_back(s.substr(0, at));
        if (at == std::string_view::npos) return parts;
        s.remove_prefix(at + 1);
    }
}

std::optional<Error> check_clock_skew(std::string_view amz_date, system_clock::time_point now) {
    const auto time = parse_amz_date(amz_date);
    if (!time)
        return incomplete("Date must be in ISO-8601 'basic format'. Got '" + std::string(amz_date) +
                          "'. See http://en.wikipedia.org/wiki/ISO_8601");
    if (*time < now - kMaxClockSkew)
        return invalid("Signature expired: " + std::string(amz_date) + " is now earlier than " +
                       format_amz_date(now - kMaxClockSkew) + " (" + format_amz_date(now) +
                       " - 15 min.)");
    if (*time > now + kMaxClockSkew)
        return invalid("Signature not yet current: " + std::string(amz_date) +
                       " is still later than " + format_amz_date(now + kMaxClockSkew) + " (" +
                       format_amz_date(now) + " + 15 min.)");
    return std::nullopt;
}

// keyid/date/region/service/aws4_request, each piece checked; every complaint is listed.
std::optional<Error> check_scope(const std::vector<std::string_view>& scope,
                                 std::string_view amz_date, std::string_view service) {
    std::string message;
    const auto add = [&message](std::string text) {
        if (!message.empty()) message.push_back(' ');
        message += text;
    };
    if (!find_region(scope[2]))
        add("Credential should be scoped to a valid region, not '" + std::string(scope[2]) + "'.");
    if (scope[3] != service)
        add("Credential should be scoped to correct service: '" + std::string(service) + "'.");
    if (scope[4] != kTerminator)
        add("Credential should be scoped with a valid terminator: '" + std::string(kTerminator) +
            "', not '" + std::string(scope[4]) + "'.");
    if (scope[1] != amz_date.substr(0, 8))
        add("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
            "HTTP: '" +
            std::string(scope[1]) + "' != '" + std::string(amz_date.substr(0, 8)) + "', from '" +
            std::string(amz_date) + "'.");
    if (message.empty()) return std::nullopt;
    return invalid(std::move(message));
}

std::string canonical_headers(const http::request<http::string_body>& request,
                              const std::vector<std::string_view>& names) {
    std::string out;
    for (std::string_view name : names) {
        out += lower(name);
        out.push_back(':');
        bool first = true;
        for (auto [it, end] =
                 request.equal_range(boost::beast::string_view(name.data(), name.size()));
             it != end; ++it) {
            if (!first) out.push_back(',');
            out += canonical_header_value(view(it->value()));
            first = false;
        }
        out.push_back('\n');
    }
    return out;
}
}  // namespace

std::optional<system_clock::time_point> parse_amz_date(std::string_view text) {
    if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
    const int y = digits(text.substr(0, 4)), mo = digits(text.substr(4, 2)),
              d = digits(text.substr(6, 2)), h = digits(text.substr(9, 2)),
              mi = digits(text.substr(11, 2)), s = digits(text.substr(13, 2));
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)},
                              day{static_cast<unsigned>(d)}};
    if (y < 0 || !date.ok() || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60)
        return std::nullopt;
    return sys_days{date} + hours{h} + minutes{mi} + seconds{s};
}

std::string format_amz_date(system_clock::time_point time) {
    const auto secs = floor<seconds>(time);
    const auto days_part = floor<days>(secs);
    const year_month_day date{days_part};
    const hh_mm_ss clock{secs - days_part};
    char text[64];  // room for any int, though the values are in range
    std::snprintf(text, sizeof text, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(clock.hours().count()),
                  static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()));
    return text;
}

std::optional<Error> check_signature(const http::request<http::string_body>& request,
                                     const Credentials& credentials, system_clock::time_point now) {
    const std::string_view header = view(request[http::field::authorization]);
    std::string_view trimmed = header;
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.remove_prefix(1);
    if (trimmed.substr(0, 5) != "AWS4-") return missing_token();

    const AuthorizationHeader auth = parse_authorization(header);
    std::string_view amz_date = view(request["X-Amz-Date"]);
    if (amz_date.empty()) amz_date = view(request[http::field::date]);
    std::string missing;
    for (std::string_view name : {"Credential", "Signature", "SignedHeaders"}) {
        auto it = auth.parameters.find(name);
        // An empty SignedHeaders is well-formed here; the Host check below refuses it.
        if (it == auth.parameters.end() || (it->second.empty() && name != "SignedHeaders"))
            missing += "Authorization header requires '" + std::string(name) + "' parameter. ";
    }
    if (amz_date.empty())
        missing +=
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
    if (!missing.empty()) return incomplete(missing + "Authorization=" + std::string(header));

    if (auto error = check_clock_skew(amz_date, now)) return error;

    const std::string& signed_headers = auth.parameters.find("SignedHeaders")->second;
    const std::vector<std::string_view> names = split(signed_headers, ';');
    if (std::none_of(names.begin(), names.end(),
                     [](std::string_view n) { return lower(n) == "host"; }))
        return invalid("'Host' must be a 'SignedHeader' in the AWS Authorization.");

    if (auth.algorithm != kSigV4Algorithm)
        return incomplete("Unsupported AWS 'algorithm': '" + auth.algorithm +
                          "' (only AWS4-HMAC-SHA256 for now). ");

    std::string_view credential = auth.parameters.find("Credential")->second;
    while (!credential.empty() && credential.back() == '/') credential.remove_suffix(1);
    const std::vector<std::string_view> scope = split(credential, '/');
    if (scope.size() != 5)
        return incomplete(
            "Credential must have exactly 5 slash-delimited elements, e.g. "
            "keyid/date/region/service/term, got '" +
            std::string(credential) + "'");
    const std::string_view target = view(request["X-Amz-Target"]);
    const std::string_view service =
        target.substr(0, 13) == "TrentService." ? kKmsService : kService;
    if (auto error = check_scope(scope, amz_date, service)) return error;

    const auto secret = credentials.find(scope[0]);
    if (secret == credentials.end())
        return Error{"UnrecognizedClientException",
                     "The security token included in the request is invalid.", 400};

    const Error mismatch = invalid(
        "The request signature we calculated does not match the signature you provided. Check "
        "your AWS Secret Access Key and signing method. Consult the service documentation for "
        "details.");
    // A client may sign a hash it sends in x-amz-content-sha256; the body must still match
    // it (UNSIGNED-PAYLOAD leaves the body out of the signature).
    const std::string body_hash = to_hex(sha256(request.body()));
    std::string_view payload_hash = view(request["x-amz-content-sha256"]);
    if (payload_hash.empty()) payload_hash = body_hash;
    if (payload_hash != body_hash && payload_hash != "UNSIGNED-PAYLOAD") return mismatch;

    const std::string canonical =
        canonical_request(view(request.method_string()), view(request.target()),
                          canonical_headers(request, names), signed_headers, payload_hash);
    const std::string_view scope_text = credential.substr(scope[0].size() + 1);
    const std::string expected =
        signature(signing_key(secret->second, scope[1], scope[2], scope[3]),
                  string_to_sign(amz_date, scope_text, canonical));
    if (!constant_time_equal(expected, auth.parameters.find("Signature")->second)) return mismatch;
    return std::nullopt;
}

}  // namespace tablespan::server
