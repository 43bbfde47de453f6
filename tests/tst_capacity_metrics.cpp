// Capacity metrics per table and region, per second of engine time (a ManualClock), as
// CloudWatch names and counts them: ConsumedRead/WriteCapacityUnits (Sum, on-demand
// tables too, replicated writes in the receiving region), ThrottledRequests (a batch
// only when all of it was throttled) and Read/WriteThrottleEvents (one per item, on the
// table or GSI that refused it), ProvisionedRead/WriteCapacityUnits, per GSI with their
// own series.
//
// Sources: DG "DynamoDB Metrics and dimensions" (metrics-dimensions.html: units Count,
// Sum the useful statistic, dimensions TableName and GlobalSecondaryIndexName, "The
// TableName dimension returns ... for the table, but not for any global secondary
// indexes"); DG "CloudWatch throttling metrics" (TroubleshootingThrottling-cloudwatch:
// ThrottledRequests incremented once per request whatever throttled it; in a batch only
// when every item was throttled, Read/WriteThrottleEvents per item).

#include <QTest>

#include "engine_fixture.h"

using tablespan::CapacitySample;
using tablespan::Json;
using tablespan::Millis;

namespace {
Json item(int i, int pad = 500) {
    return {{"id", {{"S", "k" + std::to_string(i)}}},
            {"g", {{"S", "group"}}},
            {"pad", {{"S", std::string(static_cast<std::size_t>(pad), 'x')}}}};
}

double sum(const std::vector<CapacitySample>& samples, double CapacitySample::*field) {
    double total = 0;
    for (const auto& s : samples) total += s.*field;
    return total;
}
std::int64_t count(const std::vector<CapacitySample>& samples,
                   std::int64_t CapacitySample::*field) {
    std::int64_t total = 0;
    for (const auto& s : samples) total += s.*field;
    return total;
}
}  // namespace

class TestCapacityMetrics : public QObject {
    Q_OBJECT

    TestEngine t;

    Millis now() const { return t.clock->now(); }
    Millis second() const { return now() - now() % 1000; }
    std::vector<CapacitySample> metrics(const std::string& table, Millis from,
                                        const std::string& index = {},
                                        const std::string& region = "us-west-2") {
        return t.engine->capacity_metrics(region, table, index, from, now() + 1000);
    }

