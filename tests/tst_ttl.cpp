// Time to Live: UpdateTimeToLive / DescribeTimeToLive with the service's statuses,
// checks, texts and the interval between changes; the sweeper on engine time (a
// ManualClock, no sleeps) deleting what has expired and nothing else, through the write
// path (indexes, counts), after a restart too, and in a global table, where the setting
// is the group's and a delete replicates as any delete.
//
// Behaviour: ../shared/reference/dynamodb-data-plane.md §4 (the ACK controller's live
// probes; Alternator's test_ttl.py, run against the service; the developer guide).

#include <QTest>

#include "engine_fixture.h"

using tablespan::Json;

namespace {
constexpr tablespan::Millis kDelay = 60'000;  // the tests' deletion delay

void short_delay(tablespan::EngineOptions& o) {
    o.ttl_deletion_delay = kDelay;
}

Json ttl_request(bool enabled, const std::string& attribute) {
    return {{"TableName", "Sessions"},
            {"TimeToLiveSpecification", {{"Enabled", enabled}, {"AttributeName", attribute}}}};
}

Json describe_ttl(TestEngine& t, const std::string& region = "us-west-2") {
    return t.ok("DescribeTimeToLive", {{"TableName", "Sessions"}}, region)
        .at("TimeToLiveDescription");
}

// Epoch seconds `offset_ms` from the engine's clock.
std::string seconds_from_now(TestEngine& t, tablespan::Millis offset_ms) {
    return std::to_string((t.clock->now() + offset_ms) / 1000);
}

Json session(const std::string& id, const std::string& type, const std::string& expires) {
    Json item = {{"id", {{"S", id}}}, {"user", {{"S", "u-" + id}}}};
    if (!type.empty()) item["expires"] = {{type, expires}};
    return item;
}

bool exists(TestEngine& t, const std::string& id, const std::string& region = "us-west-2") {
    return t.ok("GetItem", {{"TableName", "Sessions"}, {"Key", {{"id", {{"S", id}}}}}}, region)
        .contains("Item");
}
}  // namespace

class TestTtl : public QObject {
    Q_OBJECT

    void expect_error(TestEngine& t, const std::string& op, const Json& request,
                      const std::string& type, const std::string& message) {
        auto r = t.call(op, request);
        QVERIFY2(!r.ok(), request.dump().c_str());
        QCOMPARE(QString::fromStdString(r.error->type), QString::fromStdString(type));
        QCOMPARE(QString::fromStdString(r.error->message), QString::fromStdString(message));
    }

private slots:
    void statusesAndTheIntervalBetweenChanges() {
        TestEngine t(short_delay);
        t.create_table("Sessions", "id", "S");
        JCOMPARE(describe_ttl(t), J(R"({"TimeToLiveStatus": "DISABLED"})"));
        JCOMPARE(
            t.ok("UpdateTimeToLive", ttl_request(true, "expires")),
            J(R"({"TimeToLiveSpecification": {"Enabled": true, "AttributeName": "expires"}})"));
        JCOMPARE(describe_ttl(t),
                 J(R"({"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"})"));
        // Content checks come before the interval's.
        expect_error(t, "UpdateTimeToLive", ttl_request(true, "expires"), "ValidationException",
                     "TimeToLive is already enabled");
        expect_error(t, "UpdateTimeToLive", ttl_request(false, "other"), "ValidationException",
                     "TimeToLive is active on a different AttributeName: current AttributeName "
                     "is expires");
        expect_error(t, "UpdateTimeToLive", ttl_request(false, "expires"), "ValidationException",
                     "Time to live has been modified multiple times within a fixed interval");
        t.engine->advance(60 * 60 * 1000 - 1);
        expect_error(t, "UpdateTimeToLive", ttl_request(false, "expires"), "ValidationException",
                     "Time to live has been modified multiple times within a fixed interval");
        t.engine->advance(1);
        t.ok("UpdateTimeToLive", ttl_request(false, "expires"));
        JCOMPARE(describe_ttl(t), J(R"({"TimeToLiveStatus": "DISABLED"})"));
        expect_error(t, "UpdateTimeToLive", ttl_request(false, "expires"), "ValidationException",
                     "TimeToLive is already disabled");
        // The setting outlives a restart.
        t.engine->advance(60 * 60 * 1000);
        t.ok("UpdateTimeToLive", ttl_request(true, "exp2"));
        t.reopen();
        JCOMPARE(describe_ttl(t), J(R"({"TimeToLiveStatus": "ENABLED", "AttributeName": "exp2"})"));
    }

