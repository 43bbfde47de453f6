#pragma once

// The capacity metrics of one region's tables and GSIs (tablespan/capacity_metrics.h),
// per second of engine time, in memory only: like CloudWatch's data they are not part of
// the table, so they start afresh when the engine restarts. Each table keeps the last
// three hours (metrics/capacity_series.h); a deleted table's series go with it.
//
// Recording runs on the region's strand and costs one hash lookup and an uncontended
// lock; queries come from any thread (the console's charts). Thread-safe.

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "api/capacity.h"
#include "api/table_meta.h"
#include "metrics/capacity_series.h"

namespace tablespan::metrics {

class CapacityMetrics {
public:
    // Units consumed by a read of `table` (through the GSI `index`, or the table).
    void read(const api::TableMeta& table, const indexes::SecondaryIndex* index, double units,
              Millis now);
    // Units consumed by a write: the table's (its LSIs' included) and each GSI's.
    // `replicated`: a change applied by replication.
    void write(const api::TableMeta& table, const api::WriteUnits& units, Millis now,
               bool replicated = false);
    // `event`: a throttle event on the table or on the GSI `index`; `request`: a
    // throttled request (counted on the table).
    void throttled(const api::TableMeta& table, const indexes::SecondaryIndex* index, bool write,
                   bool event, bool request, Millis now);
    // Notes the table's capacity settings (and its GSIs'), starting its series.
    void observe(const api::TableMeta& table, Millis now);
    void forget(const std::string& table);

    // One sample per second in [from, to) up to the second holding `now`, for `table`
    // (`index` empty) or its GSI `index`; empty when the table was never seen.
    std::vector<CapacitySample> query(std::string_view table, std::string_view index, Millis from,
                                      Millis to, Millis now) const;

private:
    struct TableSeries {
        explicit TableSeries(Millis start) : table(start) {}
        CapacitySeries table;
        std::map<std::string, CapacitySeries, std::less<>> gsi;
    };
    TableSeries& series(const api::TableMeta& table, Millis now);  // mutex_ held
    CapacitySeries& gsi(TableSeries& s, const api::TableMeta& table,
                        const indexes::SecondaryIndex& index, Millis now);

    mutable std::mutex mutex_;
    std::unordered_map<std::string, TableSeries> tables_;  // guarded by mutex_
};

}  // namespace tablespan::metrics
