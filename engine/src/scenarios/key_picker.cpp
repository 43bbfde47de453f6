#include "scenarios/key_picker.h"

#include <algorithm>

namespace tablespan::scenarios {

KeyPicker::KeyPicker(const LoadSpec& load, std::uint64_t seed)
    : distribution_(load.distribution), keys_(load.keys), rng_(seed) {
    if (distribution_ != KeyDistribution::Zipf) return;
    cdf_.resize(static_cast<std::size_t>(keys_));
    double sum = 0;
    for (std::int64_t i = 0; i < keys_; ++i) cdf_[std::size_t(i)] = sum += 1.0 / double(i + 1);
    for (double& c : cdf_) c /= sum;
}

std::int64_t KeyPicker::pick() {
    if (distribution_ == KeyDistribution::Zipf) {
        const double u = std::uniform_real_distribution<double>(0, 1)(rng_);
        auto it = std::lower_bound(cdf_.begin(), cdf_.end(), u);
        return std::min<std::int64_t>(it - cdf_.begin(), keys_ - 1);
    }
    return std::uniform_int_distribution<std::int64_t>(0, keys_ - 1)(rng_);
}

std::int64_t KeyPicker::next_write() {
    if (distribution_ == KeyDistribution::Unique) return written_++;
    return pick();
}

std::int64_t KeyPicker::next_read() {
    if (distribution_ == KeyDistribution::Unique)
        return written_ ? std::uniform_int_distribution<std::int64_t>(0, written_ - 1)(rng_) : 0;
    return pick();
}

}  // namespace tablespan::scenarios
