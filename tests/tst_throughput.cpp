// Provisioned throughput, enforced on engine time (a ManualClock): a PROVISIONED table
// and its GSIs take requests while their buckets hold capacity (300 seconds of it at
// most, full at the start), then refuse them with ProvisionedThroughputExceededException
// and the service's text; batches leave what they cannot do unprocessed, transactions
// are cancelled with the ProvisionedThroughputExceeded reason; on-demand tables and an
// engine with enforcement off refuse nothing.
//
// Behaviour: ../shared/reference/dynamodb-data-plane.md §8 (texts: GH issues quoting the
// service and the API model's cancellation texts; burst: DG:bp-partition-key-design).

#include <QTest>

#include "engine_fixture.h"

using tablespan::Json;

namespace {
const std::string kTableText =
    "The level of configured provisioned throughput for the table was exceeded. Consider "
    "increasing your provisioning level with the UpdateTable API.";

Json item(int i) {
    return {{"id", {{"S", "k" + std::to_string(i)}}},
            {"g", {{"S", "group"}}},
            {"pad", {{"S", std::string(500, 'x')}}}};
}
}  // namespace

class TestThroughput : public QObject {
    Q_OBJECT

    TestEngine t;

    void create(const std::string& name, int read, int write, int index_write = 0) {
        Json request = {
            {"TableName", name},
            {"BillingMode", "PROVISIONED"},
            {"ProvisionedThroughput", {{"ReadCapacityUnits", read}, {"WriteCapacityUnits", write}}},
            {"AttributeDefinitions", J(R"([{"AttributeName": "id", "AttributeType": "S"}])")},
            {"KeySchema", J(R"([{"AttributeName": "id", "KeyType": "HASH"}])")}};
        if (index_write) {
            request["AttributeDefinitions"].push_back(
                {{"AttributeName", "g"}, {"AttributeType", "S"}});
            request["GlobalSecondaryIndexes"] =
                Json::array({{{"IndexName", "byG"},
                              {"KeySchema", J(R"([{"AttributeName": "g", "KeyType": "HASH"}])")},
                              {"Projection", {{"ProjectionType", "KEYS_ONLY"}}},
                              {"ProvisionedThroughput",
                               {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", index_write}}}}});
        }
        t.ok("CreateTable", request);
        t.engine->advance(60'000);
    }
    // Puts items until one is refused; returns how many were taken.
    int put_until_refused(const std::string& table, int from, tablespan::Error* refusal,
                          int most = 5'000) {
        for (int i = from; i < from + most; ++i) {
            auto r = t.call("PutItem", {{"TableName", table}, {"Item", item(i)}});
            if (!r.ok()) {
                *refusal = *r.error;
                return i - from;
            }
        }
        return -1;
    }

private slots:
    void init() { t.reopen(); }

    void writesBurstThenWaitForCapacity() {
        create("Small", 1, 2);
        tablespan::Error refusal;
        // 300 seconds of 2 units: 600 writes of 1 KB or less.
        QCOMPARE(put_until_refused("Small", 0, &refusal), 600);
        QCOMPARE(refusal.type, std::string("ProvisionedThroughputExceededException"));
        QCOMPARE(refusal.message, kTableText);
        JCOMPARE(refusal.extra["ThrottlingReasons"][0]["reason"],
                 "TableWriteProvisionedThroughputExceeded");
        JCOMPARE(refusal.extra["ThrottlingReasons"][0]["resource"],
                 "arn:aws:dynamodb:us-west-2:000000000000:table/Small");
        // A second of engine time brings two units back: two more writes.
        t.engine->advance(1'000);
        QCOMPARE(put_until_refused("Small", 1000, &refusal), 2);
        // The refused writes changed nothing.
        QVERIFY(!t.ok("GetItem", {{"TableName", "Small"}, {"Key", {{"id", {{"S", "k600"}}}}}})
                     .contains("Item"));
    }

    void readsCountHalfWhenEventuallyConsistent() {
        create("Reads", 1, 5);
        t.ok("PutItem", {{"TableName", "Reads"}, {"Item", item(0)}});
        int reads = 0;
        for (; reads < 10'000; ++reads)
            if (!t.call("GetItem", {{"TableName", "Reads"}, {"Key", {{"id", {{"S", "k0"}}}}}}).ok())
                break;
        QCOMPARE(reads, 600);  // 300 units at 0.5 each
        t.engine->advance(2'000);
        QVERIFY(t.call("GetItem", {{"TableName", "Reads"},
                                   {"ConsistentRead", true},
                                   {"Key", {{"id", {{"S", "k0"}}}}}})
                    .ok());
        // Two units back: one for the strongly consistent read, half a unit for each Scan
        // of one small item, then nothing.
        QVERIFY(t.call("Scan", {{"TableName", "Reads"}}).ok());
        QVERIFY(t.call("Scan", {{"TableName", "Reads"}}).ok());
        auto refused = t.call("Scan", {{"TableName", "Reads"}});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error->type, std::string("ProvisionedThroughputExceededException"));
    }

    void aSmallIndexThrottlesTheTable() {
        create("Indexed", 5, 100, 1);
        tablespan::Error refusal;
        QCOMPARE(put_until_refused("Indexed", 0, &refusal), 300);
        QCOMPARE(
            refusal.message,
            std::string("The level of configured provisioned throughput for one or more global "
                        "secondary indexes of the table was exceeded. Consider increasing your "
                        "provisioning level for the under-provisioned global secondary indexes "
                        "with the UpdateTable API."));
        JCOMPARE(refusal.extra["ThrottlingReasons"][0]["reason"],
                 "IndexWriteProvisionedThroughputExceeded");
        JCOMPARE(refusal.extra["ThrottlingReasons"][0]["resource"],
                 "arn:aws:dynamodb:us-west-2:000000000000:table/Indexed/index/byG");
    }

    void batchesLeaveTheRestUnprocessed() {
        create("Batch", 1, 1);
        tablespan::Error refusal;
        QCOMPARE(put_until_refused("Batch", 0, &refusal), 300);
        t.engine->advance(3'000);  // three units
        Json writes = Json::array();
        for (int i = 100; i < 110; ++i) writes.push_back({{"PutRequest", {{"Item", item(i)}}}});
        Json got = t.ok("BatchWriteItem", {{"RequestItems", {{"Batch", writes}}}});
        QCOMPARE(got["UnprocessedItems"]["Batch"].size(), 7u);
        JCOMPARE(got["UnprocessedItems"]["Batch"][0], writes[3]);
        // Nothing left: the whole call is refused.
        auto r = t.call("BatchWriteItem", {{"RequestItems", {{"Batch", writes}}}});
        QVERIFY(!r.ok());
        QCOMPARE(r.error->type, std::string("ProvisionedThroughputExceededException"));
    }

    void aTransactionIsCancelled() {
        create("Ledger", 1, 1);
        tablespan::Error refusal;
        put_until_refused("Ledger", 0, &refusal);
        auto r =
            t.call("TransactWriteItems",
                   {{"TransactItems",
                     Json::array({{{"Put", {{"TableName", "Ledger"}, {"Item", item(900)}}}}})}});
        QVERIFY(!r.ok());
        QCOMPARE(r.error->type, std::string("TransactionCanceledException"));
        JCOMPARE(
            r.error->extra["CancellationReasons"],
            Json::array({{{"Code", "ProvisionedThroughputExceeded"}, {"Message", kTableText}}}));
    }

    void aFailedConditionStillConsumes() {
        create("Cond", 1, 1);
        int taken = 0;
        for (; taken < 1000; ++taken) {
            auto r = t.call("PutItem", {{"TableName", "Cond"},
                                        {"Item", item(0)},
                                        {"ConditionExpression", "attribute_not_exists(id)"}});
            if (!r.ok() && r.error->type == "ProvisionedThroughputExceededException") break;
        }
        QCOMPARE(taken, 300);
    }

    void raisingCapacityRaisesTheRate() {
        create("Grow", 1, 1);
        tablespan::Error refusal;
        put_until_refused("Grow", 0, &refusal);
        t.ok("UpdateTable",
             {{"TableName", "Grow"},
              {"ProvisionedThroughput", {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 10}}}});
        t.engine->advance(60'000);  // UPDATING, then ACTIVE
        put_until_refused("Grow", 5000, &refusal);
        t.engine->advance(10'000);  // ten seconds of 10 units
        QCOMPARE(put_until_refused("Grow", 6000, &refusal), 100);
    }

    void aTableMadeAgainStartsFull() {
        create("Again", 1, 1);
        tablespan::Error refusal;
        QCOMPARE(put_until_refused("Again", 0, &refusal), 300);
        t.ok("DeleteTable", {{"TableName", "Again"}});
        t.engine->advance(60'000);
        create("Again", 1, 1);
        QCOMPARE(put_until_refused("Again", 0, &refusal), 300);
    }

    void onDemandAndUnenforcedRefuseNothing() {
        t.create_table("OnDemand", "id", "S");
        tablespan::Error refusal;
        QCOMPARE(put_until_refused("OnDemand", 0, &refusal, 1'000), -1);
        TestEngine relaxed([](tablespan::EngineOptions& o) { o.enforce_throughput = false; });
        relaxed.ok(
            "CreateTable",
            {{"TableName", "Tiny"},
             {"BillingMode", "PROVISIONED"},
             {"ProvisionedThroughput", {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 1}}},
             {"AttributeDefinitions", J(R"([{"AttributeName": "id", "AttributeType": "S"}])")},
             {"KeySchema", J(R"([{"AttributeName": "id", "KeyType": "HASH"}])")}});
        relaxed.engine->advance(60'000);
        for (int i = 0; i < 1000; ++i)
            QVERIFY(relaxed.call("PutItem", {{"TableName", "Tiny"}, {"Item", item(i)}}).ok());
    }
};

QTEST_GUILESS_MAIN(TestThroughput)
#include "tst_throughput.moc"
