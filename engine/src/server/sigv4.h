#pragma once

#include <map>
#include <string>
#include <string_view>

#include "server/hashes.h"

namespace tablespan::server {

// The pieces of AWS Signature Version 4 (header signing) that a server recomputes to
// check a request, as AWS documents them for every service but S3: canonical request,
// string to sign, signing key, signature. Pure functions; thread-safe.

inline constexpr std::string_view kSigV4Algorithm = "AWS4-HMAC-SHA256";

// "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/dynamodb/aws4_request,
// SignedHeaders=host;x-amz-date, Signature=5fa0…" split into the algorithm and its
// comma-separated key=value parameters (values as written; a key without "=" maps to "").
struct AuthorizationHeader {
    std::string algorithm;
    std::map<std::string, std::string, std::less<>> parameters;
};
AuthorizationHeader parse_authorization(std::string_view header);

// Percent-encodes every byte but A-Z a-z 0-9 - _ . ~ (and '/' when `keep_slash`), with
// upper-case hex digits.
std::string uri_encode(std::string_view bytes, bool keep_slash);
// The canonical URI of a path as it arrived (already encoded once): dot segments and
// repeated slashes removed, then encoded again, as botocore does for non-S3 services.
std::string canonical_uri(std::string_view raw_path);
// The canonical query string: each name and value decoded and re-encoded, sorted by
// name, then value.
std::string canonical_query(std::string_view raw_query);
// A header value as the canonical headers hold it: trimmed, inner runs of spaces as one.
std::string canonical_header_value(std::string_view value);

// `raw_target` is the request target (path and query) as it arrived;
// `canonical_headers` the "name:value\n" lines of the signed headers in order.
std::string canonical_request(std::string_view method, std::string_view raw_target,
                              std::string_view canonical_headers, std::string_view signed_headers,
                              std::string_view payload_hash);
// "AWS4-HMAC-SHA256\n<amz_date>\n<scope>\n<hex sha256 of canonical_request>".
std::string string_to_sign(std::string_view amz_date, std::string_view scope,
                           std::string_view canonical_request);
// HMAC chain "AWS4"+secret → date → region → service → "aws4_request".
Sha256Digest signing_key(std::string_view secret, std::string_view date, std::string_view region,
                         std::string_view service);
// The hex signature of `string_to_sign` under `key`.
std::string signature(const Sha256Digest& key, std::string_view string_to_sign);

// Compares in time independent of where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace tablespan::server
