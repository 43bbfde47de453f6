// DynamoDB Streams over a stream's life, on engine time (a ManualClock, no sleeps):
// disabling and re-enabling, DeleteTable, restarts, Time to Live deletes, and a global
// table's replica streams.
//
// Behaviour: ../shared/reference/dynamodb-data-plane.md §3 (Alternator's test_streams.py
// run against the service, the ACK controller's live probes, the AWS examples in
// botocore) and dynamodb-semantics.md §3.3-3.4 (global tables, TTL deletes).

#include <QTest>

#include "stream_fixture.h"

using tablespan::Json;

using namespace streams_test;

class TestStreamsLifecycle : public StreamsTestBase {
    Q_OBJECT

private slots:
    void disablingKeepsTheOldStreamReadable() {
        TestEngine t;
        create(t, "NEW_IMAGE");
        Reader r{t};
        const std::string first = r.arn();
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("a", "1")}});
        expect_error(t, "UpdateTable",
                     J(R"({"TableName": "Orders", "StreamSpecification": {"StreamEnabled": true,
                           "StreamViewType": "KEYS_ONLY"}})"),
                     "ValidationException",
                     "Table already has an enabled stream: TableName: Orders");
        expect_error(t, "UpdateTable",
                     J(R"({"TableName": "Orders", "StreamSpecification": {"StreamEnabled": false,
                           "StreamViewType": "KEYS_ONLY"}})"),
                     "ValidationException",
                     "One or more parameter values were invalid: If stream is being disabled, then "
                     "UpdateViewType must not be specified");
        expect_error(
            t, "UpdateTable",
            J(R"({"TableName": "Orders", "StreamSpecification": {"StreamEnabled": true}})"),
            "ValidationException",
            "One or more parameter values were invalid: If stream is being enabled then "
            "UpdateViewType is required");
        Json d = t.ok("UpdateTable", J(R"({"TableName": "Orders",
                          "StreamSpecification": {"StreamEnabled": false}})"))["TableDescription"];
        JCOMPARE(d["TableStatus"], "UPDATING");
        QVERIFY(!d.contains("StreamSpecification"));
        JCOMPARE(d["LatestStreamArn"], first);
        auto status = [&](const std::string& arn) {
            return t.ok("DescribeStream", {{"StreamArn", arn}})["StreamDescription"]["StreamStatus"]
                .get<std::string>();
        };
        QCOMPARE(status(first), std::string("DISABLING"));
        t.engine->advance(6'100);
        QCOMPARE(status(first), std::string("DISABLED"));
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("b", "1")}});  // no stream
        expect_error(
            t, "UpdateTable",
            J(R"({"TableName": "Orders", "StreamSpecification": {"StreamEnabled": false}})"),
            "ValidationException", "Table has no stream to disable: TableName: Orders");
        t.ok("UpdateTable", J(R"({"TableName": "Orders", "StreamSpecification":
                                   {"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"}})"));
        t.engine->advance(60'000);
        const std::string second = r.arn();
        QVERIFY(second != first);
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("c", "1")}});
        QCOMPARE(t.ok("ListStreams", {{"TableName", "Orders"}})["Streams"].size(), 2u);
        // Each stream has the writes of its own time.
        const auto old_records = r.all(first);
        QCOMPARE(old_records.size(), 1u);
        JCOMPARE(old_records[0]["dynamodb"]["Keys"]["id"]["S"], "a");
        const auto new_records = r.all(second);
        QCOMPARE(new_records.size(), 1u);
        JCOMPARE(new_records[0]["dynamodb"]["Keys"]["id"]["S"], "c");
        // The disabled one's shard is closed: read to its end, no next iterator.
        const std::string shard = r.shards(first)[0]["ShardId"];
        Json page =
            t.ok("GetRecords", {{"ShardIterator", r.iterator(first, shard, "TRIM_HORIZON")}});
        QVERIFY(!page.contains("NextShardIterator"));
        // 24 hours after it was disabled it is gone.
        t.engine->advance(24 * kHour);
        QCOMPARE(t.ok("ListStreams", {{"TableName", "Orders"}})["Streams"].size(), 1u);
        expect_error(t, "DescribeStream", {{"StreamArn", first}}, "ResourceNotFoundException");
    }

    void aDeletedTablesStreamStaysReadable() {
        TestEngine t;
        create(t, "NEW_IMAGE");
        Reader r{t};
        const std::string arn = r.arn();
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("a", "1")}});
        t.ok("DeleteTable", {{"TableName", "Orders"}});
        Json d = t.ok("DescribeStream", {{"StreamArn", arn}})["StreamDescription"];
        JCOMPARE(d["StreamStatus"], "DISABLING");
        t.engine->advance(60'000);
        // A new table of the same name, with its own stream.
        create(t, "NEW_IMAGE");
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("b", "1")}});
        JCOMPARE(t.ok("DescribeStream", {{"StreamArn", arn}})["StreamDescription"]["StreamStatus"],
                 "DISABLED");
        const auto records = r.all(arn);
        QCOMPARE(records.size(), 1u);
        JCOMPARE(records[0]["dynamodb"]["NewImage"], item("a", "1"));
        QCOMPARE(r.all(r.arn()).size(), 1u);
    }

    void streamsSurviveARestart() {
        TestEngine t(hourly_shards);
        create(t, "NEW_AND_OLD_IMAGES");
        Reader r{t};
        const std::string arn = r.arn();
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("a", "1")}});
        const std::string shard = r.shards(arn)[0]["ShardId"];
        const std::string it = r.iterator(arn, shard, "TRIM_HORIZON");
        t.reopen();
        Json page = t.ok("GetRecords", {{"ShardIterator", it}});
        QCOMPARE(page["Records"].size(), 1u);
        t.engine->advance(kHour);
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("a", "2")}});
        t.reopen();
        const auto records = r.all(arn);
        QCOMPARE(names(records), (std::vector<std::string>{"INSERT", "MODIFY"}));
        QCOMPARE(r.shards(arn).size(), 2u);
    }

    void aTtlDeleteNamesTheService() {
        TestEngine t(hourly_shards);
        create(t, "NEW_AND_OLD_IMAGES");
        t.ok("UpdateTimeToLive", J(R"({"TableName": "Orders", "TimeToLiveSpecification":
                                       {"Enabled": true, "AttributeName": "exp"}})"));
        const std::string past = std::to_string(t.clock->now() / 1000 - 10);
        t.ok("PutItem",
             {{"TableName", "Orders"}, {"Item", {{"id", {{"S", "s"}}}, {"exp", {{"N", past}}}}}});
        t.ok("DeleteItem", {{"TableName", "Orders"}, {"Key", key("s")}});
        t.ok("PutItem",
             {{"TableName", "Orders"}, {"Item", {{"id", {{"S", "s"}}}, {"exp", {{"N", past}}}}}});
        for (int i = 0; i < 3; ++i) t.engine->advance(60'000);
        Reader r{t};
        const auto records = r.all(r.arn());
        QCOMPARE(names(records),
                 (std::vector<std::string>{"INSERT", "REMOVE", "INSERT", "REMOVE"}));
        QVERIFY(!records[1].contains("userIdentity"));  // a user's delete
        JCOMPARE(records[3]["userIdentity"],
                 J(R"({"PrincipalId": "dynamodb.amazonaws.com", "Type": "Service"})"));
    }

    void replicasStreamLocalAndReplicatedWrites() {
        TestEngine t(hourly_shards);
        create(t, "NEW_AND_OLD_IMAGES");
        t.ok("UpdateTable", J(R"({"TableName": "Orders",
                 "ReplicaUpdates": [{"Create": {"RegionName": "eu-west-1"}}]})"));
        for (int i = 0; i < 120; ++i) t.engine->advance(1'000);
        t.ok("UpdateTimeToLive", J(R"({"TableName": "Orders", "TimeToLiveSpecification":
                                       {"Enabled": true, "AttributeName": "exp"}})"));
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("a", "1")}});
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("b", "1")}}, "eu-west-1");
        t.engine->advance(5'000);
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("a", "2")}}, "eu-west-1");
        const std::string past = std::to_string(t.clock->now() / 1000 - 10);
        t.ok("PutItem",
             {{"TableName", "Orders"}, {"Item", {{"id", {{"S", "t"}}}, {"exp", {{"N", past}}}}}});
        for (int i = 0; i < 4; ++i) t.engine->advance(60'000);
        Reader oregon{t};
        Reader dublin{t, "eu-west-1"};
        const auto here = oregon.all(oregon.arn());
        const auto there = dublin.all(dublin.arn());
        QVERIFY(oregon.arn() != dublin.arn());
        // One record per write in each region, the same writes in the same order per item.
        // a, b, a again, t, and t's TTL delete.
        QCOMPARE(here.size(), 5u);
        QCOMPARE(there.size(), 5u);
        auto summary = [](const std::vector<Json>& records, const std::string& id) {
            std::vector<std::string> out;
            for (const auto& rec : records)
                if (rec["dynamodb"]["Keys"]["id"]["S"] == id)
                    out.push_back(rec["eventName"].get<std::string>() +
                                  rec["dynamodb"].value("NewImage", Json()).dump());
            return out;
        };
        for (const char* id : {"a", "b", "t"}) QCOMPARE(summary(here, id), summary(there, id));
        for (const auto& rec : here) JCOMPARE(rec["awsRegion"], "us-west-2");
        for (const auto& rec : there) JCOMPARE(rec["awsRegion"], "eu-west-1");
        // The TTL delete names the service where it happened, not where it replicated.
        QVERIFY(here.back().contains("userIdentity"));
        JCOMPARE(there.back()["eventName"], "REMOVE");
        QVERIFY(!there.back().contains("userIdentity"));
        // The console's extension tells where each record came from; GetRecords does not.
        auto sources = [&](const std::string& region, const std::vector<Json>& records) {
            std::vector<std::string> numbers;
            for (const auto& rec : records) numbers.push_back(rec["dynamodb"]["SequenceNumber"]);
            std::optional<tablespan::StreamRecordSources> result;
            t.engine->stream_record_sources(region, Reader{t, region}.arn(), numbers,
                                            [&](tablespan::StreamRecordSources s) { result = s; });
            t.engine->run_pending();
            QString out;
            for (const auto& s : result->records)
                out += QString::fromStdString(s.region + (s.ttl_delete ? "+ttl " : " "));
            return out.trimmed();
        };
        // Each region records its own writes at once and the other's as they arrive.
        QCOMPARE(sources("us-west-2", here),
                 QStringLiteral("us-west-2 eu-west-1 us-west-2 eu-west-1 us-west-2+ttl"));
        QCOMPARE(sources("eu-west-1", there),
                 QStringLiteral("eu-west-1 us-west-2 eu-west-1 us-west-2 us-west-2"));
        // A global table's stream cannot be turned off.
        expect_error(
            t, "UpdateTable",
            J(R"({"TableName": "Orders", "StreamSpecification": {"StreamEnabled": false}})"),
            "ValidationException",
            "One or more parameter values were invalid: Disabling Stream is not allowed "
            "for a Global Table replica.");
    }
};

QTEST_APPLESS_MAIN(TestStreamsLifecycle)
#include "tst_streams_lifecycle.moc"
