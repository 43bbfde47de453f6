// The outage comparison: its arithmetic from known writes (what was acknowledged, refused,
// lost had the region never come back, latency percentiles, the per-second series with
// their gaps), and the dialog's form (three regions of one set, the failing region among
// them).

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

#include "drills/drill_report.h"
#include "drills/outage_drill.h"
#include "drills/outage_drill_chart.h"
#include "drills/outage_drill_dialog.h"
#include "widget_fixture.h"

using tablespan::Json;

namespace {
const QString kWest = QStringLiteral("us-west-2");
const QString kEast = QStringLiteral("us-east-1");
const QString kOhio = QStringLiteral("us-east-2");
constexpr qint64 kStart = 1'000'000;

DrillWrite w(int table, const QString& region, const QString& key, qint64 sent, qint64 answered,
             const QString& error = {}) {
    DrillWrite d;
    d.table = table;
    d.region = region;
    d.key = key;
    d.hot = key == QLatin1String("hot");
    d.sentMs = kStart + sent;
    d.answeredMs = answered < 0 ? -1 : kStart + answered;
    d.errorType = error;
    return d;
}

DrillTimeline timeline() {
    DrillTimeline t;
    t.loadStartMs = kStart;
    t.outageStartMs = kStart + 10'000;
    t.readMs = kStart + 40'000;
    t.healedMs = kStart + 40'050;
    t.loadEndMs = kStart + 50'000;
    return t;
}
}  // namespace

