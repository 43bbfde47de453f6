// A shipped fault scenario of one simulated hour, played headless (issue 17's target:
// under 60 s on this machine). Reference, in the same run: the scenario's requests alone
// (the same PutItem and GetItem calls on a private manual-clock engine with the table in
// both regions, no faults, no report), so that the ratio shows what the runner, its
// faults and its report add. Prints JSON lines.
//
// Usage: bench_scenario [SCENARIO_FILE] [SCRATCH_DIR]
//   (defaults: resources/scenarios/oregon-lost.json, /dev/shm or the temp directory)

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "bench_util.h"
#include "tablespan/engine.h"
#include "tablespan/scenario.h"

namespace {

using tablespan::Json;

// The scenario's load without the scenario: one call per due request, engine time
// stepped from one to the next. Returns the number of requests.
long replay_load(const Json& file, const std::string& dir) {
    std::filesystem::remove_all(dir);
    tablespan::EngineOptions options;
    options.data_dir = dir;
    options.clock = std::make_shared<tablespan::ManualClock>();
    options.threads = 0;
    std::string error;
    auto engine = tablespan::Engine::open(options, &error);
    const Json& table = file["tables"][0];
    const std::string name = table["name"], home = table["regions"][0];
    engine->call_sync(
        home, "CreateTable",
        {{"TableName", name},
         {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
         {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
         {"BillingMode", "PAY_PER_REQUEST"}});
    engine->advance(60'000);
    for (std::size_t i = 1; i < table["regions"].size(); ++i) {
        engine->call_sync(
            home, "UpdateTable",
            {{"TableName", name},
             {"ReplicaUpdates", {{{"Create", {{"RegionName", table["regions"][i]}}}}}}});
        engine->advance(600'000);
    }
    const double seconds = 3600;
    const std::string pad(250, 'x');
    long requests = 0;
    for (int ms = 0; ms < seconds * 1000; ms += 100) {
        for (const Json& load : file["load"]) {
            const std::string region = load["region"];
            const int key = (ms / 100 + requests) % 5000;
            engine->call(
                region, "PutItem",
                {{"TableName", name},
                 {"Item", {{"pk", {{"S", "k" + std::to_string(key)}}}, {"pad", {{"S", pad}}}}},
                 {"ReturnValues", "ALL_OLD"}},
                [](tablespan::Result) {});
            for (int r = 0; r < 2; ++r)
                engine->call(region, "GetItem",
                             {{"TableName", name},
                              {"Key", {{"pk", {{"S", "k" + std::to_string(key + r)}}}}}},
                             [](tablespan::Result) {});
            requests += 3;
        }
        engine->run_pending();
        engine->advance(100);
    }
    return requests;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : "resources/scenarios/oregon-lost.json";
    std::string scratch = argc > 2 ? argv[2] : "";
    if (scratch.empty())
        scratch = std::filesystem::exists("/dev/shm")
                      ? "/dev/shm"
                      : std::filesystem::temp_directory_path().string();
    std::ifstream in(path);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        return 2;
    }
    const Json file = Json::parse(in);
    const std::string dir = scratch + "/bench-scenario-" + std::to_string(::getpid());

    auto start = std::chrono::steady_clock::now();
    const long requests = replay_load(file, dir);
    const double reference = bench::seconds_since(start);

    tablespan::ScenarioOptions options;
    options.data_dir = dir;
    start = std::chrono::steady_clock::now();
    const tablespan::ScenarioOutcome outcome = tablespan::run_scenario(file, options);
    const double played = bench::seconds_since(start);
    std::filesystem::remove_all(dir);
    if (outcome.error) {
        std::fprintf(stderr, "%s\n", outcome.error->c_str());
        return 1;
    }
    const double engine_seconds = outcome.report["durationSeconds"].get<double>() +
                                  outcome.report["drainSeconds"].get<double>();
    std::printf(
        "{\"name\": \"scenario\", \"file\": \"%s\", \"engine_seconds\": %.0f, \"wall_seconds\": "
        "%.2f, \"target_wall_seconds\": 60, \"speedup\": %.0f, \"load_alone_wall_seconds\": "
        "%.2f, \"load_alone_requests\": %ld, \"ratio_to_load_alone\": %.2f, \"peak_rss_mb\": "
        "%.0f}\n",
        path.c_str(), engine_seconds, played, engine_seconds / played, reference, requests,
        played / reference, bench::peak_rss_mb());
    return 0;
}
