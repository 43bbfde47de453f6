#include "capacity/token_bucket.h"

#include <algorithm>

namespace tablespan::capacity {

void TokenBucket::configure(double rate, Millis now) {
    if (started_ && rate == rate_) return;
    refill(now);
    if (!started_) tokens_ = rate * kBurstSeconds;
    rate_ = rate;
    tokens_ = std::min(tokens_, rate_ * kBurstSeconds);
    at_ = now;
    started_ = true;
}

void TokenBucket::refill(Millis now) {
    if (!started_ || now <= at_) return;
    tokens_ =
        std::min(rate_ * kBurstSeconds, tokens_ + rate_ * static_cast<double>(now - at_) / 1000.0);
    at_ = now;
}

bool TokenBucket::exhausted(Millis now) {
    if (rate_ <= 0) return false;
    refill(now);
    return tokens_ <= 0;
}

void TokenBucket::take(double units, Millis now) {
    if (rate_ <= 0) return;
    refill(now);
    tokens_ -= units;
}

double TokenBucket::tokens(Millis now) {
    refill(now);
    return tokens_;
}

}  // namespace tablespan::capacity
