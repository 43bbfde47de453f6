#include "capacity/token_bucket.h"

#include <algorithm>

namespace tablespan::capacity {

void TokenBucket::configure(double rate, Millis now, double burst) {
    if (started_ && rate == rate_ && burst == burst_) return;
    refill(now);
    burst_ = burst;
    if (!started_) tokens_ = rate * burst_;
    rate_ = rate;
    tokens_ = std::min(tokens_, rate_ * burst_);
    at_ = now;
    started_ = true;
}

void TokenBucket::refill(Millis now) {
    if (!started_ || now <= at_) return;
    tokens_ = std::min(rate_ * burst_, tokens_ + rate_ * static_cast<double>(now - at_) / 1000.0);
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
