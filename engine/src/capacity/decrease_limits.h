#pragma once

// How often provisioned throughput may be lowered (../shared/reference/dynamodb-data-plane.md
// §8.4; the ACK probe DDB-TABLE-326, 2026): four decreases per UTC day, then one more
// 3600 s after the last accepted one; the count starts again at 00:00 UTC. A call that
// lowers either unit counts once; a refused one counts nothing.

#include "api/table_meta.h"

namespace tablespan::capacity {

inline constexpr std::int64_t kFreeDecreasesPerDay = 4;
inline constexpr Millis kDecreaseIntervalMs = 3'600'000;

// Throws LimitExceededException with the service's text when a decrease is not allowed
// now; else counts it on the table.
void take_decrease(api::TableMeta& table, Millis now);
// NumberOfDecreasesToday as of `now`.
std::int64_t decreases_today(const api::TableMeta& table, Millis now);

// The same for a GSI, which has its own count (DescribeTable shows one per index):
// check_decrease() throws as take_decrease() does, count_decrease() counts one; an
// UpdateTable checks every index before it changes any.
void check_decrease(const indexes::SecondaryIndex& index, Millis now);
void count_decrease(indexes::SecondaryIndex& index, Millis now);
std::int64_t decreases_today(const indexes::SecondaryIndex& index, Millis now);
// DescribeTable's NumberOfDecreasesToday of the table and its GSIs as of `now`: the
// stored counts are of the day of the last decrease, and a new UTC day starts at 0.
void describe_decreases(const api::TableMeta& table, Json& description, Millis now);
// "Friday, October 9, 2026 at 12:21:34 AM Coordinated Universal Time"
std::string service_time_text(Millis at);

}  // namespace tablespan::capacity
