#pragma once

// The items, tables and request loop the engine benchmarks share: ~1 KB items in
// partitions of kPerPartition, and run_engine(), which keeps 512 requests in flight and
// returns requests per second.

#include <unistd.h>

#include <chrono>
#include <memory>
#include <cstdio>
#include <string>

#include "bench_util.h"
#include "tablespan/engine.h"
#include "tablespan/json_codec.h"

namespace bench {

using tablespan::Json;

inline constexpr int kPerPartition = 100;
inline const std::string kPayload(900, 'p');

inline Json make_item(long i) {
    return {{"pk", {{"S", "user#" + std::to_string(i / kPerPartition)}}},
            {"sk", {{"N", std::to_string(i % kPerPartition)}}},
            {"name", {{"S", "Name " + std::to_string(i)}}},
            {"email", {{"S", "user" + std::to_string(i) + "@example.com"}}},
            {"visits", {{"N", std::to_string(i * 7 % 1000)}}},
            {"tags", {{"SS", {"a", "b", "c"}}}},
            {"payload", {{"S", kPayload}}}};
}

inline Json create_request(const std::string& name, bool with_indexes) {
    Json r = Json::parse(R"({"BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "sk", "AttributeType": "N"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                      {"AttributeName": "sk", "KeyType": "RANGE"}]})");
    r["TableName"] = name;
    if (with_indexes) {
        // Two GSIs: by group (ALL, sorted by visits) and by name (KEYS_ONLY).
        r["AttributeDefinitions"].push_back({{"AttributeName", "group"}, {"AttributeType", "S"}});
        r["AttributeDefinitions"].push_back({{"AttributeName", "visits"}, {"AttributeType", "N"}});
        r["AttributeDefinitions"].push_back({{"AttributeName", "name"}, {"AttributeType", "S"}});
        r["GlobalSecondaryIndexes"] = Json::parse(R"([
            {"IndexName": "byGroup", "Projection": {"ProjectionType": "ALL"},
             "KeySchema": [{"AttributeName": "group", "KeyType": "HASH"},
                           {"AttributeName": "visits", "KeyType": "RANGE"}]},
            {"IndexName": "byName", "Projection": {"ProjectionType": "KEYS_ONLY"},
             "KeySchema": [{"AttributeName": "name", "KeyType": "HASH"}]}])");
    }
    return r;
}

// The item with a group that scatters it over as many groups as the table has partitions.
inline Json make_grouped_item(long i, long groups) {
    Json item = make_item(i);
    item["group"] = {{"S", "g#" + std::to_string((i * 7919) % groups)}};
    return item;
}

inline void wait_active(tablespan::Engine& engine, const std::string& table) {
    for (;;) {
        Json t =
            engine.call_sync("us-west-2", "DescribeTable", {{"TableName", table}}).body["Table"];
        bool ready = t["TableStatus"] == "ACTIVE";
        for (const auto& ix : t.value("GlobalSecondaryIndexes", Json::array()))
            ready = ready && ix["IndexStatus"] == "ACTIVE";
        if (ready) return;
        ::usleep(1000);
    }
}

// An engine on two threads and the system clock at `scale`, or null (the reason printed).
inline std::unique_ptr<tablespan::Engine> open_engine(const std::string& dir, double scale) {
    tablespan::EngineOptions options;
    options.data_dir = dir;
    options.clock = std::make_shared<tablespan::SystemClock>(scale);
    options.threads = 2;
    std::string error;
    auto engine = tablespan::Engine::open(options, &error);
    if (!engine) std::fprintf(stderr, "%s\n", error.c_str());
    return engine;
}

template <typename MakeRequest>
double run_engine(tablespan::Engine& engine, const char* op, long count, MakeRequest make) {
    Pipeline pipeline(512);
    auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < count; ++i) {
        pipeline.acquire();
        engine.call("us-west-2", op, make(i),
                    [&](tablespan::Result r) { pipeline.release(r.ok()); });
    }
    pipeline.drain();
    double secs = seconds_since(start);
    if (pipeline.errors()) std::fprintf(stderr, "%s: %ld errors\n", op, pipeline.errors());
    return static_cast<double>(count) / secs;
}

}  // namespace bench
