#pragma once

// Fault scenarios: a small JSON file names the tables to set up (regions, capacity,
// consistency), a write and read load per region and faults on a timeline (a region
// offline or lost for good, a link cut or slowed, capacity lowered). run_scenario()
// plays it on a private engine in manual mode on engine time, as fast as the machine
// allows, and returns the report: per region and phase the requests served, refused and
// throttled with latency percentiles, replication lag and pending changes per second,
// the RPO of a lost region, the time to converge after each heal, and last-writer-wins
// conflicts. The same file and seed give the same report. The file format is in the
// README ("Fault scenarios").

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tablespan/clock.h"

namespace tablespan {

// One second of a running scenario, for live charts. Counts are of the requests
// answered in that second.
struct ScenarioSecond {
    struct Counts {
        std::int64_t writes_served = 0, writes_refused = 0, writes_throttled = 0,
                     writes_conflicted = 0;
        std::int64_t reads_served = 0, reads_refused = 0, reads_throttled = 0;
    };
    int second = 0;                               // since the load started
    std::map<std::string, Counts> regions;        // by region code
    std::map<std::string, std::int64_t> pending;  // "source>destination" → changes
    std::map<std::string, double> lag_ms;         // "source>destination" → average latency
};

struct ScenarioOptions {
    // A directory for the scenario's private engine (created if missing; emptied first).
    std::string data_dir;
    // Overrides the file's "seed".
    std::optional<std::uint64_t> seed;
    // Called after each second of engine time, on the calling thread.
    std::function<void(const ScenarioSecond&)> on_second;
    // Set to stop early; the report then covers what ran, with "stopped": true.
    const std::atomic<bool>* cancel = nullptr;
};

struct ScenarioOutcome {
    std::optional<std::string> error;  // the file is invalid, or the set-up failed
    nlohmann::json report;
};

// Checks a scenario file without running it: the error names the offending field.
std::optional<std::string> check_scenario(const nlohmann::json& file);

// The file as the console shows it before a run, its durations in seconds: name,
// description, seed, durationSeconds, drainSeconds, tables [{name, regions, consistency,
// witness?, billingMode}], load [{region, table, writesPerSecond, readsPerSecond, keys,
// distribution, itemBytes, fromSecond, untilSecond}], faults in time order [{kind, label,
// atSecond, healedAtSecond? (absent: until the end of the load; a lost region never
// heals)}]. Null when the file is invalid (check_scenario tells why).
nlohmann::json outline_scenario(const nlohmann::json& file);

// Plays the scenario. Blocks until done; never throws.
ScenarioOutcome run_scenario(const nlohmann::json& file, const ScenarioOptions& options);

}  // namespace tablespan
