#include "server/request_id.h"

#include <random>

namespace tablespan::server {

std::string new_request_id() {
    // 52 characters of A-Z0-9, as the service's ids look. Ten digits in base 36 from
    // each 64-bit draw (36^10 is far below 2^64, so they are as good as uniform): six
    // draws instead of one per character.
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    constexpr int kLength = 52;
    constexpr int kDigitsPerDraw = 10;
    thread_local std::mt19937_64 random{std::random_device{}()};
    std::string id(kLength, ' ');
    for (int i = 0; i < kLength;) {
        std::uint64_t x = random();
        for (int d = 0; d < kDigitsPerDraw && i < kLength; ++d, ++i) {
            id[static_cast<std::size_t>(i)] = kAlphabet[x % 36];
            x /= 36;
        }
    }
    return id;
}

}  // namespace tablespan::server
