#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tablespan::server {

// A SHA-256 digest (FIPS 180-4).
using Sha256Digest = std::array<std::uint8_t, 32>;

// Incremental SHA-256. Not thread-safe; one object per message.
class Sha256 {
public:
    Sha256();
    void update(std::string_view bytes);
    // The digest of everything given to update(); the object must not be used afterwards.
    Sha256Digest finish();

private:
    void compress(const std::uint8_t* block);

    std::array<std::uint32_t, 8> state_;
    std::array<std::uint8_t, 64> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t length_ = 0;  // bytes
};

Sha256Digest sha256(std::string_view bytes);
// HMAC-SHA256 (RFC 2104) of `message` under `key`.
Sha256Digest hmac_sha256(std::string_view key, std::string_view message);
// Lower-case hexadecimal, as SigV4 writes hashes and signatures.
std::string to_hex(const Sha256Digest& digest);

inline std::string_view as_bytes(const Sha256Digest& digest) {
    return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

}  // namespace tablespan::server
