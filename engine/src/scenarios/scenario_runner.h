#pragma once

// Plays a parsed scenario on an engine in manual mode: sets up its tables, then steps
// engine time from one due event to the next (a request of the load, a fault or its
// heal, the end of a second), and finally works out what was lost and overwritten.
// Single-threaded: every answer arrives during the runner's own run_pending()/advance(),
// which makes a run deterministic for a seed.

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "scenarios/key_picker.h"
#include "scenarios/scenario_file.h"
#include "scenarios/scenario_stats.h"
#include "tablespan/engine.h"
#include "tablespan/scenario.h"

namespace tablespan::scenarios {

// An acknowledged write of a region that was lost.
struct ScenarioRunnerWrite {
    std::string key;
    Millis at;
    std::int64_t seq;
};

class ScenarioRunner {
public:
    ScenarioRunner(const Scenario& scenario, Engine& engine, std::uint64_t seed,
                   const ScenarioOptions& options);

    // Creates the tables and replicas and waits (engine time) until they are ACTIVE.
    // Throws ScenarioError.
    void set_up();
    // Runs the load, the faults and the drain. Returns false when cancelled.
    bool run();
    nlohmann::json report(bool stopped);

private:
    struct Load {
        const LoadSpec* spec;
        int index;
        KeyPicker keys;
        std::string region;            // where it sends now (another region after a failover)
        double next_write, next_read;  // ms since the start
    };
    // The last acknowledged write of a key (for last-writer-wins conflicts).
    struct LastWrite {
        std::int64_t seq = 0;
        std::string region;
    };
    // A write acknowledged in a region that is to be lost: it may never reach another.
    struct Acknowledged {
        const TableSpec* table;
        std::string key;
        Millis at;
        std::int64_t seq;
    };
    struct FaultEvent {
        Millis at;
        std::size_t fault;
        bool heal;
    };

    Millis now() const;  // ms since the load started
    Result call(const std::string& region, const std::string& op, nlohmann::json request);
    void wait_active(const std::string& region, const std::string& table);
    void set_up_table(const TableSpec& t);

    void write(Load& load);
    void read(Load& load);
    void on_write(const Load& load, const std::string& region, const std::string& key, Millis sent,
                  std::int64_t seq, const Result& r);
    void apply(const FaultEvent& e);
    // A fault the engine refused (faultErrors in the report).
    void note_fault_error(const FaultEvent& e, const Result& r);
    void reroute(const std::string& from, const std::string& to);
    void sample_second(int second);
    // At the loss of `region`: which of its acknowledged writes no other region has.
    void count_lost_writes(const std::string& region, Millis at);
    void count_strong_lost_writes(const std::string& region, const TableSpec& table, Millis at,
                                  const std::string& survivor,
                                  std::vector<ScenarioRunnerWrite> writes);

    const Scenario& scenario_;
    Engine& engine_;
    std::uint64_t seed_;
    const ScenarioOptions& options_;
    Millis start_ = 0;
    std::int64_t seq_ = 0;
    std::vector<Load> loads_;
    std::vector<FaultEvent> events_;
    std::size_t next_event_ = 0;
    std::set<std::string> lost_, doomed_;                            // lost for good; to be lost
    std::map<std::pair<std::string, std::string>, LastWrite> last_;  // (table, key)
    std::map<std::string, std::vector<Acknowledged>> doomed_by_region_;
    // (table, region, region to be lost) → the newest write of the latter known to have
    // arrived in the former: seen in the old image of a write there.
    std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> arrived_;
    // After a heal, a marker item written in each region; the group has converged when
    // every marker is in every other region (a link delivers in order, so what was
    // written before the marker has arrived too).
    struct Marker {
        const TableSpec* table;
        std::string region, key;
        bool written = false;
    };
    struct Convergence {
        std::size_t fault;
        Millis healed;
        std::vector<Marker> markers;
    };
    void write_markers(Convergence& c);
    bool converged(Convergence& c);
    std::vector<Convergence> awaiting_convergence_;
    std::map<std::pair<std::string, std::string>, std::string> keys_;  // (table, region) → ARN
    std::string pad_;
    ScenarioStats stats_;
    RunFindings findings_;
};

}  // namespace tablespan::scenarios
