// Global tables (version 2019.11.21): adding and removing replicas on engine time, the
// DescribeTable shapes every region shows, the service's validation messages,
// replication of writes with last-writer-wins, outages and cut links healing, restarts,
// and the replication metrics.

#include <QTest>

#include "engine_fixture.h"

using tablespan::Json;

namespace {
const char* kWest = "us-west-2";
const char* kSydney = "ap-southeast-2";
const char* kIreland = "eu-west-1";

Json replica_create(const std::string& region) {
    return {{"TableName", "courses"},
            {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", region}}}}})}};
}
Json replica_delete(const std::string& region) {
    return {{"TableName", "courses"},
            {"ReplicaUpdates", Json::array({{{"Delete", {{"RegionName", region}}}}})}};
}
Json put(const std::string& id, const std::string& title) {
    return {{"TableName", "courses"},
            {"Item", {{"courseid", {{"S", id}}}, {"title", {{"S", title}}}}}};
}
Json key(const std::string& id) {
    return {{"TableName", "courses"}, {"Key", {{"courseid", {{"S", id}}}}}};
}

struct Global : TestEngine {
    Global() { create_table("courses", "courseid", "S"); }

    Json describe(const std::string& region) {
        return ok("DescribeTable", {{"TableName", "courses"}}, region)["Table"];
    }
    std::string status(const std::string& region) {
        return describe(region)["TableStatus"].get<std::string>();
    }
    // The title the item has in `region`, or "" when absent there.
    std::string title(const std::string& id, const std::string& region) {
        Json item = ok("GetItem", key(id), region);
        if (!item.contains("Item")) return {};
        return item["Item"]["title"]["S"].get<std::string>();
    }
    void add_replica(const std::string& region, const std::string& from = kWest) {
        ok("UpdateTable", replica_create(region), from);
        engine->advance(60'000);
    }
};
}  // namespace

class TstReplication : public QObject {
    Q_OBJECT

private slots:
    void addingAReplicaGoesThroughCreatingToActive() {
        Global g;
        g.ok("PutItem", put("c1", "Intro"));
        Json updated = g.ok("UpdateTable", replica_create(kSydney))["TableDescription"];
        JCOMPARE(updated["TableStatus"], "UPDATING");
        JCOMPARE(updated["GlobalTableVersion"], "2019.11.21");
        JCOMPARE(updated["Replicas"][0]["RegionName"], kSydney);
        JCOMPARE(updated["Replicas"][0]["ReplicaStatus"], "CREATING");
        // Streams switch on by themselves.
        JCOMPARE(updated["StreamSpecification"],
                 J(R"({"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"})"));

        g.engine->run_pending();
        JCOMPARE(g.status(kSydney), "CREATING");
        // A CREATING replica answers DescribeTable only.
        JCOMPARE(g.call("GetItem", key("c1"), kSydney).error->type, "ResourceNotFoundException");

        g.engine->advance(14'000);
        JCOMPARE(g.status(kSydney), "CREATING");
        JCOMPARE(g.status(kWest), "UPDATING");
        g.engine->advance(1'000);
        JCOMPARE(g.status(kSydney), "ACTIVE");
        JCOMPARE(g.status(kWest), "ACTIVE");

        // The backfill brought the item written before the replica existed.
        JCOMPARE(g.title("c1", kSydney), "Intro");
        // Each region lists the others, never itself.
        Json west = g.describe(kWest), sydney = g.describe(kSydney);
        JCOMPARE(west["Replicas"], J(R"([{"RegionName": "ap-southeast-2", "ReplicaStatus": "ACTIVE",
                        "GlobalTableSettingsReplicationMode": "ENABLED_WITH_OVERRIDES"}])"));
        JCOMPARE(sydney["Replicas"][0]["RegionName"], kWest);
        JCOMPARE(sydney["GlobalTableVersion"], "2019.11.21");
        JCOMPARE(sydney["TableArn"], "arn:aws:dynamodb:ap-southeast-2:000000000000:table/courses");
        QVERIFY(sydney["TableId"] != west["TableId"]);
        JCOMPARE(sydney["ItemCount"], 1);
    }

    void progressIsShownWhileABigTableBackfills() {
        Global g;
        for (int i = 0; i < 2500; ++i) g.ok("PutItem", put("c" + std::to_string(i), "t"));
        g.ok("UpdateTable", replica_create(kSydney));
        // The copy runs without engine time moving; the replica stays CREATING for its
        // minimum time and shows how far the copy got.
        g.engine->run_pending();
        Json replicas = g.describe(kWest)["Replicas"];
        JCOMPARE(replicas[0]["ReplicaStatus"], "CREATING");
        QVERIFY(replicas[0].contains("ReplicaStatusPercentProgress"));
        g.engine->advance(60'000);
        JCOMPARE(g.describe(kSydney)["ItemCount"], 2500);
        QVERIFY(!g.describe(kWest)["Replicas"][0].contains("ReplicaStatusPercentProgress"));
    }

    void regionalTablesShowNoGlobalFields() {
        Global g;
        Json d = g.describe(kWest);
        for (const char* absent :
             {"GlobalTableVersion", "Replicas", "GlobalTableSettingsReplicationMode"})
            QVERIFY2(!d.contains(absent), absent);
    }

    void writesReplicateBothWaysWithModelledLatency() {
        Global g;
        g.add_replica(kSydney);
        g.ok("PutItem", put("c2", "From Oregon"));
        g.engine->run_pending();
        JCOMPARE(g.title("c2", kSydney), "");  // not yet: replication takes time
        const double model = tablespan::Network::model_latency_ms(kWest, kSydney);
        g.engine->advance(static_cast<tablespan::Millis>(model) + 150);
        JCOMPARE(g.title("c2", kSydney), "From Oregon");

        g.ok("PutItem", put("c3", "From Sydney"), kSydney);
        g.engine->advance(2'000);
        JCOMPARE(g.title("c3", kWest), "From Sydney");

        g.ok("DeleteItem", key("c2"), kSydney);
        g.engine->advance(2'000);
        JCOMPARE(g.title("c2", kWest), "");
        JCOMPARE(g.describe(kWest)["ItemCount"], 1);
    }

    void lastWriterWinsOnConcurrentWrites() {
        Global g;
        g.add_replica(kSydney);
        // Both regions write the same item before either hears of the other.
        g.ok("PutItem", put("c1", "Oregon first"), kWest);
        g.clock->advance(5);
        g.ok("PutItem", put("c1", "Sydney later"), kSydney);
        g.engine->advance(5'000);
        JCOMPARE(g.title("c1", kWest), "Sydney later");
        JCOMPARE(g.title("c1", kSydney), "Sydney later");

        // A delete that is later than a concurrent write wins, and the tombstone keeps
        // the older write from coming back when it arrives.
        g.ok("PutItem", put("c4", "old write"), kSydney);
        g.clock->advance(5);
        g.ok("PutItem", put("c4", "x"), kWest);
        g.ok("DeleteItem", key("c4"), kWest);
        g.engine->advance(5'000);
        JCOMPARE(g.title("c4", kWest), "");
        JCOMPARE(g.title("c4", kSydney), "");
    }

    void conditionalWritesSeeOnlyTheLocalReplica() {
        Global g;
        g.add_replica(kSydney);
        g.ok("PutItem", put("c1", "x"), kWest);
        // Not replicated yet: Sydney has no c1, so attribute_not_exists holds there.
        Json conditional = put("c1", "y");
        conditional["ConditionExpression"] = "attribute_not_exists(courseid)";
        g.clock->advance(1);
        g.ok("PutItem", conditional, kSydney);
        auto again = g.call("PutItem", conditional, kWest);
        JCOMPARE(again.error->type, "ConditionalCheckFailedException");
        g.engine->advance(5'000);
        JCOMPARE(g.title("c1", kWest), "y");  // Sydney's write was the later one
        JCOMPARE(g.title("c1", kSydney), "y");
    }

    void equalTimestampsGoToTheRegionWhoseCodeSortsLast() {
        Global g;
        g.add_replica(kSydney);
        // Same engine millisecond in both regions: the documented tie-break decides.
        g.ok("PutItem", put("c1", "Sydney"), kSydney);
        g.ok("PutItem", put("c1", "Oregon"), kWest);
        g.engine->advance(5'000);
        JCOMPARE(g.title("c1", kSydney), "Oregon");  // "us-west-2" > "ap-southeast-2"
        JCOMPARE(g.title("c1", kWest), "Oregon");
    }

    void anOfflineRegionRejectsRequestsAndCatchesUpWhenBack() {
        Global g;
        g.add_replica(kSydney);
        g.engine->network().set_region_online(kSydney, false);
        auto refused = g.call("GetItem", key("c1"), kSydney);
        JCOMPARE(refused.error->type, "ServiceUnavailable");
        QVERIFY(refused.error->message.find("offline") != std::string::npos);

        for (int i = 0; i < 10; ++i) g.ok("PutItem", put("k" + std::to_string(i), "v"), kWest);
        g.engine->advance(60'000);
        JCOMPARE(g.engine->replication_metrics().pending("courses", kWest, kSydney), 10);

        g.engine->network().set_region_online(kSydney, true);
        g.engine->advance(2'000);
        JCOMPARE(g.describe(kSydney)["ItemCount"], 10);
        JCOMPARE(g.engine->replication_metrics().pending("courses", kWest, kSydney), 0);
    }

    void aCutLinkHoldsChangesUntilItHeals() {
        Global g;
        g.add_replica(kSydney);
        g.add_replica(kIreland);
        g.engine->network().set_link_cut(kWest, kSydney, true);
        g.ok("PutItem", put("c1", "x"), kWest);
        g.engine->advance(10'000);
        JCOMPARE(g.title("c1", kIreland), "x");  // other links still flow
        JCOMPARE(g.title("c1", kSydney), "");
        g.engine->network().set_link_cut(kWest, kSydney, false);
        g.engine->advance(2'000);
        JCOMPARE(g.title("c1", kSydney), "x");
    }

    void pendingReplicationSurvivesARestartWithoutDuplicates() {
        Global g;
        g.add_replica(kSydney);
        g.engine->network().set_link_cut(kWest, kSydney, true);
        for (int i = 0; i < 20; ++i) g.ok("PutItem", put("k" + std::to_string(i), "v"), kWest);
        g.reopen();  // the network state is not persisted: the link is whole again
        g.engine->advance(5'000);
        JCOMPARE(g.describe(kSydney)["ItemCount"], 20);
        g.ok("PutItem", put("k0", "after restart"), kWest);
        g.engine->advance(5'000);
        JCOMPARE(g.title("k0", kSydney), "after restart");
        JCOMPARE(g.describe(kSydney)["ItemCount"], 20);
    }

    void replicationLatencyIsMeasuredPerSecond() {
        Global g;
        g.add_replica(kSydney);
        g.engine->network().set_link_latency(kWest, kSydney, 700);
        const tablespan::Millis start = g.clock->now();
        g.ok("PutItem", put("c1", "x"), kWest);
        g.engine->advance(3'000);
        auto samples = g.engine->replication_metrics().query({"courses", kWest, kSydney, start, 0});
        double max = 0;
        std::int64_t delivered = 0;
        for (const auto& s : samples) {
            delivered += s.delivered;
            if (s.delivered) max = std::max(max, s.latency_max_ms);
        }
        JCOMPARE(delivered, 1);
        JCOMPARE(max, 700.0);
    }

    void deliveriesListTheirItemsWithKeysAndMeasuredLatency() {
        std::vector<tablespan::ReplicationDelivered> seen;  // outlives the engine
        TestEngine t;
        t.create_table("readings", "device", "S", "at", "N");
        t.ok("UpdateTable",
             {{"TableName", "readings"},
              {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", kSydney}}}}})}});
        t.engine->advance(60'000);
        t.engine->events().subscribe([&seen](const tablespan::EngineEvent& e) {
            if (const auto* d = std::get_if<tablespan::ReplicationDelivered>(&e))
                if (d->table == "readings" && d->destination == kSydney) seen.push_back(*d);
        });
        t.engine->network().set_link_latency(kWest, kSydney, 700);
        auto reading = [](const char* device, const char* at) {
            return Json{{"device", {{"S", device}}}, {"at", {{"N", at}}}};
        };

        Json item = reading("d1", "1");
        item["value"] = {{"N", "20"}};
        t.ok("PutItem", {{"TableName", "readings"}, {"Item", item}});
        t.engine->advance(1'000);
        QCOMPARE(seen.size(), 1u);
        QCOMPARE(seen[0].delivered.size(), 1u);
        JCOMPARE(seen[0].delivered[0].key, reading("d1", "1"));  // the key only
        QVERIFY(!seen[0].delivered[0].deleted);
        QCOMPARE(seen[0].delivered[0].latency_ms, 700.0);

        // Held on a cut link, a put and a later delete arrive together when it heals,
        // each with its own latency; the number comes back in its canonical form.
        t.engine->network().set_link_cut(kWest, kSydney, true);
        t.ok("PutItem", {{"TableName", "readings"}, {"Item", reading("d2", "2.50")}});
        t.clock->advance(300);
        t.ok("DeleteItem", {{"TableName", "readings"}, {"Key", reading("d1", "1")}});
        t.engine->advance(1'000);
        QCOMPARE(seen.size(), 1u);
        t.engine->network().set_link_cut(kWest, kSydney, false);
        t.engine->run_pending();
        QCOMPARE(seen.size(), 2u);
        const auto& batch = seen[1];
        QCOMPARE(batch.items, 2);
        QCOMPARE(batch.delivered.size(), 2u);
        JCOMPARE(batch.delivered[0].key, reading("d2", "2.5"));
        QVERIFY(!batch.delivered[0].deleted);
        QCOMPARE(batch.delivered[0].latency_ms, 1'300.0);
        JCOMPARE(batch.delivered[1].key, reading("d1", "1"));
        QVERIFY(batch.delivered[1].deleted);
        QCOMPARE(batch.delivered[1].latency_ms, 1'000.0);
        QCOMPARE(batch.latency_max_ms, 1'300.0);
    }

    void removingAReplicaMakesTheTableRegionalAgain() {
        Global g;
        g.add_replica(kSydney);
        Json d = g.ok("UpdateTable", replica_delete(kSydney))["TableDescription"];
        JCOMPARE(d["TableStatus"], "UPDATING");
        g.engine->run_pending();
        JCOMPARE(g.status(kSydney), "DELETING");
        g.engine->advance(60'000);
        JCOMPARE(g.call("DescribeTable", {{"TableName", "courses"}}, kSydney).error->type,
                 "ResourceNotFoundException");
        Json west = g.describe(kWest);
        QVERIFY(!west.contains("Replicas"));
        QVERIFY(!west.contains("GlobalTableVersion"));
        // The stream stays on after the last replica left.
        JCOMPARE(west["StreamSpecification"]["StreamEnabled"], true);
    }

    void deleteTableInAReplicaRegionRemovesThatReplica() {
        Global g;
        g.add_replica(kSydney);
        g.add_replica(kIreland, kSydney);
        g.ok("DeleteTable", {{"TableName", "courses"}}, kIreland);
        g.engine->run_pending();
        JCOMPARE(g.describe(kWest)["Replicas"][1]["ReplicaStatus"], "DELETING");
        g.engine->advance(60'000);
        Json replicas = g.describe(kWest)["Replicas"];
        JCOMPARE(replicas.size(), 1u);
        JCOMPARE(replicas[0]["RegionName"], kSydney);
    }

    void replicaValidationsAnswerLikeTheService_data() {
        QTest::addColumn<QString>("request");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("message");
        QTest::newRow("with other changes")
            << R"({"TableName": "courses", "DeletionProtectionEnabled": true,
                   "ReplicaUpdates": [{"Create": {"RegionName": "eu-west-1"}}]})"
            << "ValidationException"
            << "One or more parameter values were invalid: Replica modification must be the "
               "only operation in the request";
        QTest::newRow("two creates")
            << R"({"TableName": "courses", "ReplicaUpdates": [
                   {"Create": {"RegionName": "eu-west-1"}},
                   {"Create": {"RegionName": "eu-west-2"}}]})"
            << "ValidationException"
            << "Update table operation with more than one create or delete replica actions not "
               "allowed";
        QTest::newRow("create and delete in one element")
            << R"({"TableName": "courses", "ReplicaUpdates": [
                   {"Create": {"RegionName": "eu-west-1"}, "Delete": {"RegionName": "eu-west-2"}}]})"
            << "ValidationException"
            << "Update table operation with more than one type of replica actions not allowed";
        QTest::newRow("local region")
            << R"({"TableName": "courses", "ReplicaUpdates": [{"Create": {"RegionName": "us-west-2"}}]})"
            << "ValidationException"
            << "Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, "
               "DeleteTable, or UpdateTable as required.";
        QTest::newRow("unknown region")
            << R"({"TableName": "courses", "ReplicaUpdates": [{"Create": {"RegionName": "us-fake-1"}}]})"
            << "ValidationException"
            << "Region us-fake-1 is not supported. The latest version of global tables are only "
               "supported in the following regions: [us-east-1, ";
        QTest::newRow("delete of a non-member")
            << R"({"TableName": "courses", "ReplicaUpdates": [{"Delete": {"RegionName": "ca-central-1"}}]})"
            << "ValidationException"
            << "Update global table operation failed because one or more replicas were not part "
               "of the global table. Please retry the request without these replicas: "
               "[ca-central-1].";
        QTest::newRow("missing table")
            << R"({"TableName": "nosuch", "ReplicaUpdates": [{"Create": {"RegionName": "eu-west-1"}}]})"
            << "ResourceNotFoundException"
            << "Requested resource not found: Table: nosuch not found";
        QTest::newRow("legacy create")
            << R"({"GlobalTableName": "courses", "ReplicationGroup": [{"RegionName": "eu-west-1"}]})"
            << "ValidationException"
            << "One or more parameter values were invalid: DynamoDB global tables version "
               "2017.11.29 is not supported. We recommend using DynamoDB global tables version "
               "2019.11.21, instead of version 2017.11.29 (Legacy).";
        QTest::newRow("legacy describe")
            << R"({"GlobalTableName": "courses"})"
            << "GlobalTableNotFoundException"
            << "Global table not found: Global table with name: 'courses' does not exist.";
    }
    void replicaValidationsAnswerLikeTheService() {
        QFETCH(QString, request);
        QFETCH(QString, type);
        QFETCH(QString, message);
        Global g;
        Json body = Json::parse(request.toStdString());
        std::string op = body.contains("ReplicationGroup")  ? "CreateGlobalTable"
                         : body.contains("GlobalTableName") ? "DescribeGlobalTable"
                                                            : "UpdateTable";
        auto r = g.call(op, body);
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error->type), type);
        QVERIFY2(QString::fromStdString(r.error->message).startsWith(message),
                 r.error->message.c_str());
        JCOMPARE(g.status(kWest), "ACTIVE");  // nothing changed
    }

    void replicaStateErrors() {
        Global g;
        g.ok("UpdateTable", replica_create(kSydney));
        // A second replica action while one is in progress.
        auto busy = g.call("UpdateTable", replica_create(kIreland));
        JCOMPARE(busy.error->type, "ResourceInUseException");
        JCOMPARE(busy.error->message, "The resource which you are attempting to change is in use.");
        g.engine->advance(60'000);
        // An existing member, and a same-name table in the target region.
        auto again = g.call("UpdateTable", replica_create(kSydney));
        JCOMPARE(again.error->message,
                 "Failed to create a the new replica of table with name: 'courses' because one or "
                 "more replicas already existed as tables.");
        g.create_table("courses", "courseid", "S", {}, {}, kIreland);
        auto clash = g.call("UpdateTable", replica_create(kIreland));
        JCOMPARE(clash.error->type, "ValidationException");
        // The source of a new replica cannot leave for 24 hours.
        auto source = g.call("UpdateTable", replica_delete(kWest), kSydney);
        JCOMPARE(source.error->message,
                 "Replica cannot be deleted because it has acted as a source region for new "
                 "replica(s) being added to the table in the last 24 hours.");
        // Streams are fixed while replicas exist.
        auto stream = g.call("UpdateTable", J(R"({"TableName": "courses",
            "StreamSpecification": {"StreamEnabled": false}})"));
        JCOMPARE(stream.error->message,
                 "One or more parameter values were invalid: Disabling Stream is not allowed for "
                 "a Global Table replica.");
    }

    void provisionedTablesNeedAutoscaling() {
        TestEngine t;
        t.ok("CreateTable", J(R"({"TableName": "courses",
            "AttributeDefinitions": [{"AttributeName": "courseid", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "courseid", "KeyType": "HASH"}],
            "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}})"));
        t.engine->advance(10'000);
        auto r = t.call("UpdateTable", replica_create(kSydney));
        JCOMPARE(r.error->message,
                 "Table write capacity should either be Pay-Per-Request or AutoScaled.");
    }

    void tableClassOverrideAppliesToTheReplica() {
        Global g;
        Json create = replica_create(kSydney);
        create["ReplicaUpdates"][0]["Create"]["TableClassOverride"] = "STANDARD_INFREQUENT_ACCESS";
        g.ok("UpdateTable", create);
        g.engine->advance(60'000);
        JCOMPARE(g.describe(kWest)["Replicas"][0]["ReplicaTableClassSummary"]["TableClass"],
                 "STANDARD_INFREQUENT_ACCESS");
        JCOMPARE(g.describe(kSydney)["TableClassSummary"]["TableClass"],
                 "STANDARD_INFREQUENT_ACCESS");
    }

    void aGlobalTableCannotTurnProvisioned() {
        Global g;
        g.add_replica(kSydney);
        auto r = g.call("UpdateTable", J(R"({"TableName": "courses", "BillingMode": "PROVISIONED",
            "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}})"));
        JCOMPARE(r.error->message,
                 "Table write capacity should either be Pay-Per-Request or AutoScaled.");
        JCOMPARE(g.describe(kWest)["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST");
    }

    void legacyListGlobalTablesIsEmpty() {
        Global g;
        g.add_replica(kSydney);
        JCOMPARE(g.ok("ListGlobalTables", Json::object()), J(R"({"GlobalTables": []})"));
    }
};

QTEST_GUILESS_MAIN(TstReplication)
#include "tst_replication.moc"
