#pragma once

// The keys a scenario's load writes and reads: uniform over `keys`, Zipf (s = 1: key i
// is chosen in proportion to 1/(i+1), a few hot keys), or a new key for every write.
// Seeded: the same seed picks the same keys.

#include <cstdint>
#include <random>
#include <vector>

#include "scenarios/scenario_file.h"

namespace tablespan::scenarios {

class KeyPicker {
public:
    KeyPicker(const LoadSpec& load, std::uint64_t seed);
    // The key index of the next write.
    std::int64_t next_write();
    // The key index of the next read (of a key written before, for Unique).
    std::int64_t next_read();

private:
    std::int64_t pick();

    KeyDistribution distribution_;
    std::int64_t keys_;
    std::int64_t written_ = 0;  // Unique: keys handed out so far
    std::mt19937_64 rng_;
    std::vector<double> cdf_;  // Zipf
};

}  // namespace tablespan::scenarios
