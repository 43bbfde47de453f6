#pragma once

#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

namespace tablespan::server {

// A server-side TLS context (TLS 1.2 or later) with the certificate chain and private
// key of the PEM files. Returns nullptr with a readable reason in `error` when a file
// cannot be read or parsed (an encrypted key counts as unreadable: nothing prompts for
// its passphrase), or when the key does not belong to the certificate.
std::shared_ptr<boost::asio::ssl::context> make_tls_context(
    const std::string& certificate_chain_file, const std::string& private_key_file,
    std::string* error);

}  // namespace tablespan::server
