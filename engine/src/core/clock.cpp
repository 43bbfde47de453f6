#include "tablespan/clock.h"

#include <cmath>

#include <cstdio>
#include <ctime>

namespace tablespan {

namespace {
Millis wall_now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}
}  // namespace

SystemClock::SystemClock(double scale)
    : engine_base_(wall_now_ms()), wall_base_(std::chrono::steady_clock::now()), scale_(scale) {}

Millis SystemClock::now() const {
    std::lock_guard lock(mutex_);
    auto elapsed = std::chrono::steady_clock::now() - wall_base_;
    double ms = std::chrono::duration<double, std::milli>(elapsed).count() * scale_;
    return engine_base_ + static_cast<Millis>(ms);
}

double SystemClock::scale() const {
    std::lock_guard lock(mutex_);
    return scale_;
}

void SystemClock::set_scale(double scale) {
    Millis current = now();
    std::lock_guard lock(mutex_);
    engine_base_ = current;
    wall_base_ = std::chrono::steady_clock::now();
    scale_ = scale;
}

std::chrono::microseconds SystemClock::wall_delay_until(Millis engine_time) const {
    // Precisely, not from the truncated now(): a timer that waits a whole extra
    // millisecond per hop would add that to every simulated message (MRSC's round trips).
    std::lock_guard lock(mutex_);
    const double elapsed =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_base_)
            .count() *
        scale_;
    const double ahead = static_cast<double>(engine_time - engine_base_) - elapsed;
    if (ahead <= 0) return std::chrono::microseconds(0);
    return std::chrono::microseconds(static_cast<std::int64_t>(std::ceil(ahead * 1000.0 / scale_)));
}

ManualClock::ManualClock(Millis start) : now_(start) {}

namespace {
std::string format_utc(Millis t, bool millis) {
    std::time_t seconds = static_cast<std::time_t>(t / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[64];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900,
                          tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    if (millis)
        std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%03d",
                      static_cast<int>(t % 1000));
    else
        std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), "Z");
    return buf;
}
}  // namespace

std::string format_iso8601(Millis t) {
    return format_utc(t, false);
}
std::string format_iso8601_millis(Millis t) {
    return format_utc(t, true);
}

}  // namespace tablespan
