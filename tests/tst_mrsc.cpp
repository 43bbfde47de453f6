// Multi-Region strong consistency (MRSC): creating a group with a witness or three
// replicas, the service's validation texts and order (reference §3.5; the ACK probes
// DDB-TABLE-202, 257-261), writes answered after a round trip to the nearest peer,
// strong reads that see every acknowledged write, ReplicatedWriteConflictException,
// isolation and healing, restart, and teardown. All on ManualClock.

#include <QTest>

#include "mrsc_fixture.h"

using tablespan::Json;

class TstMrsc : public QObject {
    Q_OBJECT

private slots:
    void createsGroupWithWitness() {
        MrscEngine e;
        e.create_table("Music", "pk", "S", {}, {}, "us-east-1");
        Json answer =
            e.ok("UpdateTable", J(R"({"TableName": "Music", "MultiRegionConsistency": "STRONG",
                                 "ReplicaUpdates": [{"Create": {"RegionName": "us-east-2"}}],
                                 "GlobalTableWitnessUpdates": [{"Create": {"RegionName": "us-west-2"}}]})"),
                 "us-east-1");
        const Json& created = answer["TableDescription"];
        JCOMPARE(created["TableStatus"], "UPDATING");
        JCOMPARE(created["MultiRegionConsistency"], "STRONG");
        JCOMPARE(created["GlobalTableWitnesses"],
                 J(R"([{"RegionName": "us-west-2", "WitnessStatus": "CREATING"}])"));
        // A replica with a witness takes about a minute (observed 59.5-86 s).
        e.engine->advance(30'000);
        JCOMPARE(
            e.ok("DescribeTable", {{"TableName", "Music"}}, "us-east-1")["Table"]["TableStatus"],
            "UPDATING");
        e.engine->advance(40'000);
        for (const char* region : {"us-east-1", "us-east-2"}) {
            Json t = e.ok("DescribeTable", {{"TableName", "Music"}}, region)["Table"];
            JCOMPARE(t["TableStatus"], "ACTIVE");
            JCOMPARE(t["MultiRegionConsistency"], "STRONG");
            JCOMPARE(t["GlobalTableVersion"], "2019.11.21");
            JCOMPARE(t["GlobalTableWitnesses"],
                     J(R"([{"RegionName": "us-west-2", "WitnessStatus": "ACTIVE"}])"));
            QCOMPARE(t["Replicas"].size(), std::size_t{1});
            JCOMPARE(t["Replicas"][0]["ReplicaStatus"], "ACTIVE");
        }
        // The witness region has no table, and a table of that name may live there.
        auto there = e.call("DescribeTable", {{"TableName", "Music"}}, "us-west-2");
        QCOMPARE(there.error->type, std::string("ResourceNotFoundException"));
        e.create_table("Music", "id", "N", {}, {}, "us-west-2");
        QCOMPARE(e.ok("DescribeTable", {{"TableName", "Music"}}, "us-west-2")["Table"].contains(
                     "MultiRegionConsistency"),
                 false);
    }

    void eventualGroupsOmitTheMode() {
        MrscEngine e;
        e.create_table("Tbl", "pk", "S", {}, {}, "us-east-1");
        e.ok(
            "UpdateTable",
            J(R"({"TableName": "Tbl", "ReplicaUpdates": [{"Create": {"RegionName": "us-east-2"}}]})"),
            "us-east-1");
        e.engine->advance(60'000);
        Json t = e.ok("DescribeTable", {{"TableName", "Tbl"}}, "us-east-1")["Table"];
        QCOMPARE(t.contains("GlobalTableVersion"), true);
        QCOMPARE(t.contains("MultiRegionConsistency"), false);
        QCOMPARE(t.contains("GlobalTableWitnesses"), false);
    }

    void refusesMalformedGroups_data() {
        QTest::addColumn<QString>("request");
        QTest::addColumn<QString>("message");
        const char* prefix = R"("TableName": "Tbl", )";
        auto row = [&](const char* name, const char* body, const char* message) {
            QTest::newRow(name) << QString::fromUtf8(std::string("{") + prefix + body + "}")
                                << QString::fromUtf8(message);
        };
        row("one replica only",
            R"("MultiRegionConsistency": "STRONG", "ReplicaUpdates": [{"Create": {"RegionName": "us-east-2"}}])",
            "Unsupported replica count for global tables with MultiRegionConsistency set to "
            "STRONG.");
        row("witness without STRONG",
            R"("ReplicaUpdates": [{"Create": {"RegionName": "us-east-2"}}], "GlobalTableWitnessUpdates": [{"Create": {"RegionName": "us-west-2"}}])",
            "MultiRegionConsistency must be set as STRONG when GlobalTableWitnessUpdates parameter "
            "is present.");
        row("witness with EVENTUAL",
            R"("MultiRegionConsistency": "EVENTUAL", "ReplicaUpdates": [{"Create": {"RegionName": "us-east-2"}}], "GlobalTableWitnessUpdates": [{"Create": {"RegionName": "us-west-2"}}])",
            "MultiRegionConsistency must be set as STRONG when GlobalTableWitnessUpdates parameter "
            "is present.");
        row("witness in the replica's region",
            R"("MultiRegionConsistency": "STRONG", "ReplicaUpdates": [{"Create": {"RegionName": "us-east-2"}}], "GlobalTableWitnessUpdates": [{"Create": {"RegionName": "us-east-2"}}])",
            "Cannot target multiple regions with the same action");
        row("witness in the table's region",
            R"("MultiRegionConsistency": "STRONG", "ReplicaUpdates": [{"Create": {"RegionName": "us-east-2"}}], "GlobalTableWitnessUpdates": [{"Create": {"RegionName": "us-east-1"}}])",
            "Cannot add a witness in the same region as an existing replica when creating a global "
            "table with MultiRegionConsistency set to STRONG.");
        row("region without MRSC",
            R"("MultiRegionConsistency": "STRONG", "ReplicaUpdates": [{"Create": {"RegionName": "us-west-1"}}], "GlobalTableWitnessUpdates": [{"Create": {"RegionName": "us-west-2"}}])",
            "Unsupported Region(s) specified for global tables with MultiRegionConsistency set to "
            "STRONG: [us-west-1].");
        row("with another change",
            R"("MultiRegionConsistency": "STRONG", "DeletionProtectionEnabled": true, "ReplicaUpdates": [{"Create": {"RegionName": "us-east-2"}}], "GlobalTableWitnessUpdates": [{"Create": {"RegionName": "us-west-2"}}])",
            "Requests that modify replicas or witnesses must not also modify other fields");
        row("mode alone", R"("MultiRegionConsistency": "STRONG")",
            "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
            "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, "
            "MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
            "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is "
            "required");
        row("witness alone",
            R"("MultiRegionConsistency": "STRONG", "GlobalTableWitnessUpdates": [{"Create": {"RegionName": "us-west-2"}}])",
            "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
            "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, "
            "MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, "
            "DeletionProtectionEnabled, OnDemandThroughput, WarmThroughput or TableClass is "
            "required");
        row("STRONG with a Delete",
            R"("MultiRegionConsistency": "STRONG", "ReplicaUpdates": [{"Delete": {"RegionName": "us-east-2"}}])",
            "Only Replica Create actions are supported when MultiRegionConsistency parameter is "
            "provided.");
    }
    void refusesMalformedGroups() {
        QFETCH(QString, request);
        QFETCH(QString, message);
        MrscEngine e;
        e.create_table("Tbl", "pk", "S", {}, {}, "us-east-1");
        auto r = e.call("UpdateTable", J(request.toStdString()), "us-east-1");
        QVERIFY(!r.ok());
        QCOMPARE(r.error->type, std::string("ValidationException"));
        QCOMPARE(QString::fromStdString(r.error->message), message);
        // Nothing changed.
        QCOMPARE(e.ok("DescribeTable", {{"TableName", "Tbl"}}, "us-east-1")["Table"].contains(
                     "Replicas"),
                 false);
    }

    void groupIsFrozen() {
        MrscEngine e;
        e.create_group("Tbl");
        auto refused = [&](const char* request, const char* message,
                           const char* region = "us-east-1") {
            auto r = e.call("UpdateTable", J(request), region);
            if (r.ok()) return std::string("accepted: ") + request;
            return r.error->message == message ? std::string()
                                               : r.error->message + " for " + request;
        };
        QCOMPARE(
            refused(
                R"({"TableName": "Tbl", "ReplicaUpdates": [{"Create": {"RegionName": "eu-west-1"}}]})",
                "Cannot add replicas to a global table with strong MultiRegionConsistency"),
            std::string());
        QCOMPARE(
            refused(
                R"({"TableName": "Tbl", "ReplicaUpdates": [{"Delete": {"RegionName": "us-east-2"}}]})",
                "Update table delete operation does not include all witnesses."),
            std::string());
        QCOMPARE(
            refused(
                R"({"TableName": "Tbl", "MultiRegionConsistency": "EVENTUAL", "ReplicaUpdates": [{"Create": {"RegionName": "eu-west-1"}}]})",
                "MultiRegionConsistency parameter is unsupported on existing global table"),
            std::string());
        QCOMPARE(
            refused(
                R"({"TableName": "Tbl", "ReplicaUpdates": [{"Delete": {"RegionName": "us-east-2"}}], "GlobalTableWitnessUpdates": [{"Delete": {"RegionName": "eu-west-1"}}]})",
                "Update global table operation failed because one or more witnesses were not part "
                "of the global table. Please retry the request without these witnesses: "
                "[eu-west-1]."),
            std::string());
        auto deleted = e.call("DeleteTable", {{"TableName", "Tbl"}}, "us-east-2");
        QCOMPARE(deleted.error->message,
                 std::string("Deletion of only one table replica is not supported for global "
                             "tables with MultiRegionConsistency set to STRONG."));
        // No Time to Live and no transactions on MRSC tables.
        auto ttl = e.call(
            "UpdateTimeToLive",
            J(R"({"TableName": "Tbl", "TimeToLiveSpecification": {"Enabled": true, "AttributeName": "exp"}})"),
            "us-east-1");
        QCOMPARE(ttl.error->type, std::string("ValidationException"));
        auto txn = e.timed(
            "us-east-1", "TransactWriteItems",
            J(R"({"TransactItems": [{"Put": {"TableName": "Tbl", "Item": {"pk": {"S": "a"}}}}]})"));
        QCOMPARE(txn.result.error->type, std::string("ValidationException"));
        QCOMPARE(
            e.timed("us-east-1", "GetItem", e.get("Tbl", "a", true)).result.body.contains("Item"),
            false);
    }

    void writesWaitForTheNearestPeer() {
        MrscEngine e;
        e.create_group("Tbl");
        // Acknowledged after one round trip to a peer: 2 × the one-way delay.
        auto w = e.timed("us-east-1", "PutItem", e.put("Tbl", "a", "1"));
        QVERIFY(w.result.ok());
        QCOMPARE(w.took, 2 * MrscEngine::kOneWayMs);
        // A slower link to the witness does not slow writes: the replica answers first.
        e.engine->network().set_link_latency("us-east-1", "us-west-2", 500);
        w = e.timed("us-east-1", "PutItem", e.put("Tbl", "b", "1"));
        QCOMPARE(w.took, 2 * MrscEngine::kOneWayMs);
        // Reads and writes that change nothing answer at once.
        QCOMPARE(e.timed("us-east-1", "GetItem", e.get("Tbl", "a", false)).took,
                 tablespan::Millis{0});
        // An MREC table answers writes at once.
        e.create_table("Eventual", "pk", "S", {}, {}, "us-east-1");
        e.ok(
            "UpdateTable",
            J(R"({"TableName": "Eventual", "ReplicaUpdates": [{"Create": {"RegionName": "us-east-2"}}]})"),
            "us-east-1");
        e.engine->advance(60'000);
        QCOMPARE(e.timed("us-east-1", "PutItem", e.put("Eventual", "a", "1")).took,
                 tablespan::Millis{0});
    }

    void strongReadsSeeAcknowledgedWrites() {
        MrscEngine e;
        e.create_group("Tbl", "us-east-2", "");  // three replicas
        // us-east-1's changes cannot reach us-east-2 directly; us-west-2 acknowledges them.
        e.engine->network().set_link_cut("us-east-1", "us-east-2", true);
        QVERIFY(e.timed("us-east-1", "PutItem", e.put("Tbl", "k", "v1")).result.ok());
        auto stale = e.timed("us-east-2", "GetItem", e.get("Tbl", "k", false));
        QCOMPARE(MrscEngine::value_of(stale.result), std::string());
        auto strong = e.timed("us-east-2", "GetItem", e.get("Tbl", "k", true));
        QCOMPARE(MrscEngine::value_of(strong.result), std::string("v1"));
        // It asked its nearest reachable peer: one round trip.
        QCOMPARE(strong.took, 2 * MrscEngine::kOneWayMs);
        // What it learnt stays: an eventually consistent read now has it too, and so do
        // Query and Scan.
        QCOMPARE(
            MrscEngine::value_of(e.timed("us-east-2", "GetItem", e.get("Tbl", "k", false)).result),
            std::string("v1"));
        QVERIFY(e.timed("us-east-1", "PutItem", e.put("Tbl", "q", "v2")).result.ok());
        auto query = e.timed(
            "us-east-2", "Query",
            J(R"({"TableName": "Tbl", "ConsistentRead": true, "KeyConditionExpression": "pk = :k", "ExpressionAttributeValues": {":k": {"S": "q"}}})"));
        JCOMPARE(query.result.body["Count"], 1);
        // ...and us-east-2 may now write the item it learnt.
        QVERIFY(e.timed("us-east-2", "PutItem", e.put("Tbl", "k", "v3")).result.ok());
    }

    void aWriteLearnsAnItemWhoseWriterIsCutOff() {
        // us-east-1 writes an item that only the witness acknowledges (its link to
        // us-east-2 is cut), then is lost. us-east-2 would refuse every write of that item
        // as a conflict for as long as us-east-1 cannot send it: instead the write first
        // learns the item from the witness (one round trip more), and succeeds.
        MrscEngine e;
        e.create_group("Tbl");
        e.engine->network().set_link_cut("us-east-1", "us-east-2", true);
        QVERIFY(e.timed("us-east-1", "PutItem", e.put("Tbl", "k", "v1")).result.ok());
        e.engine->network().set_region_online("us-east-1", false);
        auto write = e.timed(
            "us-east-2", "UpdateItem",
            J(R"({"TableName": "Tbl", "Key": {"pk": {"S": "k"}}, "UpdateExpression": "SET w = :w",
                  "ConditionExpression": "v = :v", "ReturnValues": "ALL_NEW",
                  "ExpressionAttributeValues": {":w": {"S": "v2"}, ":v": {"S": "v1"}}})"));
        QVERIFY2(write.result.ok(), write.result.error ? write.result.error->message.c_str() : "");
        // The condition saw us-east-1's write: the update is on top of it.
        JCOMPARE(write.result.body["Attributes"]["v"]["S"], "v1");
        JCOMPARE(write.result.body["Attributes"]["w"]["S"], "v2");
        QCOMPARE(write.took, 4 * MrscEngine::kOneWayMs);  // learn, then the acknowledgement
        // A reachable writer's write in progress still conflicts (concurrentWritesConflict).
    }

    void concurrentWritesConflict() {
        MrscEngine e;
        e.create_group("Tbl");
        e.engine->network().set_all_latencies(200);
        std::optional<tablespan::Result> first;
        e.engine->call("us-east-1", "PutItem", e.put("Tbl", "k", "east-1"),
                       [&](tablespan::Result r) { first = std::move(r); });
        e.engine->run_pending();
        e.engine->advance(50);  // us-east-1's write is on its way
        auto second = e.timed("us-east-2", "PutItem", e.put("Tbl", "k", "east-2"));
        QVERIFY(!second.result.ok());
        QCOMPARE(second.result.error->type, std::string("ReplicatedWriteConflictException"));
        QCOMPARE(second.result.error->http_status, 409);
        QCOMPARE(second.result.error->message,
                 std::string("The request was rejected because one or more items in the request "
                             "are being modified by a request in another Region."));
        e.engine->advance(1'000);
        QVERIFY(first && first->ok());
        // It changed nothing: the item is us-east-1's everywhere.
        for (const char* region : {"us-east-1", "us-east-2"})
            QCOMPARE(
                MrscEngine::value_of(e.timed(region, "GetItem", e.get("Tbl", "k", true)).result),
                std::string("east-1"));
        // Once us-east-2 has the write, it may write the item.
        QVERIFY(e.timed("us-east-2", "PutItem", e.put("Tbl", "k", "east-2")).result.ok());
        // Other items were never in conflict.
        QVERIFY(e.timed("us-east-2", "PutItem", e.put("Tbl", "other", "x")).result.ok());
    }

    void isolatedReplicaRefusesWritesAndStrongReads() {
        MrscEngine e;
        e.create_group("Tbl");
        QVERIFY(e.timed("us-east-1", "PutItem", e.put("Tbl", "a", "1")).result.ok());
        e.engine->advance(1'000);
        // us-east-2 cut off from both peers.
        e.engine->network().set_link_cut("us-east-2", "us-east-1", true);
        e.engine->network().set_link_cut("us-east-2", "us-west-2", true);
        auto write = e.timed("us-east-2", "PutItem", e.put("Tbl", "b", "1"));
        QCOMPARE(write.result.error->type, std::string("InternalServerError"));
        QCOMPARE(write.result.error->http_status, 500);
        auto strong = e.timed("us-east-2", "GetItem", e.get("Tbl", "a", true));
        QCOMPARE(strong.result.error->type, std::string("InternalServerError"));
        // Eventually consistent reads still work there.
        QCOMPARE(
            MrscEngine::value_of(e.timed("us-east-2", "GetItem", e.get("Tbl", "a", false)).result),
            std::string("1"));
        // The other two go on: us-east-1 with the witness.
        QVERIFY(e.timed("us-east-1", "PutItem", e.put("Tbl", "a", "2")).result.ok());
        // Healed, us-east-2 catches up before its strong reads answer.
        e.engine->network().set_link_cut("us-east-2", "us-east-1", false);
        e.engine->network().set_link_cut("us-east-2", "us-west-2", false);
        QCOMPARE(
            MrscEngine::value_of(e.timed("us-east-2", "GetItem", e.get("Tbl", "a", true)).result),
            std::string("2"));
        QVERIFY(e.timed("us-east-2", "PutItem", e.put("Tbl", "b", "1")).result.ok());
    }

    void writeCutOffInFlightTimesOut() {
        MrscEngine e;
        e.create_group("Tbl");
        e.engine->network().set_all_latencies(100);
        std::optional<tablespan::Result> answer;
        e.engine->call("us-east-1", "PutItem", e.put("Tbl", "a", "1"),
                       [&](tablespan::Result r) { answer = std::move(r); });
        e.engine->run_pending();
        e.engine->network().set_link_cut("us-east-1", "us-east-2", true);
        e.engine->network().set_link_cut("us-east-1", "us-west-2", true);
        e.engine->advance(4'999);
        QVERIFY(!answer);
        e.engine->advance(2);
        QVERIFY(answer);
        QCOMPARE(answer->error->type, std::string("InternalServerError"));
        // Its outcome was unknown: committed here, it replicates once the links heal.
        e.engine->network().set_link_cut("us-east-1", "us-east-2", false);
        e.engine->advance(1'000);
        QCOMPARE(
            MrscEngine::value_of(e.timed("us-east-2", "GetItem", e.get("Tbl", "a", false)).result),
            std::string("1"));
    }

    void survivesRestart() {
        MrscEngine e;
        e.create_group("Tbl");
        QVERIFY(e.timed("us-east-1", "PutItem", e.put("Tbl", "a", "1")).result.ok());
        e.reopen();
        e.engine->network().set_all_latencies(MrscEngine::kOneWayMs);
        Json t = e.ok("DescribeTable", {{"TableName", "Tbl"}}, "us-east-2")["Table"];
        JCOMPARE(t["MultiRegionConsistency"], "STRONG");
        JCOMPARE(t["GlobalTableWitnesses"][0]["WitnessStatus"], "ACTIVE");
        QCOMPARE(
            MrscEngine::value_of(e.timed("us-east-2", "GetItem", e.get("Tbl", "a", true)).result),
            std::string("1"));
        auto w = e.timed("us-east-2", "PutItem", e.put("Tbl", "a", "2"));
        QVERIFY(w.result.ok());
        QCOMPARE(w.took, 2 * MrscEngine::kOneWayMs);
    }

    void tearsDownInOneCall() {
        MrscEngine e;
        e.create_group("Tbl");
        e.ok("UpdateTable",
             J(R"({"TableName": "Tbl", "ReplicaUpdates": [{"Delete": {"RegionName": "us-east-2"}}],
                   "GlobalTableWitnessUpdates": [{"Delete": {"RegionName": "us-west-2"}}]})"),
             "us-east-1");
        // Observed: UPDATING with every member ACTIVE for about 44 s, then DELETING, about
        // 55 s in all.
        e.engine->advance(30'000);
        Json during = e.ok("DescribeTable", {{"TableName", "Tbl"}}, "us-east-1")["Table"];
        JCOMPARE(during["TableStatus"], "UPDATING");
        JCOMPARE(during["Replicas"][0]["ReplicaStatus"], "ACTIVE");
        JCOMPARE(during["GlobalTableWitnesses"][0]["WitnessStatus"], "ACTIVE");
        e.engine->advance(90'000);
        Json t = e.ok("DescribeTable", {{"TableName", "Tbl"}}, "us-east-1")["Table"];
        JCOMPARE(t["TableStatus"], "ACTIVE");
        for (const char* gone :
             {"Replicas", "GlobalTableVersion", "MultiRegionConsistency", "GlobalTableWitnesses"})
            QVERIFY2(!t.contains(gone), gone);
        QCOMPARE(e.call("DescribeTable", {{"TableName", "Tbl"}}, "us-east-2").error->type,
                 std::string("ResourceNotFoundException"));
        // A regional table again: writes answer at once, and it may be deleted.
        QCOMPARE(e.timed("us-east-1", "PutItem", e.put("Tbl", "a", "1")).took,
                 tablespan::Millis{0});
        QVERIFY(e.call("DeleteTable", {{"TableName", "Tbl"}}, "us-east-1").ok());
    }

    void tearsDownThreeReplicasInOneCall() {
        // Reference §3.5: "A 3-replica STRONG group accepts [Delete A, Delete B] in one call".
        MrscEngine e;
        e.create_group("Tbl", "us-east-2", "");
        e.ok("UpdateTable",
             J(R"({"TableName": "Tbl", "ReplicaUpdates": [{"Delete": {"RegionName": "us-east-2"}},
                   {"Delete": {"RegionName": "us-west-2"}}]})"),
             "us-east-1");
        e.engine->advance(120'000);
        Json t = e.ok("DescribeTable", {{"TableName", "Tbl"}}, "us-east-1")["Table"];
        JCOMPARE(t["TableStatus"], "ACTIVE");
        QVERIFY2(!t.contains("Replicas"), t.dump().c_str());
        for (const char* region : {"us-east-2", "us-west-2"})
            QCOMPARE(e.call("DescribeTable", {{"TableName", "Tbl"}}, region).error->type,
                     std::string("ResourceNotFoundException"));
    }
};

QTEST_GUILESS_MAIN(TstMrsc)
#include "tst_mrsc.moc"
