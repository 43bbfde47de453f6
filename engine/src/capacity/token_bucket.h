#pragma once

// A token bucket on engine time: provisioned units per second, holding up to 300 seconds
// of unused capacity (the service's burst capacity, DG:bp-partition-key-design; the
// reference's emulator model, ../shared/reference/dynamodb-data-plane.md §8.2), full
// when it starts. A request is admitted while the bucket holds anything and pays what
// it consumed afterwards, so one large request can take the bucket below zero.

#include "tablespan/clock.h"

namespace tablespan::capacity {

inline constexpr double kBurstSeconds = 300;

class TokenBucket {
public:
    // Sets the rate (units per second; 0: unlimited). A new or raised rate keeps the
    // tokens held, up to the new capacity; a fresh bucket starts full.
    // `burst`: the seconds of unused capacity it holds at most.
    void configure(double rate, Millis now, double burst = kBurstSeconds);
    double rate() const { return rate_; }
    // Whether a request would be refused now.
    bool exhausted(Millis now);
    void take(double units, Millis now);
    double tokens(Millis now);

private:
    void refill(Millis now);

    double rate_ = 0;
    double burst_ = kBurstSeconds;
    double tokens_ = 0;
    Millis at_ = 0;
    bool started_ = false;
};

}  // namespace tablespan::capacity
