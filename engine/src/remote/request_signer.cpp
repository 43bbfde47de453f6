#include "remote/request_signer.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "server/hashes.h"
#include "server/request_auth.h"
#include "server/sigv4.h"

namespace tablespan::remote {

namespace http = boost::beast::http;

namespace {
std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}
}  // namespace

void sign_request(http::request<http::string_body>& request, std::string_view region,
                  std::string_view service, const SigningKeys& keys,
                  std::chrono::system_clock::time_point now) {
    const std::string amz_date = server::format_amz_date(now);
    request.set("X-Amz-Date", amz_date);
    if (!keys.session_token.empty()) request.set("X-Amz-Security-Token", keys.session_token);
    request.erase(http::field::authorization);

    // Every header but the connection's own, by lower-case name, in order.
    std::vector<std::pair<std::string, std::string>> headers;
    for (const auto& field : request) {
        std::string name =
            lower(std::string_view(field.name_string().data(), field.name_string().size()));
        if (name == "connection" || name == "user-agent" || name == "content-length") continue;
        headers.emplace_back(std::move(name), server::canonical_header_value(std::string_view(
                                                  field.value().data(), field.value().size())));
    }
    std::sort(headers.begin(), headers.end());
    std::string canonical_headers;
    std::string signed_headers;
    for (const auto& [name, value] : headers) {
        canonical_headers.append(name).append(":").append(value).append("\n");
        if (!signed_headers.empty()) signed_headers.push_back(';');
        signed_headers.append(name);
    }

    const std::string date = amz_date.substr(0, 8);
    const std::string scope =
        date + "/" + std::string(region) + "/" + std::string(service) + "/aws4_request";
    const std::string target(request.target().data(), request.target().size());
    const std::string canonical =
        server::canonical_request(std::string(request.method_string()), target, canonical_headers,
                                  signed_headers, server::to_hex(server::sha256(request.body())));
    const std::string signature =
        server::signature(server::signing_key(keys.secret_access_key, date, region, service),
                          server::string_to_sign(amz_date, scope, canonical));
    request.set(http::field::authorization,
                std::string(server::kSigV4Algorithm) + " Credential=" + keys.access_key_id + "/" +
                    scope + ", SignedHeaders=" + signed_headers + ", Signature=" + signature);
}

}  // namespace tablespan::remote
