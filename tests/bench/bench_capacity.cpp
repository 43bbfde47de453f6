// What throughput enforcement and the capacity metrics cost a request, measured two ways
// in one run (the issue asks that throttling checks add under 1 µs to a request):
// - "path": the capacity work of one PutItem and one GetItem alone (admit, then charge,
//   which also records the metrics), for a PROVISIONED table, an on-demand table and an
//   engine with enforcement off (--no-throttling still meters the units);
// - "engine": whole PutItem / GetItem requests of ~1 KB items through Engine::call, with
//   512 in flight, for the same three cases, repeated in turns so that the machine's
//   drift affects all alike.
// Prints JSON lines: ns per request and the ratios to --no-throttling.
//
// Usage: bench_capacity [requests per round, default 20000] [rounds, default 3]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

#include "api/capacity.h"
#include "api/table_meta.h"
#include "bench_requests.h"
#include "capacity/throughput.h"

namespace {

using bench::Json;
using tablespan::Millis;

// ns per iteration of `body`, the best of three runs of `n`.
template <typename Body>
double ns_per(long n, Body body) {
    double best = 1e18;
    for (int run = 0; run < 3; ++run) {
        auto start = std::chrono::steady_clock::now();
        for (long i = 0; i < n; ++i) body(i);
        best = std::min(best, bench::seconds_since(start) * 1e9 / static_cast<double>(n));
    }
    return best;
}

tablespan::api::TableMeta table_meta(bool provisioned) {
    tablespan::api::TableMeta t;
    t.name = provisioned ? "Provisioned" : "OnDemand";
    t.billing_mode = provisioned ? "PROVISIONED" : "PAY_PER_REQUEST";
    t.read_capacity = t.write_capacity = provisioned ? 40'000 : 0;
    return t;
}

void path_bench(long n) {
    struct Case {
        const char* name;
        bool enforce;
        bool provisioned;
    };
    const Case cases[] = {
        {"provisioned", true, true}, {"on_demand", true, false}, {"no_throttling", false, true}};
    double put[3] = {}, get[3] = {};
    for (int c = 0; c < 3; ++c) {
        tablespan::capacity::Throughput throughput(cases[c].enforce);
        const auto t = table_meta(cases[c].provisioned);
        tablespan::api::WriteUnits units;
        units.table = 1;
        Millis now = 1'790'000'000'000;
        // One request each millisecond of engine time: the buckets never empty, and the
        // metrics open a new second every thousand requests.
        put[c] = ns_per(n, [&](long) {
            throughput.admit_write(t, now);
            throughput.charge_write(t, units, now);
            ++now;
        });
        get[c] = ns_per(n, [&](long) {
            throughput.admit_read(t, nullptr, now);
            throughput.charge_read(t, nullptr, 0.5, now);
            ++now;
        });
    }
    for (int c = 0; c < 3; ++c)
        std::printf("{\"name\": \"path_%s\", \"put_ns\": %.1f, \"get_ns\": %.1f}\n", cases[c].name,
                    put[c], get[c]);
}

struct EngineCase {
    const char* name;
    std::unique_ptr<tablespan::Engine> engine;
    std::string table;
    double put_ns = 0, get_ns = 0;
};

Json create(const std::string& name, bool provisioned) {
    Json r = bench::create_request(name, false);
    if (provisioned) {
        r["BillingMode"] = "PROVISIONED";
        r["ProvisionedThroughput"] = {{"ReadCapacityUnits", 40'000},
                                      {"WriteCapacityUnits", 40'000}};
    }
    return r;
}

void engine_bench(long n, int rounds) {
    namespace fs = std::filesystem;
    const fs::path root =
        fs::temp_directory_path() / ("bench_capacity_" + std::to_string(::getpid()));
    fs::create_directories(root);
    EngineCase cases[3] = {{"provisioned", nullptr, "Provisioned"},
                           {"on_demand", nullptr, "OnDemand"},
                           {"no_throttling", nullptr, "Provisioned"}};
    for (int c = 0; c < 3; ++c) {
        tablespan::EngineOptions options;
        options.data_dir = (root / cases[c].name).string();
        options.threads = 2;
        options.enforce_throughput = c != 2;
        std::string error;
        cases[c].engine = tablespan::Engine::open(options, &error);
        if (!cases[c].engine) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return;
        }
        auto& e = *cases[c].engine;
        e.call_sync("us-west-2", "CreateTable", create(cases[c].table, c != 1));
        bench::wait_active(e, cases[c].table);
        bench::run_engine(e, "PutItem", n, [&](long i) {  // warm up, and the items to get
            return Json{{"TableName", cases[c].table}, {"Item", bench::make_item(i)}};
        });
    }
    for (int round = 0; round < rounds; ++round)
        for (auto& c : cases) {
            const double puts = bench::run_engine(*c.engine, "PutItem", n, [&](long i) {
                return Json{{"TableName", c.table}, {"Item", bench::make_item(i)}};
            });
            const double gets = bench::run_engine(*c.engine, "GetItem", n, [&](long i) {
                const Json item = bench::make_item((i * 7919) % n);
                return Json{{"TableName", c.table},
                            {"Key", {{"pk", item["pk"]}, {"sk", item["sk"]}}}};
            });
            c.put_ns += 1e9 / puts / rounds;
            c.get_ns += 1e9 / gets / rounds;
        }
    for (auto& c : cases) {
        std::printf(
            "{\"name\": \"engine_%s\", \"put_ns\": %.0f, \"get_ns\": %.0f, "
            "\"put_ratio_to_no_throttling\": %.3f, \"get_ratio_to_no_throttling\": %.3f}\n",
            c.name, c.put_ns, c.get_ns, c.put_ns / cases[2].put_ns, c.get_ns / cases[2].get_ns);
        c.engine.reset();
    }
    fs::remove_all(root);
}

}  // namespace

int main(int argc, char** argv) {
    const long n = argc > 1 ? std::atol(argv[1]) : 20'000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
    path_bench(1'000'000);
    engine_bench(n, rounds);
    return 0;
}
