#pragma once

// The timed work of secondary indexes, on engine time, in their table's region: a GSI
// added by UpdateTable allocates (table UPDATING, index CREATING, Backfilling false), then
// is filled from the table in chunks while writes go on (table ACTIVE, Backfilling true),
// then turns ACTIVE; a deleted GSI is DELETING for a moment, then its entries and its
// entry in DescribeTable are gone; a throughput update is UPDATING for a moment.

#include "api/table_meta.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::indexes {

// Service timings, scaled by engine time (../shared/reference/dynamodb-data-plane.md §1.3:
// allocation 24–56 s, deletion 2.6–6 s, a throughput update ~2 s).
inline constexpr Millis kIndexAllocationMs = 30'000;
inline constexpr Millis kIndexDeletingMs = 4'000;
inline constexpr Millis kIndexUpdatingMs = 2'000;
// The backfill copies this many items per step, one step every kBackfillStepMs.
inline constexpr std::size_t kIndexBackfillChunk = 1000;
inline constexpr Millis kBackfillStepMs = 100;

// Runs the table's index work due at `at` (on the region's strand, as an internal write).
void schedule_index_job(core::Region& region, const api::TableMeta& table, Millis at);
// At start-up: schedules whatever index work the table had under way.
void resume_index_jobs(core::Region& region, const api::TableMeta& table);
// Whether an index of the table is being created or deleted (not yet backfilling).
bool index_change_in_progress(const api::TableMeta& table);

}  // namespace tablespan::indexes
