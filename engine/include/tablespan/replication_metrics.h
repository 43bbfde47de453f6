#pragma once

// Replication metrics kept by the engine at one-second resolution, as CloudWatch would
// show them: ReplicationLatency (min, average, max, in milliseconds, measured as apply
// time in the receiving region minus write time in the source region) and
// PendingReplicationCount per (table, source region, receiving region). The last hour
// is kept. Thread-safe.

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "tablespan/clock.h"

namespace tablespan {

struct ReplicationSample {
    std::string table;
    std::string source;
    std::string destination;
    Millis second = 0;  // start of the one-second period, engine time
    std::int64_t delivered = 0;
    double latency_min_ms = 0;  // meaningful when delivered > 0
    double latency_avg_ms = 0;
    double latency_max_ms = 0;
    std::int64_t pending = 0;  // pending replication count at the end of the period
};

struct ReplicationQuery {
    std::string table;  // empty: every table
    std::string source;
    std::string destination;
    Millis from = 0;  // inclusive, engine time
    Millis to = 0;    // exclusive; 0 = no bound
};

class ReplicationMetrics {
public:
    static constexpr Millis kRetentionMs = 3'600'000;

    void record_delivery(const std::string& table, const std::string& source,
                         const std::string& destination, Millis at, double latency_ms);
    void record_pending(const std::string& table, const std::string& source,
                        const std::string& destination, Millis at, std::int64_t pending);
    // The samples matching the query, grouped by series, in time order.
    std::vector<ReplicationSample> query(const ReplicationQuery& q) const;
    // The current pending count of a link (0 when unknown).
    std::int64_t pending(const std::string& table, const std::string& source,
                         const std::string& destination) const;

private:
    using SeriesKey = std::tuple<std::string, std::string, std::string>;
    struct Bucket {
        Millis second = 0;
        std::int64_t delivered = 0;
        double min = 0, sum = 0, max = 0;
        std::int64_t pending = 0;
    };
    struct Series {
        std::deque<Bucket> buckets;
        std::int64_t pending = 0;
    };
    Bucket& bucket(Series& s, Millis at);

    mutable std::mutex mutex_;
    std::map<SeriesKey, Series> series_;  // guarded by mutex_
};

}  // namespace tablespan
