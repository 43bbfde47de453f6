// bench_mrsc: what multi-Region strong consistency costs.
//
//  1. Write latency of an MRSC table (us-east-1 with a replica in us-east-2 and the
//     witness in us-west-2; and ap-northeast-1 with ap-northeast-2 and a witness in
//     ap-northeast-3), one PutItem at a time on the system clock: p50 and p99 against the
//     model, the round trip to the nearest member (2 × its one-way network delay, each
//     rounded to the engine's millisecond), and the engine-added part (measured minus
//     model).
//  2. Write throughput, 512 PutItems in flight, of the same regions as an MRSC group and
//     as an MREC group: the ratio.
//
// Usage: bench_mrsc [WRITES]   (default 2000 latency samples, 20000 throughput writes)

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <vector>

#include "bench_util.h"
#include "tablespan/engine.h"
#include "tablespan/network.h"

using tablespan::Json;

namespace {
const std::string kPayload(150, 'p');

Json put(long i) {
    return {{"TableName", "bench"},
            {"Item",
             {{"pk", {{"S", "item" + std::to_string(i)}}},
              {"n", {{"N", std::to_string(i)}}},
              {"payload", {{"S", kPayload}}}}}};
}

struct Group {
    std::string home, replica, third;  // third: the witness (strong) or a replica
};

struct Fixture {
    std::filesystem::path dir;
    std::unique_ptr<tablespan::Engine> engine;

    explicit Fixture(const std::string& name) {
        dir = std::filesystem::temp_directory_path() /
              ("tablespan-bench-mrsc-" + name + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir);
        tablespan::EngineOptions options;
        options.data_dir = dir.string();
        // Engine time 20× faster while the groups form, then real time for the figures.
        options.clock = std::make_shared<tablespan::SystemClock>(20.0);
        options.threads = 2;
        std::string error;
        engine = tablespan::Engine::open(options, &error);
        if (!engine) throw std::runtime_error(error);
    }
    ~Fixture() {
        engine.reset();
        std::filesystem::remove_all(dir);
    }
    Json ok(const std::string& region, const std::string& op, Json request) {
        auto r = engine->call_sync(region, op, std::move(request));
        if (!r.ok()) throw std::runtime_error(op + ": " + r.error->message);
        return r.body;
    }
    void wait_active(const std::string& region) {
        for (;;) {
            Json t = ok(region, "DescribeTable", {{"TableName", "bench"}})["Table"];
            bool ready = t["TableStatus"] == "ACTIVE";
            for (const auto& r : t.value("Replicas", Json::array()))
                ready = ready && r["ReplicaStatus"] == "ACTIVE";
            for (const auto& w : t.value("GlobalTableWitnesses", Json::array()))
                ready = ready && w["WitnessStatus"] == "ACTIVE";
            if (ready) return;
            ::usleep(2000);
        }
    }
    void create(const Group& g, bool strong) {
        ok(g.home, "CreateTable",
           Json::parse(R"({"TableName": "bench", "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})"));
        wait_active(g.home);
        if (strong) {
            ok(g.home, "UpdateTable",
               {{"TableName", "bench"},
                {"MultiRegionConsistency", "STRONG"},
                {"ReplicaUpdates", {{{"Create", {{"RegionName", g.replica}}}}}},
                {"GlobalTableWitnessUpdates", {{{"Create", {{"RegionName", g.third}}}}}}});
            wait_active(g.home);
        } else {
            for (const auto& r : {g.replica, g.third}) {
                ok(g.home, "UpdateTable",
                   {{"TableName", "bench"}, {"ReplicaUpdates", {{{"Create", {{"RegionName", r}}}}}}});
                wait_active(g.home);
            }
        }
        engine->set_time_scale(1.0);
    }
};

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

void latency(const Group& g, long samples) {
    Fixture f("latency-" + g.home);
    f.create(g, true);
    std::vector<double> ms;
    for (long i = 0; i < samples; ++i) {
        auto start = std::chrono::steady_clock::now();
        f.ok(g.home, "PutItem", put(i));
        ms.push_back(bench::seconds_since(start) * 1000.0);
    }
    // Engine time runs in whole milliseconds: each one-way delay is rounded to one.
    const double one_way = std::min(tablespan::Network::network_latency_ms(g.home, g.replica),
                                    tablespan::Network::network_latency_ms(g.home, g.third));
    const double model = 2 * std::round(one_way);
    const double p50 = percentile(ms, 0.5), p99 = percentile(ms, 0.99);
    std::printf(
        "{\"name\": \"mrsc_put_latency_%s\", \"samples\": %ld, \"model_ms\": %.2f, "
        "\"unrounded_model_ms\": %.2f, \"p50_ms\": %.2f, \"p99_ms\": %.2f, \"p50_over_model\": "
        "%.3f, \"engine_added_p50_ms\": %.2f, \"engine_added_p99_ms\": %.2f}\n",
        g.home.c_str(), samples, model, 2 * one_way, p50, p99, p50 / model, p50 - model,
        p99 - model);
    std::fflush(stdout);
}

double throughput(const Group& g, bool strong, long writes) {
    Fixture f(std::string(strong ? "strong" : "eventual") + "-" + g.home);
    f.create(g, strong);
    bench::Pipeline pipeline(512);
    auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < writes; ++i) {
        pipeline.acquire();
        f.engine->call(g.home, "PutItem", put(i),
                       [&](tablespan::Result r) { pipeline.release(r.ok()); });
    }
    pipeline.drain();
    const double secs = bench::seconds_since(start);
    if (pipeline.errors()) std::fprintf(stderr, "%ld errors\n", pipeline.errors());
    return static_cast<double>(writes) / secs;
}
}  // namespace

int main(int argc, char** argv) {
    const long writes = argc > 1 ? std::atol(argv[1]) : 20000;
    const Group us{"us-east-1", "us-east-2", "us-west-2"};
    const Group ap{"ap-northeast-1", "ap-northeast-2", "ap-northeast-3"};
    latency(us, std::max(200L, writes / 10));
    latency(ap, std::max(200L, writes / 10));
    const double eventual = throughput(us, false, writes);
    const double strong = throughput(us, true, writes);
    bench::print_ratio("mrsc_put_throughput_vs_mrec", strong, eventual);
    return 0;
}
