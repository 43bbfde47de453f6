#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace tablespan::remote {

struct SigningKeys {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;  // empty: none
};

// Signs `request` with AWS Signature Version 4 (header signing) for `service` in
// `region`, as the SDKs do: sets X-Amz-Date (and X-Amz-Security-Token with a session
// token), then Authorization over every header the request carries. The request's Host,
// target and body must be final. The same canonical-request code checks signatures on
// the endpoint (server/sigv4.h).
void sign_request(boost::beast::http::request<boost::beast::http::string_body>& request,
                  std::string_view region, std::string_view service, const SigningKeys& keys,
                  std::chrono::system_clock::time_point now);

}  // namespace tablespan::remote
