// Auto scaling of provisioned capacity: UpdateTableReplicaAutoScaling and
// DescribeTableReplicaAutoScaling, and target tracking on engine time as Application
// Auto Scaling runs it for DynamoDB:
// - scale out once consumed capacity stayed above the target utilization for 2
//   consecutive minutes, scale in once it stayed 20 points or more below it for 15
//   (AWS re:Post knowledge center "dynamodb-auto-scaling"; DG:AutoScaling, which also
//   bounds the target to 20..90 %);
// - the new capacity is the consumed rate over the target, within MinimumUnits and
//   MaximumUnits, and a scale-in keeps the provisioned throughput decrease limits;
// - a provisioned table may get replicas only with write auto scaling
//   (../shared/reference/dynamodb-semantics.md §1.3, ACK DDB-TABLE-188).
// Error texts the reference does not record are Tablespan's; the tests check their
// exception names and what the message names.

#include <QTest>

#include <memory>

#include "engine_fixture.h"

using tablespan::Json;
using tablespan::Millis;

namespace {
// 2026-10-09 00:00:00 UTC: a minute (and a UTC day) starts here.
constexpr Millis kStart = 1'791'504'000'000;

Json item(int i) {
    return {{"id", {{"S", "k" + std::to_string(i)}}}, {"pad", {{"S", std::string(500, 'x')}}}};
}

Json write_scaling(int min, int max, double target) {
    return {{"MinimumUnits", min},
            {"MaximumUnits", max},
            {"ScalingPolicyUpdate",
             {{"TargetTrackingScalingPolicyConfiguration", {{"TargetValue", target}}}}}};
}
}  // namespace

class TestAutoScaling : public QObject {
    Q_OBJECT

    std::unique_ptr<TestEngine> t;
    int next_item_ = 0;

