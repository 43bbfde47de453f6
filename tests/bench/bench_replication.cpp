// bench_replication: what replication costs and adds.
//
//  1. Write throughput in us-west-2 without replicas, then with two replicas
//     (ap-southeast-2, eu-west-1), simulated network delay set to zero: the ratio.
//  2. Engine-added replication lag (apply commit in the receiving region minus write time
//     in the source, engine milliseconds) at a paced 5,000 writes/s: p50, p99, max.
//  3. With the default latency model on a ManualClock: the measured ReplicationLatency
//     us-west-2 → ap-southeast-2 against the model's mean.
//
// Usage: bench_replication [WRITES]   (default 50000 per throughput run)

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <thread>

#include "bench_util.h"
#include "tablespan/engine.h"

using tablespan::Json;

namespace {
const char* kSource = "us-west-2";
const std::vector<std::string> kReplicas = {"ap-southeast-2", "eu-west-1"};
const std::string kPayload(150, 'p');

Json put(long i) {
    return {{"TableName", "bench"},
            {"Item",
             {{"pk", {{"S", "item" + std::to_string(i)}}},
              {"n", {{"N", std::to_string(i)}}},
              {"payload", {{"S", kPayload}}}}}};
}

struct Fixture {
    std::filesystem::path dir;
    std::unique_ptr<tablespan::Engine> engine;

