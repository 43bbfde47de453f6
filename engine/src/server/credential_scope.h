#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tablespan::server {

// The region named in the credential scope of a SigV4 Authorization header
// ("AWS4-HMAC-SHA256 Credential=AKID/20261121/us-west-2/dynamodb/aws4_request, ...").
// Returns nullopt when the header is not SigV4 or its scope is malformed; the region
// is returned as written (the engine rejects unknown regions with the service's error).
std::optional<std::string> region_from_authorization(std::string_view header);

}  // namespace tablespan::server
