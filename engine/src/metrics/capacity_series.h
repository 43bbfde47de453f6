#pragma once

// One series of capacity metrics (a table's, or one GSI's) in one region: a sample per
// second that saw any activity, and the capacity settings as a step function. Only the
// last kRetentionMs of engine time is kept, so a series holds at most kMaxSeconds
// samples (about 1 MB for a table busy every second of three hours; an idle second
// takes nothing). Not thread-safe: CapacityMetrics guards it.

#include <deque>
#include <utility>
#include <vector>

#include "tablespan/capacity_metrics.h"

namespace tablespan::metrics {

inline constexpr Millis kRetentionMs = Millis{3} * 60 * 60 * 1000;
inline constexpr std::size_t kMaxSeconds = kRetentionMs / 1000;

// The capacity settings in force: what ProvisionedRead/WriteCapacityUnits (or the
// on-demand maximum) report.
struct CapacitySettings {
    bool provisioned = false;
    double read = 0;
    double write = 0;
    double max_read = 0;
    double max_write = 0;
    bool operator==(const CapacitySettings&) const = default;
};

class CapacitySeries {
public:
    explicit CapacitySeries(Millis start) : start_(start - start % 1000) {}

    // The sample of the second holding `now` (created on first use). Engine time does not
    // run backwards on a region's strand; a late stamp joins the newest second.
    CapacitySample& at(Millis now);
    // Records the settings in force from `now` on, when they changed.
    void set(const CapacitySettings& settings, Millis now);

    // Appends one sample per second in [from, to), from the second the series started
    // and no later than the second holding `now`: seconds without activity as zeros,
    // each with the settings in force then.
    void query(Millis from, Millis to, Millis now, std::vector<CapacitySample>& out) const;

private:
    void trim(Millis now);

    Millis start_;
    std::deque<CapacitySample> seconds_;  // ascending, only seconds with activity
    std::deque<std::pair<Millis, CapacitySettings>> steps_;  // ascending by time
};

}  // namespace tablespan::metrics
