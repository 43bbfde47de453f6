// bench_backup: a table of N items of ~1 KB with N more updates in its PITR history, then
// the wall time from request to AVAILABLE/ACTIVE of CreateBackup, RestoreTableFromBackup
// and RestoreTableToPointInTime (to the middle of the update history), and PutItem
// throughput with and without a backup being copied. The baseline, in the same run, is
// raw SQLite copying the same rows into a new table of the same database file (one
// INSERT … SELECT, one transaction, WAL, synchronous=FULL), after the engine closed.
//
// Usage: bench_backup [ITEMS] [DIR]   (default 1000000 items, a fresh temporary dir)

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

#include "bench_util.h"
#include "tablespan/engine.h"

using tablespan::Json;

namespace {
constexpr int kPerPartition = 100;
const std::string kPayload(900, 'p');
const char* kRegion = "us-west-2";

Json key_of(long i) {
    return {{"pk", {{"S", "user#" + std::to_string(i / kPerPartition)}}},
            {"sk", {{"N", std::to_string(i % kPerPartition)}}}};
}

Json make_item(long i, long version) {
    Json item = key_of(i);
    item["name"] = {{"S", "Name " + std::to_string(i)}};
    item["email"] = {{"S", "user" + std::to_string(i) + "@example.com"}};
    item["version"] = {{"N", std::to_string(version)}};
    item["tags"] = {{"SS", {"a", "b", "c"}}};
    item["payload"] = {{"S", kPayload}};
    return item;
}

Json must(tablespan::Engine& engine, const char* op, const Json& request) {
    auto r = engine.call_sync(kRegion, op, request);
    if (!r.ok()) {
        std::fprintf(stderr, "%s: %s: %s\n", op, r.error->type.c_str(), r.error->message.c_str());
        std::exit(1);
    }
    return r.body;
}

// Puts items [0, count) with `version`; returns items per second.
double put_all(tablespan::Engine& engine, long count, long version) {
    bench::Pipeline pipeline(512);
    auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < count; ++i) {
        pipeline.acquire();
        engine.call(kRegion, "PutItem", {{"TableName", "bench"}, {"Item", make_item(i, version)}},
                    [&](tablespan::Result r) { pipeline.release(r.ok()); });
    }
    pipeline.drain();
    if (pipeline.errors()) std::fprintf(stderr, "PutItem: %ld errors\n", pipeline.errors());
    return static_cast<double>(count) / bench::seconds_since(start);
}

// Puts random items until `stop` says so (checked every call) or `seconds` passed;
// returns items per second.
template <typename Stop>
double put_while(tablespan::Engine& engine, long items, double seconds, Stop stop) {
    bench::Pipeline pipeline(512);
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<long> pick(0, items - 1);
    auto start = std::chrono::steady_clock::now();
    long n = 0;
    while (bench::seconds_since(start) < seconds && !stop()) {
        pipeline.acquire();
        engine.call(kRegion, "PutItem",
                    {{"TableName", "bench"}, {"Item", make_item(pick(rng), -1)}},
                    [&](tablespan::Result r) { pipeline.release(r.ok()); });
        ++n;
    }
    pipeline.drain();
    return static_cast<double>(n) / bench::seconds_since(start);
}

