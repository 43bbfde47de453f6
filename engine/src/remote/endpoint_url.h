#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tablespan::remote {

// An http:// or https:// URL taken apart for a connection: "https://lab:8443" gives
// tls, host "lab", port "8443", target "/".
struct EndpointUrl {
    bool tls = false;
    std::string host;    // without brackets for an IPv6 literal
    std::string port;    // "80" / "443" when the URL names none
    std::string target;  // the path, "/" when empty
    // The Host header: the host, with the port when it is not the scheme's default.
    std::string host_header() const;
    // "https://lab:8443/": the connection pool's key and the URL errors name.
    std::string text() const;
};

// Replaces every "{region}" in `pattern` with `region`.
std::string fill_region(std::string_view pattern, std::string_view region);

// Amazon DynamoDB answers DynamoDB Streams and KMS on hosts of their own:
// dynamodb.<region>.amazonaws.com → streams.dynamodb.<region>.amazonaws.com and
// kms.<region>.amazonaws.com (also under amazonaws.com.cn). `service` is "dynamodb",
// "streams" or "kms"; any other URL (a Tablespan server, DynamoDB Local) serves all
// three itself and is returned unchanged.
std::string service_url(std::string_view url, std::string_view service);

// nullopt, with `error` set, for anything but http(s)://host[:port][/path] (no query,
// no user info).
std::optional<EndpointUrl> parse_endpoint_url(std::string_view url, std::string* error);

}  // namespace tablespan::remote
