#include "api/ids.h"

#include <cstdio>
#include <mutex>
#include <random>

namespace tablespan::api {

std::string new_uuid() {
    static std::mutex mutex;
    static std::mt19937_64 rng{std::random_device{}()};
    std::uint64_t hi, lo;
    {
        std::lock_guard lock(mutex);
        hi = rng();
        lo = rng();
    }
    hi = (hi & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
    lo = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // RFC 4122 variant
    char buf[37];
    std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(hi >> 32),
                  static_cast<unsigned>((hi >> 16) & 0xffff), static_cast<unsigned>(hi & 0xffff),
                  static_cast<unsigned>(lo >> 48),
                  static_cast<unsigned long long>(lo & 0xffffffffffffULL));
    return buf;
}

std::string stream_label(Millis t) {
    return format_iso8601_millis(t);
}

}  // namespace tablespan::api
