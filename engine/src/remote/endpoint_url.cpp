#include "remote/endpoint_url.h"

#include <algorithm>
#include <cctype>

namespace tablespan::remote {

std::string EndpointUrl::host_header() const {
    const bool ipv6 = host.find(':') != std::string::npos;
    std::string out = ipv6 ? "[" + host + "]" : host;
    if (port != (tls ? "443" : "80")) out += ":" + port;
    return out;
}

std::string EndpointUrl::text() const {
    return (tls ? "https://" : "http://") + host_header() + target;
}

std::string fill_region(std::string_view pattern, std::string_view region) {
    static constexpr std::string_view kPlaceholder = "{region}";
    std::string out;
    std::size_t at = 0;
    for (std::size_t found; (found = pattern.find(kPlaceholder, at)) != std::string_view::npos;
         at = found + kPlaceholder.size())
        out.append(pattern.substr(at, found - at)).append(region);
    out.append(pattern.substr(at));
    return out;
}

std::string service_url(std::string_view url, std::string_view service) {
    if (service == "dynamodb") return std::string(url);
    const std::size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) return std::string(url);
    const std::size_t host_at = scheme + 3;
    const std::size_t host_end = url.find_first_of(":/", host_at);
    const std::string_view host = url.substr(
        host_at, host_end == std::string_view::npos ? std::string_view::npos : host_end - host_at);
    static constexpr std::string_view kLabel = "dynamodb.";
    const bool amazon = host.rfind(kLabel, 0) == 0 &&
                        (host.ends_with(".amazonaws.com") || host.ends_with(".amazonaws.com.cn"));
    if (!amazon) return std::string(url);
    const std::string_view rest = url.substr(host_at + kLabel.size());
    std::string out(url.substr(0, host_at));
    if (service == "streams")
        out.append("streams.dynamodb.");
    else
        out.append(service).append(".");
    out.append(rest);
    return out;
}

std::optional<EndpointUrl> parse_endpoint_url(std::string_view url, std::string* error) {
    const auto fail = [&](std::string message) -> std::optional<EndpointUrl> {
        if (error) *error = std::move(message);
        return std::nullopt;
    };
    EndpointUrl out;
    std::string lowered(url.substr(0, 8));
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lowered.rfind("https://", 0) == 0) {
        out.tls = true;
        url.remove_prefix(8);
    } else if (lowered.rfind("http://", 0) == 0) {
        url.remove_prefix(7);
    } else {
        return fail("The endpoint URL must start with http:// or https://.");
    }
    const std::size_t slash = url.find('/');
    std::string_view authority = url.substr(0, slash);
    out.target = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
    if (out.target.find_first_of("?#") != std::string::npos)
        return fail("The endpoint URL must not have a query or a fragment.");
    if (authority.find('@') != std::string_view::npos)
        return fail("The endpoint URL must not carry a user name or password.");
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos)
            return fail("The endpoint URL's IPv6 address is not closed with ].");
        out.host = std::string(authority.substr(1, close - 1));
        std::string_view rest = authority.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return fail("The endpoint URL's host is malformed.");
            port = rest.substr(1);
        }
    } else {
        const std::size_t colon = authority.rfind(':');
        out.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos) port = authority.substr(colon + 1);
    }
    if (out.host.empty()) return fail("The endpoint URL names no host.");
    if (port.empty()) {
        out.port = out.tls ? "443" : "80";
    } else {
        if (port.size() > 5 ||
            !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); }))
            return fail("The endpoint URL's port is not a number from 1 to 65535.");
        const int value = std::stoi(std::string(port));
        if (value < 1 || value > 65535)
            return fail("The endpoint URL's port is not a number from 1 to 65535.");
        out.port = std::to_string(value);
    }
    return out;
}

}  // namespace tablespan::remote
