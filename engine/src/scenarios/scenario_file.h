#pragma once

// A fault scenario file, parsed and checked (the format is in the README, "Fault
// scenarios"). Times are engine milliseconds since the load started.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tablespan/clock.h"

namespace tablespan::scenarios {

// An invalid file: the message names the field ("faults[1].region: …").
struct ScenarioError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct TableSpec {
    std::string name;
    std::vector<std::string> regions;  // the first is where the table is created
    bool strong = false;               // MultiRegionConsistency STRONG
    std::string witness;               // STRONG with two replicas
    bool provisioned = false;
    std::int64_t read_capacity = 0, write_capacity = 0;    // PROVISIONED
    std::int64_t max_read_units = 0, max_write_units = 0;  // on demand; 0: none
    bool customer_managed_key = false;  // each replica encrypted with a KMS key of its region
};

enum class KeyDistribution { Uniform, Zipf, Unique };

struct LoadSpec {
    std::string region;
    std::string table;
    double writes_per_second = 0;
    double reads_per_second = 0;
    std::int64_t keys = 1000;
    KeyDistribution distribution = KeyDistribution::Uniform;
    std::int64_t item_bytes = 100;
    Millis from = 0;
    std::optional<Millis> until;  // the scenario's end when absent
};

enum class FaultKind { RegionOffline, RegionLost, LinkCut, LinkSlow, CapacityLowered, KeyDisabled };

struct FaultSpec {
    FaultKind kind = FaultKind::RegionOffline;
    Millis at = 0;
    std::optional<Millis> duration;  // until the end of the load when absent
    std::string region;              // offline, lost, capacity
    std::string other;               // a link's second region
    std::string failover;            // offline, lost: where the region's load goes
    Millis latency_ms = 0;           // link-slow
    std::string table;               // capacity-lowered, kms-key-disabled
    std::int64_t read_capacity = 0, write_capacity = 0;  // capacity-lowered; 0: unchanged
    // A short label for phases and charts: "us-west-2 offline", "us-west-2–ap-southeast-2 cut".
    std::string label() const;
    // The kind as the file spells it: "region-offline", "link-cut", …
    const char* kind_name() const;
    // For outlines and reports: kind, label, atSecond, healedAtSecond, and the fields a
    // reader needs to word the fault in its own language (region, otherRegion, table,
    // latencyMs).
    nlohmann::json to_json() const;
    std::optional<Millis> healed_at() const {
        return duration ? std::optional<Millis>(at + *duration) : std::nullopt;
    }
};

struct Scenario {
    std::string name;
    std::string description;
    std::uint64_t seed = 1;
    Millis duration = 0;
    Millis drain = 300'000;  // after the load: time for replication to settle
    std::vector<TableSpec> tables;
    std::vector<LoadSpec> load;
    std::vector<FaultSpec> faults;

    const TableSpec* table(const std::string& name) const;
};

// Throws ScenarioError.
Scenario parse_scenario(const nlohmann::json& file);

// "90", 90, "90s", "30m", "1h", "1h30m", "25h": milliseconds. Throws ScenarioError.
Millis parse_duration(const nlohmann::json& value, const std::string& field);

}  // namespace tablespan::scenarios
