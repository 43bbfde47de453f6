#pragma once

// Time to Live's sweeper: for each table with TTL enabled, a pass over its items on
// engine time, in chunks, that deletes every item whose TTL attribute (a top-level
// Number of epoch seconds) lies further in the past than the engine's deletion delay.
// Deletes go through the write path (indexes, PITR history, replication), in the
// region's write transaction, and cost no capacity. An item of a global table is
// deleted by the region that wrote it; the delete replicates as any other.

#include "api/table_meta.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::ttl {

inline constexpr Millis kPassIntervalMs = 60'000;  // between passes over a table
inline constexpr Millis kChunkStepMs = 100;        // between chunks of one pass
inline constexpr std::size_t kChunkItems = 1'000;

// Whether `item` has expired by `now_ms` with `delay_ms` of grace: its attribute is a
// Number of seconds at or before (now - delay), and not more than five years old (such
// values are ignored, as the service ignores them).
bool expired(const Item& item, const std::string& attribute, Millis now_ms, Millis delay_ms);

// Starts the sweeps of a table whose TTL was just enabled (or was enabled at start-up).
void start_sweeping(core::Region& region, const api::TableMeta& table);

}  // namespace tablespan::ttl
