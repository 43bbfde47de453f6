#include "server/hashes.h"

#include <climits>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <zlib.h>

namespace tablespan::server {

Sha256Digest sha256(std::string_view bytes) {
    Sha256Digest digest{};
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) !=
            1 ||
        length != digest.size())
        throw std::runtime_error("SHA-256 failed");
    return digest;
}

Sha256Digest hmac_sha256(std::string_view key, std::string_view message) {
    if (key.size() > INT_MAX) throw std::length_error("HMAC key too long");
    Sha256Digest digest{};
    unsigned int length = 0;
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(),
             &length) == nullptr ||
        length != digest.size())
        throw std::runtime_error("HMAC-SHA256 failed");
    return digest;
}

std::string to_hex(const Sha256Digest& digest) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(digest.size() * 2);
    for (std::uint8_t byte : digest) {
        out.push_back(kDigits[byte >> 4]);
        out.push_back(kDigits[byte & 0xf]);
    }
    return out;
}

std::uint32_t crc32(std::string_view data) {
    // zlib takes lengths as uInt: feed anything larger in pieces.
    uLong crc = ::crc32(0L, Z_NULL, 0);
    const auto* bytes = reinterpret_cast<const Bytef*>(data.data());
    std::size_t left = data.size();
    while (left > 0) {
        const uInt piece = left > UINT_MAX ? UINT_MAX : static_cast<uInt>(left);
        crc = ::crc32(crc, bytes, piece);
        bytes += piece;
        left -= piece;
    }
    return static_cast<std::uint32_t>(crc);
}

}  // namespace tablespan::server
