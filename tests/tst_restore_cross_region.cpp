// Cross-region restores (a backup or SourceTableArn of another region): the SSE override,
// the target region's key, RestoreSummary with the source's ARNs, each check against its
// region (target name, restore limit, BackupInUse across regions), consistency while the
// source writes, an unreachable source (refused, or the table gone mid-restore), restarts,
// and two regions racing for one backup on real threads.

#include <QTest>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "recovery_helpers.h"

using tablespan::Json;
using tablespan::Millis;

namespace {
constexpr Millis kMinute = 60'000;
const std::string kWest = "us-west-2";
const std::string kIreland = "eu-west-1";
const std::string kSydney = "ap-southeast-2";

// Zero-padded keys, so that key order is numeric order.
std::string key(int i) {
    std::string digits = std::to_string(i);
    return "k" + std::string(5 - digits.size(), '0') + digits;
}

Json item(int i, int version) {
    return {{"pk", {{"S", key(i)}}},
            {"v", {{"N", std::to_string(version)}}},
            {"payload", {{"S", std::string(40 + i % 7, 'x')}}}};
}

Json sse_override() {
    return {{"Enabled", true}, {"SSEType", "KMS"}};
}

// Writes items [from, to) at `version`, 25 to a BatchWriteItem.
void put_range(TestEngine& t, const std::string& table, int from, int to, int version) {
    for (int i = from; i < to;) {
        Json requests = Json::array();
        for (; i < to && requests.size() < 25; ++i)
            requests.push_back({{"PutRequest", {{"Item", item(i, version)}}}});
        t.ok("BatchWriteItem", {{"RequestItems", {{table, requests}}}});
    }
}

Json describe(TestEngine& t, const std::string& table, const std::string& region) {
    return t.ok("DescribeTable", {{"TableName", table}}, region)["Table"];
}

std::string create_backup(TestEngine& t, const std::string& table, const std::string& name) {
    Json d = t.ok("CreateBackup", {{"TableName", table}, {"BackupName", name}})["BackupDetails"];
    t.engine->run_pending();
    return d["BackupArn"];
}

Json from_backup(const std::string& target, const std::string& arn, bool sse = true) {
    Json r = {{"TargetTableName", target}, {"BackupArn", arn}};
    if (sse) r["SSESpecificationOverride"] = sse_override();
    return r;
}

std::string table_arn(const std::string& region, const std::string& table) {
    return "arn:aws:dynamodb:" + region + ":000000000000:table/" + table;
}

Json to_point_in_time(const std::string& source_arn, const std::string& target, Millis at) {
    return {{"SourceTableArn", source_arn},
            {"TargetTableName", target},
            {"RestoreDateTime", at / 1000.0},
            {"SSESpecificationOverride", sse_override()}};
}

std::string in_use(const std::string& arn) {
    return "Backup is being used to restore another table: " + arn;
}

// A table in us-west-2 with `n` items and PITR enabled.
void pitr_table(TestEngine& t, const std::string& table, int n) {
    t.create_table(table, "pk", "S");
    t.ok("UpdateContinuousBackups",
         {{"TableName", table},
          {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}}}});
    put_range(t, table, 0, n, 1);
}
}  // namespace

