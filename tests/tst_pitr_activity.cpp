// Engine::pitr_activity: the writes a table's PITR history holds per bucket of engine
// time (the console's recovery timeline), on a ManualClock: every write counted once in
// the bucket of its engine time, nothing before PITR was enabled or after it was turned
// off, the last bucket cut at the span's end, pruning after the window, and the errors.

#include <QTest>

#include <optional>
#include <vector>

#include "recovery_helpers.h"

using tablespan::Json;
using tablespan::Millis;

namespace {
constexpr Millis kMinute = 60'000;
constexpr Millis kDay = 86'400'000;

tablespan::PitrActivity activity(TestEngine& t, const std::string& table, Millis from, Millis to,
                                 Millis bucket, const std::string& region = "us-west-2") {
    std::optional<tablespan::PitrActivity> out;
    t.engine->pitr_activity(region, table, from, to, bucket,
                            [&](tablespan::PitrActivity a) { out = std::move(a); });
    t.engine->run_pending();
    if (!out) qFatal("pitr_activity did not answer");
    return *out;
}

void put(TestEngine& t, const std::string& table, const std::string& pk, int value) {
    t.ok("PutItem", {{"TableName", table},
                     {"Item", {{"pk", {{"S", pk}}}, {"v", {{"N", std::to_string(value)}}}}}});
}

void enable(TestEngine& t, const std::string& table, std::optional<int> days = {}) {
    Json spec = {{"PointInTimeRecoveryEnabled", true}};
    if (days) spec["RecoveryPeriodInDays"] = *days;
    t.ok("UpdateContinuousBackups",
         {{"TableName", table}, {"PointInTimeRecoverySpecification", spec}});
}

using Counts = std::vector<std::int64_t>;
}  // namespace

class TstPitrActivity : public QObject {
    Q_OBJECT

private slots:
    void countsEveryWriteInTheBucketOfItsEngineTime() {
        TestEngine t;
        t.create_table("Ledger", "pk", "S");
        put(t, "Ledger", "before", 1);  // PITR still off: not in the history
        enable(t, "Ledger");
        const Millis start = t.clock->now();

        put(t, "Ledger", "a", 1);
        put(t, "Ledger", "b", 1);
        t.engine->advance(kMinute);  // second bucket: an update, a delete, a batch of three
        put(t, "Ledger", "a", 2);
        t.ok("DeleteItem", {{"TableName", "Ledger"}, {"Key", {{"pk", {{"S", "b"}}}}}});
        Json batch = Json::array();
        for (const char* pk : {"c", "d", "e"})
            batch.push_back(
                {{"PutRequest", {{"Item", {{"pk", {{"S", pk}}}, {"v", {{"N", "0"}}}}}}}});
        t.ok("BatchWriteItem", {{"RequestItems", {{"Ledger", batch}}}});
        t.engine->advance(2 * kMinute);  // fourth bucket; the third stays empty
        put(t, "Ledger", "a", 3);
        // A failed conditional write changes nothing and is not history.
        QVERIFY(!t.call("PutItem", {{"TableName", "Ledger"},
                                    {"Item", {{"pk", {{"S", "a"}}}}},
                                    {"ConditionExpression", "attribute_not_exists(pk)"}})
                     .ok());

        const auto a = activity(t, "Ledger", start, start + 5 * kMinute, kMinute);
        QVERIFY(!a.error);
        QVERIFY(a.enabled);
        QCOMPARE(a.from, start);
        QCOMPARE(a.bucket_ms, kMinute);
        QCOMPARE(a.writes, (Counts{2, 5, 0, 1, 0}));

        // A span that does not divide into whole buckets: the last one is cut at its end.
        const auto cut = activity(t, "Ledger", start, start + 3 * kMinute + 1, 2 * kMinute);
        QCOMPARE(cut.writes, (Counts{7, 1}));
        // Only the span is counted: half a minute into the second bucket onwards.
        const auto late = activity(t, "Ledger", start + kMinute / 2, start + 4 * kMinute, kMinute);
        QCOMPARE(late.writes, (Counts{5, 0, 1, 0}));
        // Writes in another table or region are not this table's.
        t.create_table("Other", "pk", "S");
        enable(t, "Other");
        put(t, "Other", "x", 1);
        const auto again = activity(t, "Ledger", start, start + 5 * kMinute, kMinute);
        QCOMPARE(again.writes, (Counts{2, 5, 0, 1, 0}));
        QCOMPARE(activity(t, "Ledger", start, start + kMinute, kMinute, "eu-west-1").error->type,
                 std::string("ResourceNotFoundException"));
    }

