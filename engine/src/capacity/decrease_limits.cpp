#include "capacity/decrease_limits.h"

#include <ctime>

#include "tablespan/error.h"

namespace tablespan::capacity {

namespace {
constexpr Millis kDayMs = 86'400'000;

bool same_utc_day(Millis a, Millis b) {
    return a / kDayMs == b / kDayMs;
}

std::int64_t count_today(std::int64_t count, Millis last, Millis now) {
    return last && same_utc_day(last, now) ? count : 0;
}
}  // namespace

std::int64_t decreases_today(const api::TableMeta& t, Millis now) {
    return count_today(t.decreases_today, t.last_decrease, now);
}

std::int64_t decreases_today(const indexes::SecondaryIndex& index, Millis now) {
    return count_today(index.decreases_today, index.last_decrease, now);
}

std::string service_time_text(Millis at) {
    static const char* const kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};
    static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
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

namespace {
void check(std::int64_t today, Millis last_decrease, Millis now) {
    if (today >= kFreeDecreasesPerDay && now < last_decrease + kDecreaseIntervalMs)
        throw ApiError(
            "LimitExceededException",
            "Subscriber limit exceeded: Provisioned throughput decreases are limited within a "
            "given UTC day. After the first 4 decreases, each subsequent decrease in the same "
            "UTC day can be performed at most once every 3600 seconds. Number of decreases "
            "today: " +
                std::to_string(today) + ". Last decrease at " + service_time_text(last_decrease) +
                ". Next decrease can be made at " +
                service_time_text(last_decrease + kDecreaseIntervalMs));
}
}  // namespace

void take_decrease(api::TableMeta& t, Millis now) {
    const std::int64_t today = decreases_today(t, now);
    check(today, t.last_decrease, now);
    t.decreases_today = today + 1;
    t.last_decrease = now;
}

void check_decrease(const indexes::SecondaryIndex& index, Millis now) {
    check(decreases_today(index, now), index.last_decrease, now);
}

void count_decrease(indexes::SecondaryIndex& index, Millis now) {
    index.decreases_today = decreases_today(index, now) + 1;
    index.last_decrease = now;
}

void describe_decreases(const api::TableMeta& table, Json& d, Millis now) {
    if (auto it = d.find("ProvisionedThroughput"); it != d.end())
        (*it)["NumberOfDecreasesToday"] = decreases_today(table, now);
    auto gsis = d.find("GlobalSecondaryIndexes");
    if (gsis == d.end()) return;
    for (auto& g : *gsis) {
        const auto* index = table.find_index(g.value("IndexName", std::string()));
        if (index && g.contains("ProvisionedThroughput"))
            g["ProvisionedThroughput"]["NumberOfDecreasesToday"] = decreases_today(*index, now);
    }
}

}  // namespace tablespan::capacity
