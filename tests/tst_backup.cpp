// On-demand backups and restores: CreateBackup/DescribeBackup/ListBackups/DeleteBackup
// shapes and errors as the service words them, RestoreTableFromBackup (what carries over,
// CREATING with RestoreSummary until filled, then ACTIVE), backups outliving their table,
// the SYSTEM backup a PITR table leaves when deleted, and restarts. tst_backup_snapshot
// checks that a backup taken while writes go on is a consistent snapshot.

#include <QRegularExpression>
#include <QTest>

#include "recovery_helpers.h"

using tablespan::Json;

namespace {
Json item(int i, int version = 0) {
    return {{"pk", {{"S", "k" + std::to_string(i)}}},
            {"v", {{"N", std::to_string(version)}}},
            {"payload", {{"S", std::string(40 + i % 7, 'x')}}}};
}

void put(TestEngine& t, const std::string& table, int i, int version = 0) {
    t.ok("PutItem", {{"TableName", table}, {"Item", item(i, version)}});
}

std::string create_backup(TestEngine& t, const std::string& table, const std::string& name) {
    Json d = t.ok("CreateBackup", {{"TableName", table}, {"BackupName", name}})["BackupDetails"];
    t.engine->run_pending();
    return d["BackupArn"];
}

Json list(TestEngine& t, Json request = Json::object()) {
    return t.ok("ListBackups", request);
}

std::vector<std::string> names(const Json& page) {
    std::vector<std::string> out;
    for (const auto& s : page["BackupSummaries"]) out.push_back(s["BackupName"]);
    return out;
}

Json names_json(std::initializer_list<const char*> n) {
    Json out = Json::array();
    for (const char* s : n) out.push_back(s);
    return out;
}
}  // namespace

class TstBackup : public QObject {
    Q_OBJECT

private slots:
    void createBackupAnswersCreatingThenDescribesAvailable() {
        TestEngine t;
        t.create_table("Music", "pk", "S");
        for (int i = 0; i < 10; ++i) put(t, "Music", i);
        const Json table = t.ok("DescribeTable", {{"TableName", "Music"}})["Table"];
        const long long created = t.clock->now();

        Json d = t.ok("CreateBackup",
                      {{"TableName", "Music"}, {"BackupName", "nightly"}})["BackupDetails"];
        const std::string arn = d["BackupArn"];
        QVERIFY(QRegularExpression(QStringLiteral("^arn:aws:dynamodb:us-west-2:000000000000:"
                                                  "table/Music/backup/%1-[0-9a-f]{8}$")
                                       .arg(created, 14, 10, QLatin1Char('0')))
                    .match(QString::fromStdString(arn))
                    .hasMatch());
        JCOMPARE(d, (Json{{"BackupArn", arn},
                          {"BackupName", "nightly"},
                          {"BackupSizeBytes", table["TableSizeBytes"]},
                          {"BackupStatus", "CREATING"},
                          {"BackupType", "USER"},
                          {"BackupCreationDateTime", created / 1000.0}}));

        t.engine->run_pending();
        Json desc = t.ok("DescribeBackup", {{"BackupArn", arn}})["BackupDescription"];
        JCOMPARE(desc["BackupDetails"]["BackupStatus"], "AVAILABLE");
        JCOMPARE(desc["BackupDetails"]["BackupCreationDateTime"], created / 1000.0);
        QVERIFY(!desc["BackupDetails"].contains("BackupExpiryDateTime"));
        JCOMPARE(
            desc["SourceTableDetails"],
            (Json{{"TableName", "Music"},
                  {"TableId", table["TableId"]},
                  {"TableArn", table["TableArn"]},
                  {"TableSizeBytes", table["TableSizeBytes"]},
                  {"KeySchema", table["KeySchema"]},
                  {"TableCreationDateTime", table["CreationDateTime"]},
                  {"ProvisionedThroughput", {{"ReadCapacityUnits", 0}, {"WriteCapacityUnits", 0}}},
                  {"ItemCount", 10},
                  {"BillingMode", "PAY_PER_REQUEST"}}));
        JCOMPARE(desc["SourceTableFeatureDetails"], Json::object());

        // Names are not unique: the same name makes another backup.
        std::string again = create_backup(t, "Music", "nightly");
        QVERIFY(again != arn);
        JCOMPARE(names(list(t, {{"TableName", "Music"}})), names_json({"nightly", "nightly"}));
    }

