// Durability: what was acknowledged is there after a restart, and after the process is
// killed in the middle of a write load.

#include <QTest>

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>

#include "mrsc_fixture.h"

using tablespan::Json;

namespace {
Json item_for(int i) {
    return {{"pk", {{"S", "item-" + std::to_string(i)}}},
            {"n", {{"N", std::to_string(i) + ".25"}}},
            {"payload", {{"S", std::string(200, static_cast<char>('a' + i % 26))}}}};
}

// Runs in a forked child: writes items as fast as the engine acknowledges them, with
// many requests in flight, and reports each acknowledged index on `fd`.
[[noreturn]] void write_until_killed(const std::string& dir, int fd,
                                     const std::string& region = "us-west-2") {
    tablespan::EngineOptions options;
    options.data_dir = dir;
    options.threads = 2;
    std::string error;
    auto engine = tablespan::Engine::open(options, &error);
    if (!engine) _exit(3);
    std::mutex m;
    std::condition_variable cv;
    int in_flight = 0;
    for (int i = 0;; ++i) {
        {
            std::unique_lock lock(m);
            cv.wait(lock, [&] { return in_flight < 64; });
            ++in_flight;
        }
        engine->call(region, "PutItem", {{"TableName", "Crash"}, {"Item", item_for(i)}},
                     [&, i](tablespan::Result r) {
                         if (r.ok() && ::write(fd, &i, sizeof i) != sizeof i) _exit(4);
                         std::lock_guard lock(m);
                         --in_flight;
                         cv.notify_one();
                     });
    }
}
}  // namespace

class TstPersistence : public QObject {
    Q_OBJECT

private slots:
    void everythingIsThereAfterReopening() {
        TestEngine t;
        t.create_table("Keep", "pk", "S");
        for (int i = 0; i < 300; ++i)
            t.ok("PutItem", {{"TableName", "Keep"}, {"Item", item_for(i)}});
        t.ok("DeleteItem", J(R"({"TableName": "Keep", "Key": {"pk": {"S": "item-7"}}})"));
        t.ok("UpdateTable", J(R"({"TableName": "Keep", "DeletionProtectionEnabled": true})"));
        Json before = t.ok("DescribeTable", {{"TableName", "Keep"}})["Table"];

        t.reopen();
        Json after = t.ok("DescribeTable", {{"TableName", "Keep"}})["Table"];
        JCOMPARE(after, before);
        JCOMPARE(after["ItemCount"], 299);
        for (int i = 0; i < 300; ++i) {
            Json got = t.ok("GetItem", {{"TableName", "Keep"},
                                        {"Key", {{"pk", {{"S", "item-" + std::to_string(i)}}}}}});
            if (i == 7)
                QVERIFY(!got.contains("Item"));
            else
                JCOMPARE(got["Item"], item_for(i));
        }
    }

