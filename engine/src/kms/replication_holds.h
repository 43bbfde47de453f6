#pragma once

// The replicas whose KMS key is unusable, engine-wide: replication to and from them
// halts (their links wait, as for a cut link) until the key is usable again or the
// replica leaves its group. Thread-safe: every region's replicator asks.

#include <mutex>
#include <set>
#include <string>
#include <utility>

namespace tablespan::kms {

class ReplicationHolds {
public:
    void hold(const std::string& table, const std::string& region) {
        std::lock_guard lock(mutex_);
        held_.emplace(table, region);
    }
    void release(const std::string& table, const std::string& region) {
        std::lock_guard lock(mutex_);
        held_.erase({table, region});
    }
    // Whether `region`'s replica of `table` is held.
    bool held(const std::string& table, const std::string& region) const {
        std::lock_guard lock(mutex_);
        return held_.count({table, region}) > 0;
    }
    // Whether changes of `table` may not travel from `source` to `destination`.
    bool blocks(const std::string& table, const std::string& source,
                const std::string& destination) const {
        std::lock_guard lock(mutex_);
        return held_.count({table, source}) > 0 || held_.count({table, destination}) > 0;
    }

private:
    mutable std::mutex mutex_;
    std::set<std::pair<std::string, std::string>> held_;  // (table, region); guarded
};

}  // namespace tablespan::kms
