// bench_engine: loads N items of ~1 KB into one region through PutItem, then measures
// PutItem, GetItem and Query throughput in-process, next to a raw SQLite baseline with
// the same durability settings (WAL, synchronous=FULL) on an equivalent table
// (prepared statements, 1,000 rows per transaction).
//
// Usage: bench_engine [ITEMS] [DIR]   (default 1000000 items, a fresh temporary dir)

#include <sqlite3.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <random>

#include "bench_util.h"
#include "tablespan/engine.h"
#include "tablespan/json_codec.h"

using tablespan::Json;

namespace {
constexpr int kPerPartition = 100;
const std::string kPayload(900, 'p');

Json make_item(long i) {
    return {{"pk", {{"S", "user#" + std::to_string(i / kPerPartition)}}},
            {"sk", {{"N", std::to_string(i % kPerPartition)}}},
            {"name", {{"S", "Name " + std::to_string(i)}}},
            {"email", {{"S", "user" + std::to_string(i) + "@example.com"}}},
            {"visits", {{"N", std::to_string(i * 7 % 1000)}}},
            {"tags", {{"SS", {"a", "b", "c"}}}},
            {"payload", {{"S", kPayload}}}};
}

Json create_request(const std::string& name, bool with_indexes) {
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
Json make_grouped_item(long i, long groups) {
    Json item = make_item(i);
    item["group"] = {{"S", "g#" + std::to_string((i * 7919) % groups)}};
    return item;
}

void wait_active(tablespan::Engine& engine, const std::string& table) {
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

template <typename MakeRequest>
double run_engine(tablespan::Engine& engine, const char* op, long count, MakeRequest make) {
    bench::Pipeline pipeline(512);
    auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < count; ++i) {
        pipeline.acquire();
        engine.call("us-west-2", op, make(i),
                    [&](tablespan::Result r) { pipeline.release(r.ok()); });
    }
    pipeline.drain();
    double secs = bench::seconds_since(start);
    if (pipeline.errors()) std::fprintf(stderr, "%s: %ld errors\n", op, pipeline.errors());
    return static_cast<double>(count) / secs;
}

// The raw SQLite baseline: the same row shape the engine stores (binary keys and item).
struct Baseline {
    sqlite3* db = nullptr;
    explicit Baseline(const std::string& path) {
        sqlite3_open(path.c_str(), &db);
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=FULL");
        exec(
            "CREATE TABLE items(pk BLOB NOT NULL, sk BLOB NOT NULL, size INTEGER NOT NULL, "
            "item BLOB NOT NULL, PRIMARY KEY(pk, sk)) WITHOUT ROWID");
    }
    ~Baseline() { sqlite3_close(db); }
    void exec(const char* sql) { sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }

    // Rows carry a serialized item of the engine's size; building it is not timed.
    std::string blob = tablespan::serialize_item(tablespan::decode_item(make_item(0)));

    double insert(long from, long count) {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO items VALUES(?,?,?,?)", -1, &s, nullptr);
        auto start = std::chrono::steady_clock::now();
        for (long i = from; i < from + count; ++i) {
            if ((i - from) % 1000 == 0) exec("BEGIN");
            std::string pk = "user#" + std::to_string(i / kPerPartition),
                        sk = std::to_string(i % kPerPartition);
            sqlite3_bind_blob(s, 1, pk.data(), static_cast<int>(pk.size()), SQLITE_STATIC);
            sqlite3_bind_blob(s, 2, sk.data(), static_cast<int>(sk.size()), SQLITE_STATIC);
            sqlite3_bind_int64(s, 3, static_cast<sqlite3_int64>(blob.size()));
            sqlite3_bind_blob(s, 4, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC);
            sqlite3_step(s);
            sqlite3_reset(s);
            if ((i - from) % 1000 == 999 || i == from + count - 1) exec("COMMIT");
        }
        sqlite3_finalize(s);
        return static_cast<double>(count) / bench::seconds_since(start);
    }

    double point_selects(long items, long count, std::mt19937_64& rng) {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, "SELECT item FROM items WHERE pk=? AND sk=?", -1, &s, nullptr);
        std::uniform_int_distribution<long> pick(0, items - 1);
        auto start = std::chrono::steady_clock::now();
        long found = 0;
        for (long n = 0; n < count; ++n) {
            long i = pick(rng);
            std::string pk = "user#" + std::to_string(i / kPerPartition),
                        sk = std::to_string(i % kPerPartition);
            sqlite3_bind_blob(s, 1, pk.data(), static_cast<int>(pk.size()), SQLITE_STATIC);
            sqlite3_bind_blob(s, 2, sk.data(), static_cast<int>(sk.size()), SQLITE_STATIC);
            if (sqlite3_step(s) == SQLITE_ROW) found += sqlite3_column_bytes(s, 0) > 0;
            sqlite3_reset(s);
        }
        sqlite3_finalize(s);
        if (found != count) std::fprintf(stderr, "baseline: %ld of %ld found\n", found, count);
        return static_cast<double>(count) / bench::seconds_since(start);
    }

    // The raw SQLite copy of every row into a second table: the floor for a backfill
    // (items per second).
    double copy(long count) {
        exec(
            "CREATE TABLE copy(k BLOB NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL, "
            "size INTEGER NOT NULL, item BLOB NOT NULL, PRIMARY KEY(k, pk, sk)) WITHOUT ROWID");
        auto start = std::chrono::steady_clock::now();
        exec("BEGIN");
        exec("INSERT INTO copy SELECT pk || sk, pk, sk, size, item FROM items");
        exec("COMMIT");
        (void)count;
        return static_cast<double>(count) / bench::seconds_since(start);
    }

    double range_selects(long items, long count, std::mt19937_64& rng) {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(db, "SELECT item FROM items WHERE pk=? ORDER BY sk LIMIT 10", -1, &s,
                           nullptr);
        std::uniform_int_distribution<long> pick(0, items / kPerPartition - 1);
        auto start = std::chrono::steady_clock::now();
        for (long n = 0; n < count; ++n) {
            std::string pk = "user#" + std::to_string(pick(rng));
            sqlite3_bind_blob(s, 1, pk.data(), static_cast<int>(pk.size()), SQLITE_STATIC);
            while (sqlite3_step(s) == SQLITE_ROW) {
            }
            sqlite3_reset(s);
        }
        sqlite3_finalize(s);
        return static_cast<double>(count) / bench::seconds_since(start);
    }
};
}  // namespace

