// Tables: lifecycle on engine time, DescribeTable's shape, ListTables pages, UpdateTable
// and DeleteTable, and CreateTable's validation errors as the service words them.

#include <QRegularExpression>
#include <QFileInfo>
#include <QTest>

#include "engine_fixture.h"

using tablespan::Json;

class TstTables : public QObject {
    Q_OBJECT

private slots:
    void tableCountsNameOnlyTheRegionsInUse() {
        TestEngine t;
        t.create_table("one", "pk", "S");
        t.create_table("two", "pk", "S");
        t.create_table("three", "pk", "S", {}, {}, "eu-west-1");
        const auto counts = t.engine->table_counts();
        QCOMPARE(counts.at("us-west-2"), 2);
        QCOMPARE(counts.at("eu-west-1"), 1);
        // Asking creates nothing: a region never used has no entry and no file.
        QVERIFY(!counts.count("ap-south-1"));
        QVERIFY(!QFileInfo::exists(
            QString::fromStdString(t.engine->data_dir() + "/regions/ap-south-1.sqlite")));
    }

    void createTableGoesActiveAfterCreatingOnEngineTime() {
        TestEngine t;
        auto created = t.ok("CreateTable", J(R"({"TableName": "Music",
            "AttributeDefinitions": [{"AttributeName": "Artist", "AttributeType": "S"},
                                     {"AttributeName": "SongTitle", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"},
                          {"AttributeName": "SongTitle", "KeyType": "RANGE"}],
            "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 10}})"));
        JCOMPARE(created["TableDescription"]["TableStatus"], "CREATING");

        // Data operations do not see a CREATING table.
        auto put = t.call(
            "PutItem",
            J(R"({"TableName": "Music", "Item": {"Artist": {"S": "a"}, "SongTitle": {"S": "b"}}})"));
        JCOMPARE(put.error->type, "ResourceNotFoundException");

        t.engine->advance(2'999);
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "Music"}})["Table"]["TableStatus"],
                 "CREATING");
        t.engine->advance(1);
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "Music"}})["Table"]["TableStatus"], "ACTIVE");
    }

    void describeTableHasTheServiceShape() {
        TestEngine t;
        t.ok("CreateTable", J(R"({"TableName": "Music",
            "AttributeDefinitions": [{"AttributeName": "Artist", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"}],
            "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 10}})"));
        t.engine->advance(10'000);
        Json d = t.ok("DescribeTable", {{"TableName", "Music"}}, "us-west-2")["Table"];
        JCOMPARE(d["TableArn"], "arn:aws:dynamodb:us-west-2:000000000000:table/Music");
        QVERIFY(QRegularExpression(
                    QStringLiteral(
                        "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
                    .match(QString::fromStdString(d["TableId"].get<std::string>()))
                    .hasMatch());
        JCOMPARE(
            d["ProvisionedThroughput"],
            J(R"({"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 5, "WriteCapacityUnits": 10})"));
        JCOMPARE(d["ItemCount"], 0);
        JCOMPARE(d["TableSizeBytes"], 0);
        JCOMPARE(d["DeletionProtectionEnabled"], false);
        JCOMPARE(d["CreationDateTime"].get<double>(), t.clock->now() / 1000.0 - 10.0);
        // Provisioned without BillingMode: the service leaves these out.
        for (const char* absent :
             {"BillingModeSummary", "StreamSpecification", "LatestStreamArn", "SSEDescription",
              "TableClassSummary", "GlobalTableVersion", "Replicas", "RestoreSummary"})
            QVERIFY2(!d.contains(absent), absent);

        // The same name in another region is another table.
        JCOMPARE(t.call("DescribeTable", {{"TableName", "Music"}}, "eu-west-1").error->message,
                 "Requested resource not found: Table: Music not found");
    }

    void onDemandStreamClassAndEncryptionAreDescribed() {
        TestEngine t;
        t.ok("CreateTable", J(R"({"TableName": "Events",
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "N"}],
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "BillingMode": "PAY_PER_REQUEST", "TableClass": "STANDARD_INFREQUENT_ACCESS",
            "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"},
            "SSESpecification": {"Enabled": true, "SSEType": "KMS"},
            "DeletionProtectionEnabled": true, "Tags": [{"Key": "team", "Value": "core"}]})"));
        Json d = t.ok("DescribeTable", {{"TableName", "Events"}})["Table"];
        JCOMPARE(d["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST");
        QVERIFY(d["BillingModeSummary"].contains("LastUpdateToPayPerRequestDateTime"));
        JCOMPARE(d["ProvisionedThroughput"]["ReadCapacityUnits"], 0);
        JCOMPARE(d["TableClassSummary"]["TableClass"], "STANDARD_INFREQUENT_ACCESS");
        JCOMPARE(d["StreamSpecification"],
                 J(R"({"StreamEnabled": true, "StreamViewType": "NEW_AND_OLD_IMAGES"})"));
        QVERIFY(d["LatestStreamArn"].get<std::string>().starts_with(
            "arn:aws:dynamodb:us-west-2:000000000000:table/Events/stream/"));
        JCOMPARE(d["SSEDescription"]["SSEType"], "KMS");
        QVERIFY(d["SSEDescription"]["KMSMasterKeyArn"].get<std::string>().starts_with(
            "arn:aws:kms:us-west-2:"));
        JCOMPARE(d["DeletionProtectionEnabled"], true);
    }

    void listTablesPagesByName() {
        TestEngine t;
        for (const char* name : {"delta", "alpha", "charlie", "bravo", "echo"})
            t.create_table(name, "pk", "S");
        Json page1 = t.ok("ListTables", {{"Limit", 2}});
        JCOMPARE(page1["TableNames"], J(R"(["alpha", "bravo"])"));
        JCOMPARE(page1["LastEvaluatedTableName"], "bravo");
        Json page2 = t.ok("ListTables", {{"Limit", 2}, {"ExclusiveStartTableName", "bravo"}});
        JCOMPARE(page2["TableNames"], J(R"(["charlie", "delta"])"));
        Json page3 = t.ok("ListTables", {{"Limit", 2}, {"ExclusiveStartTableName", "delta"}});
        JCOMPARE(page3["TableNames"], J(R"(["echo"])"));
        QVERIFY(!page3.contains("LastEvaluatedTableName"));
        JCOMPARE(t.ok("ListTables", Json::object(), "ap-southeast-2")["TableNames"], Json::array());
    }

    void updateTableMovesThroughUpdating() {
        TestEngine t;
        t.ok("CreateTable", J(R"({"TableName": "Tab",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}})"));
        // Not while CREATING.
        auto busy =
            t.call("UpdateTable", J(R"({"TableName": "Tab", "BillingMode": "PAY_PER_REQUEST"})"));
        JCOMPARE(busy.error->type, "ResourceInUseException");
        JCOMPARE(busy.error->message,
                 "Attempt to change a resource which is still in use: Table is being created: Tab");
        t.engine->advance(5'000);

        auto same = t.call(
            "UpdateTable",
            J(R"({"TableName": "Tab", "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}})"));
        JCOMPARE(same.error->type, "ValidationException");
        QVERIFY(same.error->message.starts_with(
            "The provisioned throughput for the table will not change."));

        Json up = t.ok(
            "UpdateTable",
            J(R"({"TableName": "Tab", "ProvisionedThroughput": {"ReadCapacityUnits": 10, "WriteCapacityUnits": 2}})"));
        JCOMPARE(up["TableDescription"]["TableStatus"], "UPDATING");
        Json pt = up["TableDescription"]["ProvisionedThroughput"];
        JCOMPARE(pt["ReadCapacityUnits"], 10);
        JCOMPARE(pt["NumberOfDecreasesToday"], 1);
        QVERIFY(pt.contains("LastIncreaseDateTime") && pt.contains("LastDecreaseDateTime"));
        t.engine->advance(2'000);
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "Tab"}})["Table"]["TableStatus"], "ACTIVE");

        Json od =
            t.ok("UpdateTable", J(R"({"TableName": "Tab", "BillingMode": "PAY_PER_REQUEST"})"));
        JCOMPARE(od["TableDescription"]["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST");
        t.engine->advance(2'000);
        auto none = t.call("UpdateTable", J(R"({"TableName": "Tab"})"));
        JCOMPARE(none.error->type, "ValidationException");
        QVERIFY(none.error->message.starts_with("At least one of ProvisionedThroughput"));
    }

    void deleteTableHonoursDeletionProtection() {
        TestEngine t;
        t.create_table("Tab", "pk", "S");
        t.ok("UpdateTable", J(R"({"TableName": "Tab", "DeletionProtectionEnabled": true})"));
        auto refused = t.call("DeleteTable", {{"TableName", "Tab"}});
        JCOMPARE(refused.error->type, "ValidationException");
        JCOMPARE(refused.error->message,
                 "Resource cannot be deleted as it is currently protected against deletion. "
                 "Disable deletion protection first.");
        t.ok("UpdateTable", J(R"({"TableName": "Tab", "DeletionProtectionEnabled": false})"));
        t.ok("PutItem", J(R"({"TableName": "Tab", "Item": {"pk": {"S": "x"}}})"));

        Json deleting = t.ok("DeleteTable", {{"TableName", "Tab"}});
        JCOMPARE(deleting["TableDescription"]["TableStatus"], "DELETING");
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "Tab"}})["Table"]["TableStatus"], "DELETING");
        t.engine->advance(2'000);
        JCOMPARE(t.call("DescribeTable", {{"TableName", "Tab"}}).error->type,
                 "ResourceNotFoundException");
        // The name is free again, and the new table starts empty.
        t.create_table("Tab", "pk", "S");
        JCOMPARE(t.ok("Scan", {{"TableName", "Tab"}})["Count"], 0);
    }

    void createTableErrors_data() {
        QTest::addColumn<QString>("request");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("message");
        const QString keys = QStringLiteral(
            R"("AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
               "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}])");
        QTest::newRow("short name")
            << (QStringLiteral(R"({"TableName": "ab", "BillingMode": "PAY_PER_REQUEST", )") + keys +
                QStringLiteral("}"))
            << "ValidationException"
            << "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy "
               "constraint: Member must have length greater than or equal to 3";
        QTest::newRow("bad characters and short")
            << (QStringLiteral(R"({"TableName": "a!", "BillingMode": "PAY_PER_REQUEST", )") + keys +
                QStringLiteral("}"))
            << "ValidationException"
            << "2 validation errors detected: Value 'a!' at 'tableName' failed to satisfy "
               "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value "
               "'a!' at 'tableName' failed to satisfy constraint: Member must have length greater "
               "than or equal to 3";
        QTest::newRow("no key schema")
            << QStringLiteral(R"({"TableName": "abc", "BillingMode": "PAY_PER_REQUEST"})")
            << "ValidationException"
            << "2 validation errors detected: Value null at 'attributeDefinitions' failed to "
               "satisfy constraint: Member must not be null; Value null at 'keySchema' failed to "
               "satisfy constraint: Member must not be null";
        QTest::newRow("provisioned without throughput")
            << (QStringLiteral(R"({"TableName": "abc", )") + keys + QStringLiteral("}"))
            << "ValidationException"
            << "One or more parameter values were invalid: ReadCapacityUnits and "
               "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED";
        QTest::newRow("on-demand with throughput")
            << (QStringLiteral(
                    R"({"TableName": "abc", "BillingMode": "PAY_PER_REQUEST", "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}, )") +
                keys + QStringLiteral("}"))
            << "ValidationException"
            << "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
               "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST";
        QTest::newRow("key not defined")
            << QStringLiteral(R"({"TableName": "abc", "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "b", "KeyType": "HASH"}]})")
            << "ValidationException"
            << "One or more parameter values were invalid: Some index key attributes are not "
               "defined in AttributeDefinitions. Keys: [b], AttributeDefinitions: [a]";
        QTest::newRow("first key not HASH")
            << QStringLiteral(R"({"TableName": "abc", "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "a", "KeyType": "RANGE"}]})")
            << "ValidationException"
            << "Invalid KeySchema: The first KeySchemaElement is not a HASH key type";
        QTest::newRow("extra definition")
            << QStringLiteral(R"({"TableName": "abc", "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}]})")
            << "ValidationException"
            << "One or more parameter values were invalid: Number of attributes in KeySchema does "
               "not exactly match number of attributes defined in AttributeDefinitions";
        QTest::newRow("same name for both keys")
            << QStringLiteral(R"({"TableName": "abc", "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "S"}, {"AttributeName": "b", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "a", "KeyType": "RANGE"}]})")
            << "ValidationException"
            << "Both the Hash Key and the Range Key element in the KeySchema have the same name";
        QTest::newRow("bad attribute type")
            << QStringLiteral(R"({"TableName": "abc", "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [{"AttributeName": "a", "AttributeType": "X"}],
                "KeySchema": [{"AttributeName": "a", "KeyType": "HASH"}]})")
            << "ValidationException"
            << "1 validation error detected: Value 'X' at "
               "'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member "
               "must satisfy enum value set: [S, N, B]";
    }

    void createTableErrors() {
        QFETCH(QString, request);
        QFETCH(QString, type);
        QFETCH(QString, message);
        TestEngine t;
        auto r = t.call("CreateTable", Json::parse(request.toStdString()));
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error->type), type);
        QCOMPARE(QString::fromStdString(r.error->message), message);
        JCOMPARE(t.ok("ListTables", Json::object())["TableNames"], Json::array());
    }

    void createTableTwiceIsInUse() {
        TestEngine t;
        t.create_table("Tab", "pk", "S");
        Json again = J(R"({"TableName": "Tab", "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})");
        auto r = t.call("CreateTable", again);
        JCOMPARE(r.error->type, "ResourceInUseException");
        JCOMPARE(r.error->message, "Table already exists: Tab");
    }

    void unknownOperationAndRegion() {
        TestEngine t;
        JCOMPARE(t.call("FlyToTheMoon", Json::object()).error->type, "UnknownOperationException");
        JCOMPARE(t.call("ListTables", Json::object(), "us-fake-1").error->type,
                 "UnrecognizedClientException");
    }
};

QTEST_APPLESS_MAIN(TstTables)
#include "tst_tables.moc"