class TstOutageDrill : public QObject {
    Q_OBJECT

private slots:
    void theReportCountsWhatWasLostRefusedAndSlow() {
        const int mrec = DrillWrite::Eventual;
        const QList<DrillWrite> writes = {
            // Before the outage: replicated (the others have it), and one still in flight.
            w(mrec, kOhio, QStringLiteral("a"), 1'000, 1'002),
            w(mrec, kOhio, QStringLiteral("b"), 9'800, 9'802),
            // During the outage the cut-off region acknowledges; nobody else has these.
            w(mrec, kOhio, QStringLiteral("c"), 20'000, 20'004),
            w(mrec, kOhio, QStringLiteral("d"), 39'000, 39'006),
            // Acknowledged after the others were read: not judged.
            w(mrec, kOhio, QStringLiteral("e"), 40'010, 40'012),
            // The shared item is never counted as lost.
            w(mrec, kOhio, QStringLiteral("hot"), 30'000, 30'001),
            // Elsewhere all is well.
            w(mrec, kWest, QStringLiteral("f"), 20'000, 20'003),
            w(mrec, kEast, QStringLiteral("g"), 20'000, 20'008),
            // An unanswered write.
            w(mrec, kEast, QStringLiteral("h"), 49'900, -1),
            // The other table is not mixed in.
            w(DrillWrite::Strong, kOhio, QStringLiteral("c"), 20'000, 20'070,
              QStringLiteral("InternalServerError")),
        };
        const QSet<QString> elsewhere = {QStringLiteral("a"), QStringLiteral("f"),
                                         QStringLiteral("g")};
        const DrillOutcome o =
            DrillReport::summarize(writes, mrec, kOhio, elsewhere, timeline(), false);
        QCOMPARE(o.attempted, qint64(9));
        QCOMPARE(o.acknowledged, qint64(8));
        QCOMPARE(o.unanswered, qint64(1));
        QCOMPARE(o.refused, qint64(0));
        QCOMPARE(o.lost, qint64(3));  // b, c, d
        // From b's acknowledgement (9.802 s) to the read (40 s), the region still writing.
        QCOMPARE(o.rpoSeconds, 30.198);
        // Latencies 2 2 4 6 2 1 3 8: p50 is the 4th smallest (2), p99 the largest.
        QCOMPARE(o.p50, 2.0);
        QCOMPARE(o.p99, 8.0);
        // Offline from the outage's start: the loss window ends there.
        const DrillOutcome offline =
            DrillReport::summarize(writes, mrec, kOhio, elsewhere, timeline(), true);
        QCOMPARE(offline.rpoSeconds, 0.198);

        const DrillOutcome mrsc =
            DrillReport::summarize(writes, DrillWrite::Strong, kOhio, {}, timeline(), false);
        QCOMPARE(mrsc.attempted, qint64(1));
        QCOMPARE(mrsc.refused, qint64(1));
        QCOMPARE(mrsc.lost, qint64(0));
        QCOMPARE(mrsc.rpoSeconds, 0.0);
        QCOMPARE(mrsc.p50, -1.0);
    }

    void conflictsAreCountedApartFromRefusals() {
        const int t = DrillWrite::Strong;
        const QList<DrillWrite> writes = {
            w(t, kWest, QStringLiteral("hot"), 0, 70,
              QStringLiteral("ReplicatedWriteConflictException")),
            w(t, kEast, QStringLiteral("hot"), 0, 20),
            w(t, kOhio, QStringLiteral("hot"), 0, 20,
              QStringLiteral("ReplicatedWriteConflictException")),
            w(t, kOhio, QStringLiteral("x"), 11'000, 11'001, QStringLiteral("InternalServerError")),
        };
        const DrillOutcome o = DrillReport::summarize(writes, t, kOhio, {}, timeline(), false);
        QCOMPARE(o.conflicts, qint64(2));
        QCOMPARE(o.refused, qint64(1));
        QCOMPARE(o.acknowledged, qint64(1));
    }

    void theSeriesHaveGapsWhereNothingWasAcknowledged() {
        const int t = DrillWrite::Strong;
        QList<DrillWrite> writes = {
            w(t, kWest, QStringLiteral("a"), 0, 30),
            w(t, kEast, QStringLiteral("b"), 500, 510),
            w(t, kWest, QStringLiteral("c"), 1'000, 1'040),
            // Seconds 2 and 3: refused only.
            w(t, kOhio, QStringLiteral("d"), 2'000, 2'001, QStringLiteral("InternalServerError")),
            w(t, kOhio, QStringLiteral("e"), 3'000, 3'001, QStringLiteral("InternalServerError")),
            w(t, kOhio, QStringLiteral("f"), 3'500, 3'501, QStringLiteral("InternalServerError")),
            w(t, kWest, QStringLiteral("g"), 4'000, 4'020),
        };
        DrillTimeline tl = timeline();
        tl.loadEndMs = kStart + 5'001;
        const QList<QPointF> latency = DrillReport::latencySeries(writes, t, tl);
        // Second 0: median of 30 and 10 (nearest rank: the smaller); none in seconds 2-3.
        QCOMPARE(latency, QList<QPointF>({{0, 10}, {1, 40}, {4, 20}}));
        QCOMPARE(DrillReport::refusedSeries(writes, t, tl),
                 QList<QPointF>({{0, 0}, {1, 0}, {2, 1}, {3, 2}, {4, 0}, {5, 0}}));

        // The chart draws the gap as a gap and shades the outage.
        OutageDrillChart chart;
        tl.outageStartMs = kStart + 2'000;
        tl.healedMs = kStart + 4'000;
        chart.draw(writes, tl, tl.loadEndMs, 10);
        QCOMPARE(chart.latencySegments(t), 2);
        QCOMPARE(chart.outageSpan(), QPointF(2, 4));
        QCOMPARE(chart.refusedPoints(t).size(), 6);
    }

    // Runs the drill on a ManualClock: us-west-2 fails for 10 s, `offline` or cut off.
    static void runDrill(WidgetEngine& e, OutageDrill& drill, bool offline) {
        DrillPlan plan;
        plan.regions = {kEast, kOhio, kWest};
        plan.faultRegion = kWest;
        plan.offline = offline;
        plan.warmupMs = 5'000;
        plan.outageMs = 10'000;
        plan.recoveryMs = 5'000;
        plan.writesPerSecond = 2;
        drill.start(plan);
        for (int i = 0; i < 20'000 && drill.running(); ++i) {
            e.advance(drill.phase() < OutageDrill::Phase::Warmup ? 500 : 10);
            for (int j = 0; j < 4; ++j) {
                e.engine->run_pending();
                QCoreApplication::processEvents();
            }
            drill.poll();
        }
    }

    void aRunShowsTheEventualTableLosingWhatTheStrongOneRefused() {
        WidgetEngine e;
        OutageDrill drill(*e.bridge);
        runDrill(e, drill, false);
        QVERIFY2(drill.phase() == OutageDrill::Phase::Done, qPrintable(drill.phaseText()));
        // The fault is lifted.
        QVERIFY(e.engine->network().can_deliver("us-west-2", "us-east-1"));
        const DrillOutcome mrec = drill.outcome(DrillWrite::Eventual);
        const DrillOutcome mrsc = drill.outcome(DrillWrite::Strong);
        // Every region wrote to both tables at the same moments.
        QCOMPARE(mrec.attempted, mrsc.attempted);
        QCOMPARE(mrec.unanswered, qint64(0));
        QCOMPARE(mrsc.unanswered, qint64(0));
        // Cut off, the eventually consistent replica kept acknowledging: lost had it never
        // come back. The strongly consistent one refused instead, and lost nothing.
        QVERIFY2(mrec.lost >= 15, qPrintable(QString::number(mrec.lost)));
        QCOMPARE(mrec.refused, qint64(0));
        QCOMPARE(mrsc.lost, qint64(0));
        QVERIFY2(mrsc.refused >= 15, qPrintable(QString::number(mrsc.refused)));
        // Every region writes the shared item at the same moment: the strongly consistent
        // table refuses all but one, the eventually consistent one keeps the last.
        QCOMPARE(mrec.conflicts, qint64(0));
        QVERIFY(mrsc.conflicts > 0);
        // A strongly consistent write waits for a second region: at least the round trip
        // between the two closest regions.
        const double nearest = 2 * tablespan::Network::network_latency_ms("us-east-1", "us-east-2");
        QVERIFY2(mrsc.p50 >= nearest - 1, qPrintable(QString::number(mrsc.p50)));
        QVERIFY(mrsc.p50 > mrec.p50);
        QVERIFY(mrec.rpoSeconds >= 9.0);
    }

    // Offline, the region takes no writes in either table: the eventual table loses only
    // what was still on its way when the region went down (under a second of writes).
    void anOfflineRegionLosesOnlyWhatWasInFlight() {
        WidgetEngine e;
        OutageDrill drill(*e.bridge);
        runDrill(e, drill, true);
        QVERIFY2(drill.phase() == OutageDrill::Phase::Done, qPrintable(drill.phaseText()));
        QVERIFY(e.engine->network().region_online("us-west-2"));
        const DrillOutcome mrec = drill.outcome(DrillWrite::Eventual);
        const DrillOutcome mrsc = drill.outcome(DrillWrite::Strong);
        QVERIFY2(mrec.refused >= 15, qPrintable(QString::number(mrec.refused)));
        QVERIFY2(mrsc.refused >= 15, qPrintable(QString::number(mrsc.refused)));
        QVERIFY2(mrec.lost <= 2, qPrintable(QString::number(mrec.lost)));
        QVERIFY2(mrec.rpoSeconds < 1.0, qPrintable(QString::number(mrec.rpoSeconds)));
        QCOMPARE(mrsc.lost, qint64(0));
    }

    // The dialog runs a short drill, shows the outcome side by side, then deletes both
    // tables (a strong group in one request, the eventual one replica by replica).
    void theDialogShowsTheOutcomeAndDeletesTheTables() {
        WidgetEngine e;
        OutageDrillDialog dialog(*e.bridge, kWest);
        dialog.setOutageSeconds(5);
        dialog.setWritesPerSecond(1);
        dialog.show();
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("runDrill")),
                          Qt::LeftButton);
        OutageDrill* drill = dialog.drill();
        for (int i = 0; i < 20'000 && drill->running(); ++i) {
            e.advance(drill->phase() < OutageDrill::Phase::Warmup ? 500 : 20);
            for (int j = 0; j < 4; ++j) {
                e.engine->run_pending();
                QCoreApplication::processEvents();
            }
            drill->poll();
        }
        QCOMPARE(drill->phase(), OutageDrill::Phase::Done);
        QTRY_VERIFY(dialog.phaseText().startsWith(QLatin1String("Done.")));
        QTableWidget* results = dialog.results();
        const auto cell = [results](int row, int table) {
            return results->item(row, table + 1)->text();
        };
        const DrillOutcome mrec = drill->outcome(DrillWrite::Eventual);
        QCOMPARE(cell(OutageDrillDialog::Lost, DrillWrite::Eventual), QString::number(mrec.lost));
        QCOMPARE(cell(OutageDrillDialog::Lost, DrillWrite::Strong), QStringLiteral("0"));
        QVERIFY(results->item(OutageDrillDialog::Lost, 0)->text().contains(kWest));
        QVERIFY(dialog.chart()->outageSpan().y() > dialog.chart()->outageSpan().x());

