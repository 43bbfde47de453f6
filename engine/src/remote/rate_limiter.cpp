#include "remote/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace tablespan::remote {

namespace {
constexpr double kMinRate = 0.5;        // requests/s: the bucket never fills slower
constexpr double kMaxRateScale = 2.0;   // never more than twice the measured rate
constexpr double kSmoothing = 0.8;      // weight of the newest measurement
constexpr double kBucketSeconds = 0.5;  // the measured rate is updated this often
constexpr double kCubicScale = 0.4;     // CUBIC's C
constexpr double kCubicBeta = 0.7;      // the rate after a throttling answer, as a share
}  // namespace

RateLimiter::RateLimiter(double now)
    : last_refill_(now), bucket_start_(std::floor(now)), last_throttle_(now) {}

void RateLimiter::refill(double now) {
    if (now > last_refill_)
        tokens_ = std::min(capacity_limit_, tokens_ + (now - last_refill_) * fill_rate_);
    last_refill_ = std::max(last_refill_, now);
}

void RateLimiter::set_rate(double rate, double now) {
    refill(now);  // what accrued so far accrued at the old rate
    fill_rate_ = std::max(rate, kMinRate);
    capacity_limit_ = std::max(rate, 1.0);
    tokens_ = std::min(tokens_, capacity_limit_);
}

double RateLimiter::acquire(double now) {
    std::lock_guard lock(mutex_);
    if (!enabled_) return 0;
    refill(now);
    tokens_ -= 1;
    return tokens_ >= 0 ? 0 : -tokens_ / fill_rate_;
}

void RateLimiter::record(bool throttled, double now) {
    std::lock_guard lock(mutex_);
    // The measured rate: answers per second over the last half-second bucket, smoothed.
    const double bucket = std::floor(now / kBucketSeconds) * kBucketSeconds;
    count_ += 1;
    if (bucket > bucket_start_) {
        const double current = count_ / (bucket - bucket_start_);
        measured_ = current * kSmoothing + measured_ * (1 - kSmoothing);
        count_ = 0;
        bucket_start_ = bucket;
    }
    double rate = 0;
    if (throttled) {
        // The rate at the moment of the throttling answer becomes CUBIC's maximum.
        w_max_ = enabled_ ? std::min(measured_, fill_rate_) : measured_;
        k_ = std::cbrt(w_max_ * (1 - kCubicBeta) / kCubicScale);
        last_throttle_ = now;
        rate = w_max_ * kCubicBeta;
        enabled_ = true;
    } else {
        const double t = now - last_throttle_ - k_;
        rate = kCubicScale * t * t * t + w_max_;
    }
    set_rate(std::min(rate, kMaxRateScale * measured_), now);
}

bool RateLimiter::enabled() const {
    std::lock_guard lock(mutex_);
    return enabled_;
}

double RateLimiter::send_rate() const {
    std::lock_guard lock(mutex_);
    return fill_rate_;
}

double RateLimiter::measured_rate() const {
    std::lock_guard lock(mutex_);
    return measured_;
}

}  // namespace tablespan::remote
