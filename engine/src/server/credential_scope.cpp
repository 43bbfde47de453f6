#include "server/credential_scope.h"

#include <algorithm>
#include <array>

namespace tablespan::server {

namespace {
constexpr std::string_view kAlgorithmPrefix = "AWS4-";
constexpr std::string_view kCredential = "Credential=";

bool is_space(char c) {
    return c == ' ' || c == '\t';
}
}  // namespace

std::optional<std::string> region_from_authorization(std::string_view header) {
    while (!header.empty() && is_space(header.front())) header.remove_prefix(1);
    if (header.substr(0, kAlgorithmPrefix.size()) != kAlgorithmPrefix) return std::nullopt;

    // Parameters follow the algorithm, separated by commas and optional spaces.
    std::size_t at = header.find(kCredential);
    while (at != std::string_view::npos && at > 0 && !is_space(header[at - 1]) &&
           header[at - 1] != ',')
        at = header.find(kCredential, at + 1);
    if (at == std::string_view::npos) return std::nullopt;
    std::string_view value = header.substr(at + kCredential.size());
    value = value.substr(0, value.find_first_of(", \t"));

    // keyid/date/region/service/aws4_request; the key id never contains '/'.
    if (std::count(value.begin(), value.end(), '/') != 4) return std::nullopt;
    std::array<std::string_view, 5> parts;
    for (auto& part : parts) {
        std::size_t slash = value.find('/');
        part = value.substr(0, slash);
        value.remove_prefix(slash == std::string_view::npos ? value.size() : slash + 1);
    }
    if (parts[2].empty()) return std::nullopt;
    return std::string(parts[2]);
}

}  // namespace tablespan::server