        auto* remove = dialog.findChild<QPushButton*>(QStringLiteral("deleteDrillTables"));
        QVERIFY(remove->isEnabled());
        QTest::mouseClick(remove, Qt::LeftButton);
        const auto tables = [&] {
            return e.call("ListTables", Json::object(), "us-east-1")
                .body.value("TableNames", Json::array())
                .size();
        };
        const auto listed = [&](const QString& table) {
            const Json names = e.call("ListTables", Json::object(), "us-east-1")
                                   .body.value("TableNames", Json::array());
            return std::find(names.begin(), names.end(), table.toStdString()) != names.end();
        };
        // The eventual table's replicas one by one, then the table.
        QVERIFY(e.advanceUntil([&] { return !listed(drill->tableName(DrillWrite::Eventual)); },
                               5'000, 200));
        // The strong group goes in one request (its timeline is tst_mrsc's
        // tearsDownInOneCall); then both tables are gone.
        const bool deleted = e.advanceUntil(
            [&] { return dialog.phaseText().startsWith(QLatin1String("Deleted")); }, 10'000, 60);
        QVERIFY(deleted);
        QCOMPARE(tables(), std::size_t(0));
        QVERIFY(!remove->isEnabled());
    }

    void theFormTakesThreeRegionsOfOneSet() {
        WidgetEngine e;
        OutageDrillDialog dialog(*e.bridge, QStringLiteral("eu-west-1"));
        // The region's own set, its first three regions; the last of them fails.
        DrillPlan plan = dialog.plan();
        QCOMPARE(plan.regions,
                 QStringList({QStringLiteral("eu-west-1"), QStringLiteral("eu-west-2"),
                              QStringLiteral("eu-west-3")}));
        QCOMPARE(plan.faultRegion, QStringLiteral("eu-west-3"));
        QVERIFY(dialog.valid());
        // Four checked: not a valid group.
        dialog.findChild<QCheckBox*>(QStringLiteral("drillRegion-eu-central-1"))->setChecked(true);
        QVERIFY(!dialog.valid());
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("runDrill"))->isEnabled());
        dialog.setRegions({QStringLiteral("eu-west-1"), QStringLiteral("eu-west-2"),
                           QStringLiteral("eu-central-1")});
        QVERIFY(dialog.valid());
        QCOMPARE(dialog.plan().faultRegion, QStringLiteral("eu-central-1"));
        // The failing region is one of the three.
        auto* fault = dialog.findChild<QComboBox*>(QStringLiteral("drillFaultRegion"));
        QCOMPARE(fault->count(), 3);
        dialog.setRegionSet(QStringLiteral("US"));
        dialog.setFaultRegion(kWest);
        dialog.setOffline(true);
        dialog.setOutageSeconds(20);
        dialog.setWritesPerSecond(2);
        plan = dialog.plan();
        QCOMPARE(plan.regions, QStringList({kEast, kOhio, kWest}));
        QCOMPARE(plan.faultRegion, kWest);
        QVERIFY(plan.offline);
        QCOMPARE(plan.outageMs, qint64(20'000));
        QCOMPARE(plan.writesPerSecond, 2);
    }
};

QTEST_MAIN(TstOutageDrill)
#include "tst_outage_drill.moc"