    void aTransitionInterruptedByAStopCompletesAfterReopening() {
        TestEngine t;
        t.ok("CreateTable", J(R"({"TableName": "Later", "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})"));
        t.engine->advance(1'000);
        t.reopen();
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "Later"}})["Table"]["TableStatus"],
                 "CREATING");
        t.engine->advance(2'000);
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "Later"}})["Table"]["TableStatus"], "ACTIVE");
    }

    void theDataDirectoryIsLocked() {
        TestEngine t;
        tablespan::EngineOptions options;
        options.data_dir = t.dir.path().toStdString();
        options.threads = 0;
        std::string error;
        QVERIFY(!tablespan::Engine::open(options, &error));
        QVERIFY(error.find("in use by another Tablespan process") != std::string::npos);
    }

    // MRSC: an acknowledged write is durable in a second region (the replica or the
    // witness, in the same SQLite transaction as its received watermark), so a kill -9 of
    // the writer followed by the loss of its region loses none of them.
    void strongWritesSurviveSigkillAndTheRegion() {
        MrscEngine t;
        t.create_table("Crash", "pk", "S", {}, {}, "us-east-1");
        t.ok("UpdateTable",
             J(R"({"TableName": "Crash", "MultiRegionConsistency": "STRONG",
                   "ReplicaUpdates": [{"Create": {"RegionName": "us-east-2"}}],
                   "GlobalTableWitnessUpdates": [{"Create": {"RegionName": "us-west-2"}}]})"),
             "us-east-1");
        t.engine->advance(90'000);
        t.engine.reset();

        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::close(fds[0]);
            write_until_killed(t.dir.path().toStdString(), fds[1], "us-east-1");
        }
        ::close(fds[1]);
        std::set<int> acked;
        int index = 0;
        while (acked.size() < 1000 && ::read(fds[0], &index, sizeof index) == sizeof index)
            acked.insert(index);
        JCOMPARE(acked.size(), std::size_t{1000});
        ::kill(child, SIGKILL);
        while (::read(fds[0], &index, sizeof index) == sizeof index) acked.insert(index);
        ::close(fds[0]);
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

        // us-east-1 never comes back; us-east-2 learns from the witness what it lacks.
        t.open();
        t.engine->network().set_all_latencies(MrscEngine::kOneWayMs);
        t.engine->network().set_region_online("us-east-1", false);
        for (int i : acked) {
            auto got = t.timed("us-east-2", "GetItem",
                               {{"TableName", "Crash"},
                                {"Key", {{"pk", {{"S", "item-" + std::to_string(i)}}}}},
                                {"ConsistentRead", true}});
            QVERIFY2(got.result.ok() && got.result.body.contains("Item"),
                     qPrintable(QStringLiteral("acknowledged item %1 lost").arg(i)));
            JCOMPARE(got.result.body["Item"], item_for(i));
        }
    }

    void acknowledgedWritesSurviveSigkill() {
        TestEngine t;
        // A GSI and a stream: index entries and stream records are written in the item's
        // transaction, so the kill leaves the index equal to its table, and a record for
        // exactly the writes that are stored.
        t.ok("CreateTable", J(R"({"TableName": "Crash", "BillingMode": "PAY_PER_REQUEST",
            "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_IMAGE"},
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                     {"AttributeName": "n", "AttributeType": "N"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "GlobalSecondaryIndexes": [{"IndexName": "byN",
                "KeySchema": [{"AttributeName": "n", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"}}]})"));
        t.engine->advance(60'000);
        t.engine.reset();  // the child takes the data directory

        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            ::close(fds[0]);
            write_until_killed(t.dir.path().toStdString(), fds[1]);
        }
        ::close(fds[1]);
        std::set<int> acked;
        int index = 0;
        while (acked.size() < 3000 && ::read(fds[0], &index, sizeof index) == sizeof index)
            acked.insert(index);
        JCOMPARE(acked.size(), std::size_t{3000});
        ::kill(child, SIGKILL);
        // Acknowledgements already written before the kill still count.
        while (::read(fds[0], &index, sizeof index) == sizeof index) acked.insert(index);
        ::close(fds[0]);
        int status = 0;
        ::waitpid(child, &status, 0);
        QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

        sqlite3* db = nullptr;
        const std::string path = t.dir.path().toStdString() + "/regions/us-west-2.sqlite";
        QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
        sqlite3_stmt* check = nullptr;
        QCOMPARE(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(check), SQLITE_ROW);
        QCOMPARE(QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(check, 0))),
                 QStringLiteral("ok"));
        sqlite3_finalize(check);
        sqlite3_close(db);

        t.open();
        for (int i : acked) {
            Json got = t.ok("GetItem", {{"TableName", "Crash"},
                                        {"Key", {{"pk", {{"S", "item-" + std::to_string(i)}}}}}});
            QVERIFY2(got.contains("Item"),
                     qPrintable(QStringLiteral("acknowledged item %1 lost").arg(i)));
            JCOMPARE(got["Item"], item_for(i));
        }
        // The table's item count agrees with what is stored.
        std::size_t stored = 0;
        Json start;
        do {
            Json req = {{"TableName", "Crash"}, {"Select", "COUNT"}};
            if (!start.is_null()) req["ExclusiveStartKey"] = start;
            Json page = t.ok("Scan", req);
            stored += page["Count"].get<std::size_t>();
            start = page.contains("LastEvaluatedKey") ? page["LastEvaluatedKey"] : Json();
        } while (!start.is_null());
        QVERIFY(stored >= acked.size());
        Json table = t.ok("DescribeTable", {{"TableName", "Crash"}})["Table"];
        JCOMPARE(table["ItemCount"].get<std::size_t>(), stored);
        // The index holds every stored item, no more, and counts them.
        std::set<std::string> indexed;
        start = Json();
        do {
            Json req = {{"TableName", "Crash"}, {"IndexName", "byN"}};
            if (!start.is_null()) req["ExclusiveStartKey"] = start;
            Json page = t.ok("Scan", req);
            for (const auto& item : page["Items"]) {
                Json got = t.ok("GetItem", {{"TableName", "Crash"}, {"Key", {{"pk", item["pk"]}}}});
                JCOMPARE(got["Item"], item);
                indexed.insert(item["pk"]["S"].get<std::string>());
            }
            start = page.contains("LastEvaluatedKey") ? page["LastEvaluatedKey"] : Json();
        } while (!start.is_null());
        JCOMPARE(indexed.size(), stored);
        JCOMPARE(table["GlobalSecondaryIndexes"][0]["ItemCount"].get<std::size_t>(), stored);

        // The stream: one INSERT per stored item, with the item as stored; none for a
        // write that is not stored. Every acknowledged write has its record.
        const std::string arn = table["LatestStreamArn"];
        std::map<std::string, Json> recorded;
        const Json shards = t.ok("DescribeStream", {{"StreamArn", arn}})["StreamDescription"]["Shards"];
        for (const auto& shard : shards) {
            Json it = t.ok("GetShardIterator", {{"StreamArn", arn},
                                                {"ShardId", shard["ShardId"]},
                                                {"ShardIteratorType", "TRIM_HORIZON"}})["ShardIterator"];
            for (;;) {
                Json page = t.ok("GetRecords", {{"ShardIterator", it}});
                for (const auto& record : page["Records"]) {
                    JCOMPARE(record["eventName"], "INSERT");
                    const Json image = record["dynamodb"]["NewImage"];
                    QVERIFY(recorded.emplace(image["pk"]["S"].get<std::string>(), image).second);
                }
                if (page["Records"].empty() || !page.contains("NextShardIterator")) break;
                it = page["NextShardIterator"];
            }
        }
        JCOMPARE(recorded.size(), stored);
        for (const auto& [pk, image] : recorded) {
            Json got = t.ok("GetItem", {{"TableName", "Crash"}, {"Key", {{"pk", {{"S", pk}}}}}});
            QVERIFY2(got.contains("Item"), qPrintable(QStringLiteral("record of %1 without its item")
                                                          .arg(QString::fromStdString(pk))));
            JCOMPARE(got["Item"], image);
        }
        for (int i : acked)
            QVERIFY2(recorded.count("item-" + std::to_string(i)),
                     qPrintable(QStringLiteral("acknowledged item %1 has no record").arg(i)));
    }
};

QTEST_APPLESS_MAIN(TstPersistence)
#include "tst_persistence.moc"