    void createBackupIsRefusedUntilTheTableIsReady() {
        TestEngine t;
        EXPECT_ERROR(t.call("CreateBackup", {{"TableName", "Nope"}, {"BackupName", "bk1"}}),
                     "TableNotFoundException", std::string("Table not found: Nope"));
        t.ok("CreateTable", J(R"({"TableName": "Fresh", "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})"));
        // CREATING reads as missing, like the service.
        EXPECT_ERROR(t.call("CreateBackup", {{"TableName", "Fresh"}, {"BackupName", "bk1"}}),
                     "TableNotFoundException", std::string("Table not found: Fresh"));
        t.engine->advance(3'000);
        QCOMPARE(table_status(t, "Fresh"), std::string("ACTIVE"));
        const std::string enabling =
            "Backups are being enabled for the table: Fresh. Please retry later";
        EXPECT_ERROR(t.call("CreateBackup", {{"TableName", "Fresh"}, {"BackupName", "bk1"}}),
                     "ContinuousBackupsUnavailableException", enabling);
        t.engine->advance(2'999);
        EXPECT_ERROR(t.call("CreateBackup", {{"TableName", "Fresh"}, {"BackupName", "bk1"}}),
                     "ContinuousBackupsUnavailableException", enabling);
        t.engine->advance(1);
        t.ok("CreateBackup", {{"TableName", "Fresh"}, {"BackupName", "bk1"}});

        auto bad = t.call("CreateBackup", {{"TableName", "Fresh"}, {"BackupName", "a b"}});
        QCOMPARE(QString::fromStdString(bad.error->type), QStringLiteral("ValidationException"));
        QVERIFY(bad.error->message.find("at 'backupName' failed to satisfy constraint") !=
                std::string::npos);

        // A DELETING table still accepts a backup, which outlives it.
        t.ok("DeleteTable", {{"TableName", "Fresh"}});
        std::string arn = create_backup(t, "Fresh", "last");
        t.engine->advance(10'000);
        JCOMPARE(t.ok("DescribeBackup",
                      {{"BackupArn", arn}})["BackupDescription"]["BackupDetails"]["BackupStatus"],
                 "AVAILABLE");
    }

    void backupArnsAreCheckedAsTheServiceDoes() {
        TestEngine t;
        t.create_table("Music", "pk", "S");
        std::string arn = create_backup(t, "Music", "bk1");
        const std::string missing =
            "arn:aws:dynamodb:us-west-2:000000000000:table/Music/backup/01790000000000-abcdef12";
        EXPECT_ERROR(t.call("DescribeBackup", {{"BackupArn", missing}}), "BackupNotFoundException",
                     "Backup not found: " + missing);
        EXPECT_ERROR(t.call("DeleteBackup", {{"BackupArn", missing}}), "BackupNotFoundException",
                     "Backup not found: " + missing);
        EXPECT_ERROR(t.call("DescribeBackup",
                            {{"BackupArn", "arn:aws:dynamodb:us-west-2:000000000000:table/Music"}}),
                     "ValidationException", std::string("Invalid Backup ARN"));
        EXPECT_ERROR(
            t.call("DescribeBackup", {{"BackupArn",
                                       "arn:aws:dynamodb:xx-fake-1:000000000000:table/Music/backup/"
                                       "01790000000000-abcdef12"}}),
            "ValidationException", std::string("BackupArn is not valid"));
        EXPECT_ERROR(
            t.call("DescribeBackup", {{"BackupArn",
                                       "arn:aws:dynamodb:us-west-2:111122223333:table/Music/backup/"
                                       "01790000000000-abcdef12"}}),
            "AccessDeniedException", std::string("Access is denied"));
        auto short_arn = t.call("DescribeBackup", {{"BackupArn", "arn:short"}});
        QVERIFY(short_arn.error->message.find(
                    "at 'backupArn' failed to satisfy constraint: Member must have length greater "
                    "than or equal to 37") != std::string::npos);
        // The region in the ARN is ignored: the endpoint's region decides (observed).
        std::string swapped = arn;
        swapped.replace(swapped.find("us-west-2"), 9, "eu-west-1");
        JCOMPARE(t.ok("DescribeBackup",
                      {{"BackupArn", swapped}})["BackupDescription"]["BackupDetails"]["BackupArn"],
                 arn);
        EXPECT_ERROR(t.call("DescribeBackup", {{"BackupArn", arn}}, "eu-west-1"),
                     "BackupNotFoundException", "Backup not found: " + arn);
    }

    void listBackupsFiltersAndPages() {
        TestEngine t;
        t.create_table("Alpha", "pk", "S");
        t.create_table("Beta", "pk", "S");
        std::map<std::string, std::string> arn;
        std::map<std::string, double> at;
        for (auto [table, name] : {std::pair{"Alpha", "aa1"}, std::pair{"Beta", "bk1"},
                                   std::pair{"Alpha", "aa2"}, std::pair{"Alpha", "aa3"}}) {
            at[name] = now_seconds(t);
            arn[name] = create_backup(t, table, name);
            t.engine->advance(1'000);
        }
        JCOMPARE(names(list(t)), names_json({"aa1", "bk1", "aa2", "aa3"}));
        JCOMPARE(names(list(t, {{"TableName", "Alpha"}})), names_json({"aa1", "aa2", "aa3"}));
        JCOMPARE(
            names(list(t, {{"TableName", "arn:aws:dynamodb:us-west-2:000000000000:table/Beta"}})),
            names_json({"bk1"}));
        JCOMPARE(names(list(t, {{"TableName", "Gamma"}})), Json::array());
        JCOMPARE(names(list(t, {{"BackupType", "SYSTEM"}})), Json::array());
        JCOMPARE(names(list(t, {{"BackupType", "AWS_BACKUP"}})), Json::array());
        JCOMPARE(names(list(t, {{"BackupType", "ALL"}})), names_json({"aa1", "bk1", "aa2", "aa3"}));
        JCOMPARE(
            list(t, {{"TableName", "Beta"}})["BackupSummaries"][0],
            (Json{{"TableName", "Beta"},
                  {"TableId", t.ok("DescribeTable", {{"TableName", "Beta"}})["Table"]["TableId"]},
                  {"TableArn", "arn:aws:dynamodb:us-west-2:000000000000:table/Beta"},
                  {"BackupArn", arn["bk1"]},
                  {"BackupName", "bk1"},
                  {"BackupCreationDateTime", at["bk1"]},
                  {"BackupStatus", "AVAILABLE"},
                  {"BackupType", "USER"},
                  {"BackupSizeBytes", 0}}));

        // [lower, upper) on the creation time, at millisecond precision.
        JCOMPARE(names(list(t, {{"TimeRangeLowerBound", at["aa2"]}})), names_json({"aa2", "aa3"}));
        JCOMPARE(names(list(t, {{"TimeRangeUpperBound", at["aa2"]}})), names_json({"aa1", "bk1"}));
        JCOMPARE(names(list(t, {{"TimeRangeLowerBound", at["aa2"] + 0.001}})), names_json({"aa3"}));
        EXPECT_ERROR(
            t.call("ListBackups",
                   {{"TimeRangeLowerBound", at["aa3"]}, {"TimeRangeUpperBound", at["aa1"]}}),
            "ValidationException",
            std::string("Time range lower bound must be less than or equal to upper bound"));

        Json page = list(t, {{"Limit", 2}});
        JCOMPARE(names(page), names_json({"aa1", "bk1"}));
        JCOMPARE(page["LastEvaluatedBackupArn"], arn["bk1"]);
        page = list(t, {{"Limit", 2}, {"ExclusiveStartBackupArn", arn["bk1"]}});
        JCOMPARE(names(page), names_json({"aa2", "aa3"}));
        QVERIFY(!page.contains("LastEvaluatedBackupArn"));  // exactly Limit matches
        // The cursor is a position: a deleted backup's ARN still resumes after it.
        t.ok("DeleteBackup", {{"BackupArn", arn["bk1"]}});
        JCOMPARE(names(list(t, {{"ExclusiveStartBackupArn", arn["bk1"]}})),
                 names_json({"aa2", "aa3"}));
        auto over = t.call("ListBackups", {{"Limit", 101}});
        QCOMPARE(QString::fromStdString(over.error->type), QStringLiteral("ValidationException"));
    }

    void deleteBackupAnswersDeletedAndForgetsIt() {
        TestEngine t;
        t.create_table("Music", "pk", "S");
        put(t, "Music", 1);
        std::string arn = create_backup(t, "Music", "bk1");
        Json d = t.ok("DeleteBackup", {{"BackupArn", arn}})["BackupDescription"];
        JCOMPARE(d["BackupDetails"]["BackupStatus"], "DELETED");
        JCOMPARE(d["SourceTableDetails"]["ItemCount"], 1);
        EXPECT_ERROR(t.call("DescribeBackup", {{"BackupArn", arn}}), "BackupNotFoundException",
                     "Backup not found: " + arn);
        EXPECT_ERROR(t.call("DeleteBackup", {{"BackupArn", arn}}), "BackupNotFoundException",
                     "Backup not found: " + arn);
        JCOMPARE(list(t)["BackupSummaries"], Json::array());
        EXPECT_ERROR(
            t.call("RestoreTableFromBackup", {{"TargetTableName", "Back"}, {"BackupArn", arn}}),
            "BackupNotFoundException", "Backup not found: " + arn);
    }

    void restoreCreatesANewTableFromTheSnapshot() {
        TestEngine t;
        t.ok("CreateTable", J(R"({"TableName": "Source", "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "TableClass": "STANDARD_INFREQUENT_ACCESS",
            "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_IMAGE"},
            "SSESpecification": {"Enabled": true, "SSEType": "KMS"},
            "DeletionProtectionEnabled": true})"));
        t.engine->advance(60'000);
        for (int i = 0; i < 50; ++i) put(t, "Source", i);
        const Json source = t.ok("DescribeTable", {{"TableName", "Source"}})["Table"];
        const auto at_backup = scan_all(t, "Source");
        const double backup_time = now_seconds(t);
        std::string arn = create_backup(t, "Source", "before");
        // Writes after the backup are not in it.
        for (int i = 0; i < 10; ++i) put(t, "Source", i, 99);
        for (int i = 10; i < 15; ++i)
            t.ok("DeleteItem",
                 {{"TableName", "Source"}, {"Key", {{"pk", {{"S", "k" + std::to_string(i)}}}}}});
        for (int i = 50; i < 55; ++i) put(t, "Source", i);
        JCOMPARE(
            t.ok("DescribeBackup",
                 {{"BackupArn", arn}})["BackupDescription"]["SourceTableFeatureDetails"],
            (Json{{"StreamDescription", {{"StreamEnabled", true}, {"StreamViewType", "NEW_IMAGE"}}},
                  {"SSEDescription", source["SSEDescription"]}}));

        t.engine->advance(1'000);
        Json d = t.ok("RestoreTableFromBackup",
                      {{"TargetTableName", "Restored"}, {"BackupArn", arn}})["TableDescription"];
        JCOMPARE(d["TableName"], "Restored");
        JCOMPARE(d["TableStatus"], "CREATING");
        JCOMPARE(d["RestoreSummary"], (Json{{"SourceBackupArn", arn},
                                            {"SourceTableArn", source["TableArn"]},
                                            {"RestoreDateTime", backup_time},
                                            {"RestoreInProgress", true}}));
        JCOMPARE(d["KeySchema"], source["KeySchema"]);
        JCOMPARE(d["AttributeDefinitions"], source["AttributeDefinitions"]);
        JCOMPARE(d["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST");
        JCOMPARE(d["SSEDescription"], source["SSEDescription"]);
        QVERIFY(d["TableId"] != source["TableId"]);
        // Dropped by a restore: streams, table class, deletion protection.
        for (const char* absent : {"StreamSpecification", "LatestStreamArn", "TableClassSummary"})
            QVERIFY2(!d.contains(absent), absent);
        JCOMPARE(d["DeletionProtectionEnabled"], false);

        // Not usable while CREATING; the sub-resources answer as for a missing table.
        EXPECT_ERROR(
            t.call("GetItem", {{"TableName", "Restored"}, {"Key", {{"pk", {{"S", "k1"}}}}}}),
            "ResourceNotFoundException", std::string("Requested resource not found"));
        EXPECT_ERROR(t.call("DescribeContinuousBackups", {{"TableName", "Restored"}}),
                     "TableNotFoundException", std::string("Table not found: Restored"));
        QVERIFY(wait_active(t, "Restored"));
        Json active = t.ok("DescribeTable", {{"TableName", "Restored"}})["Table"];
        QVERIFY(!active.contains("RestoreSummary"));
        JCOMPARE(active["ItemCount"], 50);
        JCOMPARE(active["TableSizeBytes"], source["TableSizeBytes"]);
        QVERIFY(scan_all(t, "Restored") == at_backup);
        JCOMPARE(
            t.ok("DescribeContinuousBackups",
                 {{"TableName",
                   "Restored"}})["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"],
            J(R"({"PointInTimeRecoveryStatus": "DISABLED"})"));
        // The restored table is an ordinary table.
        put(t, "Restored", 1000);
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "Restored"}})["Table"]["ItemCount"], 51);
    }

    void restoreConflictsAndOverrides() {
        TestEngine t;
        t.create_table("Source", "pk", "S");
        for (int i = 0; i < 5; ++i) put(t, "Source", i);
        std::string arn = create_backup(t, "Source", "bk1");
        std::string other = create_backup(t, "Source", "bk2");

        EXPECT_ERROR(
            t.call("RestoreTableFromBackup", {{"TargetTableName", "Source"}, {"BackupArn", arn}}),
            "TableAlreadyExistsException", std::string("Table already exists: Source"));
        auto bad_name = t.call("RestoreTableFromBackup",
                               {{"TargetTableName", "bad name!"}, {"BackupArn", arn}});
        QVERIFY(bad_name.error->message.find("at 'targetTableName' failed to satisfy constraint") !=
                std::string::npos);

        t.ok("RestoreTableFromBackup", {{"TargetTableName", "Res1"}, {"BackupArn", arn}});
        // One backup feeds one restore at a time, and cannot be deleted meanwhile.
        EXPECT_ERROR(
            t.call("RestoreTableFromBackup", {{"TargetTableName", "Res2"}, {"BackupArn", arn}}),
            "BackupInUseException", "Backup is being used to restore another table: " + arn);
        EXPECT_ERROR(t.call("DeleteBackup", {{"BackupArn", arn}}), "BackupInUseException",
                     "Backup is being used to restore table: " + arn);
        EXPECT_ERROR(
            t.call("RestoreTableFromBackup", {{"TargetTableName", "Res1"}, {"BackupArn", other}}),
            "TableInUseException", "Table: Res1 is already being restored from backup: " + arn);
        EXPECT_ERROR(t.call("DeleteTable", {{"TableName", "Res1"}}), "ResourceInUseException",
                     std::string("Attempt to change a resource which is still in use: Table is "
                                 "being created: Res1"));
        QVERIFY(wait_active(t, "Res1"));
        t.ok("RestoreTableFromBackup", {{"TargetTableName", "Res2"}, {"BackupArn", arn}});
        QVERIFY(wait_active(t, "Res2"));
        t.ok("DeleteBackup", {{"BackupArn", other}});

        // Overrides.
        EXPECT_ERROR(
            t.call("RestoreTableFromBackup", {{"TargetTableName", "Res3"},
                                              {"BackupArn", arn},
                                              {"BillingModeOverride", "PROVISIONED"}}),
            "ValidationException",
            std::string(
                "Must override ProvisionedThroughput if BillingMode is overridden to PROVISIONED"));
        EXPECT_ERROR(
            t.call("RestoreTableFromBackup",
                   {{"TargetTableName", "Res3"},
                    {"BackupArn", arn},
                    {"ProvisionedThroughputOverride",
                     {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}}}}),
            "ValidationException",
            std::string("Cannot override ProvisionedThroughput unless BillingMode is PROVISIONED"));
        Json with_index = {{"TargetTableName", "Res3"}, {"BackupArn", arn}};
        with_index["GlobalSecondaryIndexOverride"] = J(R"([{"IndexName": "byV",
            "KeySchema": [{"AttributeName": "v", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "ALL"}}])");
        EXPECT_ERROR(
            t.call("RestoreTableFromBackup", with_index), "ValidationException",
            std::string("Index byV does not match a secondary index that existed in the "
                        "source table and cannot be created during the restore operation"));
        // The override's key must exist in the region's KMS.
        const Json key = t.ok("kms:CreateKey", {{"Description", "restores"}})["KeyMetadata"];
        Json d = t.ok("RestoreTableFromBackup",
                      {{"TargetTableName", "Res3"},
                       {"BackupArn", arn},
                       {"BillingModeOverride", "PROVISIONED"},
                       {"ProvisionedThroughputOverride",
                        {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 7}}},
                       {"GlobalSecondaryIndexOverride", Json::array()},
                       {"SSESpecificationOverride",
                        {{"Enabled", true}, {"KMSMasterKeyId", key["KeyId"]}}}})["TableDescription"];
        JCOMPARE(d["ProvisionedThroughput"]["ReadCapacityUnits"], 5);
        JCOMPARE(d["ProvisionedThroughput"]["WriteCapacityUnits"], 7);
        JCOMPARE(d["BillingModeSummary"]["BillingMode"], "PROVISIONED");
        JCOMPARE(d["SSEDescription"]["KMSMasterKeyArn"], key["Arn"]);
        QVERIFY(wait_active(t, "Res3"));
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "Res3"}})["Table"]["ItemCount"], 5);

        // A backup ARN of another region is a cross-region restore.
        std::string elsewhere = arn;
        elsewhere.replace(elsewhere.find("us-west-2"), 9, "us-east-1");
        EXPECT_ERROR(t.call("RestoreTableFromBackup",
                            {{"TargetTableName", "Res4"}, {"BackupArn", elsewhere}}),
                     "ValidationException",
                     std::string("Invalid Request: sseSpecificationOverride must be provided for "
                                 "cross-region restores"));
    }

    void backupsOutliveTheirTable() {
        TestEngine t;
        t.create_table("Music", "pk", "S");
        for (int i = 0; i < 3; ++i) put(t, "Music", i);
        const auto first_items = scan_all(t, "Music");
        std::string first = create_backup(t, "Music", "first");
        const Json first_id = t.ok("DescribeTable", {{"TableName", "Music"}})["Table"]["TableId"];
        t.ok("DeleteTable", {{"TableName", "Music"}});
        t.engine->advance(10'000);
        EXPECT_ERROR(t.call("DescribeTable", {{"TableName", "Music"}}), "ResourceNotFoundException",
                     std::string("Requested resource not found: Table: Music not found"));
        JCOMPARE(t.ok("DescribeBackup",
                      {{"BackupArn", first}})["BackupDescription"]["SourceTableDetails"]["TableId"],
                 first_id);

        // Same name, new incarnation: both backups list under the name, told apart by TableId.
        t.create_table("Music", "pk", "S");
        put(t, "Music", 7);
        create_backup(t, "Music", "second");
        Json page = list(t, {{"TableName", "Music"}});
        JCOMPARE(names(page), names_json({"first", "second"}));
        QVERIFY(page["BackupSummaries"][0]["TableId"] != page["BackupSummaries"][1]["TableId"]);

        t.ok("RestoreTableFromBackup", {{"TargetTableName", "MusicBack"}, {"BackupArn", first}});
        QVERIFY(wait_active(t, "MusicBack"));
        QVERIFY(scan_all(t, "MusicBack") == first_items);
    }

    void deletingAPitrTableLeavesASystemBackup() {
        TestEngine t;
        t.create_table("Orders", "pk", "S");
        for (int i = 0; i < 4; ++i) put(t, "Orders", i);
        const auto items = scan_all(t, "Orders");
        t.ok(
            "UpdateContinuousBackups",
            J(R"({"TableName": "Orders", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}})"));
        t.ok("DeleteTable", {{"TableName", "Orders"}});
        // Created when the table disappears, not before.
        JCOMPARE(list(t, {{"BackupType", "ALL"}})["BackupSummaries"], Json::array());
        t.engine->advance(2'000);
        const double deleted_at = now_seconds(t);
        EXPECT_ERROR(t.call("DescribeTable", {{"TableName", "Orders"}}),
                     "ResourceNotFoundException",
                     std::string("Requested resource not found: Table: Orders not found"));
        JCOMPARE(list(t, {{"TableName", "Orders"}})["BackupSummaries"],
                 Json::array());  // USER only
        Json system =
            list(t, {{"TableName", "Orders"}, {"BackupType", "SYSTEM"}})["BackupSummaries"];
        QCOMPARE(system.size(), std::size_t{1});
        const std::string arn = system[0]["BackupArn"];
        JCOMPARE(system[0]["BackupName"], "Orders$DeletedTableBackup");
        JCOMPARE(system[0]["BackupType"], "SYSTEM");
        JCOMPARE(system[0]["BackupStatus"], "AVAILABLE");
        QVERIFY(arn.size() > 9 && arn.substr(arn.size() - 9) == "-00000000");
        JCOMPARE(system[0]["BackupCreationDateTime"], deleted_at);
        const double expires = deleted_at + 35 * 86400.0;
        JCOMPARE(system[0]["BackupExpiryDateTime"], expires);
        JCOMPARE(t.ok("DescribeBackup",
                      {{"BackupArn", arn}})["BackupDescription"]["SourceTableFeatureDetails"],
                 Json::object());
        EXPECT_ERROR(t.call("DeleteBackup", {{"BackupArn", arn}}), "ValidationException",
                     "User is not allowed to delete the system backup with arn " + arn +
                         ". It will automatically expire on " +
                         tablespan::format_iso8601(static_cast<long long>(expires * 1000)));

        // It restores the table as it was just before the deletion.
        t.ok("RestoreTableFromBackup", {{"TargetTableName", "OrdersBack"}, {"BackupArn", arn}});
        QVERIFY(wait_active(t, "OrdersBack"));
        QVERIFY(scan_all(t, "OrdersBack") == items);

        // Expires after 35 days.
        t.engine->advance(35LL * 86'400'000 - 60'000);
        QVERIFY(t.call("DescribeBackup", {{"BackupArn", arn}}).ok());
        t.engine->advance(60'000);
        EXPECT_ERROR(t.call("DescribeBackup", {{"BackupArn", arn}}), "BackupNotFoundException",
                     "Backup not found: " + arn);
    }

    void noSystemBackupWithoutPitr() {
        TestEngine t;
        t.create_table("Plain", "pk", "S");
        t.ok("DeleteTable", {{"TableName", "Plain"}});
        t.create_table("Flip", "pk", "S");
        t.ok(
            "UpdateContinuousBackups",
            J(R"({"TableName": "Flip", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": true}})"));
        t.ok("DeleteTable", {{"TableName", "Flip"}});
        // Disabling PITR while DELETING suppresses the SYSTEM backup (observed).
        t.ok(
            "UpdateContinuousBackups",
            J(R"({"TableName": "Flip", "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": false}})"));
        t.engine->advance(10'000);
        JCOMPARE(list(t, {{"BackupType", "ALL"}})["BackupSummaries"], Json::array());
    }

    void backupsAndRestoresSurviveARestart() {
        TestEngine t;
        t.create_table("Music", "pk", "S");
        for (int i = 0; i < 20; ++i) put(t, "Music", i);
        const auto items = scan_all(t, "Music");
        std::string arn = create_backup(t, "Music", "keep");
        const Json before = t.ok("DescribeBackup", {{"BackupArn", arn}});
        t.ok("RestoreTableFromBackup", {{"TargetTableName", "Back"}, {"BackupArn", arn}});
        JCOMPARE(table_status(t, "Back"), "CREATING");

        t.reopen();
        JCOMPARE(t.ok("DescribeBackup", {{"BackupArn", arn}}), before);
        JCOMPARE(names(list(t)), names_json({"keep"}));
        QVERIFY(wait_active(t, "Back"));
        QVERIFY(scan_all(t, "Back") == items);
        t.ok("DeleteBackup", {{"BackupArn", arn}});
        t.reopen();
        JCOMPARE(list(t)["BackupSummaries"], Json::array());
    }
};

QTEST_APPLESS_MAIN(TstBackup)
#include "tst_backup.moc"
