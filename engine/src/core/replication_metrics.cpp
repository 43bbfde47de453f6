#include "tablespan/replication_metrics.h"

#include <algorithm>

namespace tablespan {

ReplicationMetrics::Bucket& ReplicationMetrics::bucket(Series& s, Millis at) {
    Millis second = at - at % 1000;
    if (s.buckets.empty() || s.buckets.back().second < second) {
        s.buckets.push_back(Bucket{second, 0, 0, 0, 0, s.pending});
        while (s.buckets.front().second < second - kRetentionMs) s.buckets.pop_front();
        return s.buckets.back();
    }
    // Late samples (engine time never runs backwards, but threads race) join the
    // newest period rather than rewriting history.
    return s.buckets.back();
}

void ReplicationMetrics::record_delivery(const std::string& table, const std::string& source,
                                         const std::string& destination, Millis at,
                                         double latency_ms) {
    std::lock_guard lock(mutex_);
    auto& b = bucket(series_[{table, source, destination}], at);
    if (b.delivered == 0) {
        b.min = b.max = latency_ms;
    } else {
        b.min = std::min(b.min, latency_ms);
        b.max = std::max(b.max, latency_ms);
    }
    b.sum += latency_ms;
    ++b.delivered;
}

void ReplicationMetrics::record_pending(const std::string& table, const std::string& source,
                                        const std::string& destination, Millis at,
                                        std::int64_t pending) {
    std::lock_guard lock(mutex_);
    auto& s = series_[{table, source, destination}];
    s.pending = pending;
    bucket(s, at).pending = pending;
}

std::vector<ReplicationSample> ReplicationMetrics::query(const ReplicationQuery& q) const {
    std::vector<ReplicationSample> out;
    std::lock_guard lock(mutex_);
    for (const auto& [key, series] : series_) {
        const auto& [table, source, destination] = key;
        if ((!q.table.empty() && q.table != table) || (!q.source.empty() && q.source != source) ||
            (!q.destination.empty() && q.destination != destination))
            continue;
        for (const auto& b : series.buckets) {
            if (b.second + 1000 <= q.from || (q.to && b.second >= q.to)) continue;
            ReplicationSample s{table, source, destination, b.second, b.delivered,
                                b.min, 0,      b.max,       b.pending};
            if (b.delivered) s.latency_avg_ms = b.sum / static_cast<double>(b.delivered);
            out.push_back(std::move(s));
        }
    }
    return out;
}

std::int64_t ReplicationMetrics::pending(const std::string& table, const std::string& source,
                                         const std::string& destination) const {
    std::lock_guard lock(mutex_);
    auto it = series_.find({table, source, destination});
    return it == series_.end() ? 0 : it->second.pending;
}

}  // namespace tablespan
