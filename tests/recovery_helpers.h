#pragma once

// Helpers shared by the backup and PITR tests: error checks, reading a whole table,
// waiting on engine time for a restored table.

#include <QTest>

#include <map>
#include <memory>
#include <string>
#include <thread>

#include "engine_fixture.h"

// Checks that `result` failed with the service's exception name and message.
#define EXPECT_ERROR(result, type_, message_)                                                  \
    do {                                                                                       \
        const tablespan::Result r_ = (result);                                                 \
        QVERIFY2(!r_.ok(), "expected an error");                                               \
        QCOMPARE(QString::fromStdString(r_.error->type), QStringLiteral(type_));               \
        QCOMPARE(QString::fromStdString(r_.error->message), QString::fromStdString(message_)); \
    } while (false)

// Every item of the table, by the string value of its partition key (and sort key).
inline std::map<std::string, tablespan::Json> scan_all(TestEngine& t, const std::string& table,
                                                       const std::string& region = "us-west-2") {
    std::map<std::string, tablespan::Json> out;
    tablespan::Json request = {{"TableName", table}};
    for (;;) {
        tablespan::Json page = t.ok("Scan", request, region);
        for (const auto& item : page["Items"]) {
            std::string key = item["pk"].begin().value().get<std::string>();
            if (item.contains("sk")) key += "/" + item["sk"].begin().value().get<std::string>();
            out[key] = item;
        }
        if (!page.contains("LastEvaluatedKey")) return out;
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"];
    }
}

inline std::string table_status(TestEngine& t, const std::string& table,
                                const std::string& region = "us-west-2") {
    return t.ok("DescribeTable", {{"TableName", table}}, region)["Table"]["TableStatus"];
}

// Advances engine time a second at a time until the table is ACTIVE (at most a minute).
inline bool wait_active(TestEngine& t, const std::string& table,
                        const std::string& region = "us-west-2") {
    for (int i = 0; i < 60; ++i) {
        if (table_status(t, table, region) == "ACTIVE") return true;
        t.engine->advance(1'000);
    }
    return false;
}

// Advances engine time a second at a time until the table is gone (at most a minute).
inline bool wait_gone(TestEngine& t, const std::string& table,
                      const std::string& region = "us-west-2") {
    for (int i = 0; i < 60; ++i) {
        auto r = t.call("DescribeTable", {{"TableName", table}}, region);
        if (!r.ok()) return r.error->type == "ResourceNotFoundException";
        t.engine->advance(1'000);
    }
    return false;
}

inline double now_seconds(TestEngine& t) {
    return static_cast<double>(t.clock->now()) / 1000.0;
}

// An engine on real threads whose SystemClock runs 1000× faster than the wall clock, for
// the tests that race real threads against backups and restores.
struct RealTimeEngine {
    QTemporaryDir dir;
    std::unique_ptr<tablespan::Engine> engine;

    RealTimeEngine() {
        tablespan::EngineOptions options;
        options.data_dir = dir.path().toStdString();
        options.threads = 2;
        options.clock = std::make_shared<tablespan::SystemClock>(1000.0);
        std::string error;
        engine = tablespan::Engine::open(options, &error);
        if (!engine) qFatal("cannot open engine: %s", error.c_str());
    }

    // Calls and expects success (from any thread: a failure ends the test run).
    tablespan::Json ok(const std::string& region, const std::string& op,
                       const tablespan::Json& request) {
        auto r = engine->call_sync(region, op, request);
        if (!r.ok()) qFatal("%s: %s", op.c_str(), r.error->message.c_str());
        return r.body;
    }

    // Creates an on-demand table keyed by "pk" and waits until it can be backed up
    // (TableNotFoundException while CREATING, then DISABLED for a few seconds).
    void create_backed_up_table(const std::string& region, const std::string& name) {
        ok(region, "CreateTable",
           {{"TableName", name},
            {"BillingMode", "PAY_PER_REQUEST"},
            {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
            {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}});
        for (;;) {
            auto r = engine->call_sync(region, "DescribeContinuousBackups", {{"TableName", name}});
            if (r.ok() &&
                r.body["ContinuousBackupsDescription"]["ContinuousBackupsStatus"] == "ENABLED")
                return;
            std::this_thread::yield();
        }
    }
};
