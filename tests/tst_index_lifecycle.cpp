// Secondary indexes over time: a GSI added by UpdateTable to a loaded table (allocation,
// backfill on engine time while writes go on, ACTIVE and exact), deleted (DELETING, then
// gone), its errors; GSIs in a global table (a new replica gets them, a GSI added in one
// region appears in every region, replicated writes keep them); backups and restores
// carry indexes, with the service's override rules.
//
// Texts and timelines: ../shared/reference/dynamodb-data-plane.md §1.3, §1.4, §1.9, §1.10.

#include <QTest>

#include <set>

#include "engine_fixture.h"

using tablespan::Json;

namespace {
const char* kSydney = "ap-southeast-2";

Json add_gsi_request(const std::string& table) {
    Json r = J(R"({"AttributeDefinitions": [{"AttributeName": "colour", "AttributeType": "S"}],
        "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "byColour",
            "KeySchema": [{"AttributeName": "colour", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "ALL"}}}]})");
    r["TableName"] = table;
    return r;
}

Json item(int i) {
    Json it = {{"pk", {{"S", "k" + std::to_string(i)}}}, {"n", {{"N", std::to_string(i)}}}};
    if (i % 3 != 0) it["colour"] = {{"S", i % 3 == 1 ? "red" : "blue"}};
    return it;
}

Json colour_query(const char* colour) {
    return {{"TableName", "Things"},
            {"IndexName", "byColour"},
            {"KeyConditionExpression", "colour = :c"},
            {"ExpressionAttributeValues", {{":c", {{"S", colour}}}}},
            {"Select", "COUNT"}};
}

// Every entry an index should hold, recomputed from the table's items.
std::multiset<std::string> expected_colours(TestEngine& t, const std::string& region) {
    std::multiset<std::string> out;
    Json start;
    do {
        Json r = {{"TableName", "Things"}};
        if (!start.is_null()) r["ExclusiveStartKey"] = start;
        Json page = t.ok("Scan", r, region);
        for (const auto& i : page.at("Items"))
            if (i.contains("colour"))
                out.insert(i.at("pk").at("S").get<std::string>() + "=" +
                           i.at("colour").at("S").get<std::string>());
        start = page.contains("LastEvaluatedKey") ? page.at("LastEvaluatedKey") : Json();
    } while (!start.is_null());
    return out;
}

std::multiset<std::string> indexed_colours(TestEngine& t, const std::string& region) {
    std::multiset<std::string> out;
    Json start;
    do {
        Json r = {{"TableName", "Things"}, {"IndexName", "byColour"}, {"Limit", 7}};
        if (!start.is_null()) r["ExclusiveStartKey"] = start;
        Json page = t.ok("Scan", r, region);
        for (const auto& i : page.at("Items"))
            out.insert(i.at("pk").at("S").get<std::string>() + "=" +
                       i.at("colour").at("S").get<std::string>());
        start = page.contains("LastEvaluatedKey") ? page.at("LastEvaluatedKey") : Json();
    } while (!start.is_null());
    return out;
}

Json gsi_of(TestEngine& t, const std::string& region = "us-west-2") {
    Json d = t.ok("DescribeTable", {{"TableName", "Things"}}, region).at("Table");
    return d.contains("GlobalSecondaryIndexes") ? d.at("GlobalSecondaryIndexes").at(0) : Json();
}
}  // namespace

class TestIndexLifecycle : public QObject {
    Q_OBJECT