void wait_active(tablespan::Engine& engine, const std::string& table) {
    while (must(engine, "DescribeTable", {{"TableName", table}})["Table"]["TableStatus"] !=
           "ACTIVE")
        ::usleep(2'000);
}

bool backup_available(tablespan::Engine& engine, const std::string& arn) {
    return must(engine, "DescribeBackup",
                {{"BackupArn", arn}})["BackupDescription"]["BackupDetails"]["BackupStatus"] ==
           "AVAILABLE";
}

void print_duration(const char* name, double seconds, long items, double baseline) {
    std::printf(
        "{\"name\": \"%s\", \"items\": %ld, \"seconds\": %.3f, \"baseline_seconds\": %.3f, "
        "\"ratio\": %.2f}\n",
        name, items, seconds, baseline, baseline > 0 ? seconds / baseline : 0.0);
    std::fflush(stdout);
}

// Copies the rows of one table into a new table of the same file: the raw SQLite cost of
// what a backup or a restore moves.
double baseline_copy(const std::string& path, int round) {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    auto exec = [&](const std::string& sql) {
        char* error = nullptr;
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            std::fprintf(stderr, "baseline: %s: %s\n", sql.c_str(), error ? error : "");
            std::exit(1);
        }
    };
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    const std::string copy = "baseline_copy_" + std::to_string(round);
    auto start = std::chrono::steady_clock::now();
    exec("BEGIN IMMEDIATE");
    exec("CREATE TABLE " + copy +
         "(pk BLOB NOT NULL, sk BLOB NOT NULL, size INTEGER NOT NULL, item BLOB NOT NULL, "
         "PRIMARY KEY(pk, sk)) WITHOUT ROWID");
    exec("INSERT INTO " + copy +
         " SELECT pk, sk, size, item FROM items WHERE table_id = (SELECT id FROM tables WHERE "
         "name = 'bench') ORDER BY pk, sk");
    exec("COMMIT");
    double seconds = bench::seconds_since(start);
    exec("DROP TABLE " + copy);
    exec("PRAGMA wal_checkpoint(TRUNCATE)");
    sqlite3_close(db);
    return seconds;
}
}  // namespace

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    const long items = argc > 1 ? std::atol(argv[1]) : 1'000'000;
    fs::path dir = argc > 2 ? fs::path(argv[2])
                            : fs::temp_directory_path() /
                                  ("tablespan-bench-backup-" + std::to_string(::getpid()));
    fs::create_directories(dir);

    double backup_seconds = 0, restore_seconds = 0, pitr_seconds = 0;
    double puts_alone = 0, puts_during_backup = 0, backup_during_puts_seconds = 0;
    {
        tablespan::EngineOptions options;
        options.data_dir = (dir / "data").string();
        std::string error;
        auto engine = tablespan::Engine::open(options, &error);
        if (!engine) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return 1;
        }
        // Engine time runs 1000x: table status changes take milliseconds, the PITR lag 0.3 s.
        engine->set_time_scale(1000.0);
        must(*engine, "CreateTable", Json::parse(R"({"TableName": "bench",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            "BillingMode": "PAY_PER_REQUEST"})"));
        wait_active(*engine, "bench");
        ::usleep(20'000);  // past "Backups are being enabled" (3 s of engine time)

        double load = put_all(*engine, items, 0);
        std::printf("{\"name\": \"load\", \"items\": %ld, \"ops_per_sec\": %.0f}\n", items, load);
        must(*engine, "UpdateContinuousBackups",
             {{"TableName", "bench"},
              {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}}}});
        double half = put_all(*engine, items / 2, 1);
        const double middle = engine->clock().now() / 1000.0;
        ::usleep(5'000);
        double rest = put_all(*engine, items - items / 2, 1);
        std::printf("{\"name\": \"updates_with_pitr\", \"items\": %ld, \"ops_per_sec\": %.0f}\n",
                    items, 2.0 / (1.0 / half + 1.0 / rest));
        std::optional<tablespan::PitrStorage> storage;
        std::mutex m;
        std::condition_variable cv;
        engine->pitr_storage(kRegion, "bench", [&](tablespan::PitrStorage s) {
            std::lock_guard lock(m);
            storage = s;
            cv.notify_one();
        });
        {
            std::unique_lock lock(m);
            cv.wait(lock, [&] { return storage.has_value(); });
        }
        std::printf("{\"name\": \"pitr_history\", \"versions\": %lld, \"bytes\": %lld}\n",
                    static_cast<long long>(storage->versions),
                    static_cast<long long>(storage->bytes));

        // CreateBackup alone: request to AVAILABLE.
        auto start = std::chrono::steady_clock::now();
        std::string arn =
            must(*engine, "CreateBackup",
                 {{"TableName", "bench"}, {"BackupName", "alone"}})["BackupDetails"]["BackupArn"];
        while (!backup_available(*engine, arn)) ::usleep(2'000);
        backup_seconds = bench::seconds_since(start);

        // PutItem throughput alone, then while a second backup is copied.
        puts_alone = put_while(*engine, items, std::max(backup_seconds, 2.0), [] { return false; });
        start = std::chrono::steady_clock::now();
        std::string during =
            must(*engine, "CreateBackup",
                 {{"TableName", "bench"}, {"BackupName", "during"}})["BackupDetails"]["BackupArn"];
        std::atomic<bool> available{false};
        std::thread poll([&] {
            while (!backup_available(*engine, during)) ::usleep(20'000);
            available = true;
        });
        puts_during_backup = put_while(*engine, items, 1e9, [&] { return available.load(); });
        poll.join();
        backup_during_puts_seconds = bench::seconds_since(start);

        // RestoreTableFromBackup: request to ACTIVE.
        start = std::chrono::steady_clock::now();
        must(*engine, "RestoreTableFromBackup",
             {{"TargetTableName", "from_backup"}, {"BackupArn", arn}});
        wait_active(*engine, "from_backup");
        restore_seconds = bench::seconds_since(start);

        // RestoreTableToPointInTime to the middle of the update history.
        start = std::chrono::steady_clock::now();
        must(*engine, "RestoreTableToPointInTime",
             {{"SourceTableName", "bench"},
              {"TargetTableName", "to_point"},
              {"RestoreDateTime", middle}});
        wait_active(*engine, "to_point");
        pitr_seconds = bench::seconds_since(start);
        Json restored = must(*engine, "DescribeTable", {{"TableName", "to_point"}})["Table"];
        if (restored["ItemCount"] != items)
            std::fprintf(stderr, "to_point: %s items\n", restored["ItemCount"].dump().c_str());
    }

    const std::string db = (dir / "data" / "regions" / (std::string(kRegion) + ".sqlite")).string();
    baseline_copy(db, 0);  // warm the page cache as the engine had it
    const double baseline = baseline_copy(db, 1);

    print_duration("CreateBackup", backup_seconds, items, baseline);
    print_duration("RestoreTableFromBackup", restore_seconds, items, baseline);
    print_duration("RestoreTableToPointInTime", pitr_seconds, items, baseline);
    std::printf("{\"name\": \"CreateBackup_during_puts\", \"seconds\": %.3f}\n",
                backup_during_puts_seconds);
    bench::print_ratio("PutItem_during_backup", puts_during_backup, puts_alone);
    std::printf("{\"name\": \"peak_rss\", \"mb\": %.1f}\n", bench::peak_rss_mb());
    if (argc <= 2) fs::remove_all(dir);
    return 0;
}
