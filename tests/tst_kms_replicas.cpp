// A global table whose replicas each use a KMS key of their own region, and a replica
// whose key becomes unusable: its data plane fails, replication to and from it halts
// while the other replicas keep their changes pending, it turns
// INACCESSIBLE_ENCRYPTION_CREDENTIALS in every member's view, recovers and catches up
// when its key is enabled in time, and after 20 hours leaves the group as a regional
// table with its items. Restarts in the middle change nothing.
//
// Texts: reference §1.4 (ACK#DDB-TABLE-309/313/312/311); timings: details/DDB-TABLE-329.md
// (the replica's status after ~80 min) and the 20 hours the service documents.

#include <QTest>

#include <optional>

#include "kms_fixture.h"

using tablespan::Json;
using tablespan::Millis;

namespace {
const char* kWest = "us-west-2";
const char* kEast = "us-east-1";
const char* kIreland = "eu-west-1";

Json create_replica(const std::string& region, const std::optional<std::string>& key = {}) {
    Json create = {{"RegionName", region}};
    if (key) create["KMSMasterKeyId"] = *key;
    return {{"TableName", "orders"}, {"ReplicaUpdates", Json::array({{{"Create", create}}})}};
}

// orders in us-west-2 and us-east-1, each with a customer managed key of its region.
struct KmsGroup : KmsEngine {
    std::string west_key, east_key;
    KmsGroup() {
        west_key = create_key(kWest)["Arn"];
        east_key = create_key(kEast)["Arn"];
        create_encrypted_table("orders", west_key);
        ok("UpdateTable", create_replica(kEast, east_key));
        engine->advance(60'000);
    }
    Json replica_entry(const std::string& from, const std::string& of) {
        const Json table = describe("orders", from);
        for (const auto& r : table.value("Replicas", Json::array()))
            if (r["RegionName"] == of) return r;
        return nullptr;
    }
    std::int64_t pending(const std::string& source, const std::string& destination) {
        return engine->replication_metrics().pending("orders", source, destination);
    }
    bool has_item(const std::string& region, const std::string& pk) {
        auto r = get("orders", pk, region);
        return r.ok() && r.body.contains("Item");
    }
};
}  // namespace

class TstKmsReplicas : public QObject {
    Q_OBJECT

private slots:
    void eachReplicaUsesAKeyOfItsRegion() {
        KmsGroup g;
        JCOMPARE(g.describe("orders", kEast)["SSEDescription"]["KMSMasterKeyArn"], g.east_key);
        JCOMPARE(g.describe("orders", kWest)["SSEDescription"]["KMSMasterKeyArn"], g.west_key);
        // A customer managed key shows in the others' Replicas lists.
        JCOMPARE(g.replica_entry(kWest, kEast)["KMSMasterKeyId"], g.east_key);
        JCOMPARE(g.replica_entry(kEast, kWest)["KMSMasterKeyId"], g.west_key);
        QVERIFY(!g.put("orders", "a").error);
        g.engine->advance(10'000);
        QVERIFY(g.has_item(kEast, "a"));
    }

    void replicaKeyErrors() {
        KmsGroup g;
        const std::string ireland_key = g.create_key(kIreland)["Arn"];
        auto r = g.call("UpdateTable", create_replica(kIreland));
        QCOMPARE(error_of(r), std::string("ValidationException: One or more parameter values were "
                                          "invalid: KMSMasterKeyId must be specified for each "
                                          "replica."));
        // A key of another region (reference §1.4: "KMS validation error for region ...").
        r = g.call("UpdateTable", create_replica(kIreland, g.west_key));
        QVERIFY2(starts_with(error_of(r),
                             "ValidationException: KMS validation error for region eu-west-1: "
                             "com.amazonaws.services.kms.model.NotFoundException: Invalid arn "
                             "us-west-2 (Service: AWSKMS; "),
                 error_of(r).c_str());
        r = g.call("UpdateTable", create_replica(kIreland, "alias/aws/dynamodb"));
        QCOMPARE(error_of(r), std::string("ValidationException: One or more parameter values were "
                                          "invalid: All replica keys must either be Customer "
                                          "Managed CMK or AWS Managed CMK."));
        g.ok("kms:DisableKey", {{"KeyId", ireland_key}}, kIreland);
        r = g.call("UpdateTable", create_replica(kIreland, ireland_key));
        QVERIFY(starts_with(error_of(r),
                            "ValidationException: KMS key disabled error for region "
                            "eu-west-1: com.amazonaws.services.kms.model."
                            "DisabledException: " +
                                ireland_key + " is disabled."));
        // Update{KMSMasterKeyId} is always refused (reference §1.4).
        r = g.call("UpdateTable",
                   {{"TableName", "orders"},
                    {"ReplicaUpdates",
                     Json::array({{{"Update",
                                    {{"RegionName", kEast}, {"KMSMasterKeyId", g.east_key}}}}})}});
        QCOMPARE(error_of(r), std::string("ValidationException: One or more parameter values were "
                                          "invalid: KMSMasterKeyId must be specified for each "
                                          "replica."));
    }

    void anAwsManagedTableGivesEachReplicaItsRegionsKey() {
        KmsEngine e;
        e.create_encrypted_table("orders", "alias/aws/dynamodb");
        e.ok("UpdateTable", create_replica(kEast));
        e.engine->advance(60'000);
        const Json east_managed =
            e.ok("kms:DescribeKey", {{"KeyId", "alias/aws/dynamodb"}}, kEast)["KeyMetadata"];
        JCOMPARE(e.describe("orders", kEast)["SSEDescription"]["KMSMasterKeyArn"],
                 east_managed["Arn"]);
        const Json west = e.describe("orders", kWest);
        for (const auto& r : west["Replicas"])
            QVERIFY(!r.contains("KMSMasterKeyId"));
        // The replica region's KMS lists the key its table uses.
        JCOMPARE(e.ok("kms:ListKeys", Json::object(), kEast)["Keys"][0]["KeyArn"],
                 east_managed["Arn"]);
        const std::string east_cmk = e.create_key(kIreland)["Arn"];
        auto r = e.call("UpdateTable", create_replica(kIreland, east_cmk));
        QCOMPARE(error_of(r), std::string("ValidationException: One or more parameter values were "
                                          "invalid: All replica keys must either be Customer "
                                          "Managed CMK or AWS Managed CMK."));
    }

    void aDisabledReplicaKeyHaltsReplicationAndRecovers() {
        KmsGroup g;
        QVERIFY(!g.put("orders", "before").error);
        g.engine->advance(10'000);
        const Millis disabled_at = g.clock->now();
        g.ok("kms:DisableKey", {{"KeyId", g.east_key}}, kEast);

        // After the cached data key: the replica's data plane fails, the source's works.
        g.engine->advance(6 * kMinuteMs);
        QVERIFY(starts_with(error_of(g.get("orders", "before", kEast)), disabled_text(g.east_key)));
        QVERIFY(!g.put("orders", "during", kWest).error);
        g.engine->advance(10 * kMinuteMs);
        // Replication to the replica waits; the source keeps the change pending.
        QCOMPARE(g.pending(kWest, kEast), std::int64_t{1});
        JCOMPARE(g.describe("orders", kEast)["TableStatus"], "ACTIVE");

        // ~80 minutes after DisableKey both views show it (details/DDB-TABLE-329.md).
        g.engine->advance(disabled_at + 80 * kMinuteMs - g.clock->now() - 1);
        JCOMPARE(g.replica_entry(kWest, kEast)["ReplicaStatus"], "ACTIVE");
        g.engine->advance(1);
        g.engine->run_pending();
        Json east = g.describe("orders", kEast);
        JCOMPARE(east["TableStatus"], "INACCESSIBLE_ENCRYPTION_CREDENTIALS");
        // Not populated in a replica's region (DDB-TABLE-329).
        QVERIFY(!east["SSEDescription"].contains("InaccessibleEncryptionDateTime"));
        JCOMPARE(g.replica_entry(kWest, kEast)["ReplicaStatus"],
                 "INACCESSIBLE_ENCRYPTION_CREDENTIALS");
        QVERIFY(!g.replica_entry(kWest, kEast).contains("ReplicaInaccessibleDateTime"));
        JCOMPARE(g.describe("orders", kWest)["TableStatus"], "ACTIVE");
        // A new replica waits for the group's encryption (DDB-TABLE-311).
        const std::string ireland_key = g.create_key(kIreland)["Arn"];
        QVERIFY(starts_with(error_of(g.call("UpdateTable", create_replica(kIreland, ireland_key))),
                            "ValidationException: Operation cannot be performed while replica "
                            "server-side encryption status is in UPDATING state."));

        // Enabled in time: the data plane after 5 minutes, and the pending change arrives.
        const Millis enabled_at = g.clock->now();
        g.ok("kms:EnableKey", {{"KeyId", g.east_key}}, kEast);
        g.engine->advance(5 * kMinuteMs);
        g.engine->advance(10'000);
        QVERIFY(g.has_item(kEast, "during"));
        QCOMPARE(g.pending(kWest, kEast), std::int64_t{0});
        // ACTIVE again after the recovery delay, in both views.
        g.engine->advance(enabled_at + 37 * kMinuteMs + 30'000 - g.clock->now());
        g.engine->run_pending();
        JCOMPARE(g.describe("orders", kEast)["TableStatus"], "ACTIVE");
        JCOMPARE(g.replica_entry(kWest, kEast)["ReplicaStatus"], "ACTIVE");
        QVERIFY(!g.put("orders", "after", kEast).error);
        g.engine->advance(10'000);
        QVERIFY(g.has_item(kWest, "after"));
    }

    void theReplicasPendingChangesWaitToo() {
        KmsGroup g;
        g.ok("kms:DisableKey", {{"KeyId", g.east_key}}, kEast);
        // A write in the replica's region just before its data key expires stays there.
        g.engine->advance(5 * kMinuteMs);
        g.engine->network().set_link_cut(kEast, kWest, true);
        QVERIFY(!g.put("orders", "late", kEast).error);
        g.engine->advance(31'000);
        g.engine->network().set_link_cut(kEast, kWest, false);
        g.engine->advance(kHourMs);
        QVERIFY(!g.has_item(kWest, "late"));
        QCOMPARE(g.pending(kEast, kWest), std::int64_t{1});
        g.ok("kms:EnableKey", {{"KeyId", g.east_key}}, kEast);
        g.engine->advance(6 * kMinuteMs);
        QVERIFY(g.has_item(kWest, "late"));
    }

    void after20HoursTheReplicaLeavesWithItsItems() {
        KmsGroup g;
        QVERIFY(!g.put("orders", "kept").error);
        g.engine->advance(10'000);
        const Millis disabled_at = g.clock->now();
        g.ok("kms:DisableKey", {{"KeyId", g.east_key}}, kEast);
        const Millis detected = disabled_at + 80 * kMinuteMs;
        g.engine->advance(detected + 20 * kHourMs - g.clock->now() - 1);
        g.engine->run_pending();
        QVERIFY(g.describe("orders", kWest).contains("Replicas"));
        g.engine->advance(1);
        g.engine->run_pending();
        // The others drop it: orders in us-west-2 is a regional table again.
        Json west = g.describe("orders", kWest);
        QVERIFY(!west.contains("Replicas"));
        QVERIFY(!west.contains("GlobalTableVersion"));
        JCOMPARE(west["TableStatus"], "ACTIVE");
        // The replica stays, regional, inaccessible, with its items.
        Json east = g.describe("orders", kEast);
        QVERIFY(!east.contains("Replicas"));
        JCOMPARE(east["TableStatus"], "INACCESSIBLE_ENCRYPTION_CREDENTIALS");
        JCOMPARE(east["ItemCount"], 1);
        // Regional now: it shows the detection time, and its key coming back recovers it.
        JCOMPARE(east["SSEDescription"]["InaccessibleEncryptionDateTime"],
                 static_cast<double>(detected) / 1000.0);
        g.ok("kms:EnableKey", {{"KeyId", g.east_key}}, kEast);
        g.engine->advance(40 * kMinuteMs);
        JCOMPARE(g.describe("orders", kEast)["TableStatus"], "ACTIVE");
        QVERIFY(g.has_item(kEast, "kept"));
        // Writes no longer travel either way.
        QVERIFY(!g.put("orders", "west only", kWest).error);
        g.engine->advance(10'000);
        QVERIFY(!g.has_item(kEast, "west only"));
    }

    void aRestartInTheMiddle() {
        KmsGroup g;
        const Millis disabled_at = g.clock->now();
        g.ok("kms:DisableKey", {{"KeyId", g.east_key}}, kEast);
        g.engine->advance(10 * kMinuteMs);
        QVERIFY(!g.put("orders", "during").error);
        g.reopen();
        // Replication still waits after the restart (the hold is restored).
        g.engine->advance(10 * kMinuteMs);
        QCOMPARE(g.pending(kWest, kEast), std::int64_t{1});
        g.engine->advance(disabled_at + 80 * kMinuteMs - g.clock->now());
        g.engine->run_pending();
        JCOMPARE(g.replica_entry(kWest, kEast)["ReplicaStatus"],
                 "INACCESSIBLE_ENCRYPTION_CREDENTIALS");
        g.reopen();
        JCOMPARE(g.describe("orders", kEast)["TableStatus"], "INACCESSIBLE_ENCRYPTION_CREDENTIALS");
        g.ok("kms:EnableKey", {{"KeyId", g.east_key}}, kEast);
        g.engine->advance(6 * kMinuteMs);
        g.reopen();
        g.engine->advance(10'000);
        QVERIFY(g.has_item(kEast, "during"));
        g.engine->advance(kHourMs);
        JCOMPARE(g.replica_entry(kWest, kEast)["ReplicaStatus"], "ACTIVE");
    }
};

QTEST_APPLESS_MAIN(TstKmsReplicas)
#include "tst_kms_replicas.moc"
