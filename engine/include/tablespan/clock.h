#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace tablespan {

// Engine time, in milliseconds since the Unix epoch. Every timed behaviour of the
// engine reads time from a Clock, never from the system directly.
using Millis = std::int64_t;

class Clock {
public:
    virtual ~Clock() = default;
    // Current engine time. Thread-safe.
    virtual Millis now() const = 0;
};

// Wall-clock time, optionally running faster than real time: engine time advances
// `scale` engine milliseconds per wall millisecond, starting from the wall time at
// construction. Thread-safe.
class SystemClock final : public Clock {
public:
    explicit SystemClock(double scale = 1.0);
    Millis now() const override;
    double scale() const;
    // Changes the speed from now on; engine time stays continuous.
    void set_scale(double scale);
    // Wall time until engine time reaches `engine_time` (0 if already past).
    std::chrono::microseconds wall_delay_until(Millis engine_time) const;

private:
    mutable std::mutex mutex_;
    Millis engine_base_;                               // guarded by mutex_
    std::chrono::steady_clock::time_point wall_base_;  // guarded by mutex_
    double scale_;                                     // guarded by mutex_
};

// Time that moves only when told to: for deterministic tests. Thread-safe.
class ManualClock final : public Clock {
public:
    explicit ManualClock(Millis start = 1'790'000'000'000);  // 2026-09-21
    Millis now() const override { return now_.load(); }
    void advance(Millis ms) { now_ += ms; }
    void set(Millis t) { now_ = t; }

private:
    std::atomic<Millis> now_;
};

// ISO-8601 rendering of engine time in UTC: "2026-10-06T23:16:32Z" (as error messages
// show it), or with milliseconds and no zone, "2026-10-06T23:16:32.123" (stream labels).
std::string format_iso8601(Millis t);
std::string format_iso8601_millis(Millis t);

}  // namespace tablespan