    void tablesThatCannotBeChanged() {
        TestEngine t;
        expect_error(t, "DescribeTimeToLive", {{"TableName", "Sessions"}},
                     "ResourceNotFoundException",
                     "Requested resource not found: Table: Sessions not found");
        t.ok("CreateTable", J(R"({"TableName": "Sessions", "BillingMode": "PAY_PER_REQUEST",
                 "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})"));
        expect_error(t, "DescribeTimeToLive", {{"TableName", "Sessions"}}, "ValidationException",
                     "Cannot describe time to live while table is in CREATING state");
        expect_error(t, "UpdateTimeToLive", ttl_request(true, "expires"), "ResourceInUseException",
                     "Attempt to change a resource which is still in use: Table is being "
                     "created: Sessions");
        expect_error(t, "UpdateTimeToLive",
                     J(R"({"TableName": "Sessions", "TimeToLiveSpecification":
                           {"Enabled": true, "AttributeName": ""}})"),
                     "ValidationException",
                     "1 validation error detected: Value '' at "
                     "'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member "
                     "must have length greater than or equal to 1");
    }

    void theSweeperDeletesWhatHasExpired() {
        TestEngine t(short_delay);
        t.ok("CreateTable", J(R"({"TableName": "Sessions", "BillingMode": "PAY_PER_REQUEST",
                 "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                     {"AttributeName": "user", "AttributeType": "S"}],
                 "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                 "GlobalSecondaryIndexes": [{"IndexName": "byUser",
                     "KeySchema": [{"AttributeName": "user", "KeyType": "HASH"}],
                     "Projection": {"ProjectionType": "KEYS_ONLY"}}]})"));
        t.engine->advance(60'000);
        const std::vector<Json> items = {
            session("past", "N", seconds_from_now(t, -10'000)),
            session("fraction", "N", seconds_from_now(t, -10'000) + ".75"),
            session("exponent", "N", "1.7e9"),  // 2023: in the past, less than five years
            session("future", "N", seconds_from_now(t, 3'600'000)),
            session("string", "S", seconds_from_now(t, -10'000)),
            session("ancient", "N", "162777600"),  // 1975: more than five years ago, ignored
            session("none", "", ""),
            session("pushed", "N", seconds_from_now(t, -10'000)),
        };
        for (const auto& item : items) t.ok("PutItem", {{"TableName", "Sessions"}, {"Item", item}});
        t.ok("UpdateTimeToLive", ttl_request(true, "expires"));

        // Expired but within the deletion delay: still read, and can still be saved.
        t.engine->advance(10'000);
        QVERIFY(exists(t, "past"));
        t.ok("UpdateItem",
             {{"TableName", "Sessions"},
              {"Key", {{"id", {{"S", "pushed"}}}}},
              {"UpdateExpression", "SET expires = :e"},
              {"ExpressionAttributeValues", {{":e", {{"N", seconds_from_now(t, 3'600'000)}}}}}});

        for (int i = 0; i < 3; ++i) t.engine->advance(60'000);
        for (const char* gone : {"past", "fraction", "exponent"}) QVERIFY2(!exists(t, gone), gone);
        for (const char* kept : {"future", "string", "ancient", "none", "pushed"})
            QVERIFY2(exists(t, kept), kept);
        Json d = t.ok("DescribeTable", {{"TableName", "Sessions"}}).at("Table");
        QCOMPARE(d.at("ItemCount").get<int>(), 5);
        QCOMPARE(d.at("GlobalSecondaryIndexes").at(0).at("ItemCount").get<int>(), 5);
        Json q = t.ok("Query", J(R"({"TableName": "Sessions", "IndexName": "byUser",
                 "KeyConditionExpression": "\u0023u = :u", "ExpressionAttributeNames": {"\u0023u": "user"},
                 "ExpressionAttributeValues": {":u": {"S": "u-past"}}})"));
        QCOMPARE(q.at("Count").get<int>(), 0);

        // After a restart the sweeps go on: "future" expires an hour later.
        t.reopen();
        for (int i = 0; i < 63; ++i) t.engine->advance(60'000);
        QVERIFY(!exists(t, "future"));
        QVERIFY(!exists(t, "pushed"));
        QVERIFY(exists(t, "string"));
    }

    void disablingStopsTheSweeps() {
        TestEngine t(short_delay);
        t.create_table("Sessions", "id", "S");
        t.ok("UpdateTimeToLive", ttl_request(true, "expires"));
        t.engine->advance(60 * 60 * 1000);
        t.ok("UpdateTimeToLive", ttl_request(false, "expires"));
        t.ok("PutItem", {{"TableName", "Sessions"},
                         {"Item", session("past", "N", seconds_from_now(t, -10'000))}});
        for (int i = 0; i < 5; ++i) t.engine->advance(60'000);
        QVERIFY(exists(t, "past"));
    }

    void globalTablesShareTheSettingAndReplicateDeletes() {
        TestEngine t(short_delay);
        t.create_table("Sessions", "id", "S");
        t.ok("UpdateTable", J(R"({"TableName": "Sessions",
                 "ReplicaUpdates": [{"Create": {"RegionName": "eu-west-1"}}]})"));
        for (int i = 0; i < 120; ++i) t.engine->advance(1'000);
        t.ok("UpdateTimeToLive", ttl_request(true, "expires"));
        t.engine->advance(1'000);
        JCOMPARE(describe_ttl(t, "eu-west-1"),
                 J(R"({"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"})"));
        // Written in Dublin, expired by Dublin, gone in both regions.
        t.ok("PutItem",
             {{"TableName", "Sessions"}, {"Item", session("s1", "N", seconds_from_now(t, -1'000))}},
             "eu-west-1");
        t.engine->advance(5'000);
        QVERIFY(exists(t, "s1"));
        for (int i = 0; i < 3; ++i) t.engine->advance(60'000);
        QVERIFY(!exists(t, "s1", "eu-west-1"));
        QVERIFY(!exists(t, "s1"));
    }
};

QTEST_APPLESS_MAIN(TestTtl)
#include "tst_ttl.moc"
