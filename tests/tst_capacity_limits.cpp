// Limits on changing and using capacity: provisioned throughput decreases (four per UTC
// day, then one each 3600 s after the last; the ACK probe DDB-TABLE-326, 2026, with its
// text), and an on-demand table's OnDemandThroughput maxima (merging, -1 clearing, the
// echo, PROVISIONED refused: ACK DDB-TABLE-051/153/178/182), enforced on engine time:
// requests past the maximum get ThrottlingException with the
// Table{Read,Write}MaxOnDemandThroughputExceeded reason.
//
// Behaviour: ../shared/reference/dynamodb-data-plane.md §8.3-8.4.

#include <QTest>

#include <map>

#include "engine_fixture.h"

using tablespan::Json;

namespace {
Json item(int i) {
    return {{"id", {{"S", "k" + std::to_string(i)}}}, {"pad", {{"S", std::string(500, 'x')}}}};
}
}  // namespace

class TestCapacityLimits : public QObject {
    Q_OBJECT

    TestEngine t;

    Json provisioned(int read, int write) {
        return {{"TableName", "Prov"},
                {"ProvisionedThroughput",
                 {{"ReadCapacityUnits", read}, {"WriteCapacityUnits", write}}}};
    }

private slots:
    void init() { t.reopen(); }