class TstRestoreCrossRegion : public QObject {
    Q_OBJECT

private slots:
    void backupRestoredInAnotherRegion() {
        TestEngine t;
        t.create_table("Music", "pk", "S");
        put_range(t, "Music", 0, 40, 1);
        const std::string arn = create_backup(t, "Music", "nightly");
        const Json backup = t.ok("DescribeBackup", {{"BackupArn", arn}})["BackupDescription"];
        const auto at_backup = scan_all(t, "Music", kWest);
        const Json source = describe(t, "Music", kWest);
        // The source keeps changing after the backup.
        put_range(t, "Music", 30, 50, 2);
        t.ok("DeleteItem", {{"TableName", "Music"}, {"Key", {{"pk", {{"S", key(3)}}}}}});

        Json d =
            t.ok("RestoreTableFromBackup", from_backup("Music", arn), kIreland)["TableDescription"];
        JCOMPARE(d["TableStatus"], "CREATING");
        JCOMPARE(d["TableArn"], table_arn(kIreland, "Music"));
        QVERIFY(d["TableId"] != source["TableId"]);
        JCOMPARE(d["KeySchema"], source["KeySchema"]);
        JCOMPARE(d["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST");
        // The override gives the new table a key of its own region.
        const std::string kms = d["SSEDescription"]["KMSMasterKeyArn"];
        QVERIFY2(kms.rfind("arn:aws:kms:eu-west-1:000000000000:key/", 0) == 0, kms.c_str());
        // RestoreSummary names the source region's backup and table.
        const Json summary = {
            {"SourceBackupArn", arn},
            {"SourceTableArn", table_arn(kWest, "Music")},
            {"RestoreDateTime", backup["BackupDetails"]["BackupCreationDateTime"]},
            {"RestoreInProgress", true}};
        JCOMPARE(d["RestoreSummary"], summary);

        // DescribeTable in the target region while CREATING, then ACTIVE.
        Json creating = describe(t, "Music", kIreland);
        JCOMPARE(creating["TableStatus"], "CREATING");
        JCOMPARE(creating["RestoreSummary"], summary);
        QVERIFY(wait_active(t, "Music", kIreland));
        Json active = describe(t, "Music", kIreland);
        QVERIFY(!active.contains("RestoreSummary"));
        JCOMPARE(active["ItemCount"], 40);
        JCOMPARE(active["SSEDescription"]["KMSMasterKeyArn"], kms);
        QVERIFY(scan_all(t, "Music", kIreland) == at_backup);
        JCOMPARE(describe(t, "Music", kWest)["ItemCount"], 49);  // the source is untouched
    }

    void sseOverrideIsRequiredAndTheKeyIsTheTargetRegions() {
        TestEngine t;
        pitr_table(t, "Src", 3);
        const std::string arn = create_backup(t, "Src", "bk1");
        t.engine->advance(10 * kMinute);
        const std::string missing =
            "Invalid Request: sseSpecificationOverride must be provided for cross-region "
            "restores";
        EXPECT_ERROR(t.call("RestoreTableFromBackup", from_backup("Res1", arn, false), kIreland),
                     "ValidationException", missing);
        Json pitr = {{"SourceTableArn", table_arn(kWest, "Src")},
                     {"TargetTableName", "Res1"},
                     {"UseLatestRestorableTime", true}};
        EXPECT_ERROR(t.call("RestoreTableToPointInTime", pitr, kIreland), "ValidationException",
                     missing);
        // It comes before anything about the source: a missing one too.
        std::string no_backup = arn;
        no_backup.replace(no_backup.find("/Src/"), 5, "/Nope/");
        EXPECT_ERROR(
            t.call("RestoreTableFromBackup", from_backup("Res1", no_backup, false), kIreland),
            "ValidationException", missing);
        EXPECT_ERROR(t.call("RestoreTableFromBackup", from_backup("Res1", no_backup), kIreland),
                     "BackupNotFoundException", "Backup not found: " + no_backup);
        Json nope = pitr;
        nope["SourceTableArn"] = table_arn(kWest, "Nope");
        EXPECT_ERROR(t.call("RestoreTableToPointInTime", nope, kIreland), "ValidationException",
                     missing);
        nope["SSESpecificationOverride"] = sse_override();
        EXPECT_ERROR(t.call("RestoreTableToPointInTime", nope, kIreland), "TableNotFoundException",
                     std::string("Table not found: Nope"));

        // A key id names a key of the target region; Enabled=false is the AWS owned key.
        const Json key =
            t.ok("kms:CreateKey", {{"Description", "restores"}}, kIreland)["KeyMetadata"];
        QVERIFY(key["Arn"].get<std::string>().rfind("arn:aws:kms:eu-west-1:", 0) == 0);
        Json named = from_backup("Res1", arn);
        named["SSESpecificationOverride"]["KMSMasterKeyId"] = key["KeyId"];
        JCOMPARE(t.ok("RestoreTableFromBackup", named,
                      kIreland)["TableDescription"]["SSEDescription"]["KMSMasterKeyArn"],
                 key["Arn"]);
        pitr["SSESpecificationOverride"] = {{"Enabled", false}};
        pitr["TargetTableName"] = "Res2";
        Json owned = t.ok("RestoreTableToPointInTime", pitr, kIreland)["TableDescription"];
        QVERIFY(!owned.contains("SSEDescription"));
        JCOMPARE(owned["RestoreSummary"]["SourceTableArn"], table_arn(kWest, "Src"));
        QVERIFY(!owned["RestoreSummary"].contains("SourceBackupArn"));
        for (const char* name : {"Res1", "Res2"}) {
            QVERIFY(wait_active(t, name, kIreland));
            JCOMPARE(describe(t, name, kIreland)["ItemCount"], 3);
        }
    }

    // A source of more than one restore chunk (4,000 items), which keeps writing — and
    // even drops its PITR history — while the target is filled. The target holds the
    // state at the chosen second.
    void pointInTimeRestoreWhileTheSourceKeepsWriting() {
        constexpr int kItems = 4'100;
        TestEngine t;
        pitr_table(t, "Ledger", kItems);
        t.engine->advance(kMinute);
        const Millis at = t.clock->now() / 1000 * 1000 + 1000;  // a whole second
        t.engine->advance(2'000);
        const auto at_second = scan_all(t, "Ledger", kWest);
        // After the chosen second: updates, deletes and new keys on both sides of the
        // first chunk's end.
        put_range(t, "Ledger", 3'990, 4'010, 2);
        put_range(t, "Ledger", kItems, kItems + 30, 2);
        for (int i : {5, 3'995, 4'050})
            t.ok("DeleteItem", {{"TableName", "Ledger"}, {"Key", {{"pk", {{"S", key(i)}}}}}});
        t.engine->advance(10 * kMinute);

        // As soon as the restore is accepted the source changes keys of both chunks, and
        // turns PITR off (its history goes): all of it durable before the target's first
        // chunk commits, so before its second chunk reads.
        int chunks = 0;
        int acked = 0;
        int acked_after_chunks = 0;
        auto count = [&](tablespan::Result r) {
            if (!r.ok()) qFatal("%s", r.error->message.c_str());
            ++acked;
            acked_after_chunks = std::max(acked_after_chunks, chunks);
        };
        int id = t.engine->events().subscribe([&](const tablespan::EngineEvent& e) {
            if (auto* c = std::get_if<tablespan::ItemsChanged>(&e);
                c && c->region == kSydney && c->table == "LedgerAtT")
                ++chunks;
            auto* s = std::get_if<tablespan::TableStatusChanged>(&e);
            if (!s || s->region != kSydney || s->table != "LedgerAtT" || s->status != "CREATING")
                return;
            for (int i : {7, 4'020, 4'080, kItems + 500})
                t.engine->call(kWest, "PutItem", {{"TableName", "Ledger"}, {"Item", item(i, 3)}},
                               count);
            t.engine->call(kWest, "DeleteItem",
                           {{"TableName", "Ledger"}, {"Key", {{"pk", {{"S", key(4'090)}}}}}},
                           count);
            t.engine->call(
                kWest, "UpdateContinuousBackups",
                {{"TableName", "Ledger"},
                 {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", false}}}},
                count);
        });
        Json d = t.ok("RestoreTableToPointInTime",
                      to_point_in_time(table_arn(kWest, "Ledger"), "LedgerAtT", at),
                      kSydney)["TableDescription"];
        t.engine->run_pending();
        t.engine->events().unsubscribe(id);
        QCOMPARE(acked, 6);
        QCOMPARE(chunks, 2);
        QCOMPARE(acked_after_chunks, 0);
        JCOMPARE(d["RestoreSummary"], (Json{{"SourceTableArn", table_arn(kWest, "Ledger")},
                                            {"RestoreDateTime", at / 1000.0},
                                            {"RestoreInProgress", true}}));
        JCOMPARE(d["TableArn"], table_arn(kSydney, "LedgerAtT"));
        JCOMPARE(describe(t, "LedgerAtT", kSydney)["RestoreSummary"], d["RestoreSummary"]);

        QVERIFY(wait_active(t, "LedgerAtT", kSydney));
        QVERIFY(scan_all(t, "LedgerAtT", kSydney) == at_second);
        JCOMPARE(describe(t, "LedgerAtT", kSydney)["ItemCount"], kItems);
        // The source has every write.
        JCOMPARE(scan_all(t, "Ledger", kWest)[key(4'020)]["v"]["N"], "3");
        // PITR does not carry over.
        JCOMPARE(t.ok("DescribeContinuousBackups", {{"TableName", "LedgerAtT"}},
                      kSydney)["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"],
                 J(R"({"PointInTimeRecoveryStatus": "DISABLED"})"));
    }

    void targetNameIsCheckedInTheTargetRegion() {
        TestEngine t;
        pitr_table(t, "Music", 5);
        const std::string arn = create_backup(t, "Music", "bk1");
        t.engine->advance(10 * kMinute);
        t.create_table("Taken", "pk", "S", {}, {}, kIreland);
        EXPECT_ERROR(t.call("RestoreTableFromBackup", from_backup("Taken", arn), kIreland),
                     "TableAlreadyExistsException", std::string("Table already exists: Taken"));
        EXPECT_ERROR(t.call("RestoreTableToPointInTime",
                            to_point_in_time(table_arn(kWest, "Music"), "Taken",
                                             t.clock->now() - 6 * kMinute),
                            kIreland),
                     "TableAlreadyExistsException", std::string("Table already exists: Taken"));
        // The source's own name is free in another region.
        t.ok("RestoreTableFromBackup", from_backup("Music", arn), kIreland);
        EXPECT_ERROR(t.call("RestoreTableFromBackup", from_backup("Music", arn), kSydney),
                     "BackupInUseException", in_use(arn));
        QVERIFY(wait_active(t, "Music", kIreland));
        // "Taken" in us-west-2 does not exist: fine there, in-region.
        t.ok("RestoreTableFromBackup", {{"TargetTableName", "Taken"}, {"BackupArn", arn}});
        QVERIFY(wait_active(t, "Taken", kWest));
    }

    // The 50 concurrent restores are counted in the region the restores run in.
    void restoreLimitCountsTheTargetRegion() {
        TestEngine t;
        pitr_table(t, "Music", 2);
        t.engine->advance(10 * kMinute);
        const Millis at = t.clock->now() - 6 * kMinute;
        for (int i = 0; i < 50; ++i)
            t.ok("RestoreTableToPointInTime",
                 to_point_in_time(table_arn(kWest, "Music"), "Copy" + std::to_string(i), at),
                 kIreland);
        EXPECT_ERROR(t.call("RestoreTableToPointInTime",
                            to_point_in_time(table_arn(kWest, "Music"), "OneMore", at), kIreland),
                     "LimitExceededException",
                     std::string("Subscriber limit exceeded: Only 50 restore operations can be "
                                 "done simultaneously"));
        // Other regions, the source's included, have their own 50.
        for (const std::string& region : {kSydney, kWest})
            t.ok("RestoreTableToPointInTime",
                 to_point_in_time(table_arn(kWest, "Music"), "OneMore", at), region);
        QVERIFY(wait_active(t, "Copy49", kIreland));
        t.ok("RestoreTableToPointInTime",
             to_point_in_time(table_arn(kWest, "Music"), "OneMore", at), kIreland);
    }

    void oneBackupFeedsOneRestoreAcrossRegions() {
        TestEngine t;
        t.create_table("Music", "pk", "S");
        put_range(t, "Music", 0, 5, 1);
        const std::string arn = create_backup(t, "Music", "bk1");

        t.ok("RestoreTableFromBackup", from_backup("InIreland", arn), kIreland);
        // The backup's region knows it is in use: for restores in any region, and DeleteBackup.
        EXPECT_ERROR(t.call("RestoreTableFromBackup", from_backup("InSydney", arn), kSydney),
                     "BackupInUseException", in_use(arn));
        EXPECT_ERROR(
            t.call("RestoreTableFromBackup", {{"TargetTableName", "Here"}, {"BackupArn", arn}}),
            "BackupInUseException", in_use(arn));
        EXPECT_ERROR(t.call("DeleteBackup", {{"BackupArn", arn}}), "BackupInUseException",
                     "Backup is being used to restore table: " + arn);
        QVERIFY(wait_active(t, "InIreland", kIreland));

        // And the other way round: an in-region restore holds it against other regions.
        t.ok("RestoreTableFromBackup", {{"TargetTableName", "Here"}, {"BackupArn", arn}});
        EXPECT_ERROR(t.call("RestoreTableFromBackup", from_backup("InSydney", arn), kSydney),
                     "BackupInUseException", in_use(arn));
        QVERIFY(wait_active(t, "Here", kWest));
        t.ok("RestoreTableFromBackup", from_backup("InSydney", arn), kSydney);
        QVERIFY(wait_active(t, "InSydney", kSydney));
        QCOMPARE(scan_all(t, "InSydney", kSydney).size(), std::size_t{5});
        t.ok("DeleteBackup", {{"BackupArn", arn}});
        EXPECT_ERROR(t.call("RestoreTableFromBackup", from_backup("Later", arn), kIreland),
                     "BackupNotFoundException", "Backup not found: " + arn);
    }

    void unreachableSourceRegion() {
        TestEngine t;
        pitr_table(t, "Music", 5);
        const std::string arn = create_backup(t, "Music", "bk1");
        t.engine->advance(10 * kMinute);
        const Millis at = t.clock->now() - 6 * kMinute;
        const std::string unreachable =
            "The source region us-west-2 cannot be reached from eu-west-1 (a simulated outage or "
            "cut link): retry the restore once the network has healed.";
        auto& network = t.engine->network();

        // Refused up front while the source region is offline, or cut off from the target.
        network.set_region_online(kWest, false);
        EXPECT_ERROR(t.call("RestoreTableFromBackup", from_backup("Res", arn), kIreland),
                     "ServiceUnavailable", unreachable);
        EXPECT_ERROR(t.call("RestoreTableToPointInTime",
                            to_point_in_time(table_arn(kWest, "Music"), "Res", at), kIreland),
                     "ServiceUnavailable", unreachable);
        QCOMPARE(
            t.call("RestoreTableFromBackup", from_backup("Res", arn), kIreland).error->http_status,
            503);
        network.set_region_online(kWest, true);
        network.set_link_cut(kWest, kIreland, true);
        EXPECT_ERROR(t.call("RestoreTableFromBackup", from_backup("Res", arn), kIreland),
                     "ServiceUnavailable", unreachable);
        // Another region still reaches it.
        t.ok("RestoreTableToPointInTime", to_point_in_time(table_arn(kWest, "Music"), "Res", at),
             kSydney);
        network.set_link_cut(kWest, kIreland, false);
        QVERIFY(!t.call("DescribeTable", {{"TableName", "Res"}}, kIreland).ok());

        // Going offline once the request was accepted: the restore fails, and its table
        // goes from CREATING to DELETING to gone.
        for (const char* op : {"RestoreTableFromBackup", "RestoreTableToPointInTime"}) {
            std::vector<std::string> statuses;
            int id = t.engine->events().subscribe([&](const tablespan::EngineEvent& e) {
                auto* s = std::get_if<tablespan::TableStatusChanged>(&e);
                if (!s || s->region != kIreland || s->table != "Lost") return;
                statuses.push_back(s->status);
                if (s->status == "CREATING") network.set_region_online(kWest, false);
            });
            Json request = std::string(op) == "RestoreTableFromBackup"
                               ? from_backup("Lost", arn)
                               : to_point_in_time(table_arn(kWest, "Music"), "Lost", at);
            JCOMPARE(t.ok(op, request, kIreland)["TableDescription"]["TableStatus"], "CREATING");
            QVERIFY(wait_gone(t, "Lost", kIreland));
            t.engine->events().unsubscribe(id);
            QCOMPARE(statuses, (std::vector<std::string>{"CREATING", "DELETING", ""}));
            network.set_region_online(kWest, true);
        }
        // The failed restore let go of the backup.
        t.ok("RestoreTableFromBackup", from_backup("Lost", arn), kIreland);
        QVERIFY(wait_active(t, "Lost", kIreland));
        JCOMPARE(describe(t, "Lost", kIreland)["ItemCount"], 5);
    }

    // A restart while the restored table is filled but still CREATING: it turns ACTIVE, and
    // its claim on the backup holds until then.
    void restartKeepsTheClaimUntilActive() {
        TestEngine t;
        t.create_table("Music", "pk", "S");
        put_range(t, "Music", 0, 5, 1);
        const std::string arn = create_backup(t, "Music", "bk1");
        t.ok("RestoreTableFromBackup", from_backup("Copy", arn), kIreland);
        t.reopen();
        JCOMPARE(describe(t, "Copy", kIreland)["TableStatus"], "CREATING");
        EXPECT_ERROR(t.call("RestoreTableFromBackup", from_backup("Other", arn), kSydney),
                     "BackupInUseException", in_use(arn));
        QVERIFY(wait_active(t, "Copy", kIreland));
        QCOMPARE(scan_all(t, "Copy", kIreland).size(), std::size_t{5});
        t.ok("RestoreTableFromBackup", from_backup("Other", arn), kSydney);
    }

    // Claims live in memory. After a restart the first request can be a DeleteBackup in
    // the backup's region, queued before the region that runs the restore has run at all:
    // the claim must already hold. Two restores, each the other's mirror, so that this is
    // met whichever region the engine opens first.
    void restartClaimsBeforeTheFirstRequest() {
        TestEngine t;
        t.create_table("Music", "pk", "S");
        put_range(t, "Music", 0, 5, 1);
        const std::string west = create_backup(t, "Music", "bk1");
        t.create_table("Books", "pk", "S", {}, {}, kIreland);
        t.ok("PutItem", {{"TableName", "Books"}, {"Item", item(1, 1)}}, kIreland);
        const std::string ireland =
            t.ok("CreateBackup", {{"TableName", "Books"}, {"BackupName", "bk2"}},
                 kIreland)["BackupDetails"]["BackupArn"];
        t.engine->run_pending();
        t.ok("RestoreTableFromBackup", from_backup("MusicCopy", west), kIreland);
        t.ok("RestoreTableFromBackup", from_backup("BooksCopy", ireland), kWest);
        t.reopen();
        EXPECT_ERROR(t.call("DeleteBackup", {{"BackupArn", west}}), "BackupInUseException",
                     "Backup is being used to restore table: " + west);
        t.reopen();
        EXPECT_ERROR(t.call("DeleteBackup", {{"BackupArn", ireland}}, kIreland),
                     "BackupInUseException", "Backup is being used to restore table: " + ireland);
        QVERIFY(wait_active(t, "MusicCopy", kIreland));
        QVERIFY(wait_active(t, "BooksCopy", kWest));
        t.ok("DeleteBackup", {{"BackupArn", west}});
        t.ok("DeleteBackup", {{"BackupArn", ireland}}, kIreland);
    }

    // Real threads and a real clock: two regions race to restore one backup while the
    // source keeps writing. Exactly one wins; its table is the backup.
    void realThreadsRaceForOneBackup() {
        RealTimeEngine t;
        auto& engine = t.engine;
        auto sync = [&](const std::string& region, const std::string& op, const Json& request) {
            return t.ok(region, op, request);
        };
        t.create_backed_up_table(kWest, "Live");
        constexpr int kKeys = 300;
        for (int i = 0; i < kKeys; ++i)
            sync(kWest, "PutItem", {{"TableName", "Live"}, {"Item", item(i, 0)}});
        const std::string arn =
            sync(kWest, "CreateBackup",
                 {{"TableName", "Live"}, {"BackupName", "race"}})["BackupDetails"]["BackupArn"];
        while (sync(kWest, "DescribeBackup",
                    {{"BackupArn", arn}})["BackupDescription"]["BackupDetails"]["BackupStatus"] !=
               "AVAILABLE")
            std::this_thread::yield();

        // Engine time nearly stands still while they race, so that the first restore still
        // holds the backup (its table is CREATING for 3 s of it) when the second arrives.
        engine->set_time_scale(0.001);
        std::mutex m;
        std::condition_variable cv;
        std::map<std::string, tablespan::Result> results;
        for (const std::string& region : {kIreland, kSydney})
            engine->call(region, "RestoreTableFromBackup", from_backup("Copy", arn),
                         [&, region](tablespan::Result r) {
                             std::lock_guard lock(m);
                             results[region] = std::move(r);
                             cv.notify_all();
                         });
        std::thread writer([&] {
            for (int i = 0; i < kKeys; i += 10)
                sync(kWest, "PutItem", {{"TableName", "Live"}, {"Item", item(i, 1)}});
        });
        {
            std::unique_lock lock(m);
            cv.wait(lock, [&] { return results.size() == 2; });
        }
        engine->set_time_scale(1000.0);
        writer.join();
        const bool ireland = results[kIreland].ok();
        QVERIFY2(ireland != results[kSydney].ok(),
                 (ireland ? "both restores succeeded" : results[kIreland].error->message.c_str()));
        const tablespan::Result& lost = results[ireland ? kSydney : kIreland];
        QCOMPARE(QString::fromStdString(lost.error->type), QStringLiteral("BackupInUseException"));
        const std::string winner = ireland ? kIreland : kSydney;
        while (sync(winner, "DescribeTable", {{"TableName", "Copy"}})["Table"]["TableStatus"] !=
               "ACTIVE")
            std::this_thread::yield();
        Json page = sync(winner, "Scan", {{"TableName", "Copy"}});
        QCOMPARE(page["Items"].size(), std::size_t{kKeys});
        for (const auto& i : page["Items"]) QCOMPARE(i["v"]["N"].get<std::string>(), "0");
        // Its claim goes with the restore: the backup can be deleted.
        for (;;) {
            auto r = engine->call_sync(kWest, "DeleteBackup", {{"BackupArn", arn}});
            if (r.ok()) break;
            QCOMPARE(QString::fromStdString(r.error->type), QStringLiteral("BackupInUseException"));
            std::this_thread::yield();
        }
    }
};

QTEST_APPLESS_MAIN(TstRestoreCrossRegion)
#include "tst_restore_cross_region.moc"
