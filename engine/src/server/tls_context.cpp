#include "server/tls_context.h"

#include <cerrno>
#include <fstream>
#include <system_error>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace tablespan::server {

namespace ssl = boost::asio::ssl;

namespace {
// Why `path` cannot be opened, or an empty string. OpenSSL's own text for a missing file
// names no file and no reason a user would recognise.
std::string unreadable(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (in) return {};
    return std::error_code(errno, std::generic_category()).message();
}

std::string describe(const char* what, const std::string& path, const std::string& reason) {
    return std::string("cannot use the TLS ") + what + " '" + path + "': " + reason;
}

std::string mismatch(const std::string& certificate_chain_file, const std::string& key_file) {
    return "the TLS private key '" + key_file + "' does not belong to the certificate in '" +
           certificate_chain_file + "'";
}

bool is_key_mismatch(const boost::system::error_code& ec) {
    if (ec.category() != boost::asio::error::get_ssl_category()) return false;
    const auto code = static_cast<unsigned long>(ec.value());
    return ERR_GET_LIB(code) == ERR_LIB_X509 && ERR_GET_REASON(code) == X509_R_KEY_VALUES_MISMATCH;
}
}  // namespace

std::shared_ptr<ssl::context> make_tls_context(const std::string& certificate_chain_file,
                                               const std::string& private_key_file,
                                               std::string* error) {
    if (certificate_chain_file.empty() || private_key_file.empty()) {
        *error = "TLS needs both a certificate chain file and a private key file";
        return nullptr;
    }
    auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
    context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                         ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                         ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    // OpenSSL would otherwise ask for the passphrase of an encrypted key on the terminal.
    context->set_password_callback(
        [](std::size_t, ssl::context::password_purpose) { return std::string(); });

    boost::system::error_code ec;
    if (auto reason = unreadable(certificate_chain_file); !reason.empty()) {
        *error = describe("certificate chain file", certificate_chain_file, reason);
        return nullptr;
    }
    context->use_certificate_chain_file(certificate_chain_file, ec);
    if (ec) {
        *error = describe("certificate chain file", certificate_chain_file,
                          "no PEM certificate could be read (" + ec.message() + ")");
        return nullptr;
    }
    if (auto reason = unreadable(private_key_file); !reason.empty()) {
        *error = describe("private key file", private_key_file, reason);
        return nullptr;
    }
    context->use_private_key_file(private_key_file, ssl::context::pem, ec);
    if (ec) {
        *error =
            is_key_mismatch(ec)
                ? mismatch(certificate_chain_file, private_key_file)
                : describe("private key file", private_key_file,
                           "no unencrypted PEM private key could be read (" + ec.message() + ")");
        return nullptr;
    }
    if (::SSL_CTX_check_private_key(context->native_handle()) != 1) {
        *error = mismatch(certificate_chain_file, private_key_file);
        return nullptr;
    }
    return context;
}

}  // namespace tablespan::server
