#pragma once

#include <mutex>

namespace tablespan::remote {

// The adaptive retry mode's client-side rate limiter (botocore's retries/adaptive.py,
// bucket.py and throttling.py; the same constants as the other SDKs): off until the first
// throttling answer, then a token bucket whose rate follows CUBIC — cut to 0.7 of the
// measured send rate on each throttling answer, growing back along a cubic curve while
// answers succeed, never above twice the measured rate and never below 0.5 requests/s.
// Times are seconds on any monotonic clock, passed in so that tests are deterministic.
// Thread-safe.
class RateLimiter {
public:
    explicit RateLimiter(double now);

    // Before sending: how long to wait (seconds, 0 while the limiter is off) for this
    // request's token. The token is taken now (the bucket may go into debt), so callers
    // that wait in turn are spaced at the bucket's rate without asking again.
    double acquire(double now);
    // After an answer: throttled or not (a network failure counts as not throttled).
    void record(bool throttled, double now);

    bool enabled() const;
    // Requests per second the bucket lets through (meaningful once enabled).
    double send_rate() const;
    // The smoothed rate at which answers arrived, per second.
    double measured_rate() const;

private:
    void refill(double now);
    void set_rate(double rate, double now);

    mutable std::mutex mutex_;
    bool enabled_ = false;
    // Token bucket.
    double fill_rate_ = 0.5;
    double capacity_limit_ = 1;
    double tokens_ = 0;
    double last_refill_ = 0;
    // Measured send rate, in half-second buckets, smoothed.
    double measured_ = 0;
    double bucket_start_ = 0;
    double count_ = 0;
    // CUBIC.
    double w_max_ = 0;
    double k_ = 0;
    double last_throttle_ = 0;
};

}  // namespace tablespan::remote