    void turningPitrOffForgetsTheHistory() {
        TestEngine t;
        t.create_table("Ledger", "pk", "S");
        const Millis start = t.clock->now();
        put(t, "Ledger", "a", 1);
        auto off = activity(t, "Ledger", start, start + kMinute, kMinute);
        QVERIFY(!off.error);
        QVERIFY(!off.enabled);
        QCOMPARE(off.writes, (Counts{0}));

        enable(t, "Ledger");
        put(t, "Ledger", "a", 2);
        QCOMPARE(activity(t, "Ledger", start, start + kMinute, kMinute).writes, (Counts{1}));
        t.ok("UpdateContinuousBackups",
             {{"TableName", "Ledger"},
              {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", false}}}});
        off = activity(t, "Ledger", start, start + kMinute, kMinute);
        QVERIFY(!off.enabled);
        QCOMPARE(off.writes, (Counts{0}));
    }

    void writesOlderThanTheWindowArePruned() {
        TestEngine t;
        t.create_table("Ledger", "pk", "S");
        enable(t, "Ledger", 1);
        const Millis start = t.clock->now();
        put(t, "Ledger", "a", 1);
        t.engine->advance(kDay / 2);
        put(t, "Ledger", "a", 2);
        const Millis span = 2 * kDay;
        QCOMPARE(activity(t, "Ledger", start, start + span, kDay / 2).writes, (Counts{1, 1, 0, 0}));
        // A day after the first write (plus the pruning interval) only the second is left.
        t.engine->advance(kDay / 2 + 20 * kMinute);
        QCOMPARE(activity(t, "Ledger", start, start + span, kDay / 2).writes, (Counts{0, 1, 0, 0}));
    }

    void badSpansAndMissingTablesAreErrors_data() {
        QTest::addColumn<QString>("table");
        QTest::addColumn<qint64>("length");
        QTest::addColumn<qint64>("bucket");
        QTest::addColumn<QString>("type");
        QTest::newRow("no such table")
            << "Missing" << qint64(kMinute) << qint64(1000) << "ResourceNotFoundException";
        QTest::newRow("empty span")
            << "Ledger" << qint64(0) << qint64(1000) << "ValidationException";
        QTest::newRow("zero bucket")
            << "Ledger" << qint64(kMinute) << qint64(0) << "ValidationException";
        QTest::newRow("negative bucket")
            << "Ledger" << qint64(kMinute) << qint64(-5) << "ValidationException";
        QTest::newRow("10001 buckets")
            << "Ledger" << qint64(10'001) << qint64(1) << "ValidationException";
        QTest::newRow("10000 buckets") << "Ledger" << qint64(10'000) << qint64(1) << "";
    }

    void badSpansAndMissingTablesAreErrors() {
        QFETCH(QString, table);
        QFETCH(qint64, length);
        QFETCH(qint64, bucket);
        QFETCH(QString, type);
        TestEngine t;
        t.create_table("Ledger", "pk", "S");
        const Millis now = t.clock->now();
        const auto a = activity(t, table.toStdString(), now, now + length, bucket);
        if (type.isEmpty()) {
            QVERIFY(!a.error);
            QCOMPARE(a.writes.size(), std::size_t(10'000));
        } else {
            QVERIFY(a.error);
            QCOMPARE(QString::fromStdString(a.error->type), type);
            QVERIFY(a.writes.empty());
        }
    }
};

QTEST_APPLESS_MAIN(TstPitrActivity)
#include "tst_pitr_activity.moc"