    void decreasesAreLimitedPerUtcDay() {
        // 2026-10-09 00:10:00 UTC, so that the day's end is near.
        t.clock->set(1'791'504'600'000);
        t.ok("CreateTable", J(R"({"TableName": "Prov", "BillingMode": "PROVISIONED",
                   "ProvisionedThroughput": {"ReadCapacityUnits": 10, "WriteCapacityUnits": 10},
                   "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                   "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})"));
        t.engine->advance(60'000);
        for (int rcu = 9; rcu >= 6; --rcu) {
            t.ok("UpdateTable", provisioned(rcu, 10));
            t.engine->advance(10'000);
        }
        JCOMPARE(t.ok("DescribeTable",
                      {{"TableName",
                        "Prov"}})["Table"]["ProvisionedThroughput"]["NumberOfDecreasesToday"],
                 4);
        // An increase is always allowed; the fifth decrease is not, for 3600 s after the
        // last one.
        t.ok("UpdateTable", provisioned(6, 20));
        t.engine->advance(10'000);
        auto fifth = t.call("UpdateTable", provisioned(5, 20));
        QCOMPARE(fifth.error->type, std::string("LimitExceededException"));
        QCOMPARE(fifth.error->message,
                 std::string("Subscriber limit exceeded: Provisioned throughput decreases are "
                             "limited within a given UTC day. After the first 4 decreases, each "
                             "subsequent decrease in the same UTC day can be performed at most "
                             "once every 3600 seconds. Number of decreases today: 4. Last "
                             "decrease at Friday, October 9, 2026 at 12:11:30 AM Coordinated "
                             "Universal Time. Next decrease can be made at Friday, October 9, "
                             "2026 at 1:11:30 AM Coordinated Universal Time"));
        // Nothing changed, and the refusal did not count.
        Json pt = t.ok("DescribeTable", {{"TableName", "Prov"}})["Table"]["ProvisionedThroughput"];
        JCOMPARE(pt["ReadCapacityUnits"], 6);
        JCOMPARE(pt["NumberOfDecreasesToday"], 4);
        t.engine->advance(3'600'000);
        t.ok("UpdateTable", provisioned(5, 20));
        t.engine->advance(10'000);
        QCOMPARE(t.call("UpdateTable", provisioned(4, 20)).error->type,
                 std::string("LimitExceededException"));
        // A new UTC day starts the count again.
        t.engine->advance(24LL * 3'600'000);
        t.ok("UpdateTable", provisioned(4, 20));
    }

    // DescribeTable's NumberOfDecreasesToday is the count of the current UTC day: after
    // midnight (engine time) it reads 0 without any further change.
    void decreasesTodayResetsAtUtcMidnight() {
        t.clock->set(1'791'676'400'000);  // 2026-10-10 23:53:20 UTC
        t.ok("CreateTable", J(R"({"TableName": "ProvDay", "BillingMode": "PROVISIONED",
                   "ProvisionedThroughput": {"ReadCapacityUnits": 10, "WriteCapacityUnits": 10},
                   "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                   "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})"));
        t.engine->advance(60'000);
        t.ok("UpdateTable", J(R"({"TableName": "ProvDay",
                   "ProvisionedThroughput": {"ReadCapacityUnits": 9, "WriteCapacityUnits": 10}})"));
        auto today = [&] {
            return t.ok("DescribeTable",
                        {{"TableName",
                          "ProvDay"}})["Table"]["ProvisionedThroughput"]["NumberOfDecreasesToday"];
        };
        JCOMPARE(today(), 1);
        t.engine->advance(10 * 60'000);  // past 00:00 UTC
        JCOMPARE(today(), 0);
    }

    // A GSI's decreases are limited like the table's, on a count of its own: four a UTC
    // day, then one an hour; the table's count is not touched.
    void gsiDecreasesAreLimited() {
        t.clock->set(1'791'677'400'000);  // 2026-10-11 00:10:00 UTC
        t.ok("CreateTable", J(R"({"TableName": "ProvGsi", "BillingMode": "PROVISIONED",
                   "ProvisionedThroughput": {"ReadCapacityUnits": 10, "WriteCapacityUnits": 10},
                   "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                                            {"AttributeName": "g", "AttributeType": "S"}],
                   "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                   "GlobalSecondaryIndexes": [{"IndexName": "byG",
                       "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                       "Projection": {"ProjectionType": "KEYS_ONLY"},
                       "ProvisionedThroughput": {"ReadCapacityUnits": 10,
                                                 "WriteCapacityUnits": 10}}]})"));
        t.engine->advance(60'000);
        auto update = [&](int rcu) {
            return t.call("UpdateTable",
                          {{"TableName", "ProvGsi"},
                           {"GlobalSecondaryIndexUpdates",
                            {{{"Update",
                               {{"IndexName", "byG"},
                                {"ProvisionedThroughput",
                                 {{"ReadCapacityUnits", rcu}, {"WriteCapacityUnits", 10}}}}}}}}});
        };
        for (int rcu = 9; rcu >= 6; --rcu) {
            QVERIFY(update(rcu).ok());
            t.engine->advance(60'000);  // UPDATING, then ACTIVE
        }
        Json d = t.ok("DescribeTable", {{"TableName", "ProvGsi"}})["Table"];
        JCOMPARE(d["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["NumberOfDecreasesToday"],
                 4);
        JCOMPARE(d["ProvisionedThroughput"]["NumberOfDecreasesToday"], 0);
        auto fifth = update(5);
        QCOMPARE(fifth.error->type, std::string("LimitExceededException"));
        QVERIFY(fifth.error->message.find("Number of decreases today: 4") != std::string::npos);
        // An increase is allowed; an hour after the last decrease, one more.
        QVERIFY(update(8).ok());
        t.engine->advance(3'600'000);
        QVERIFY(update(5).ok());
        t.engine->advance(60'000);
        // It survives a restart.
        t.reopen();
        d = t.ok("DescribeTable", {{"TableName", "ProvGsi"}})["Table"];
        JCOMPARE(d["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["NumberOfDecreasesToday"],
                 5);
    }

    void onDemandMaximaMergeAndClear() {
        t.ok("CreateTable", J(R"({"TableName": "OnDem", "BillingMode": "PAY_PER_REQUEST",
                   "OnDemandThroughput": {"MaxReadRequestUnits": 100},
                   "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                   "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})"));
        t.engine->advance(60'000);
        auto describe = [&] { return t.ok("DescribeTable", {{"TableName", "OnDem"}})["Table"]; };
        JCOMPARE(describe()["OnDemandThroughput"], J(R"({"MaxReadRequestUnits": 100})"));
        // Members merge one by one; the table stays ACTIVE.
        Json answer = t.ok(
            "UpdateTable",
            J(R"({"TableName": "OnDem", "OnDemandThroughput": {"MaxWriteRequestUnits": 50}})"));
        JCOMPARE(answer["TableDescription"]["TableStatus"], "ACTIVE");
        JCOMPARE(describe()["OnDemandThroughput"],
                 J(R"({"MaxReadRequestUnits": 100, "MaxWriteRequestUnits": 50})"));
        // -1 clears one: echoed as -1, then omitted; both cleared: no struct at all.
        answer =
            t.ok("UpdateTable",
                 J(R"({"TableName": "OnDem", "OnDemandThroughput": {"MaxReadRequestUnits": -1}})"));
        JCOMPARE(answer["TableDescription"]["OnDemandThroughput"],
                 J(R"({"MaxReadRequestUnits": -1, "MaxWriteRequestUnits": 50})"));
        JCOMPARE(describe()["OnDemandThroughput"], J(R"({"MaxWriteRequestUnits": 50})"));
        t.ok("UpdateTable",
             J(R"({"TableName": "OnDem", "OnDemandThroughput": {"MaxWriteRequestUnits": -1}})"));
        QVERIFY(!describe().contains("OnDemandThroughput"));
        // 0 is out of range; a PROVISIONED table has none.
        auto zero = t.call(
            "UpdateTable",
            J(R"({"TableName": "OnDem", "OnDemandThroughput": {"MaxWriteRequestUnits": 0}})"));
        QCOMPARE(zero.error->type, std::string("ValidationException"));
        auto provisioned_table =
            t.call("CreateTable", J(R"({"TableName": "ProvWithMax", "BillingMode": "PROVISIONED",
                  "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
                  "OnDemandThroughput": {"MaxReadRequestUnits": 10},
                  "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                  "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})"));
        QCOMPARE(provisioned_table.error->message,
                 std::string("MaxReadRequestUnits for OnDemandThroughput cannot be specified "
                             "when the table BillingMode is PROVISIONED"));
        // It survives a restart.
        t.ok("UpdateTable",
             J(R"({"TableName": "OnDem", "OnDemandThroughput": {"MaxReadRequestUnits": 7}})"));
        t.reopen();
        JCOMPARE(describe()["OnDemandThroughput"], J(R"({"MaxReadRequestUnits": 7})"));
    }

    void onDemandMaximaThrottle() {
        t.ok("CreateTable", J(R"({"TableName": "Capped", "BillingMode": "PAY_PER_REQUEST",
                   "OnDemandThroughput": {"MaxWriteRequestUnits": 5},
                   "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                   "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})"));
        t.engine->advance(60'000);
        // One second of the maximum, then ThrottlingException.
        int taken = 0;
        tablespan::Result refused;
        for (int i = 0; i < 100; ++i) {
            auto r = t.call("PutItem", {{"TableName", "Capped"}, {"Item", item(i)}});
            if (!r.ok()) {
                refused = r;
                break;
            }
            ++taken;
        }
        QCOMPARE(taken, 5);
        QCOMPARE(refused.error->type, std::string("ThrottlingException"));
        JCOMPARE(refused.error->extra["throttlingReasons"][0]["reason"],
                 "TableWriteMaxOnDemandThroughputExceeded");
        // Reads have no maximum here.
        QVERIFY(
            t.call("GetItem", {{"TableName", "Capped"}, {"Key", {{"id", {{"S", "k1"}}}}}}).ok());
        // A second later there is room again.
        t.engine->advance(1'000);
        QVERIFY(t.call("PutItem", {{"TableName", "Capped"}, {"Item", item(1000)}}).ok());
        // Cleared: nothing is refused.
        t.ok("UpdateTable",
             J(R"({"TableName": "Capped", "OnDemandThroughput": {"MaxWriteRequestUnits": -1}})"));
        for (int i = 0; i < 200; ++i)
            QVERIFY(t.call("PutItem", {{"TableName", "Capped"}, {"Item", item(2000 + i)}}).ok());
    }

    // Replicated writes consume write capacity in the receiving region: two replicas that
    // both write at the group's maximum also take each other's writes, so together they
    // take about one region's worth, and a delivery that finds no capacity waits in the
    // source. Once idle, both hold every write that was accepted.
    void replicatedWritesConsumeCapacity() {
        t.create_table("Shared", "id", "S");
        t.ok(
            "UpdateTable",
            J(R"({"TableName": "Shared", "ReplicaUpdates": [{"Create": {"RegionName": "us-east-1"}}]})"));
        t.engine->advance(60'000);
        t.ok("UpdateTable",
             J(R"({"TableName": "Shared", "OnDemandThroughput": {"MaxWriteRequestUnits": 5}})"));
        t.engine->advance(1'000);
        // The maximum is the group's.
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "Shared"}},
                      "us-east-1")["Table"]["OnDemandThroughput"],
                 J(R"({"MaxWriteRequestUnits": 5})"));
        std::map<std::string, int> accepted, throttled;
        int next = 0;
        for (int second = 0; second < 20; ++second) {
            for (int i = 0; i < 10; ++i) {
                for (const char* region : {"us-west-2", "us-east-1"}) {
                    auto r = t.call("PutItem", {{"TableName", "Shared"}, {"Item", item(next++)}},
                                    region);
                    ++(r.ok() ? accepted : throttled)[region];
                }
                t.engine->advance(100);
            }
        }
        // Alone, a region would take 5 writes a second (100 in 20 s, plus its burst). As
        // every accepted write also costs a unit in the other region, the two together
        // take about that much.
        const int total = accepted["us-west-2"] + accepted["us-east-1"];
        QVERIFY2(total < 130, qPrintable(QString::number(total)));
        QVERIFY(throttled["us-west-2"] > 0 && throttled["us-east-1"] > 0);
        t.engine->advance(30'000);
        for (const char* region : {"us-west-2", "us-east-1"}) {
            Json count = t.ok("Scan", {{"TableName", "Shared"}, {"Select", "COUNT"}}, region);
            JCOMPARE(count["Count"], total);
        }
    }
};

QTEST_GUILESS_MAIN(TestCapacityLimits)
#include "tst_capacity_limits.moc"
