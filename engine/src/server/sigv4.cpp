#include "server/sigv4.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace tablespan::server {

namespace {
bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string uri_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int hi = hex_value(text[i + 1]);
            const int lo = hex_value(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(text[i]);
    }
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}
}  // namespace

AuthorizationHeader parse_authorization(std::string_view header) {
    AuthorizationHeader parsed;
    header = trim(header);
    const std::size_t space = header.find_first_of(" \t");
    parsed.algorithm = std::string(header.substr(0, space));
    if (space == std::string_view::npos) return parsed;
    std::string_view rest = header.substr(space + 1);
    while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        const std::string_view item = trim(rest.substr(0, comma));
        rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
        if (item.empty()) continue;
        const std::size_t equals = item.find('=');
        const std::string_view key = trim(item.substr(0, equals));
        const std::string_view value =
            equals == std::string_view::npos ? std::string_view{} : trim(item.substr(equals + 1));
        parsed.parameters.emplace(std::string(key), std::string(value));
    }
    return parsed;
}

std::string uri_encode(std::string_view bytes, bool keep_slash) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(bytes.size());
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_unreserved(c) || (keep_slash && c == '/')) {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(kDigits[c >> 4]);
            out.push_back(kDigits[c & 0xf]);
        }
    }
    return out;
}

std::string canonical_uri(std::string_view raw_path) {
    std::vector<std::string_view> segments;
    std::string_view rest = raw_path;
    while (!rest.empty()) {
        const std::size_t slash = rest.find('/');
        const std::string_view segment = rest.substr(0, slash);
        rest.remove_prefix(slash == std::string_view::npos ? rest.size() : slash + 1);
        if (segment.empty() || segment == ".") continue;
        if (segment == "..") {
            if (!segments.empty()) segments.pop_back();
            continue;
        }
        segments.push_back(segment);
    }
    std::string path;
    for (std::string_view segment : segments) {
        path.push_back('/');
        path.append(segment);
    }
    // A trailing slash is kept (botocore's normalisation does the same).
    if (path.empty() || (raw_path.size() > 1 && raw_path.back() == '/')) path.push_back('/');
    return uri_encode(path, true);
}

std::string canonical_query(std::string_view raw_query) {
    std::vector<std::pair<std::string, std::string>> pairs;
    while (!raw_query.empty()) {
        const std::size_t amp = raw_query.find('&');
        const std::string_view item = raw_query.substr(0, amp);
        raw_query.remove_prefix(amp == std::string_view::npos ? raw_query.size() : amp + 1);
        if (item.empty()) continue;
        const std::size_t equals = item.find('=');
        const std::string_view name = item.substr(0, equals);
        const std::string_view value =
            equals == std::string_view::npos ? std::string_view{} : item.substr(equals + 1);
        pairs.emplace_back(uri_encode(uri_decode(name), false),
                           uri_encode(uri_decode(value), false));
    }
    std::sort(pairs.begin(), pairs.end());
    std::string out;
    for (const auto& [name, value] : pairs) {
        if (!out.empty()) out.push_back('&');
        out += name;
        out.push_back('=');
        out += value;
    }
    return out;
}

std::string canonical_header_value(std::string_view value) {
    value = trim(value);
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == ' ' && !out.empty() && out.back() == ' ') continue;
        out.push_back(c);
    }
    return out;
}

std::string canonical_request(std::string_view method, std::string_view raw_target,
                              std::string_view canonical_headers, std::string_view signed_headers,
                              std::string_view payload_hash) {
    const std::size_t question = raw_target.find('?');
    const std::string_view path = raw_target.substr(0, question);
    const std::string_view query =
        question == std::string_view::npos ? std::string_view{} : raw_target.substr(question + 1);
    std::string out;
    out.append(method).push_back('\n');
    out.append(canonical_uri(path)).push_back('\n');
    out.append(canonical_query(query)).push_back('\n');
    out.append(canonical_headers).push_back('\n');
    out.append(signed_headers).push_back('\n');
    out.append(payload_hash);
    return out;
}

std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request) {
    std::string out(kSigV4Algorithm);
    out.push_back('\n');
    out.append(amz_date).push_back('\n');
    out.append(scope).push_back('\n');
    out.append(to_hex(sha256(canonical_request)));
    return out;
}

Sha256Digest signing_key(std::string_view secret, std::string_view date, std::string_view region,
                         std::string_view service) {
    const Sha256Digest k_date = hmac_sha256("AWS4" + std::string(secret), date);
    const Sha256Digest k_region = hmac_sha256(as_bytes(k_date), region);
    const Sha256Digest k_service = hmac_sha256(as_bytes(k_region), service);
    return hmac_sha256(as_bytes(k_service), "aws4_request");
}

std::string signature(const Sha256Digest& key, std::string_view string_to_sign) {
    return to_hex(hmac_sha256(as_bytes(key), string_to_sign));
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

}  // namespace tablespan::server