int main(int argc, char** argv) {
    const long items = argc > 1 ? std::atol(argv[1]) : 1'000'000;
    namespace fs = std::filesystem;
    fs::path dir =
        argc > 2 ? fs::path(argv[2])
                 : fs::temp_directory_path() / ("tablespan-bench-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const long measured = std::max(10'000L, items / 10);
    std::mt19937_64 rng(42);

    double put_rate, get_rate, query_rate, load_rate;
    double put_plain, put_indexed, query_table, query_gsi, backfill_rate;
    {
        tablespan::EngineOptions options;
        options.data_dir = (dir / "engine").string();
        options.clock = std::make_shared<tablespan::SystemClock>(1000.0);  // tables ACTIVE at once
        options.threads = 2;
        std::string error;
        auto engine = tablespan::Engine::open(options, &error);
        if (!engine) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return 1;
        }
        auto created =
            engine->call_sync("us-west-2", "CreateTable", Json::parse(R"({"TableName": "bench",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            "BillingMode": "PAY_PER_REQUEST"})"));
        if (!created.ok()) return 1;
        while (engine->call_sync("us-west-2", "DescribeTable", {{"TableName", "bench"}})
                   .body["Table"]["TableStatus"] != "ACTIVE")
            ::usleep(1000);

        load_rate = run_engine(*engine, "PutItem", items, [](long i) {
            return Json{{"TableName", "bench"}, {"Item", make_item(i)}};
        });
        std::printf("{\"name\": \"load\", \"items\": %ld, \"ops_per_sec\": %.0f}\n", items,
                    load_rate);
        std::uniform_int_distribution<long> pick(0, items - 1);
        put_rate = run_engine(*engine, "PutItem", measured, [&](long i) {
            return Json{{"TableName", "bench"}, {"Item", make_item(items + i)}};
        });
        get_rate = run_engine(*engine, "GetItem", measured, [&](long) {
            long i = pick(rng);
            return Json{{"TableName", "bench"},
                        {"Key",
                         {{"pk", {{"S", "user#" + std::to_string(i / kPerPartition)}}},
                          {"sk", {{"N", std::to_string(i % kPerPartition)}}}}}};
        });
        std::uniform_int_distribution<long> partition(0, items / kPerPartition - 1);
        query_rate = run_engine(*engine, "Query", measured, [&](long) {
            return Json{{"TableName", "bench"},
                        {"KeyConditionExpression", "pk = :p"},
                        {"Limit", 10},
                        {"ExpressionAttributeValues",
                         {{":p", {{"S", "user#" + std::to_string(partition(rng))}}}}}};
        });

        // Indexes: the same items into a table without indexes and one with two GSIs;
        // a Query of 10 on a GSI partition against one on a table partition of the same
        // size; a GSI added to the loaded table, backfilled from its million items.
        const long groups = std::max(1L, measured / kPerPartition);
        for (const char* name : {"plain", "indexed"})
            engine->call_sync("us-west-2", "CreateTable",
                              create_request(name, std::string(name) == "indexed"));
        wait_active(*engine, "plain");
        wait_active(*engine, "indexed");
        put_plain = run_engine(*engine, "PutItem", measured, [&](long i) {
            return Json{{"TableName", "plain"}, {"Item", make_grouped_item(i, groups)}};
        });
        put_indexed = run_engine(*engine, "PutItem", measured, [&](long i) {
            return Json{{"TableName", "indexed"}, {"Item", make_grouped_item(i, groups)}};
        });
        std::uniform_int_distribution<long> part(0, groups - 1);
        query_table = run_engine(*engine, "Query", measured, [&](long) {
            return Json{{"TableName", "plain"},
                        {"KeyConditionExpression", "pk = :p"},
                        {"Limit", 10},
                        {"ExpressionAttributeValues",
                         {{":p", {{"S", "user#" + std::to_string(part(rng))}}}}}};
        });
        query_gsi = run_engine(*engine, "Query", measured, [&](long) {
            return Json{
                {"TableName", "indexed"},
                {"IndexName", "byGroup"},
                {"KeyConditionExpression", "#g = :g"},
                {"ExpressionAttributeNames", {{"#g", "group"}}},
                {"Limit", 10},
                {"ExpressionAttributeValues", {{":g", {{"S", "g#" + std::to_string(part(rng))}}}}}};
        });
        auto backfill_start = std::chrono::steady_clock::now();
        auto added = engine->call_sync("us-west-2", "UpdateTable", Json::parse(R"({
            "TableName": "bench",
            "AttributeDefinitions": [{"AttributeName": "email", "AttributeType": "S"}],
            "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "byEmail",
                "KeySchema": [{"AttributeName": "email", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"}}}]})"));
        if (!added.ok()) std::fprintf(stderr, "UpdateTable: %s\n", added.error->message.c_str());
        wait_active(*engine, "bench");
        backfill_rate =
            static_cast<double>(items + measured) / bench::seconds_since(backfill_start);
    }

    Baseline baseline((dir / "baseline.sqlite").string());
    baseline.insert(0, items);
    double base_put = baseline.insert(items, measured);
    double base_get = baseline.point_selects(items, measured, rng);
    double base_query = baseline.range_selects(items, measured, rng);

    double base_copy = baseline.copy(items + measured);
    bench::print_ratio("PutItem", put_rate, base_put);
    bench::print_ratio("GetItem", get_rate, base_get);
    bench::print_ratio("Query", query_rate, base_query);
    // Targets (issue 13): PutItem with two GSIs >= 0.6 of a table without; a GSI Query
    // costs <= 1.5x a table Query (ratio >= 0.67).
    bench::print_ratio("PutItem_two_GSIs_vs_none", put_indexed, put_plain);
    bench::print_ratio("Query_GSI_vs_table", query_gsi, query_table);
    bench::print_ratio("GSI_backfill_vs_raw_copy", backfill_rate, base_copy);
    std::printf("{\"name\": \"peak_rss\", \"mb\": %.1f}\n", bench::peak_rss_mb());
    fs::remove_all(dir);
    return 0;
}
