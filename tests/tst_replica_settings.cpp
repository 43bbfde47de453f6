// Global tables: the settings that travel across the replication group and those that
// stay with one replica — encryption fans out (each region with a key of its own),
// deletion protection stays regional and guards a replica against removal from any
// member region, and a replica change in progress locks protection and table class.

#include <QTest>

#include "engine_fixture.h"

using tablespan::Json;

namespace {
const char* kWest = "us-west-2";
const char* kSydney = "ap-southeast-2";
const char* kIreland = "eu-west-1";

Json replica_update(const std::string& action, const std::string& region) {
    return {{"TableName", "courses"},
            {"ReplicaUpdates", Json::array({{{action, {{"RegionName", region}}}}})}};
}

struct Group : TestEngine {
    Group() {
        create_table("courses", "courseid", "S");
        ok("UpdateTable", replica_update("Create", kSydney));
        engine->advance(60'000);
    }
    Json describe(const std::string& region) {
        return ok("DescribeTable", {{"TableName", "courses"}}, region)["Table"];
    }
};
}  // namespace

class TstReplicaSettings : public QObject {
    Q_OBJECT

private slots:
    void encryptionFansOutWithARegionalKey() {
        Group g;
        QVERIFY(!g.describe(kSydney).contains("SSEDescription"));
        g.ok("UpdateTable", {{"TableName", "courses"},
                             {"SSESpecification", {{"Enabled", true}, {"SSEType", "KMS"}}}});
        g.engine->advance(10'000);
        Json west = g.describe(kWest), sydney = g.describe(kSydney);
        JCOMPARE(sydney["TableStatus"], "ACTIVE");
        JCOMPARE(sydney["SSEDescription"]["SSEType"], "KMS");
        JCOMPARE(sydney["SSEDescription"]["Status"], "ENABLED");
        const auto sydneyKey = sydney["SSEDescription"]["KMSMasterKeyArn"].get<std::string>();
        const auto westKey = west["SSEDescription"]["KMSMasterKeyArn"].get<std::string>();
        QVERIFY2(sydneyKey.rfind("arn:aws:kms:ap-southeast-2:", 0) == 0, sydneyKey.c_str());
        QVERIFY2(westKey.rfind("arn:aws:kms:us-west-2:", 0) == 0, westKey.c_str());

        // Back to the AWS owned key, from the other region this time.
        g.ok("UpdateTable", {{"TableName", "courses"}, {"SSESpecification", {{"Enabled", false}}}},
             kSydney);
        g.engine->advance(10'000);
        QVERIFY(!g.describe(kWest).contains("SSEDescription"));
        QVERIFY(!g.describe(kSydney).contains("SSEDescription"));
    }

    void deletionProtectionStaysWithItsReplica() {
        Group g;
        g.ok("UpdateTable", {{"TableName", "courses"}, {"DeletionProtectionEnabled", true}},
             kSydney);
        g.engine->advance(10'000);
        JCOMPARE(g.describe(kSydney)["DeletionProtectionEnabled"], true);
        JCOMPARE(g.describe(kWest)["DeletionProtectionEnabled"], false);
    }

    void aProtectedReplicaCannotBeRemovedFromAnotherRegion() {
        Group g;
        g.ok("UpdateTable", {{"TableName", "courses"}, {"DeletionProtectionEnabled", true}},
             kSydney);
        g.engine->run_pending();
        auto r = g.call("UpdateTable", replica_update("Delete", kSydney));
        QVERIFY(r.error);
        QCOMPARE(r.error->type, std::string("ValidationException"));
        QCOMPARE(r.error->message,
                 std::string("Cannot delete table courses in region ap-southeast-2 because it "
                             "has deletion protection enabled. Disable deletion protection "
                             "first."));
        JCOMPARE(g.describe(kSydney)["TableStatus"], "ACTIVE");
        JCOMPARE(g.describe(kWest)["Replicas"][0]["ReplicaStatus"], "ACTIVE");

        // Turned off in Sydney, the removal goes through.
        g.ok("UpdateTable", {{"TableName", "courses"}, {"DeletionProtectionEnabled", false}},
             kSydney);
        g.engine->run_pending();
        g.ok("UpdateTable", replica_update("Delete", kSydney));
        g.engine->advance(60'000);
        QVERIFY(!g.describe(kWest).contains("Replicas"));
        QVERIFY(g.call("DescribeTable", {{"TableName", "courses"}}, kSydney).error);
    }

    void aReplicaChangeInProgressLocksProtectionAndTableClass() {
        Group g;
        g.ok("UpdateTable", replica_update("Create", kIreland));
        g.engine->run_pending();
        // Sydney is ACTIVE itself, but the group is adding Ireland.
        for (const Json& change :
             {Json{{"TableName", "courses"}, {"DeletionProtectionEnabled", true}},
              Json{{"TableName", "courses"}, {"TableClass", "STANDARD_INFREQUENT_ACCESS"}}}) {
            for (const char* region : {kWest, kSydney}) {
                auto r = g.call("UpdateTable", change, region);
                QVERIFY(r.error);
                QCOMPARE(r.error->type, std::string("ResourceInUseException"));
                QCOMPARE(r.error->message,
                         std::string("The resource which you are attempting to change is in use."));
            }
        }
        g.engine->advance(60'000);
        JCOMPARE(g.describe(kIreland)["TableStatus"], "ACTIVE");
        g.ok("UpdateTable", {{"TableName", "courses"}, {"DeletionProtectionEnabled", true}},
             kSydney);
        JCOMPARE(g.describe(kSydney)["DeletionProtectionEnabled"], true);
    }
};

QTEST_GUILESS_MAIN(TstReplicaSettings)
#include "tst_replica_settings.moc"
