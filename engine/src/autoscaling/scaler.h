#pragma once

// Each region's auto scaler: for every table whose replica here has a scaling dimension,
// a look at its capacity metrics at the end of every minute of engine time, on the
// region's strand, and UpdateTable's effects when target tracking (target_tracking.h)
// asks for another capacity: the new capacity in force, the table UPDATING (or the
// index), LastIncreaseDateTime / LastDecreaseDateTime and NumberOfDecreasesToday as an
// UpdateTable would set them. A scale-in the decrease limits refuse now waits for a
// later minute, as Application Auto Scaling retries it.
//
// A scaler starts when its settings are set and with the table's first traffic (a
// restarted engine's tables, whose metrics start afresh: there is nothing to act on
// before that), and stops when nothing of the replica scales any more.

#include "api/table_meta.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::autoscaling {

inline constexpr Millis kEvaluationMs = 60'000;  // CloudWatch's one-minute period

// On the strand, after `table` consumed capacity here: starts its scaler unless running.
// Cheap when the table has no auto scaling.
void note_activity(core::Region& region, const api::TableMeta& table);
// On the strand: the settings of `table` changed; looks at it now (a new minimum or
// maximum moves the capacity into range) and then every minute.
void start(core::Region& region, const api::TableMeta& table);
// Inside a write on the strand: gives every other replica of `table` its settings, which
// each saves with its metadata.
void fan_out(core::Region& region, const api::TableMeta& table);
// A replica being added in `destination`: it gets the read settings (table and GSIs)
// of the replica in `source`. Returns whether there were any.
bool inherit_read_settings(api::TableMeta& table, const std::string& source,
                           const std::string& destination);

}  // namespace tablespan::autoscaling