    Fixture(const std::string& name, std::shared_ptr<tablespan::Clock> clock, int threads) {
        dir = std::filesystem::temp_directory_path() /
              ("tablespan-bench-replication-" + name + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir);
        tablespan::EngineOptions options;
        options.data_dir = dir.string();
        options.clock = std::move(clock);
        options.threads = threads;
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
    std::string status(const std::string& region) {
        return ok(region, "DescribeTable", {{"TableName", "bench"}})["Table"]["TableStatus"];
    }
    // Threaded mode: waits (wall time) until the table is ACTIVE in every given region.
    void wait_active(const std::vector<std::string>& regions) {
        for (;;) {
            bool all = std::all_of(regions.begin(), regions.end(),
                                   [&](const std::string& r) { return status(r) == "ACTIVE"; });
            if (all) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    void create_table() {
        ok(kSource, "CreateTable", Json::parse(R"({"TableName": "bench",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "BillingMode": "PAY_PER_REQUEST"})"));
    }
    Json add_replica(const std::string& region) {
        return ok(kSource, "UpdateTable",
                  {{"TableName", "bench"},
                   {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", region}}}}})}});
    }
};

struct Throughput {
    double acknowledged = 0;  // writes/s until the source acknowledged the last one
    double replicated = 0;    // writes/s until every replica also holds them all
};

// Writes `count` new items in the source; `replicas` are waited for until their
// ItemCount equals the source's (the writes are new keys, so counts match only when
// everything arrived).
Throughput throughput(Fixture& f, long first, long count,
                      const std::vector<std::string>& replicas = {}) {
    bench::Pipeline pipeline(256);
    auto start = std::chrono::steady_clock::now();
    for (long i = first; i < first + count; ++i) {
        pipeline.acquire();
        f.engine->call(kSource, "PutItem", put(i),
                       [&](tablespan::Result r) { pipeline.release(r.ok()); });
    }
    pipeline.drain();
    Throughput t;
    t.acknowledged = static_cast<double>(count) / bench::seconds_since(start);
    auto items = [&](const std::string& region) {
        return f.ok(region, "DescribeTable", {{"TableName", "bench"}})["Table"]["ItemCount"]
            .get<std::int64_t>();
    };
    const std::int64_t expected = items(kSource);
    for (const auto& r : replicas)
        while (items(r) < expected) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    t.replicated = static_cast<double>(count) / bench::seconds_since(start);
    return t;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    auto index = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    return v[index];
}

void bench_throughput_and_lag(long writes) {
    double regional = 0;
    {
        Fixture f("regional", std::make_shared<tablespan::SystemClock>(100.0), 2);
        f.create_table();
        f.wait_active({kSource});
        throughput(f, 0, writes / 10);  // warm-up
        regional = throughput(f, writes, writes).acknowledged;
    }

    Fixture f("global", std::make_shared<tablespan::SystemClock>(100.0), 2);
    f.engine->network().set_all_latencies(0);
    f.create_table();
    f.wait_active({kSource});
    for (const auto& r : kReplicas) {
        f.add_replica(r);
        f.wait_active({kSource, r});
    }
    f.engine->set_time_scale(1.0);

    // Lag per replicated item: every delivery batch reports its latencies.
    std::mutex m;
    std::vector<double> lag;
    std::atomic<bool> recording{false};
    int subscription = f.engine->events().subscribe([&](const tablespan::EngineEvent& e) {
        if (const auto* d = std::get_if<tablespan::ReplicationDelivered>(&e)) {
            if (!recording) return;
            std::lock_guard lock(m);
            // Per item we know the batch's min/avg/max: count each item at the batch's
            // maximum, an upper bound.
            for (std::int64_t i = 0; i < d->items; ++i) lag.push_back(d->latency_max_ms);
        }
    });

    throughput(f, 0, writes / 10, kReplicas);  // warm-up
    const Throughput global = throughput(f, writes, writes, kReplicas);
    // The target ratio is the sustained one: writes acknowledged in the source AND
    // applied in both replicas, against the regional figure.
    std::printf(
        "{\"name\": \"write_throughput\", \"regional_ops_per_sec\": %.0f, "
        "\"two_replicas_acknowledged_ops_per_sec\": %.0f, "
        "\"two_replicas_replicated_ops_per_sec\": %.0f, \"ratio\": %.3f, "
        "\"target_ratio\": 0.4}\n",
        regional, global.acknowledged, global.replicated, global.replicated / regional);
    std::fflush(stdout);

    // Let the backlog drain, then pace 5,000 writes/s for five seconds.
    std::this_thread::sleep_for(std::chrono::seconds(3));
    recording = true;
    constexpr int kRate = 5000, kSeconds = 5;
    bench::Pipeline pipeline(256);
    auto start = std::chrono::steady_clock::now();
    long next = 10 * writes;
    for (int tick = 0; tick < kRate * kSeconds / 50; ++tick) {
        std::this_thread::sleep_until(start + std::chrono::microseconds(tick * 10'000));
        for (int i = 0; i < 50; ++i) {
            pipeline.acquire();
            f.engine->call(kSource, "PutItem", put(next++),
                           [&](tablespan::Result r) { pipeline.release(r.ok()); });
        }
    }
    pipeline.drain();
    double achieved = kRate * kSeconds / bench::seconds_since(start);
    std::this_thread::sleep_for(std::chrono::seconds(2));
    recording = false;
    f.engine->events().unsubscribe(subscription);
    std::lock_guard lock(m);
    std::printf(
        "{\"name\": \"replication_lag\", \"writes_per_sec\": %.0f, \"replicated_items\": %zu, "
        "\"lag_p50_ms\": %.1f, \"lag_p99_ms\": %.1f, \"lag_max_ms\": %.1f, "
        "\"target_p99_ms\": 5}\n",
        achieved, lag.size(), percentile(lag, 0.50), percentile(lag, 0.99),
        lag.empty() ? 0.0 : *std::max_element(lag.begin(), lag.end()));
    std::fflush(stdout);
}

void bench_latency_model() {
    auto clock = std::make_shared<tablespan::ManualClock>();
    Fixture f("model", clock, 0);
    f.create_table();
    f.engine->advance(10'000);
    f.add_replica("ap-southeast-2");
    f.engine->advance(60'000);
    const tablespan::Millis start = clock->now();
    for (long i = 0; i < 2000; ++i) {
        f.ok(kSource, "PutItem", put(i));
        f.engine->advance(1'000);
    }
    f.engine->advance(10'000);
    double sum = 0;
    std::int64_t delivered = 0;
    for (const auto& s :
         f.engine->replication_metrics().query({"bench", kSource, "ap-southeast-2", start, 0})) {
        sum += s.latency_avg_ms * static_cast<double>(s.delivered);
        delivered += s.delivered;
    }
    double measured = delivered ? sum / static_cast<double>(delivered) : 0;
    double model = tablespan::Network::model_latency_ms(kSource, "ap-southeast-2");
    std::printf(
        "{\"name\": \"latency_model\", \"link\": \"us-west-2->ap-southeast-2\", \"items\": %lld, "
        "\"model_ms\": %.1f, \"measured_avg_ms\": %.1f, \"deviation\": %.4f, "
        "\"target_deviation\": 0.05}\n",
        static_cast<long long>(delivered), model, measured, (measured - model) / model);
    std::fflush(stdout);
}
}  // namespace

int main(int argc, char** argv) {
    long writes = argc > 1 ? std::atol(argv[1]) : 50'000;
    bench_latency_model();
    bench_throughput_and_lag(writes);
    std::printf("{\"name\": \"peak_rss_mb\", \"value\": %.1f}\n", bench::peak_rss_mb());
    return 0;
}
