#pragma once

// What a scenario run saw, as it runs: requests per region, phase and second with their
// latencies and, for the throttled ones, why; pending replication and lag per second; the
// replicas' write capacity taken by replication and the deliveries they refused; and the
// report built from it.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "scenarios/scenario_file.h"
#include "scenarios/throttling_causes.h"
#include "tablespan/scenario.h"

namespace tablespan::scenarios {

enum class Outcome { Served, Refused, Throttled, Conflicted };

struct Tally {
    std::int64_t served = 0, refused = 0, throttled = 0, conflicted = 0;
    // Acknowledged writes another region's write overwrote without having seen them.
    std::int64_t overwritten = 0;
    std::vector<std::uint32_t> latencies_ms;  // of the served requests
    // The throttled requests by the first of their ThrottlingReasons (or exception name).
    std::map<std::string, std::int64_t> throttled_by;
    nlohmann::json to_json(bool writes);
};

// A phase: the stretch of the timeline between two fault boundaries.
struct Phase {
    std::string name;
    Millis from = 0, to = 0;
    std::vector<std::size_t> faults;  // the faults in effect (indices into the scenario's)
};

// Findings that need the whole run (computed by the runner at the end).
struct RunFindings {
    nlohmann::json rpo = nlohmann::json::array();
    nlohmann::json convergence = nlohmann::json::array();
    std::int64_t lww_conflicts = 0;
    std::int64_t overwritten_writes = 0;
    nlohmann::json fault_errors = nlohmann::json::array();
};

class ScenarioStats {
public:
    ScenarioStats(const Scenario& scenario, std::vector<std::string> regions);

    // A request sent at `sent` and answered at `answered` (ms since the load started);
    // `reason` says why a throttled one was (throttling_reason()).
    void record(const std::string& region, bool write, Millis sent, Millis answered,
                Outcome outcome, const std::string& reason = {});
    // What the replica of `table` in `region` did with its write capacity in second `at`
    // (since the load started; the drain's seconds count in the last phase).
    void record_replica(const std::string& table, const std::string& region, int at,
                        const ReplicaCapacity& capacity);
    // An acknowledged write of `region` overwritten, unseen, by a write sent at `at`.
    void record_overwritten(const std::string& region, Millis at);
    // The second being filled (created as needed).
    ScenarioSecond& second(int index);
    const std::vector<ScenarioSecond>& seconds() const { return seconds_; }
    const std::vector<Phase>& phases() const { return phases_; }

    nlohmann::json report(const RunFindings& findings, std::uint64_t seed, bool stopped);

private:
    // Replication into one replica over the whole run, for the report's per-replica list.
    struct ReplicaRun {
        ReplicaCapacity total;
        std::int64_t peak_per_second = 0;
        int first = -1, last = -1;  // seconds with refused deliveries; -1: none
    };

    int phase_of(Millis t) const;
    nlohmann::json replication_throttling() const;

    const Scenario& scenario_;
    std::vector<std::string> regions_;
    std::vector<Phase> phases_;
    // region → phase → {reads, writes}
    std::map<std::string, std::vector<std::pair<Tally, Tally>>> tallies_;
    std::vector<ScenarioSecond> seconds_;
    // region → phase → its replicas' write capacity (all its tables)
    std::map<std::string, std::vector<ReplicaCapacity>> capacity_;
    // region → second → deliveries its replicas refused (kept here, not in ScenarioSecond:
    // the live charts do not draw them)
    std::map<std::string, std::vector<std::int64_t>> replication_throttled_;
    std::map<std::pair<std::string, std::string>, ReplicaRun> replicas_;  // (table, region)
};

}  // namespace tablespan::scenarios
