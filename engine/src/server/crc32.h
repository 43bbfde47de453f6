#pragma once

#include <cstdint>
#include <string_view>

namespace tablespan::server {

// CRC-32 (IEEE 802.3, the zlib checksum) of `data`: the value DynamoDB sends in
// x-amz-crc32 and botocore verifies before it accepts a response.
std::uint32_t crc32(std::string_view data);

}  // namespace tablespan::server