    void createProvisioned(const std::string& name, int rcu, int wcu, bool gsi = false) {
        Json request =
            J(R"({"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                             "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                             "BillingMode": "PROVISIONED"})");
        request["TableName"] = name;
        request["ProvisionedThroughput"] = {{"ReadCapacityUnits", rcu},
                                            {"WriteCapacityUnits", wcu}};
        if (gsi) {
            request["AttributeDefinitions"].push_back(
                {{"AttributeName", "g"}, {"AttributeType", "S"}});
            request["GlobalSecondaryIndexes"] = J(R"([{"IndexName": "ByG",
                "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
                "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 3}}])");
        }
        t->ok("CreateTable", request);
        t->engine->advance(60'000);
    }

    Json scaleWrites(const std::string& table, const Json& settings) {
        return t->ok(
            "UpdateTableReplicaAutoScaling",
            {{"TableName", table}, {"ProvisionedWriteCapacityAutoScalingUpdate", settings}});
    }

    Json throughput(const std::string& table, const std::string& region = "us-west-2") {
        return t->ok("DescribeTable", {{"TableName", table}},
                     region)["Table"]["ProvisionedThroughput"];
    }
    std::int64_t wcu(const std::string& table, const std::string& region = "us-west-2") {
        return throughput(table, region)["WriteCapacityUnits"].get<std::int64_t>();
    }

    // `per_second` one-unit writes to each of `tables` in `region`, evenly spread, for
    // `seconds` of engine time. Returns how many were refused.
    int load(const std::vector<std::string>& tables, int per_second, int seconds,
             const std::string& region = "us-west-2") {
        int refused = 0;
        for (int i = 0; i < per_second * seconds; ++i) {
            for (const auto& table : tables)
                if (!t->call("PutItem", {{"TableName", table}, {"Item", item(next_item_++)}},
                             region)
                         .ok())
                    ++refused;
            t->engine->advance(1000 / per_second);
        }
        return refused;
    }

    // DescribeTableReplicaAutoScaling in `region`: the entry of the replica in `replica`.
    Json replicaSettings(const std::string& table, const std::string& region,
                         const std::string& replica) {
        const Json d = t->ok("DescribeTableReplicaAutoScaling", {{"TableName", table}}, region);
        for (const auto& r : d["TableAutoScalingDescription"]["Replicas"])
            if (r["RegionName"] == replica) return r;
        return {};
    }

    void expectError(const Json& request, const std::string& type, const std::string& words) {
        auto r = t->call("UpdateTableReplicaAutoScaling", request);
        QVERIFY2(!r.ok(), request.dump().c_str());
        QCOMPARE(r.error->type, type);
        QVERIFY2(r.error->message.find(words) != std::string::npos, r.error->message.c_str());
    }

private slots:
    // A fresh data directory and engine per test, starting at kStart.
    void init() {
        t = std::make_unique<TestEngine>();
        t->clock->set(kStart);
        t->reopen();
        next_item_ = 0;
    }
    void cleanup() { t.reset(); }

    void validationAndErrors() {
        createProvisioned("Prov", 5, 5);
        t->create_table("OnDemand", "id", "S");
        expectError({{"TableName", "Nope"},
                     {"ProvisionedWriteCapacityAutoScalingUpdate", write_scaling(1, 5, 50)}},
                    "ResourceNotFoundException", "Table: Nope not found");
        // DG:AutoScaling: a target utilization between 20 and 90 percent.
        expectError({{"TableName", "Prov"},
                     {"ProvisionedWriteCapacityAutoScalingUpdate", write_scaling(1, 5, 95)}},
                    "ValidationException", "between 20 and 90");
        expectError({{"TableName", "Prov"},
                     {"ProvisionedWriteCapacityAutoScalingUpdate", write_scaling(1, 5, 10)}},
                    "ValidationException", "between 20 and 90");
        expectError({{"TableName", "Prov"},
                     {"ProvisionedWriteCapacityAutoScalingUpdate", write_scaling(9, 5, 50)}},
                    "ValidationException", "MinimumUnits 9 is greater than MaximumUnits 5");
        expectError({{"TableName", "Prov"},
                     {"ProvisionedWriteCapacityAutoScalingUpdate", {{"MinimumUnits", 1}}}},
                    "ValidationException", "MaximumUnits are required");
        // The model's PositiveLongObject: at least 1.
        expectError({{"TableName", "Prov"},
                     {"ProvisionedWriteCapacityAutoScalingUpdate", write_scaling(0, 5, 50)}},
                    "ValidationException", "minimumUnits");
        expectError({{"TableName", "OnDemand"},
                     {"ProvisionedWriteCapacityAutoScalingUpdate", write_scaling(1, 5, 50)}},
                    "ValidationException", "PAY_PER_REQUEST");
        // An index's setting is named with its index, or it reads like the table's.
        createProvisioned("Indexed", 5, 5, true);
        expectError({{"TableName", "Indexed"},
                     {"GlobalSecondaryIndexUpdates",
                      {{{"IndexName", "ByG"},
                        {"ProvisionedWriteCapacityAutoScalingUpdate", write_scaling(1, 5, 95)}}}}},
                    "ValidationException",
                    "ProvisionedWriteCapacityAutoScalingUpdate of index ByG: TargetValue 95 must "
                    "be between 20 and 90");
        expectError({{"TableName", "Prov"},
                     {"GlobalSecondaryIndexUpdates",
                      {{{"IndexName", "NoSuchIndex"},
                        {"ProvisionedWriteCapacityAutoScalingUpdate", write_scaling(1, 5, 50)}}}}},
                    "ResourceNotFoundException", "Index: NoSuchIndex not found");
        expectError(
            {{"TableName", "Prov"},
             {"ReplicaUpdates",
              {{{"RegionName", "eu-west-1"},
                {"ReplicaProvisionedReadCapacityAutoScalingUpdate", write_scaling(1, 5, 50)}}}}},
            "ResourceNotFoundException", "Replica: eu-west-1 not found");
        // A provisioned table without write auto scaling cannot have replicas.
        auto replica = t->call("UpdateTable", J(R"({"TableName": "Prov", "ReplicaUpdates":
                                                   [{"Create": {"RegionName": "us-east-1"}}]})"));
        QCOMPARE(replica.error->type, std::string("ValidationException"));
        QCOMPARE(
            replica.error->message,
            std::string("Table write capacity should either be Pay-Per-Request or AutoScaled."));
        // Nothing refused changed anything.
        JCOMPARE(
            t->ok("DescribeTableReplicaAutoScaling",
                  {{"TableName", "Prov"}})["TableAutoScalingDescription"]["Replicas"][0]
                                          ["ReplicaProvisionedWriteCapacityAutoScalingSettings"],
            J(R"({"AutoScalingDisabled": true})"));
    }

    void describeAfterUpdate() {
        createProvisioned("Prov", 5, 5, true);
        Json answer = t->ok("UpdateTableReplicaAutoScaling", J(R"({"TableName": "Prov",
            "ProvisionedWriteCapacityAutoScalingUpdate": {"MinimumUnits": 5, "MaximumUnits": 50,
                "ScalingPolicyUpdate": {"TargetTrackingScalingPolicyConfiguration":
                    {"TargetValue": 70, "ScaleInCooldown": 60}}},
            "GlobalSecondaryIndexUpdates": [{"IndexName": "ByG",
                "ProvisionedWriteCapacityAutoScalingUpdate": {"MinimumUnits": 3, "MaximumUnits": 30,
                    "ScalingPolicyUpdate": {"PolicyName": "mine",
                        "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 50}}}}],
            "ReplicaUpdates": [{"RegionName": "us-west-2",
                "ReplicaProvisionedReadCapacityAutoScalingUpdate": {"MinimumUnits": 2, "MaximumUnits": 20,
                    "ScalingPolicyUpdate": {"TargetTrackingScalingPolicyConfiguration":
                        {"TargetValue": 60, "DisableScaleIn": true}}}}]})"));
        Json described = t->ok("DescribeTableReplicaAutoScaling", {{"TableName", "Prov"}});
        JCOMPARE(answer, described);
        const Json d = described["TableAutoScalingDescription"];
        QCOMPARE(d["TableName"].get<std::string>(), std::string("Prov"));
        QCOMPARE(d["Replicas"].size(), std::size_t(1));
        const Json r = d["Replicas"][0];
        QCOMPARE(r["RegionName"].get<std::string>(), std::string("us-west-2"));
        Json write = r["ReplicaProvisionedWriteCapacityAutoScalingSettings"];
        QVERIFY(write["AutoScalingRoleArn"].get<std::string>().find(
                    "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable") != std::string::npos);
        write.erase("AutoScalingRoleArn");
        JCOMPARE(write, J(R"({"AutoScalingDisabled": false, "MaximumUnits": 50, "MinimumUnits": 5,
            "ScalingPolicies": [{"PolicyName": "DynamoDBWriteCapacityUtilization:table/Prov",
                "TargetTrackingScalingPolicyConfiguration": {"ScaleInCooldown": 60, "TargetValue": 70.0}}]})"));
        JCOMPARE(r["ReplicaProvisionedReadCapacityAutoScalingSettings"]["ScalingPolicies"][0],
                 J(R"({"PolicyName": "DynamoDBReadCapacityUtilization:table/Prov",
                 "TargetTrackingScalingPolicyConfiguration": {"DisableScaleIn": true, "TargetValue": 60.0}})"));
        const Json gsi = r["GlobalSecondaryIndexes"][0];
        QCOMPARE(gsi["IndexName"].get<std::string>(), std::string("ByG"));
        QCOMPARE(
            gsi["ProvisionedWriteCapacityAutoScalingSettings"]["ScalingPolicies"][0]["PolicyName"]
                .get<std::string>(),
            std::string("mine"));
        JCOMPARE(gsi["ProvisionedReadCapacityAutoScalingSettings"],
                 J(R"({"AutoScalingDisabled": true})"));

        // Turning it off leaves the capacity as it is.
        scaleWrites("Prov", J(R"({"AutoScalingDisabled": true})"));
        JCOMPARE(
            t->ok("DescribeTableReplicaAutoScaling",
                  {{"TableName", "Prov"}})["TableAutoScalingDescription"]["Replicas"][0]
                                          ["ReplicaProvisionedWriteCapacityAutoScalingSettings"],
            J(R"({"AutoScalingDisabled": true})"));
        QCOMPARE(wcu("Prov"), std::int64_t(5));
    }

    void scalesOutAfterTwoMinutesAboveTarget() {
        createProvisioned("Prov", 5, 4);  // ACTIVE at 00:01:00
        scaleWrites("Prov", write_scaling(1, 100, 50));
        load({"Prov"}, 3, 60);  // 75 % of 4 units through 00:01:00-00:02:00
        t->engine->advance(1'000);
        // One minute above the target is not enough.
        QCOMPARE(wcu("Prov"), std::int64_t(4));
        load({"Prov"}, 3, 60);  // and 00:02:00-00:03:00: at 00:03:00, 3 / 50 % = 6 units
        const Json p = throughput("Prov");
        QCOMPARE(p["WriteCapacityUnits"].get<std::int64_t>(), std::int64_t(6));
        QCOMPARE(p["ReadCapacityUnits"].get<std::int64_t>(), std::int64_t(5));
        QCOMPARE(p["LastIncreaseDateTime"].get<double>(), (kStart + 180'000) / 1000.0);
        QCOMPARE(p["NumberOfDecreasesToday"].get<std::int64_t>(), std::int64_t(0));
        // The change shows as an UpdateTable's does.
        QCOMPARE(t->ok("DescribeTable", {{"TableName", "Prov"}})["Table"]["TableStatus"]
                     .get<std::string>(),
                 std::string("UPDATING"));
        t->engine->advance(5'000);
        QCOMPARE(t->ok("DescribeTable", {{"TableName", "Prov"}})["Table"]["TableStatus"]
                     .get<std::string>(),
                 std::string("ACTIVE"));
    }

    void scalesInAfterFifteenMinutesBelowTarget() {
        createProvisioned("Prov", 5, 20);
        scaleWrites("Prov", write_scaling(1, 100, 50));
        // 2 units a second are 10 % of 20, below 50 - 20 = 30 %.
        load({"Prov"}, 2, 14 * 60);
        QCOMPARE(wcu("Prov"), std::int64_t(20));
        load({"Prov"}, 2, 60);
        const Json p = throughput("Prov");
        QCOMPARE(p["WriteCapacityUnits"].get<std::int64_t>(), std::int64_t(4));  // 2 / 50 %
        QCOMPARE(p["NumberOfDecreasesToday"].get<std::int64_t>(), std::int64_t(1));
        QCOMPARE(p["LastDecreaseDateTime"].get<double>(), (kStart + 16 * 60'000) / 1000.0);
    }

    void neverLeavesMinimumAndMaximum() {
        createProvisioned("Low", 5, 4);
        createProvisioned("High", 5, 40);
        scaleWrites("Low", write_scaling(1, 5, 50));
        scaleWrites("High", write_scaling(30, 100, 50));
        // 4 a second would want 8 units on Low, and 8 on High.
        load({"Low", "High"}, 4, 17 * 60);
        QCOMPARE(wcu("Low"), std::int64_t(5));
        QCOMPARE(wcu("High"), std::int64_t(30));
        // A new range moves the capacity into it at once.
        scaleWrites("Low", write_scaling(10, 20, 50));
        t->engine->advance(1'000);
        QCOMPARE(wcu("Low"), std::int64_t(10));
        scaleWrites("High", write_scaling(1, 12, 50));
        t->engine->advance(1'000);
        QCOMPARE(wcu("High"), std::int64_t(12));
    }

    void scaleInKeepsDecreaseLimits() {
        createProvisioned("Prov", 5, 100);
        for (int w = 99; w >= 96; --w) {
            t->ok("UpdateTable", {{"TableName", "Prov"},
                                  {"ProvisionedThroughput",
                                   {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", w}}}});
            t->engine->advance(10'000);
        }
        const Millis fourth = kStart + 60'000 + 30'000;
        // A maximum below the capacity asks for a fifth decrease, which waits an hour
        // after the fourth, as UpdateTable's would.
        scaleWrites("Prov", write_scaling(1, 50, 50));
        t->engine->advance(30 * 60'000);
        QCOMPARE(wcu("Prov"), std::int64_t(96));
        QCOMPARE(throughput("Prov")["NumberOfDecreasesToday"].get<std::int64_t>(), std::int64_t(4));
        t->engine->advance(31 * 60'000);
        const Json p = throughput("Prov");
        QCOMPARE(p["WriteCapacityUnits"].get<std::int64_t>(), std::int64_t(50));
        QCOMPARE(p["NumberOfDecreasesToday"].get<std::int64_t>(), std::int64_t(5));
        const double last = p["LastDecreaseDateTime"].get<double>();
        QVERIFY(last >= (fourth + 3'600'000) / 1000.0 && last <= (fourth + 3'660'000) / 1000.0);
    }

    void settingsSurviveRestart() {
        createProvisioned("Prov", 5, 4);
        scaleWrites("Prov", write_scaling(2, 60, 50));
        const Json before = t->ok("DescribeTableReplicaAutoScaling", {{"TableName", "Prov"}});
        t->reopen();
        JCOMPARE(t->ok("DescribeTableReplicaAutoScaling", {{"TableName", "Prov"}}), before);
        // And they act: the reopened engine scales with the table's traffic.
        load({"Prov"}, 3, 3 * 60);
        QCOMPARE(wcu("Prov"), std::int64_t(6));
    }

    // The service asks for matching write capacity on every replica: replicated writes
    // consume it. With write auto scaling, the small replica grows with the writes it
    // receives and its pending changes drain; without, it throttles replication and the
    // changes wait in the source.
    void replicaWithAutoScalingKeepsUpWithReplication() {
        for (const char* name : {"Scaled", "Fixed"}) {
            createProvisioned(name, 2, 2);
            scaleWrites(name, write_scaling(2, 100, 70));
            t->ok("UpdateTable",
                  {{"TableName", name},
                   {"ReplicaUpdates", {{{"Create", {{"RegionName", "us-east-1"}}}}}}});
            t->engine->advance(60'000);
            // The writers' region has room for them.
            t->ok("UpdateTable", {{"TableName", name},
                                  {"ProvisionedThroughput",
                                   {{"ReadCapacityUnits", 2}, {"WriteCapacityUnits", 20}}}});
            t->engine->advance(10'000);
        }
        QCOMPARE(wcu("Scaled", "us-east-1"), std::int64_t(2));
        scaleWrites("Fixed", J(R"({"AutoScalingDisabled": true})"));
        t->engine->advance(1'000);
        // Every replica reports the group's settings.
        JCOMPARE(replicaSettings("Fixed", "us-east-1",
                                 "us-east-1")["ReplicaProvisionedWriteCapacityAutoScalingSettings"],
                 J(R"({"AutoScalingDisabled": true})"));
        QCOMPARE(
            replicaSettings(
                "Scaled", "us-east-1",
                "us-west-2")["ReplicaProvisionedWriteCapacityAutoScalingSettings"]["MaximumUnits"]
                .get<std::int64_t>(),
            std::int64_t(100));

        QCOMPARE(load({"Scaled", "Fixed"}, 10, 4 * 60), 0);
        t->engine->advance(60'000);
        const auto& metrics = t->engine->replication_metrics();
        const auto scaled = metrics.pending("Scaled", "us-west-2", "us-east-1");
        const auto fixed = metrics.pending("Fixed", "us-west-2", "us-east-1");
        QVERIFY2(scaled == 0, qPrintable(QString::number(scaled)));
        QVERIFY2(fixed > 500, qPrintable(QString::number(fixed)));
        QVERIFY(wcu("Scaled", "us-east-1") >= 10);
        QCOMPARE(wcu("Fixed", "us-east-1"), std::int64_t(2));
    }
};

QTEST_GUILESS_MAIN(TestAutoScaling)
#include "tst_autoscaling.moc"
