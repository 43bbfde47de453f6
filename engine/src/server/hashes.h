#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tablespan::server {

// The hashes the wire protocol needs, computed by OpenSSL and zlib (well-kept libraries
// rather than hand-written ones). All functions are thread-safe.

// A SHA-256 digest (FIPS 180-4).
using Sha256Digest = std::array<std::uint8_t, 32>;

Sha256Digest sha256(std::string_view bytes);
// HMAC-SHA256 (RFC 2104) of `message` under `key`.
Sha256Digest hmac_sha256(std::string_view key, std::string_view message);
// Lower-case hexadecimal, as SigV4 writes hashes and signatures.
std::string to_hex(const Sha256Digest& digest);

inline std::string_view as_bytes(const Sha256Digest& digest) {
    return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

// CRC-32 (IEEE 802.3, the zlib checksum) of `data`: the value DynamoDB sends in
// x-amz-crc32 and botocore verifies before it accepts a response.
std::uint32_t crc32(std::string_view data);

}  // namespace tablespan::server
