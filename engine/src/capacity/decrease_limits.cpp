#include "capacity/decrease_limits.h"

#include <ctime>

#include "tablespan/error.h"

namespace tablespan::capacity {

namespace {
constexpr Millis kDayMs = 86'400'000;

bool same_utc_day(Millis a, Millis b) {
    return a / kDayMs == b / kDayMs;
}
}  // namespace

std::int64_t decreases_today(const api::TableMeta& t, Millis now) {
    return t.last_decrease && same_utc_day(t.last_decrease, now) ? t.decreases_today : 0;
}

std::string service_time_text(Millis at) {
    static const char* const kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};
    static const char* const kMonths[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};
    const std::time_t seconds = static_cast<std::time_t>(at / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    const int hour12 = tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12;
    char clock[16];
    std::snprintf(clock, sizeof clock, "%d:%02d:%02d", hour12, tm.tm_min, tm.tm_sec);
    return std::string(kDays[tm.tm_wday]) + ", " + kMonths[tm.tm_mon] + " " +
           std::to_string(tm.tm_mday) + ", " + std::to_string(1900 + tm.tm_year) + " at " + clock +
           (tm.tm_hour < 12 ? " AM" : " PM") + " Coordinated Universal Time";
}

void take_decrease(api::TableMeta& t, Millis now) {
    const std::int64_t today = decreases_today(t, now);
    if (today >= kFreeDecreasesPerDay && now < t.last_decrease + kDecreaseIntervalMs)
        throw ApiError(
            "LimitExceededException",
            "Subscriber limit exceeded: Provisioned throughput decreases are limited within a "
            "given UTC day. After the first 4 decreases, each subsequent decrease in the same "
            "UTC day can be performed at most once every 3600 seconds. Number of decreases "
            "today: " +
                std::to_string(today) + ". Last decrease at " +
                service_time_text(t.last_decrease) + ". Next decrease can be made at " +
                service_time_text(t.last_decrease + kDecreaseIntervalMs));
    t.decreases_today = today + 1;
    t.last_decrease = now;
}

}  // namespace tablespan::capacity
