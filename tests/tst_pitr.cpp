// Point-in-time recovery: UpdateContinuousBackups/DescribeContinuousBackups and the
// recovery window on engine time, RestoreTableToPointInTime's checks in the service's
// order, restores of a long random history compared with an independent oracle, pruning
// after the window, restarts, and PITR being a per-region setting.

#include <QTest>

#include <optional>
#include <random>
#include <variant>

#include "recovery_helpers.h"

using tablespan::Json;
using tablespan::Millis;

namespace {
constexpr Millis kMinute = 60'000;
constexpr Millis kDay = 86'400'000;

Json pitr_request(const std::string& table, bool enabled, std::optional<int> days = {}) {
    Json spec = {{"PointInTimeRecoveryEnabled", enabled}};
    if (days) spec["RecoveryPeriodInDays"] = *days;
    return {{"TableName", table}, {"PointInTimeRecoverySpecification", spec}};
}

Json continuous(TestEngine& t, const std::string& table) {
    return t.ok("DescribeContinuousBackups",
                {{"TableName", table}})["ContinuousBackupsDescription"];
}

Json enabled_description(int days, Millis earliest, Millis latest) {
    return {{"ContinuousBackupsStatus", "ENABLED"},
            {"PointInTimeRecoveryDescription",
             {{"PointInTimeRecoveryStatus", "ENABLED"},
              {"RecoveryPeriodInDays", days},
              {"EarliestRestorableDateTime", earliest / 1000.0},
              {"LatestRestorableDateTime", latest / 1000.0}}}};
}

tablespan::PitrStorage pitr_storage(TestEngine& t, const std::string& table) {
    std::optional<tablespan::PitrStorage> out;
    t.engine->pitr_storage("us-west-2", table, [&](tablespan::PitrStorage s) { out = s; });
    t.engine->run_pending();
    return *out;
}

Json restore_request(const std::string& source, const std::string& target, Millis at) {
    return {
        {"SourceTableName", source}, {"TargetTableName", target}, {"RestoreDateTime", at / 1000.0}};
}

std::string iso(Millis t) {
    return tablespan::format_iso8601(t);
}
}  // namespace