    void load(TestEngine& t, int n) {
        t.create_table("Things", "pk", "S");
        for (int i = 0; i < n; ++i) t.ok("PutItem", {{"TableName", "Things"}, {"Item", item(i)}});
    }

private slots:
    void addGsiToALoadedTable() {
        TestEngine t;
        load(t, 2500);
        Json created = t.ok("UpdateTable", add_gsi_request("Things"))["TableDescription"];
        QCOMPARE(created.at("TableStatus").get<std::string>(), std::string("UPDATING"));
        Json entry = created.at("GlobalSecondaryIndexes").at(0);
        QCOMPARE(entry.at("IndexStatus").get<std::string>(), std::string("CREATING"));
        QCOMPARE(entry.at("Backfilling").get<bool>(), false);
        QCOMPARE(entry.at("ItemCount").get<int>(), 0);

        // Not readable until ACTIVE.
        auto early = t.call("Query", colour_query("red"));
        QVERIFY(!early.ok());
        QCOMPARE(early.error->message,
                 std::string("Cannot read from backfilling global secondary index: byColour"));

        // Allocation ends: the table is ACTIVE again and the index backfills.
        t.engine->advance(30'000);
        Json d = t.ok("DescribeTable", {{"TableName", "Things"}}).at("Table");
        QCOMPARE(d.at("TableStatus").get<std::string>(), std::string("ACTIVE"));
        QCOMPARE(gsi_of(t).at("Backfilling").get<bool>(), true);
        // Writes go on during the backfill: before and after the backfill's position.
        t.ok("PutItem", {{"TableName", "Things"}, {"Item", item(3000)}});  // no colour
        Json recoloured = item(2);
        recoloured["colour"] = {{"S", "green"}};
        t.ok("PutItem", {{"TableName", "Things"}, {"Item", recoloured}});
        Json late = item(2499);
        late["colour"] = {{"S", "green"}};
        t.ok("PutItem", {{"TableName", "Things"}, {"Item", late}});
        t.ok("DeleteItem", J(R"({"TableName": "Things", "Key": {"pk": {"S": "k1"}}})"));

        t.engine->advance(1'000);
        Json active = gsi_of(t);
        QCOMPARE(active.at("IndexStatus").get<std::string>(), std::string("ACTIVE"));
        QVERIFY(!active.contains("Backfilling"));
        QCOMPARE(indexed_colours(t, "us-west-2"), expected_colours(t, "us-west-2"));
        QCOMPARE(active.at("ItemCount").get<std::size_t>(),
                 expected_colours(t, "us-west-2").size());
        QCOMPARE(t.ok("Query", colour_query("green")).at("Count").get<int>(), 2);
        // The new key's type now binds writes.
        Json wrong = item(5000);
        wrong["colour"] = {{"N", "1"}};
        QVERIFY(!t.call("PutItem", {{"TableName", "Things"}, {"Item", wrong}}).ok());
    }

    void backfillResumesAfterARestart() {
        TestEngine t;
        load(t, 3500);
        t.ok("UpdateTable", add_gsi_request("Things"));
        t.engine->advance(30'000);
        t.engine->advance(100);  // one chunk in
        QCOMPARE(gsi_of(t).at("Backfilling").get<bool>(), true);
        t.reopen();
        t.engine->advance(2'000);
        QCOMPARE(gsi_of(t).at("IndexStatus").get<std::string>(), std::string("ACTIVE"));
        QCOMPARE(indexed_colours(t, "us-west-2"), expected_colours(t, "us-west-2"));
    }

    void deleteGsi() {
        TestEngine t;
        load(t, 50);
        t.ok("UpdateTable", add_gsi_request("Things"));
        t.engine->advance(60'000);
        Json del = J(R"({"TableName": "Things", "GlobalSecondaryIndexUpdates": [
                         {"Delete": {"IndexName": "byColour"}}]})");
        Json r = t.ok("UpdateTable", del)["TableDescription"];
        QCOMPARE(r.at("GlobalSecondaryIndexes").at(0).at("IndexStatus").get<std::string>(),
                 std::string("DELETING"));
        auto again = t.call("UpdateTable", del);
        QCOMPARE(again.error->type, std::string("ResourceInUseException"));
        QCOMPARE(again.error->message,
                 std::string("Attempt to change a resource which is still in use: Index is being "
                             "deleted. Table: Things Index: byColour"));
        t.engine->advance(5'000);
        Json d = t.ok("DescribeTable", {{"TableName", "Things"}}).at("Table");
        QVERIFY(!d.contains("GlobalSecondaryIndexes"));
        QCOMPARE(d.at("TableStatus").get<std::string>(), std::string("ACTIVE"));
        // The index's key is no longer defined, nor bound to a type.
        JCOMPARE(d.at("AttributeDefinitions"),
                 J(R"([{"AttributeName": "pk", "AttributeType": "S"}])"));
        Json numeric = item(1);
        numeric["colour"] = {{"N", "7"}};
        t.ok("PutItem", {{"TableName", "Things"}, {"Item", numeric}});
        auto gone = t.call("Query", colour_query("red"));
        QCOMPARE(gone.error->message,
                 std::string("The table does not have the specified index: byColour"));
    }

    void updateErrors_data() {
        QTest::addColumn<QString>("updates");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("message");
        QTest::newRow("two creates")
            << R"([{"Create": {"IndexName": "a1x", "KeySchema": [{"AttributeName": "colour", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}},
                  {"Create": {"IndexName": "a2x", "KeySchema": [{"AttributeName": "colour", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}}])"
            << "LimitExceededException"
            << "Subscriber limit exceeded: Only 1 online index can be created or deleted "
               "simultaneously per table";
        QTest::newRow("same index twice")
            << R"([{"Delete": {"IndexName": "abc"}}, {"Update": {"IndexName": "abc"}}])"
            << "ValidationException"
            << "One or more parameter values were invalid: Only one global secondary index "
               "update per index is allowed simultaneously. Index: abc";
        QTest::newRow("empty action")
            << R"([{}])"
            << "ValidationException"
            << "One or more parameter values were invalid: One of "
               "GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
               "GlobalSecondaryIndexUpdate.Delete must not be null";
        QTest::newRow("unknown index")
            << R"([{"Delete": {"IndexName": "abc"}}])"
            << "ResourceNotFoundException"
            << "Requested resource not found: Index abc for table Things";
        QTest::newRow("key not defined")
            << R"([{"Create": {"IndexName": "byShape", "KeySchema": [{"AttributeName": "shape", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}}])"
            << "ValidationException"
            << "One or more parameter values were invalid: AttributeDefinitions is not "
               "specified for index: byShape";
        QTest::newRow("redefined table key")
            << R"([{"Create": {"IndexName": "byPk", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}], "Projection": {"ProjectionType": "ALL"}}}])"
            << "ValidationException"
            << "One or more parameter values were invalid: Attributes cannot be redefined. "
               "Please check that your attribute has the same type as previously defined. "
               "Existing schema: Schema:[SchemaElement: key{pk:S:HASH}] New schema: "
               "Schema:[SchemaElement: key{pk:N:HASH}]";
    }

    void updateErrors() {
        QFETCH(QString, updates);
        QFETCH(QString, type);
        QFETCH(QString, message);
        TestEngine t;
        load(t, 3);
        Json r = {{"TableName", "Things"},
                  {"AttributeDefinitions", J(R"([{"AttributeName": "colour", "AttributeType": "S"},
                         {"AttributeName": "pk", "AttributeType": "N"}])")},
                  {"GlobalSecondaryIndexUpdates", J(updates.toStdString())}};
        auto res = t.call("UpdateTable", r);
        QVERIFY(!res.ok());
        QCOMPARE(QString::fromStdString(res.error->type), type);
        QCOMPARE(QString::fromStdString(res.error->message), message);
        QVERIFY(gsi_of(t).is_null());  // nothing changed
    }

    void globalTableIndexes() {
        TestEngine t;
        load(t, 40);
        t.ok("UpdateTable", add_gsi_request("Things"));
        t.engine->advance(60'000);
        // A new replica gets the GSI, filled by its backfill.
        t.ok("UpdateTable",
             {{"TableName", "Things"},
              {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", kSydney}}}}})}});
        t.engine->advance(120'000);
        QCOMPARE(gsi_of(t, kSydney).at("IndexStatus").get<std::string>(), std::string("ACTIVE"));
        QCOMPARE(indexed_colours(t, kSydney), expected_colours(t, "us-west-2"));
        Json d = t.ok("DescribeTable", {{"TableName", "Things"}}).at("Table");
        for (const auto& r : d.at("Replicas"))
            JCOMPARE(r.at("GlobalSecondaryIndexes"), J(R"([{"IndexName": "byColour"}])"));

        // Replicated writes keep the replica's index exact.
        Json blue = item(7);
        blue["colour"] = {{"S", "blue"}};
        t.ok("PutItem", {{"TableName", "Things"}, {"Item", blue}});
        t.ok("DeleteItem", J(R"({"TableName": "Things", "Key": {"pk": {"S": "k2"}}})"));
        t.engine->advance(10'000);
        QCOMPARE(indexed_colours(t, kSydney), expected_colours(t, kSydney));
        QCOMPARE(expected_colours(t, kSydney), expected_colours(t, "us-west-2"));

        // A GSI added in Sydney appears in Oregon too; deleting it removes it everywhere.
        Json second = J(R"({"TableName": "Things",
            "AttributeDefinitions": [{"AttributeName": "n", "AttributeType": "N"}],
            "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "byN",
                "KeySchema": [{"AttributeName": "n", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"}}}]})");
        t.ok("UpdateTable", second, kSydney);
        t.engine->advance(60'000);
        Json west = t.ok("DescribeTable", {{"TableName", "Things"}}).at("Table");
        QCOMPARE(west.at("GlobalSecondaryIndexes").size(), std::size_t(2));
        QCOMPARE(west.at("GlobalSecondaryIndexes").at(1).at("IndexStatus").get<std::string>(),
                 std::string("ACTIVE"));
        QCOMPARE(west.at("GlobalSecondaryIndexes").at(1).at("ItemCount").get<int>(),
                 west.at("ItemCount").get<int>());
        t.ok("UpdateTable", J(R"({"TableName": "Things", "GlobalSecondaryIndexUpdates": [
                         {"Delete": {"IndexName": "byN"}}]})"));
        t.engine->advance(10'000);
        QCOMPARE(t.ok("DescribeTable", {{"TableName", "Things"}}, kSydney)
                     .at("Table")
                     .at("GlobalSecondaryIndexes")
                     .size(),
                 std::size_t(1));
    }

    void backupsCarryIndexes() {
        TestEngine t;
        load(t, 30);
        t.ok("UpdateTable", add_gsi_request("Things"));
        t.engine->advance(60'000);
        Json backup = t.ok("CreateBackup", {{"TableName", "Things"}, {"BackupName", "bk1"}});
        const std::string arn = backup.at("BackupDetails").at("BackupArn");
        t.engine->advance(60'000);
        Json desc = t.ok("DescribeBackup", {{"BackupArn", arn}}).at("BackupDescription");
        QCOMPARE(desc.at("SourceTableFeatureDetails")
                     .at("GlobalSecondaryIndexes")
                     .at(0)
                     .at("IndexName")
                     .get<std::string>(),
                 std::string("byColour"));

        t.ok("RestoreTableFromBackup", {{"TargetTableName", "Copy"}, {"BackupArn", arn}});
        t.engine->advance(120'000);
        Json copy = t.ok("DescribeTable", {{"TableName", "Copy"}}).at("Table");
        QCOMPARE(copy.at("GlobalSecondaryIndexes").at(0).at("ItemCount").get<std::size_t>(),
                 expected_colours(t, "us-west-2").size());
        Json q = colour_query("red");
        q["TableName"] = "Copy";
        JCOMPARE(t.ok("Query", q).at("Count"), t.ok("Query", colour_query("red")).at("Count"));

        // Renamed through an override that matches by keys and projection.
        Json renamed = {{"TargetTableName", "Renamed"},
                        {"BackupArn", arn},
                        {"GlobalSecondaryIndexOverride", J(R"([{"IndexName": "colours",
                                "KeySchema": [{"AttributeName": "colour", "KeyType": "HASH"}],
                                "Projection": {"ProjectionType": "ALL"}}])")}};
        t.ok("RestoreTableFromBackup", renamed);
        t.engine->advance(120'000);
        Json none = {{"TargetTableName", "Bare"},
                     {"BackupArn", arn},
                     {"GlobalSecondaryIndexOverride", Json::array()}};
        t.ok("RestoreTableFromBackup", none);
        t.engine->advance(120'000);
        Json mismatch = renamed;
        mismatch["TargetTableName"] = "Bad";
        mismatch["GlobalSecondaryIndexOverride"][0]["Projection"] = {
            {"ProjectionType", "KEYS_ONLY"}};
        auto bad = t.call("RestoreTableFromBackup", mismatch);
        QCOMPARE(bad.error->message,
                 std::string("Index colours does not match a secondary index that existed in the "
                             "source table and cannot be created during the restore operation"));
        t.engine->advance(120'000);
        Json r = t.ok("DescribeTable", {{"TableName", "Renamed"}}).at("Table");
        QCOMPARE(r.at("GlobalSecondaryIndexes").at(0).at("IndexName").get<std::string>(),
                 std::string("colours"));
        QVERIFY(!t.ok("DescribeTable", {{"TableName", "Bare"}})
                     .at("Table")
                     .contains("GlobalSecondaryIndexes"));
    }
};

QTEST_APPLESS_MAIN(TestIndexLifecycle)
#include "tst_index_lifecycle.moc"
