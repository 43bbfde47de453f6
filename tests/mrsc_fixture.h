#pragma once

// Multi-Region strongly consistent tables for tests: an engine in manual mode whose
// requests may wait on the simulated network (an MRSC write is answered once a peer
// acknowledged it), so calls advance engine time until they are answered and report
// how long that took.

#include <optional>
#include <string>

#include "engine_fixture.h"

struct TimedResult {
    tablespan::Result result;
    tablespan::Millis took = 0;  // engine time from the call to its answer
};

struct MrscEngine : TestEngine {
    MrscEngine() {
        // One-way network delay on every link: a round trip is 2 × this.
        engine->network().set_all_latencies(kOneWayMs);
    }
    static constexpr tablespan::Millis kOneWayMs = 40;

    // Calls and advances engine time, 1 ms at a time, until the answer (at most 30 s).
    TimedResult timed(const std::string& region, const std::string& op, tablespan::Json request) {
        std::optional<tablespan::Result> out;
        const tablespan::Millis start = engine->clock().now();
        engine->call(region, op, std::move(request), [&](tablespan::Result r) { out = std::move(r); });
        engine->run_pending();
        for (int i = 0; !out && i < 30'000; ++i) engine->advance(1);
        if (!out) qFatal("%s in %s never answered", op.c_str(), region.c_str());
        return {std::move(*out), engine->clock().now() - start};
    }

    // A table in us-east-1 made an MRSC group with `replica` and `witness` (empty: the
    // third region is a replica too), ACTIVE.
    void create_group(const std::string& name, const std::string& replica = "us-east-2",
                      const std::string& witness = "us-west-2") {
        create_table(name, "pk", "S", {}, {}, "us-east-1");
        tablespan::Json request = {{"TableName", name}, {"MultiRegionConsistency", "STRONG"}};
        request["ReplicaUpdates"] = tablespan::Json::array({{{"Create", {{"RegionName", replica}}}}});
        if (witness.empty())
            request["ReplicaUpdates"].push_back({{"Create", {{"RegionName", "us-west-2"}}}});
        else
            request["GlobalTableWitnessUpdates"] =
                tablespan::Json::array({{{"Create", {{"RegionName", witness}}}}});
        ok("UpdateTable", request, "us-east-1");
        engine->advance(90'000);
    }

    tablespan::Json put(const std::string& table, const std::string& key, const std::string& value) {
        return {{"TableName", table},
                {"Item", {{"pk", {{"S", key}}}, {"v", {{"S", value}}}}}};
    }
    tablespan::Json get(const std::string& table, const std::string& key, bool strong) {
        return {{"TableName", table}, {"Key", {{"pk", {{"S", key}}}}}, {"ConsistentRead", strong}};
    }
    // The value a GetItem answer holds ("" when the item is absent).
    static std::string value_of(const tablespan::Result& r) {
        if (!r.ok() || !r.body.contains("Item")) return {};
        return r.body["Item"]["v"]["S"].get<std::string>();
    }
};