class TstPitr : public QObject {
    Q_OBJECT

private slots:
    void continuousBackupsFollowTheServiceOnEngineTime() {
        TestEngine t;
        t.ok("CreateTable", J(R"({"TableName": "Ledger", "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]})"));
        EXPECT_ERROR(t.call("DescribeContinuousBackups", {{"TableName", "Ledger"}}),
                     "TableNotFoundException", std::string("Table not found: Ledger"));
        t.engine->advance(3'000);
        // ContinuousBackupsStatus turns ENABLED by itself a few seconds after ACTIVE.
        JCOMPARE(continuous(t, "Ledger"), J(R"({"ContinuousBackupsStatus": "DISABLED",
                       "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "DISABLED"}})"));
        EXPECT_ERROR(
            t.call("UpdateContinuousBackups", pitr_request("Ledger", true)),
            "ContinuousBackupsUnavailableException",
            std::string("Backups are being enabled for the table: Ledger. Please retry later"));
        t.engine->advance(3'000);
        JCOMPARE(continuous(t, "Ledger")["ContinuousBackupsStatus"], "ENABLED");

        // Enabling: the window starts now, and Latest trails now by 5 minutes once it can.
        const Millis enabled_at = t.clock->now();
        JCOMPARE(t.ok("UpdateContinuousBackups",
                      pitr_request("Ledger", true))["ContinuousBackupsDescription"],
                 enabled_description(35, enabled_at, enabled_at));
        t.engine->advance(3 * kMinute);
        JCOMPARE(continuous(t, "Ledger"), enabled_description(35, enabled_at, enabled_at));
        t.engine->advance(7 * kMinute);
        JCOMPARE(continuous(t, "Ledger"),
                 enabled_description(35, enabled_at, t.clock->now() - 5 * kMinute));

        // The period changes in place; the window follows it.
        t.ok("UpdateContinuousBackups", pitr_request("Ledger", true, 7));
        t.engine->advance(8 * kDay);
        const Millis now = t.clock->now();
        JCOMPARE(continuous(t, "Ledger"),
                 enabled_description(7, now - 7 * kDay, now - 5 * kMinute));

        EXPECT_ERROR(t.call("UpdateContinuousBackups", pitr_request("Ledger", false, 7)),
                     "ValidationException",
                     std::string("Invalid Request: Cannot specify RecoveryPeriodInDays when "
                                 "disabling point-in-time recovery."));
        auto too_long = t.call("UpdateContinuousBackups", pitr_request("Ledger", true, 36));
        QVERIFY(too_long.error->message.find(
                    "Value '36' at 'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed "
                    "to satisfy constraint: Member must have value less than or equal to 35") !=
                std::string::npos);
        JCOMPARE(t.ok("UpdateContinuousBackups",
                      pitr_request("Ledger", false))["ContinuousBackupsDescription"],
                 J(R"({"ContinuousBackupsStatus": "ENABLED",
                       "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "DISABLED"}})"));
        // Re-enabling starts a new window and forgets the period.
        t.engine->advance(kMinute);
        const Millis again = t.clock->now();
        t.ok("UpdateContinuousBackups",
             pitr_request("arn:aws:dynamodb:us-west-2:000000000000:table/Ledger", true));
        JCOMPARE(continuous(t, "Ledger"), enabled_description(35, again, again));

        EXPECT_ERROR(t.call("UpdateContinuousBackups", pitr_request("Nope", true)),
                     "TableNotFoundException", std::string("Table not found: Nope"));
        t.reopen();
        JCOMPARE(continuous(t, "Ledger"), enabled_description(35, again, again));
    }

    void restoreChecksComeInTheServiceOrder() {
        TestEngine t;
        t.create_table("Src", "pk", "S");
        t.create_table("Taken", "pk", "S");
        const Millis now = t.clock->now();
        EXPECT_ERROR(
            t.call("RestoreTableToPointInTime",
                   {{"SourceTableName", "Src"},
                    {"SourceTableArn", "arn:aws:dynamodb:us-west-2:000000000000:table/Src"},
                    {"TargetTableName", "New"},
                    {"UseLatestRestorableTime", true}}),
            "ValidationException",
            std::string("Must provide exactly one of: sourceTableArn, sourceTableName"));
        EXPECT_ERROR(t.call("RestoreTableToPointInTime",
                            {{"TargetTableName", "New"}, {"UseLatestRestorableTime", true}}),
                     "ValidationException", std::string("The parameter 'TableName' is required"));
        EXPECT_ERROR(
            t.call("RestoreTableToPointInTime", {{"SourceTableName", "Src"},
                                                 {"TargetTableName", "New"},
                                                 {"UseLatestRestorableTime", true},
                                                 {"RestoreDateTime", now / 1000.0}}),
            "ValidationException",
            std::string("Invalid Request: Both RestoreDateTime and UseLatestRestorableTime "
                        "cannot be set for point-in-time restore request. Please specify "
                        "either RestoreDateTime time or UseLatestRestorableTime"));
        const std::string neither =
            "Invalid Request: Either one of RestoreDateTime or UseLatestRestorableTime must be "
            "specified, but not both";
        EXPECT_ERROR(t.call("RestoreTableToPointInTime",
                            {{"SourceTableName", "Src"}, {"TargetTableName", "New"}}),
                     "ValidationException", neither);
        EXPECT_ERROR(t.call("RestoreTableToPointInTime", {{"SourceTableName", "Src"},
                                                          {"TargetTableName", "New"},
                                                          {"UseLatestRestorableTime", false}}),
                     "ValidationException", neither);
        EXPECT_ERROR(t.call("RestoreTableToPointInTime", restore_request("Missing", "Taken", now)),
                     "TableNotFoundException", std::string("Table not found: Missing"));
        // PITR off comes before the time and the target.
        EXPECT_ERROR(t.call("RestoreTableToPointInTime", restore_request("Src", "Taken", 0)),
                     "PointInTimeRecoveryUnavailableException",
                     std::string("Point in time recovery is not enabled for table 'Src'"));

        t.ok("UpdateContinuousBackups", pitr_request("Src", true));
        const Millis enabled_at = t.clock->now();
        t.engine->advance(60 * kMinute);
        const Millis latest = t.clock->now() - 5 * kMinute;
        auto window_error = [&](Millis at) {
            return "RestoreDateTime '" + iso(at) + "' must be within EarliestRestorableDateTime '" +
                   iso(enabled_at) + "' and LatestRestorableDateTime '" + iso(latest) + "'";
        };
        // The time comes before the target.
        for (Millis at : {enabled_at - 1'000, latest + 1'000, Millis{0}})
            EXPECT_ERROR(t.call("RestoreTableToPointInTime", restore_request("Src", "Taken", at)),
                         "InvalidRestoreTimeException", window_error(at));
        EXPECT_ERROR(t.call("RestoreTableToPointInTime", restore_request("Src", "Taken", latest)),
                     "TableAlreadyExistsException", std::string("Table already exists: Taken"));
        EXPECT_ERROR(t.call("RestoreTableToPointInTime", restore_request("Src", "Src", latest)),
                     "TableAlreadyExistsException", std::string("Table already exists: Src"));

        auto by_arn = [&](const std::string& arn) {
            return t.call("RestoreTableToPointInTime", {{"SourceTableArn", arn},
                                                        {"TargetTableName", "ByArn"},
                                                        {"UseLatestRestorableTime", true}});
        };
        EXPECT_ERROR(by_arn("arn:aws:dynamodb:us-west-2:000000000000:tablex/Src"),
                     "ValidationException", std::string("sourceTableArn is not a valid ARN"));
        EXPECT_ERROR(by_arn("arn:aws:dynamodb:us-west-2:111122223333:table/Src"),
                     "ValidationException",
                     std::string("This action is only supported by accounts that match the "
                                 "resource owner's account"));
        EXPECT_ERROR(by_arn("arn:aws:dynamodb:eu-west-1:000000000000:table/Src"),
                     "ValidationException",
                     std::string("Invalid Request: sseSpecificationOverride must be provided for "
                                 "cross-region restores"));
        Json d =
            by_arn("arn:aws:dynamodb:us-west-2:000000000000:table/Src").body["TableDescription"];
        JCOMPARE(d["TableStatus"], "CREATING");
        JCOMPARE(d["RestoreSummary"],
                 (Json{{"SourceTableArn", "arn:aws:dynamodb:us-west-2:000000000000:table/Src"},
                       {"RestoreDateTime", latest / 1000.0},
                       {"RestoreInProgress", true}}));
        EXPECT_ERROR(t.call("RestoreTableToPointInTime", restore_request("Src", "ByArn", latest)),
                     "TableInUseException",
                     std::string("Table: ByArn is already being restored from table: "
                                 "arn:aws:dynamodb:us-west-2:000000000000:table/Src"));
        QVERIFY(wait_active(t, "ByArn"));
    }

    void latestRestorableTimeRightAfterEnablingIsTheEnableTime() {
        TestEngine t;
        t.create_table("Notes", "pk", "S");
        t.ok("PutItem", J(R"({"TableName": "Notes", "Item": {"pk": {"S": "a"}}})"));
        t.ok("PutItem",
             J(R"({"TableName": "Notes", "Item": {"pk": {"S": "b"}, "v": {"N": "1"}}})"));
        const auto before = scan_all(t, "Notes");
        const Millis enabled_at = t.clock->now();
        t.ok("UpdateContinuousBackups", pitr_request("Notes", true));
        t.engine->advance(1'000);
        t.ok("PutItem",
             J(R"({"TableName": "Notes", "Item": {"pk": {"S": "b"}, "v": {"N": "2"}}})"));
        t.ok("PutItem", J(R"({"TableName": "Notes", "Item": {"pk": {"S": "c"}}})"));
        t.ok("DeleteItem", J(R"({"TableName": "Notes", "Key": {"pk": {"S": "a"}}})"));
        Json d = t.ok("RestoreTableToPointInTime",
                      {{"SourceTableName", "Notes"},
                       {"TargetTableName", "NotesBack"},
                       {"UseLatestRestorableTime", true}})["TableDescription"];
        JCOMPARE(d["RestoreSummary"]["RestoreDateTime"], enabled_at / 1000.0);
        QVERIFY(wait_active(t, "NotesBack"));
        QVERIFY(scan_all(t, "NotesBack") == before);
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "NotesBack"}})["Table"]["ItemCount"], 2);
    }

    // Thousands of puts, updates and deletes over simulated days (seeded), recorded by an
    // oracle that knows nothing of the engine's history: every version of every key with
    // the engine time it was written at. A restore to any second of the window holds
    // exactly the oracle's state at that second.
    void restoresMatchAnIndependentOracle() {
        TestEngine t;
        t.create_table("Hist", "pk", "S", "sk", "N");
        t.engine->advance(5 * kMinute);
        t.ok("UpdateContinuousBackups", pitr_request("Hist", true, 1));
        const Millis enabled_at = t.clock->now();

        std::mt19937_64 rng(20261121);
        auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
        using Version = std::pair<Millis, std::optional<Json>>;
        std::map<std::string, std::vector<Version>> oracle;
        auto key_of = [](int pk, int sk) {
            return "p" + std::to_string(pk) + "/" + std::to_string(sk);
        };
        int operations = 0;
        std::vector<Millis> on_second;  // times with writes exactly on a whole second
        // ~2.3 simulated days: longer than the 1-day window, so pruning runs too.
        for (int step = 0; step < 500; ++step) {
            Millis gap = pick(4) == 0 ? 0 : static_cast<Millis>(rng() % 800'000);
            if (step % 30 == 0) gap += 1'000 - (t.clock->now() + gap) % 1'000;  // on a second
            t.engine->advance(gap);
            if (step % 30 == 0) on_second.push_back(t.clock->now());
            struct Pending {
                std::string key;
                std::optional<Json> item;  // put: the new item; update: from the answer
                bool update = false;
                std::optional<tablespan::Result> result;
            };
            std::vector<Pending> batch(2 + pick(5));  // one commit per step
            for (auto& p : batch) {
                int pk = pick(30), sk = pick(5);
                p.key = key_of(pk, sk);
                Json key = {{"pk", {{"S", "p" + std::to_string(pk)}}},
                            {"sk", {{"N", std::to_string(sk)}}}};
                int op = pick(10);
                std::string name;
                Json request = {{"TableName", "Hist"}};
                if (op < 5) {
                    Json item = key;
                    item["v"] = {{"N", std::to_string(rng() % 100000)}};
                    if (pick(3) == 0) item["note"] = {{"S", std::string(pick(200), 'n')}};
                    p.item = item;
                    name = "PutItem";
                    request["Item"] = item;
                } else if (op < 8) {
                    p.update = true;
                    name = "UpdateItem";
                    request["Key"] = key;
                    request["UpdateExpression"] = "SET w = :w ADD n :one";
                    request["ExpressionAttributeValues"] = {
                        {":w", {{"S", "w" + std::to_string(step)}}}, {":one", {{"N", "1"}}}};
                    request["ReturnValues"] = "ALL_NEW";
                } else {
                    name = "DeleteItem";
                    request["Key"] = key;
                }
                t.engine->call("us-west-2", name, request,
                               [&p](tablespan::Result r) { p.result = std::move(r); });
            }
            t.engine->run_pending();  // one batch, one commit, at this engine time
            for (auto& p : batch) {
                QVERIFY(p.result && p.result->ok());
                if (p.update) p.item = p.result->body["Attributes"];
                oracle[p.key].push_back({t.clock->now(), p.item});
                ++operations;
            }
        }
        QVERIFY(operations > 1'500);
        auto state_at = [&](Millis at) {
            std::map<std::string, Json> state;
            for (const auto& [key, versions] : oracle) {
                std::optional<Json> current;  // absent before the first write
                for (const auto& [when, item] : versions)
                    if (when <= at) current = item;
                if (current) state[key] = *current;
            }
            return state;
        };
        // The state before PITR was enabled is the table's state then: empty here.
        const Millis now = t.clock->now();
        const Millis earliest = std::max(enabled_at, now - kDay);
        const Millis latest = now - 5 * kMinute;
        JCOMPARE(
            continuous(t, "Hist")["PointInTimeRecoveryDescription"]["EarliestRestorableDateTime"],
            earliest / 1000.0);

        std::vector<Millis> times = {earliest, latest};
        // Whole seconds, clear of the window's start (which moves while the restores run).
        const Millis first_second = (earliest + 999) / 1000 * 1000 + kMinute;
        for (int i = 0; i < 6; ++i)
            times.push_back(first_second +
                            static_cast<Millis>(rng() % static_cast<std::uint64_t>(
                                                            (latest - first_second) / 1000)) *
                                1000);
        // A write exactly at the restore time is part of the restored state.
        for (Millis at : on_second)
            if (at >= first_second && at <= latest && times.size() < 10) times.push_back(at);
        QVERIFY(times.size() >= 9);
        for (std::size_t i = 0; i < times.size(); ++i) {
            const std::string target = "Back" + std::to_string(i);
            t.ok("RestoreTableToPointInTime", restore_request("Hist", target, times[i]));
            QVERIFY(wait_active(t, target));
            const auto expected = state_at(times[i]);
            const auto got = scan_all(t, target);
            if (got != expected)
                QFAIL(qPrintable(QStringLiteral("restore to %1: %2 items, the oracle has %3")
                                     .arg(QString::fromStdString(iso(times[i])))
                                     .arg(got.size())
                                     .arg(expected.size())));
            JCOMPARE(t.ok("DescribeTable", {{"TableName", target}})["Table"]["ItemCount"],
                     expected.size());
        }
        EXPECT_ERROR(
            t.call("RestoreTableToPointInTime", restore_request("Hist", "Late", earliest - 1'000)),
            "InvalidRestoreTimeException",
            "RestoreDateTime '" + iso(earliest - 1'000) +
                "' must be within EarliestRestorableDateTime '" + iso(t.clock->now() - kDay) +
                "' and LatestRestorableDateTime '" + iso(t.clock->now() - 5 * kMinute) + "'");

        // Only the window is kept: nothing older than a day (plus one pruning interval).
        auto storage = pitr_storage(t, "Hist");
        QVERIFY(storage.enabled);
        QVERIFY(storage.versions > 0);
        QVERIFY(storage.oldest >= t.clock->now() - kDay - 15 * kMinute);
        int in_window = 0;
        for (const auto& [key, versions] : oracle)
            for (const auto& v : versions)
                in_window += v.first >= t.clock->now() - kDay - 15 * kMinute;
        QVERIFY(storage.versions <= in_window);
    }

    // Disabling PITR drops the source's history while a restore from it is half done: the
    // restore finishes from a snapshot taken just before.
    void restoreSurvivesPitrBeingDisabledMidway() {
        TestEngine t;
        t.create_table("Big", "pk", "S");
        t.ok("UpdateContinuousBackups", pitr_request("Big", true));
        auto write_all = [&](const std::string& value) {
            for (int i = 0; i < 8'100; ++i)  // three fill chunks
                t.engine->call(
                    "us-west-2", "PutItem",
                    {{"TableName", "Big"},
                     {"Item", {{"pk", {{"S", "k" + std::to_string(i)}}}, {"v", {{"S", value}}}}}},
                    [](tablespan::Result r) { QVERIFY(r.ok()); });
            t.engine->run_pending();
        };
        write_all("old");
        t.engine->advance(kMinute);
        const Millis at = t.clock->now();
        const auto expected = scan_all(t, "Big");
        t.engine->advance(kMinute);
        write_all("new");
        t.engine->advance(5 * kMinute);

        int chunks = 0;
        int id = t.engine->events().subscribe([&](const tablespan::EngineEvent& e) {
            auto* changed = std::get_if<tablespan::ItemsChanged>(&e);
            if (!changed || changed->table != "BigBack" || ++chunks != 1) return;
            t.engine->call("us-west-2", "UpdateContinuousBackups", pitr_request("Big", false),
                           [](tablespan::Result r) { QVERIFY(r.ok()); });
        });
        t.ok("RestoreTableToPointInTime", restore_request("Big", "BigBack", at));
        t.engine->events().unsubscribe(id);
        QVERIFY(chunks >= 3);  // the history went while the restore was under way
        QCOMPARE(pitr_storage(t, "Big").versions, std::int64_t{0});
        QVERIFY(wait_active(t, "BigBack"));
        QVERIFY(scan_all(t, "BigBack") == expected);
    }

    void historyIsPrunedAfterTheWindowAndDroppedOnDisable() {
        TestEngine t;
        t.create_table("Counter", "pk", "S");
        t.ok("UpdateContinuousBackups", pitr_request("Counter", true, 1));
        for (int i = 0; i < 100; ++i)
            t.ok("PutItem", {{"TableName", "Counter"},
                             {"Item", {{"pk", {{"S", "c"}}}, {"n", {{"N", std::to_string(i)}}}}}});
        auto storage = pitr_storage(t, "Counter");
        QCOMPARE(storage.versions, std::int64_t{100});
        QVERIFY(storage.bytes > 100 * 10);
        QCOMPARE(storage.oldest, t.clock->now());
        t.engine->advance(kDay + 30 * kMinute);
        storage = pitr_storage(t, "Counter");
        QCOMPARE(storage.versions, std::int64_t{0});
        QCOMPARE(storage.bytes, std::int64_t{0});
        // The current state is still restorable at the window's start.
        t.ok("RestoreTableToPointInTime",
             restore_request("Counter", "CounterBack", t.clock->now() - kDay));
        QVERIFY(wait_active(t, "CounterBack"));
        JCOMPARE(scan_all(t, "CounterBack")["c"]["n"]["N"], "99");

        t.ok("PutItem", J(R"({"TableName": "Counter", "Item": {"pk": {"S": "d"}}})"));
        QCOMPARE(pitr_storage(t, "Counter").versions, std::int64_t{1});
        t.ok("UpdateContinuousBackups", pitr_request("Counter", false));
        storage = pitr_storage(t, "Counter");
        QVERIFY(!storage.enabled);
        QCOMPARE(storage.versions, std::int64_t{0});
        // Not recorded while disabled.
        t.ok("PutItem", J(R"({"TableName": "Counter", "Item": {"pk": {"S": "e"}}})"));
        QCOMPARE(pitr_storage(t, "Counter").versions, std::int64_t{0});
        QCOMPARE(pitr_storage(t, "Nope").error->type, std::string("ResourceNotFoundException"));
    }

    void pitrSettingsAndHistorySurviveARestart() {
        TestEngine t;
        t.create_table("Keep", "pk", "S");
        t.ok("UpdateContinuousBackups", pitr_request("Keep", true, 3));
        QCOMPARE(pitr_storage(t, "Keep").versions, std::int64_t{0});  // counted from here on
        t.ok("PutItem", J(R"({"TableName": "Keep", "Item": {"pk": {"S": "x"}, "v": {"N": "1"}}})"));
        t.engine->advance(kMinute);
        const Millis between = t.clock->now();
        const auto at_between = scan_all(t, "Keep");
        t.engine->advance(kMinute);
        t.ok("PutItem", J(R"({"TableName": "Keep", "Item": {"pk": {"S": "x"}, "v": {"N": "2"}}})"));
        t.ok("PutItem", J(R"({"TableName": "Keep", "Item": {"pk": {"S": "y"}}})"));
        const Json before = continuous(t, "Keep");
        const auto storage = pitr_storage(t, "Keep");

        t.reopen();
        JCOMPARE(continuous(t, "Keep"), before);
        // Counted afresh after the restart: the same as kept up to date before.
        const auto counted = pitr_storage(t, "Keep");
        QCOMPARE(counted.versions, std::int64_t{3});
        QCOMPARE(counted.versions, storage.versions);
        QCOMPARE(counted.bytes, storage.bytes);
        QCOMPARE(counted.oldest, storage.oldest);
        t.ok("PutItem", J(R"({"TableName": "Keep", "Item": {"pk": {"S": "z"}}})"));
        t.engine->advance(10 * kMinute);
        t.ok("RestoreTableToPointInTime", restore_request("Keep", "KeepBack", between));
        QVERIFY(wait_active(t, "KeepBack"));
        QVERIFY(scan_all(t, "KeepBack") == at_between);
    }

    void restoreTakesTheSourcesCurrentSettings() {
        TestEngine t;
        t.ok("CreateTable", J(R"({"TableName": "Prov",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
            "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"},
            "SSESpecification": {"Enabled": true},
            "DeletionProtectionEnabled": true})"));
        t.engine->advance(kMinute);
        t.ok("UpdateContinuousBackups", pitr_request("Prov", true));
        t.ok("UpdateTable", J(R"({"TableName": "Prov",
            "ProvisionedThroughput": {"ReadCapacityUnits": 8, "WriteCapacityUnits": 9}})"));
        t.engine->advance(10 * kMinute);
        const Json source = t.ok("DescribeTable", {{"TableName", "Prov"}})["Table"];
        Json d = t.ok("RestoreTableToPointInTime",
                      {{"SourceTableName", "Prov"},
                       {"TargetTableName", "ProvBack"},
                       {"UseLatestRestorableTime", true}})["TableDescription"];
        JCOMPARE(d["ProvisionedThroughput"]["ReadCapacityUnits"], 8);
        JCOMPARE(d["ProvisionedThroughput"]["WriteCapacityUnits"], 9);
        JCOMPARE(d["SSEDescription"], source["SSEDescription"]);
        JCOMPARE(d["DeletionProtectionEnabled"], false);
        QVERIFY(!d.contains("StreamSpecification"));
        QVERIFY(wait_active(t, "ProvBack"));
        JCOMPARE(continuous(
                     t, "ProvBack")["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"],
                 "DISABLED");
    }

    void pitrIsARegionalSetting() {
        TestEngine t;
        t.create_table("Same", "pk", "S", {}, {}, "us-west-2");
        t.create_table("Same", "pk", "S", {}, {}, "eu-west-1");
        t.ok("UpdateContinuousBackups", pitr_request("Same", true));
        JCOMPARE(
            t.ok("DescribeContinuousBackups", {{"TableName", "Same"}},
                 "eu-west-1")["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"],
            J(R"({"PointInTimeRecoveryStatus": "DISABLED"})"));
        EXPECT_ERROR(t.call("RestoreTableToPointInTime",
                            {{"SourceTableName", "Same"},
                             {"TargetTableName", "Other"},
                             {"UseLatestRestorableTime", true}},
                            "eu-west-1"),
                     "PointInTimeRecoveryUnavailableException",
                     std::string("Point in time recovery is not enabled for table 'Same'"));
        t.ok("PutItem", J(R"({"TableName": "Same", "Item": {"pk": {"S": "here"}}})"), "eu-west-1");
        QCOMPARE(pitr_storage(t, "Same").versions, std::int64_t{0});
    }
};

QTEST_APPLESS_MAIN(TstPitr)
#include "tst_pitr.moc"
