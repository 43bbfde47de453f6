#pragma once

// Versions of global-table items: a hybrid logical clock timestamp and the region the
// write originated in.
//
// A timestamp is engine milliseconds shifted left by kLogicalBits, plus a logical
// counter: it follows engine time, never repeats within a region, and moves past every
// version the region has seen (observe()), so a local write always supersedes what the
// region held before it.
//
// Last writer wins on (timestamp, origin): the greater timestamp wins; on equal
// timestamps, the origin region whose code sorts last (byte-wise) wins. That tie-break
// is Tablespan's own choice — the service only promises "best effort" — and it is
// deterministic, so every replica picks the same winner.

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "tablespan/clock.h"

namespace tablespan::core {

class HybridClock {
public:
    static constexpr int kLogicalBits = 16;

    std::int64_t tick(Millis now) {
        last_ = std::max(last_ + 1, static_cast<std::int64_t>(now) << kLogicalBits);
        return last_;
    }
    void observe(std::int64_t seen) { last_ = std::max(last_, seen); }
    std::int64_t last() const { return last_; }

private:
    std::int64_t last_ = 0;
};

// Whether version (a_hlc, a_origin) supersedes version (b_hlc, b_origin).
inline bool supersedes(std::int64_t a_hlc, std::string_view a_origin, std::int64_t b_hlc,
                       std::string_view b_origin) {
    return a_hlc != b_hlc ? a_hlc > b_hlc : a_origin > b_origin;
}

// The engine time a timestamp was taken at.
inline Millis hlc_millis(std::int64_t hlc) {
    return hlc >> HybridClock::kLogicalBits;
}

}  // namespace tablespan::core
