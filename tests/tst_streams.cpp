// DynamoDB Streams on engine time (a ManualClock, no sleeps): which writes make which
// records, the four iterator types, the service's errors, shards rolling over and their
// lineage, iterator expiry and 24-hour retention (the rest: tst_streams_lifecycle).
//
// Behaviour: ../shared/reference/dynamodb-data-plane.md §3 (Alternator's test_streams.py
// run against the service, the ACK controller's live probes, the AWS examples in
// botocore) and dynamodb-semantics.md §3.3-3.4 (global tables, TTL deletes).

#include <QTest>

#include "stream_fixture.h"

using tablespan::Json;

using namespace streams_test;

class TestStreams : public StreamsTestBase {
    Q_OBJECT

private slots:
    void aStreamIsListedAndDescribed() {
        TestEngine t;
        t.ok("CreateTable", J(R"({"TableName": "Orders", "BillingMode": "PAY_PER_REQUEST",
                   "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                                            {"AttributeName": "at", "AttributeType": "N"}],
                   "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"},
                                 {"AttributeName": "at", "KeyType": "RANGE"}],
                   "StreamSpecification": {"StreamEnabled": true,
                                           "StreamViewType": "NEW_AND_OLD_IMAGES"}})"));
        Reader r{t};
        const std::string arn = r.arn();
        const Json table = t.ok("DescribeTable", {{"TableName", "Orders"}})["Table"];
        QCOMPARE(QString::fromStdString(arn),
                 QString::fromStdString(table["TableArn"].get<std::string>() + "/stream/" +
                                        table["LatestStreamLabel"].get<std::string>()));
        // While the table is CREATING its stream is ENABLING.
        Json d = t.ok("DescribeStream", {{"StreamArn", arn}})["StreamDescription"];
        JCOMPARE(d["StreamStatus"], "ENABLING");
        t.engine->advance(60'000);
        d = t.ok("DescribeStream", {{"StreamArn", arn}})["StreamDescription"];
        JCOMPARE(d["StreamStatus"], "ENABLED");
        JCOMPARE(d["StreamViewType"], "NEW_AND_OLD_IMAGES");
        JCOMPARE(d["TableName"], "Orders");
        JCOMPARE(d["KeySchema"], J(R"([{"AttributeName": "id", "KeyType": "HASH"},
                                       {"AttributeName": "at", "KeyType": "RANGE"}])"));
        QVERIFY(d["CreationRequestDateTime"].is_number());
        QCOMPARE(d["Shards"].size(), 1u);
        const Json shard = d["Shards"][0];
        const std::string id = shard["ShardId"];
        QVERIFY(id.rfind("shardId-", 0) == 0 && id.size() >= 28 && id.size() <= 65);
        QVERIFY(!shard.contains("ParentShardId"));
        const std::string start = shard["SequenceNumberRange"]["StartingSequenceNumber"];
        QCOMPARE(start.size(), 21u);
        QVERIFY(!shard["SequenceNumberRange"].contains("EndingSequenceNumber"));

        Json list = t.ok("ListStreams", {{"TableName", "Orders"}});
        JCOMPARE(list,
                 Json({{"Streams", Json::array({{{"StreamArn", arn},
                                                 {"TableName", "Orders"},
                                                 {"StreamLabel", table["LatestStreamLabel"]}}})}}));
        JCOMPARE(t.ok("ListStreams", {{"TableName", "Other"}}), J(R"({"Streams": []})"));
        // Paging, one stream per page (ALT::test_list_streams_paged_cookie).
        create(t, "KEYS_ONLY", "us-west-2", "Payments");
        Json page = t.ok("ListStreams", {{"Limit", 1}});
        QCOMPARE(page["Streams"].size(), 1u);
        const Json cookie = page["LastEvaluatedStreamArn"];
        JCOMPARE(cookie, page["Streams"][0]["StreamArn"]);
        page = t.ok("ListStreams", {{"Limit", 1}, {"ExclusiveStartStreamArn", cookie}});
        QCOMPARE(page["Streams"].size(), 1u);
        QVERIFY(page["Streams"][0]["StreamArn"] != cookie);
        QVERIFY(!page.contains("LastEvaluatedStreamArn"));
    }

    void writesMakeTheServicesRecords() {
        TestEngine t;
        create(t, "NEW_AND_OLD_IMAGES");
        auto put = [&](const Json& i) { t.ok("PutItem", {{"TableName", "Orders"}, {"Item", i}}); };
        put(item("a", "1"));  // INSERT
        put(item("a", "1"));  // identical: no record
        put(item("a", "2"));  // MODIFY
        t.ok("UpdateItem", {{"TableName", "Orders"},
                            {"Key", key("a")},
                            {"UpdateExpression", "SET v = :v"},
                            {"ExpressionAttributeValues", {{":v", {{"S", "2"}}}}}});  // no change
        t.ok("UpdateItem", {{"TableName", "Orders"},
                            {"Key", key("a")},
                            {"UpdateExpression", "REMOVE absent"}});  // no change
        t.ok("UpdateItem", {{"TableName", "Orders"},
                            {"Key", key("b")},
                            {"UpdateExpression", "SET v = :v"},
                            {"ExpressionAttributeValues", {{":v", {{"S", "n"}}}}}});  // INSERT
        t.ok("DeleteItem", {{"TableName", "Orders"}, {"Key", key("a")}});             // REMOVE
        t.ok("DeleteItem", {{"TableName", "Orders"}, {"Key", key("zzz")}});           // nothing
        t.ok("BatchWriteItem",
             {{"RequestItems",
               {{"Orders", Json::array({{{"PutRequest", {{"Item", item("b", "n")}}}},  // same
                                        {{"PutRequest", {{"Item", item("c", "1")}}}}})}}}});
        Reader r{t};
        const auto records = r.all(r.arn());
        QCOMPARE(names(records),
                 (std::vector<std::string>{"INSERT", "MODIFY", "INSERT", "REMOVE", "INSERT"}));
        // Whole images, the old one on MODIFY and REMOVE.
        const Json& modify = records[1]["dynamodb"];
        JCOMPARE(modify["Keys"], key("a"));
        JCOMPARE(modify["OldImage"], item("a", "1"));
        JCOMPARE(modify["NewImage"], item("a", "2"));
        QVERIFY(!records[0]["dynamodb"].contains("OldImage"));
        QVERIFY(!records[3]["dynamodb"].contains("NewImage"));
        JCOMPARE(records[3]["dynamodb"]["OldImage"], item("a", "2"));
        // Envelope: ids, source, region, increasing sequence numbers.
        std::set<std::string> ids;
        std::string previous;
        for (const auto& rec : records) {
            const std::string id = rec["eventID"];
            QCOMPARE(id.size(), 32u);
            ids.insert(id);
            JCOMPARE(rec["eventSource"], "aws:dynamodb");
            JCOMPARE(rec["awsRegion"], "us-west-2");
            JCOMPARE(rec["eventVersion"], "1.0");
            QVERIFY(!rec.contains("userIdentity"));
            const std::string seq = rec["dynamodb"]["SequenceNumber"];
            QVERIFY(seq > previous);
            previous = seq;
            JCOMPARE(rec["dynamodb"]["StreamViewType"], "NEW_AND_OLD_IMAGES");
            QVERIFY(rec["dynamodb"]["SizeBytes"].get<int>() > 0);
            QCOMPARE(rec["dynamodb"]["ApproximateCreationDateTime"].get<std::int64_t>(),
                     t.clock->now() / 1000);
        }
        QCOMPARE(ids.size(), records.size());
    }

    void theViewTypeChoosesTheImages() {
        for (const std::string view : {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE"}) {
            TestEngine t;
            create(t, view);
            t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("a", "1")}});
            t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("a", "2")}});
            t.ok("DeleteItem", {{"TableName", "Orders"}, {"Key", key("a")}});
            Reader r{t};
            const auto records = r.all(r.arn());
            QCOMPARE(records.size(), 3u);
            for (std::size_t i = 0; i < 3; ++i) {
                const Json& d = records[i]["dynamodb"];
                JCOMPARE(d["Keys"], key("a"));
                JCOMPARE(d["StreamViewType"], view);
                const bool has_new = view == "NEW_IMAGE" && i < 2;
                const bool has_old = view == "OLD_IMAGE" && i > 0;
                QCOMPARE(d.contains("NewImage"), has_new);
                QCOMPARE(d.contains("OldImage"), has_old);
            }
        }
    }

    void iteratorsStartWhereTheirTypeSays() {
        TestEngine t;
        create(t, "KEYS_ONLY");
        Reader r{t};
        const std::string arn = r.arn();
        const std::string shard = r.shards(arn)[0]["ShardId"];
        const std::string latest = r.iterator(arn, shard, "LATEST");
        for (const char* id : {"a", "b", "c"})
            t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item(id, "1")}});
        Json page = t.ok("GetRecords", {{"ShardIterator", latest}});
        QCOMPARE(page["Records"].size(), 3u);
        const std::string second = page["Records"][1]["dynamodb"]["SequenceNumber"];
        page = t.ok("GetRecords", {{"ShardIterator", page["NextShardIterator"]}});
        QCOMPARE(page["Records"].size(), 0u);  // "Records": [] (ALT), an open shard goes on
        QVERIFY(page.contains("NextShardIterator"));
        page = t.ok("GetRecords",
                    {{"ShardIterator", r.iterator(arn, shard, "AT_SEQUENCE_NUMBER", second)}});
        QCOMPARE(page["Records"].size(), 2u);
        page = t.ok("GetRecords",
                    {{"ShardIterator", r.iterator(arn, shard, "AFTER_SEQUENCE_NUMBER", second)},
                     {"Limit", 5}});
        QCOMPARE(page["Records"].size(), 1u);
        page = t.ok("GetRecords",
                    {{"ShardIterator", r.iterator(arn, shard, "TRIM_HORIZON")}, {"Limit", 2}});
        QCOMPARE(page["Records"].size(), 2u);
        const std::string it = r.iterator(arn, shard, "LATEST");
        t.engine->advance(15 * 60 * 1000);
        t.ok("GetRecords", {{"ShardIterator", it}});  // 15 minutes: still valid
        t.engine->advance(1);
        expect_error(t, "GetRecords", {{"ShardIterator", it}}, "ExpiredIteratorException",
                     "The provided iterator exceeds the maximum age allowed.");
    }

    void badRequestsGetTheServicesErrors() {
        TestEngine t;
        create(t, "KEYS_ONLY");
        Reader r{t};
        const std::string arn = r.arn();
        const std::string shard = r.shards(arn)[0]["ShardId"];
        const std::string seq = r.shards(arn)[0]["SequenceNumberRange"]["StartingSequenceNumber"];
        // ALT::test_get_shard_iterator: all ValidationException but the unknown shard.
        expect_error(
            t, "GetShardIterator",
            {{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", "AT_SEQUENCE_NUMBER"}},
            "ValidationException");
        expect_error(t, "GetShardIterator",
                     {{"StreamArn", arn},
                      {"ShardId", shard},
                      {"ShardIteratorType", "LATEST"},
                      {"SequenceNumber", seq}},
                     "ValidationException");
        expect_error(
            t, "GetShardIterator",
            {{"StreamArn", "sdfadsfsdfsdgdfsgsfdabadfbabdadsfsdfsdfsdfsdfsdfsdfdfdssdffbdfdf"},
             {"ShardId", shard},
             {"ShardIteratorType", "LATEST"}},
            "ValidationException", "Invalid StreamArn");
        expect_error(t, "GetShardIterator",
                     {{"StreamArn", arn},
                      {"ShardId", "semprinidfaasdasfsdvacsdcfsdsvsdvsdvsdvsdvsdv"},
                      {"ShardIteratorType", "LATEST"}},
                     "ResourceNotFoundException");
        expect_error(t, "GetShardIterator",
                     {{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", "bulle"}},
                     "ValidationException");
        expect_error(t, "GetRecords",
                     {{"ShardIterator", "sdfsdfsgagaddafgagasgasgasdfasdfasdfasdfasdgasdasdgasdg"}},
                     "ValidationException");
        const std::string it = r.iterator(arn, shard, "LATEST");
        expect_error(t, "GetRecords", {{"ShardIterator", it}, {"Limit", 1001}},
                     "ValidationException");
        // Limits past int64's range are over the maximum too, not wrapped under it.
        expect_error(t, "GetRecords", {{"ShardIterator", it}, {"Limit", 10000000000000000000ULL}},
                     "ValidationException");
        expect_error(t, "ListStreams", {{"Limit", 1e300}}, "ValidationException");
        expect_error(t, "DescribeStream", {{"StreamArn", arn}, {"Limit", 1e19}},
                     "ValidationException");
        std::string forged = it;
        forged[forged.size() - 6] = forged[forged.size() - 6] == 'A' ? 'B' : 'A';
        expect_error(t, "GetRecords", {{"ShardIterator", forged}}, "ValidationException");
        expect_error(t, "ListStreams", {{"Limit", 101}}, "ValidationException");
        expect_error(t, "ListStreams",
                     {{"ExclusiveStartStreamArn", "kossaapaaasdafsdaasdasdasdasas"}},
                     "ValidationException");
        expect_error(t, "DescribeStream", {{"StreamArn", "fake-stream"}}, "ValidationException",
                     "Invalid StreamArn");
        const std::string gone =
            arn.substr(0, arn.find("/stream/")) + "x/stream/2020-01-01T00:00:00.000";
        expect_error(t, "DescribeStream", {{"StreamArn", gone}}, "ResourceNotFoundException",
                     "Requested resource not found: Stream: " + gone + " not found");
        // An unknown ExclusiveStartShardId lists nothing (ALT).
        JCOMPARE(t.ok("DescribeStream",
                      {{"StreamArn", arn},
                       {"ExclusiveStartShardId",
                        "shardId-00000000000000000000-zzzzzzzz"}})["StreamDescription"]["Shards"],
                 Json::array());
        // The streams' operations are not DynamoDB's, and DynamoDB's are not theirs: the
        // endpoint routes by target prefix (tst_http_server); here, the engine knows both.
    }

    void shardsRollOverAndNameTheirParents() {
        TestEngine t(hourly_shards);
        create(t, "NEW_IMAGE");
        Reader r{t};
        const std::string arn = r.arn();
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("a", "1")}});
        const std::string first = r.shards(arn)[0]["ShardId"];
        t.engine->advance(kHour);
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("b", "1")}});
        t.engine->advance(3 * kHour);  // idle lifetimes leave empty shards behind
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("c", "1")}});
        const Json shards = r.shards(arn);
        // Opened at 0 h ("a"), 1 h ("b"), 2 h and 3 h (empty), 4 h ("c", open).
        QCOMPARE(shards.size(), 5u);
        for (std::size_t i = 1; i < shards.size(); ++i)
            JCOMPARE(shards[i]["ParentShardId"], shards[i - 1]["ShardId"]);
        for (std::size_t i = 0; i + 1 < shards.size(); ++i)
            QVERIFY(shards[i]["SequenceNumberRange"].contains("EndingSequenceNumber"));
        QVERIFY(!shards[4]["SequenceNumberRange"].contains("EndingSequenceNumber"));
        JCOMPARE(shards[2]["SequenceNumberRange"]["EndingSequenceNumber"],
                 shards[2]["SequenceNumberRange"]["StartingSequenceNumber"]);
        // The first shard: its one record, then no next iterator (closed and drained).
        Json page = t.ok("GetRecords", {{"ShardIterator", r.iterator(arn, first, "TRIM_HORIZON")}});
        QCOMPARE(page["Records"].size(), 1u);
        QVERIFY(!page.contains("NextShardIterator"));
        // CHILD_SHARDS filter.
        Json children = t.ok(
            "DescribeStream",
            {{"StreamArn", arn}, {"ShardFilter", {{"Type", "CHILD_SHARDS"}, {"ShardId", first}}}});
        QCOMPARE(children["StreamDescription"]["Shards"].size(), 1u);
        JCOMPARE(children["StreamDescription"]["Shards"][0]["ShardId"], shards[1]["ShardId"]);
        // Paging through shards.
        Json paged = t.ok("DescribeStream", {{"StreamArn", arn}, {"Limit", 3}});
        QCOMPARE(paged["StreamDescription"]["Shards"].size(), 3u);
        JCOMPARE(paged["StreamDescription"]["LastEvaluatedShardId"], shards[2]["ShardId"]);
        // A consumer following lineage reads every write once, in order.
        const auto records = r.all(arn);
        QCOMPARE(records.size(), 3u);
        JCOMPARE(records[0]["dynamodb"]["Keys"]["id"]["S"], "a");
        JCOMPARE(records[1]["dynamodb"]["Keys"]["id"]["S"], "b");
        JCOMPARE(records[2]["dynamodb"]["Keys"]["id"]["S"], "c");
    }

    void recordsAreTrimmedAfter24Hours() {
        TestEngine t(hourly_shards);
        create(t, "KEYS_ONLY");
        Reader r{t};
        const std::string arn = r.arn();
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("old", "1")}});
        const Json shard = r.shards(arn)[0];
        const std::string old_seq = r.all(arn)[0]["dynamodb"]["SequenceNumber"].get<std::string>();
        t.engine->advance(23 * kHour);
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("new", "1")}});
        t.engine->advance(2 * kHour);
        // The first shard closed over 24 hours ago: gone; its record is trimmed.
        for (const auto& s : r.shards(arn)) QVERIFY(s["ShardId"] != shard["ShardId"]);
        const auto records = r.all(arn);
        QCOMPARE(records.size(), 1u);
        JCOMPARE(records[0]["dynamodb"]["Keys"]["id"]["S"], "new");
        // Still readable after another hour of sweeps, then gone too after 24 hours.
        t.engine->advance(22 * kHour + 1);
        QCOMPARE(r.all(arn).size(), 0u);
        expect_error(t, "GetShardIterator",
                     {{"StreamArn", arn},
                      {"ShardId", shard["ShardId"]},
                      {"ShardIteratorType", "AT_SEQUENCE_NUMBER"},
                      {"SequenceNumber", old_seq}},
                     "ResourceNotFoundException");
    }

    void anIteratorIntoTrimmedRecordsIsRefused() {
        TestEngine t;  // shards live four hours
        create(t, "KEYS_ONLY");
        Reader r{t};
        const std::string arn = r.arn();
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("a", "1")}});
        const std::string shard = r.shards(arn)[0]["ShardId"];
        const std::string seq = r.all(arn)[0]["dynamodb"]["SequenceNumber"];
        t.engine->advance(3 * kHour);
        t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("b", "1")}});
        t.engine->advance(21 * kHour + 1);  // "a" is 24 h old, "b" 21 h
        expect_error(t, "GetShardIterator",
                     {{"StreamArn", arn},
                      {"ShardId", shard},
                      {"ShardIteratorType", "AT_SEQUENCE_NUMBER"},
                      {"SequenceNumber", seq}},
                     "TrimmedDataAccessException",
                     "The data you are trying to access has been trimmed");
    }
};

QTEST_APPLESS_MAIN(TestStreams)
#include "tst_streams.moc"