    void create_provisioned(const std::string& name, int read, int write, int index_write = 0) {
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

private slots:
    void init() { t.reopen(); }

    // A burst drains the bucket within one second: the second holds what was consumed,
    // the refused request and its event, and the provisioned capacity; the quiet
    // seconds after it are zeros (a stall, not a gap), and there is nothing before the
    // table was created.
    void burstThenThrottledThenQuiet() {
        const Millis created = second();
        create_provisioned("Burst", 5, 1);
        t.engine->advance(1'000 - now() % 1000);  // the start of a second
        const Millis burst = second();
        int accepted = 0, refused = 0;
        for (int i = 0; i < 310; ++i)
            ++(t.call("PutItem", {{"TableName", "Burst"}, {"Item", item(i)}}).ok() ? accepted
                                                                                   : refused);
        QCOMPARE(accepted, 300);  // 300 seconds of 1 WCU
        QCOMPARE(refused, 10);
        t.engine->advance(10'000);

        const auto all = metrics("Burst", created - 60'000);
        QVERIFY(!all.empty());
        QCOMPARE(all.front().second, created);  // nothing before the table existed
        const auto s = metrics("Burst", burst);
        QCOMPARE(s.size(), std::size_t{11});
        QCOMPARE(s[0].second, burst);
        QCOMPARE(s[0].consumed_write, 300.0);
        QCOMPARE(s[0].throttled_write_requests, std::int64_t{10});
        QCOMPARE(s[0].write_throttle_events, std::int64_t{10});
        QCOMPARE(s[0].throttled_read_requests, std::int64_t{0});
        for (const auto& q : s) {
            QVERIFY(q.provisioned);
            QCOMPARE(q.provisioned_read, 5.0);
            QCOMPARE(q.provisioned_write, 1.0);
        }
        for (std::size_t i = 1; i < s.size(); ++i) {
            QCOMPARE(s[i].second, burst + static_cast<Millis>(i) * 1000);
            QCOMPARE(s[i].consumed_write, 0.0);
            QCOMPARE(s[i].throttled_write_requests, std::int64_t{0});
        }
    }

    // Reads count as the service meters them: half a unit for an eventually consistent
    // read of up to 4 KB, one for a strongly consistent one; a Query through a GSI counts
    // on the index, not on the table.
    void readsAndGsiSeries() {
        create_provisioned("Reads", 100, 100, 1);
        const Millis from = second();
        t.ok("PutItem", {{"TableName", "Reads"}, {"Item", item(1)}});
        t.ok("GetItem", {{"TableName", "Reads"}, {"Key", {{"id", {{"S", "k1"}}}}}});
        t.ok("GetItem",
             {{"TableName", "Reads"}, {"Key", {{"id", {{"S", "k1"}}}}}, {"ConsistentRead", true}});
        t.ok("Query", J(R"({"TableName": "Reads", "IndexName": "byG",
                            "KeyConditionExpression": "g = :g",
                            "ExpressionAttributeValues": {":g": {"S": "group"}}})"));
        const auto table = metrics("Reads", from);
        QCOMPARE(sum(table, &CapacitySample::consumed_read), 1.5);
        QCOMPARE(sum(table, &CapacitySample::consumed_write), 1.0);
        const auto index = metrics("Reads", from, "byG");
        QVERIFY(!index.empty());
        QCOMPARE(sum(index, &CapacitySample::consumed_read), 0.5);
        QCOMPARE(sum(index, &CapacitySample::consumed_write), 1.0);
        QCOMPARE(index.back().provisioned_write, 1.0);
        QCOMPARE(index.back().provisioned_read, 1.0);
        // An unknown index or table: no series.
        QVERIFY(metrics("Reads", from, "nope").empty());
        QVERIFY(metrics("Nothing", from).empty());
    }

    // A GSI out of write capacity throttles the write: the event on the index, the
    // throttled request on the table.
    void gsiThrottleCountsOnTheIndex() {
        create_provisioned("GsiSmall", 100, 1000, 1);
        const Millis from = second();
        int refused = 0;
        for (int i = 0; i < 305 && refused == 0; ++i)
            refused +=
                t.call("PutItem", {{"TableName", "GsiSmall"}, {"Item", item(i)}}).ok() ? 0 : 1;
        QCOMPARE(refused, 1);
        const auto table = metrics("GsiSmall", from);
        const auto index = metrics("GsiSmall", from, "byG");
        QCOMPARE(count(table, &CapacitySample::throttled_write_requests), std::int64_t{1});
        QCOMPARE(count(table, &CapacitySample::write_throttle_events), std::int64_t{0});
        QCOMPARE(count(index, &CapacitySample::write_throttle_events), std::int64_t{1});
        QCOMPARE(sum(index, &CapacitySample::consumed_write), 300.0);
    }

    // A batch counts a throttled request only when none of it could be done; each item
    // refused is an event.
    void batchesCountEventsPerItem() {
        create_provisioned("Batchy", 1, 1);
        // Drain the bucket, leaving a little.
        for (int i = 0; i < 298; ++i) t.ok("PutItem", {{"TableName", "Batchy"}, {"Item", item(i)}});
        const Millis from = second();
        Json writes = Json::array();
        for (int i = 0; i < 5; ++i) writes.push_back({{"PutRequest", {{"Item", item(1000 + i)}}}});
        Json partial = t.ok("BatchWriteItem", {{"RequestItems", {{"Batchy", writes}}}});
        const auto unprocessed = partial["UnprocessedItems"]["Batchy"].size();
        QVERIFY(unprocessed > 0 && unprocessed < 5);
        auto s = metrics("Batchy", from);
        QCOMPARE(count(s, &CapacitySample::throttled_write_requests), std::int64_t{0});
        QCOMPARE(count(s, &CapacitySample::write_throttle_events),
                 static_cast<std::int64_t>(unprocessed));
        // Now nothing can be written: the whole call is refused, one throttled request.
        auto r = t.call("BatchWriteItem", {{"RequestItems", {{"Batchy", writes}}}});
        QCOMPARE(r.error->type, std::string("ProvisionedThroughputExceededException"));
        s = metrics("Batchy", from);
        QCOMPARE(count(s, &CapacitySample::throttled_write_requests), std::int64_t{1});
        QCOMPARE(count(s, &CapacitySample::write_throttle_events),
                 static_cast<std::int64_t>(unprocessed) + 5);
    }

    // On-demand tables are metered too, without any provisioned capacity; their
    // OnDemandThroughput maximum is reported instead, and refusals past it count.
    void onDemandTablesAreMetered() {
        t.create_table("Ondem", "id", "S");
        const Millis from = second();
        for (int i = 0; i < 3; ++i)
            t.ok("PutItem", {{"TableName", "Ondem"}, {"Item", item(i, 1500)}});
        t.ok("DeleteItem", {{"TableName", "Ondem"}, {"Key", {{"id", {{"S", "k0"}}}}}});
        auto s = metrics("Ondem", from);
        QCOMPARE(sum(s, &CapacitySample::consumed_write), 8.0);  // 3 × 2 KB, a 2 KB delete
        QVERIFY(!s.back().provisioned);
        QCOMPARE(s.back().provisioned_write, 0.0);
        QCOMPARE(s.back().max_write, 0.0);
        t.ok("UpdateTable",
             J(R"({"TableName": "Ondem", "OnDemandThroughput": {"MaxWriteRequestUnits": 4}})"));
        t.engine->advance(1'000);
        int refused = 0;
        for (int i = 0; i < 10; ++i)
            refused +=
                t.call("PutItem", {{"TableName", "Ondem"}, {"Item", item(10 + i)}}).ok() ? 0 : 1;
        QVERIFY(refused > 0);
        s = metrics("Ondem", from);
        QCOMPARE(s.back().max_write, 4.0);
        QCOMPARE(count(s, &CapacitySample::throttled_write_requests),
                 static_cast<std::int64_t>(refused));
    }

    // UpdateTable's new capacity shows from the second it was made, with no request.
    void provisionedStepsFollowUpdates() {
        create_provisioned("Steps", 2, 3);
        const Millis before = second();
        t.engine->advance(5'000);
        t.ok("UpdateTable", J(R"({"TableName": "Steps",
                   "ProvisionedThroughput": {"ReadCapacityUnits": 7, "WriteCapacityUnits": 9}})"));
        const Millis changed = second();
        t.engine->advance(5'000);
        for (const auto& s : metrics("Steps", before)) {
            QCOMPARE(s.provisioned_read, s.second < changed ? 2.0 : 7.0);
            QCOMPARE(s.provisioned_write, s.second < changed ? 3.0 : 9.0);
        }
    }

    // Replicated writes consume the receiving region's write capacity, and show there.
    void replicatedWritesShowInTheReceivingRegion() {
        t.create_table("Global", "id", "S");
        t.ok(
            "UpdateTable",
            J(R"({"TableName": "Global", "ReplicaUpdates": [{"Create": {"RegionName": "us-east-1"}}]})"));
        t.engine->advance(60'000);
        const Millis from = second();
        for (int i = 0; i < 4; ++i) t.ok("PutItem", {{"TableName", "Global"}, {"Item", item(i)}});
        t.engine->advance(5'000);
        const auto east = metrics("Global", from, {}, "us-east-1");
        QCOMPARE(sum(east, &CapacitySample::consumed_write), 4.0);
        QCOMPARE(sum(east, &CapacitySample::replicated_write), 4.0);
        const auto west = metrics("Global", from);
        QCOMPARE(sum(west, &CapacitySample::consumed_write), 4.0);
        QCOMPARE(sum(west, &CapacitySample::replicated_write), 0.0);
    }

    // Memory is bounded: three hours are kept, however long the engine runs.
    void keepsThreeHours() {
        t.create_table("Longrun", "id", "S");
        const Millis start = second();
        for (int minute = 0; minute < 4 * 60; ++minute) {
            t.ok("PutItem", {{"TableName", "Longrun"}, {"Item", item(minute)}});
            t.engine->advance(60'000);
        }
        const auto s = metrics("Longrun", start);
        QCOMPARE(s.size(), std::size_t{3 * 60 * 60});
        QVERIFY(s.front().second > start + 60 * 60 * 1000 - 1000);
        // The window is the 10,800 seconds up to now: the writes of minutes 61 to 239.
        QCOMPARE(sum(s, &CapacitySample::consumed_write), 179.0);
    }

    // Like CloudWatch's data, the metrics are not part of the table: a restart starts
    // them afresh.
    void notKeptAcrossRestarts() {
        t.create_table("Restart", "id", "S");
        const Millis from = second();
        t.ok("PutItem", {{"TableName", "Restart"}, {"Item", item(1)}});
        QCOMPARE(sum(metrics("Restart", from), &CapacitySample::consumed_write), 1.0);
        t.reopen();
        QVERIFY(metrics("Restart", from).empty());
        t.ok("PutItem", {{"TableName", "Restart"}, {"Item", item(2)}});
        QCOMPARE(sum(metrics("Restart", from), &CapacitySample::consumed_write), 1.0);
    }
};

QTEST_GUILESS_MAIN(TestCapacityMetrics)
#include "tst_capacity_metrics.moc"
