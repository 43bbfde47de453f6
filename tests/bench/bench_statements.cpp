// bench_statements: PartiQL against the expression API on the same data, on engine
// threads and the real clock, in alternating rounds: `SELECT * FROM t WHERE pk = ?`
// against the Query `pk = :p` of the same partition (10 items each). Target (issue 15):
// PartiQL reaches at least 0.8 of the Query's throughput.
//
// Usage: bench_statements [QUERIES] [DIR]   (default 20000 queries, a fresh temporary dir)

#include <filesystem>
#include <random>

#include "bench_requests.h"
#include "bench_util.h"

using tablespan::Json;

int main(int argc, char** argv) {
    const long queries = argc > 1 ? std::atol(argv[1]) : 20'000;
    namespace fs = std::filesystem;
    const fs::path dir = argc > 2 && argv[2][0]
                             ? fs::path(argv[2])
                             : fs::temp_directory_path() /
                                   ("tablespan-bench-statements-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    {
        auto engine = bench::open_engine(dir.string(), 1000.0);  // tables ACTIVE at once
        if (!engine) return 1;
        engine->call_sync("us-west-2", "CreateTable", bench::create_request("music", false));
        bench::wait_active(*engine, "music");
        // Partitions of 10 items: item i is in partition i / 10.
        constexpr long kItems = 100'000, kPerQuery = 10;
        bench::run_engine(*engine, "PutItem", kItems, [](long i) {
            Json item = bench::make_item(i);
            item["pk"] = {{"S", "user#" + std::to_string(i / kPerQuery)}};
            return Json{{"TableName", "music"}, {"Item", item}};
        });
        std::mt19937_64 rng(7);
        std::uniform_int_distribution<long> partition(0, kItems / kPerQuery - 1);
        auto key = [&] { return Json{{"S", "user#" + std::to_string(partition(rng))}}; };
        constexpr int kRounds = 6;
        const long per_round = std::max(1L, queries / kRounds);
        double query_secs = 0, statement_secs = 0;
        for (int round = 0; round < kRounds; ++round) {
            query_secs += per_round / bench::run_engine(*engine, "Query", per_round, [&](long) {
                              return Json{{"TableName", "music"},
                                          {"KeyConditionExpression", "pk = :p"},
                                          {"ExpressionAttributeValues", {{":p", key()}}}};
                          });
            statement_secs +=
                per_round / bench::run_engine(*engine, "ExecuteStatement", per_round, [&](long) {
                    return Json{{"Statement", R"(SELECT * FROM "music" WHERE pk = ?)"},
                                {"Parameters", Json::array({key()})}};
                });
        }
        const double total = static_cast<double>(per_round) * kRounds;
        bench::print_ratio("ExecuteStatement_SELECT_pk_vs_Query", total / statement_secs,
                           total / query_secs);
    }
    fs::remove_all(dir);
    return 0;
}
