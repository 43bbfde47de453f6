// The Fault scenarios tab: a shipped example opens with its faults on the timeline; a
// small scenario runs on its worker thread while the charts grow a point per second of
// engine time, and its report table holds the report's figures; Stop stops; an invalid
// file shows the engine's message naming the field; a saved report opens again without
// running; the report says why requests were throttled.

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "common/language.h"
#include "scenarios/scenario_charts.h"
#include "scenarios/scenario_job.h"
#include "scenarios/scenario_report_view.h"
#include "scenarios/scenario_series.h"
#include "scenarios/scenario_timeline.h"
#include "scenarios/scenarios_tab.h"
#include "engine_fixture.h"

using tablespan::Json;

namespace {

const QString kIreland = QStringLiteral("eu-west-1");
const QString kFrankfurt = QStringLiteral("eu-central-1");

// 30 s of load and 5 s of drain: Ireland offline from 10 s to 18 s.
Json small() {
    return J(R"({
        "name": "Ireland offline", "duration": "30s", "drain": "5s", "seed": 7,
        "tables": [{"name": "Carts", "regions": ["eu-west-1", "eu-central-1"]}],
        "load": [
            {"region": "eu-west-1", "table": "Carts", "writesPerSecond": 5, "readsPerSecond": 2},
            {"region": "eu-central-1", "table": "Carts", "writesPerSecond": 5}],
        "faults": [{"kind": "region-offline", "at": "10s", "for": "8s", "region": "eu-west-1"}]
    })");
}

QString cell(QTableWidget* t, int row, int column) {
    return t->item(row, column)->text();
}

// The report table's row of `region`, `phase` and requests ("writes"/"reads"); -1: none.
int rowOf(QTableWidget* t, const QString& region, const QString& phase, const QString& kind) {
    for (int r = 0; r < t->rowCount(); ++r)
        if (cell(t, r, ScenarioReportView::Region) == region &&
            cell(t, r, ScenarioReportView::Phase) == phase &&
            cell(t, r, ScenarioReportView::Requests) == kind)
            return r;
    return -1;
}

QString figure(const Json& value) {
    return QLocale().toString(value.get<qint64>());
}

}  // namespace

class TstWidgetsScenarios : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    // Runs `tab`'s scenario to its end; the seconds the job posted.
    int runToEnd(ScenariosTab& tab) {
        QSignalSpy finished(&tab, &ScenariosTab::runFinished);
        QSignalSpy seconds(tab.job(), &ScenarioJob::second);
        tab.run();
        if (!tab.running()) qFatal("the run did not start: %s", qPrintable(tab.errorText()));
        if (!finished.wait(120'000)) qFatal("the run did not finish");
        return int(seconds.size());
    }

private slots:
    void aLongRunIsDrawnWithAPointPerSpan() {
        // Two hours: a point per two seconds. Writes are the mean of the span, pending
        // its maximum, lag the mean of the seconds that delivered (a gap where none did).
        ScenarioSeries series;
        series.setRegions({QStringLiteral("us-east-1")});
        for (int s = 0; s < 7200; ++s) {
            tablespan::ScenarioSecond second;
            second.second = s;
            second.regions["us-east-1"].writes_served = s % 2 ? 4 : 2;
            second.pending["us-east-1>eu-west-1"] = s == 101 ? 50 : 0;
            if (s >= 200) second.lag_ms["us-east-1>eu-west-1"] = 400;
            series.add(second);
        }
        const QList<QPointF> writes =
            series.writes(QStringLiteral("us-east-1"), ScenarioSeries::Served);
        QCOMPARE(writes.size(), 3600);
        QCOMPARE(writes.front(), QPointF(2, 3));
        QCOMPARE(writes.back(), QPointF(7200, 3));
        const QList<QPointF> pending = series.pending(QStringLiteral("us-east-1>eu-west-1"));
        QCOMPARE(pending[50], QPointF(102, 50));  // one second's spike stays visible
        const QList<QPointF> lag = series.lag(QStringLiteral("us-east-1>eu-west-1"));
        QCOMPARE(lag.size(), 3500);
        QCOMPARE(lag.front(), QPointF(202, 400));
    }

    void theShippedExamplesOpenWithTheirFaultsOnTheTimeline() {
        ScenariosTab tab;
        const QStringList examples = ScenariosTab::examples();
        QVERIFY(examples.contains(QStringLiteral(":/scenarios/oregon-lost.json")));
        QVERIFY(examples.contains(QStringLiteral(":/scenarios/under-provisioned-replica.json")));
        QVERIFY(tab.openScenario(QStringLiteral(":/scenarios/oregon-lost.json")));
        QVERIFY(tab.errorText().isEmpty());
        QVERIFY(tab.descriptionLabel()->text().startsWith(QStringLiteral("The course's")));
        QVERIFY(tab.setupLabel()->text().contains(QStringLiteral("Courses")));
        QCOMPARE(tab.seed(), std::optional<quint64>(1));
        QVERIFY(tab.runButton()->isEnabled());
        QVERIFY(!tab.stopButton()->isEnabled());
        // One hour of load and five minutes of drain; the cut at 10 min until the end of
        // the load (it never heals), Oregon lost at 12 min (a mark).
        ScenarioTimeline* timeline = tab.timeline();
        QCOMPARE(timeline->duration(), 3600.0);
        QCOMPARE(timeline->drain(), 300.0);
        QCOMPARE(timeline->faults().size(), 2);
        QCOMPARE(timeline->faults()[0].label, QStringLiteral("us-west-2/ap-southeast-2 cut"));
        QCOMPARE(timeline->faults()[0].at, 600.0);
        QCOMPARE(timeline->faults()[0].until, 3600.0);
        QCOMPARE(timeline->faults()[1].label, QStringLiteral("us-west-2 lost"));
        QVERIFY(timeline->faults()[1].mark());
        timeline->resize(1000, timeline->sizeHint().height());
        const QRectF cut = timeline->faultRect(0), lost = timeline->faultRect(1);
        // The strip spans 3,900 s over 984 px from x = 8.
        QVERIFY(qAbs(cut.left() - (8 + 984 * 600.0 / 3900)) < 1);
        QVERIFY(qAbs(cut.right() - (8 + 984 * 3600.0 / 3900)) < 1);
        QVERIFY(qAbs(lost.center().x() - (8 + 984 * 720.0 / 3900)) < 1);
        QVERIFY(lost.top() > cut.top());  // a lane of its own
        // The charts shade the faults before any run.
        QCOMPARE(tab.charts()->shadedSpans(), QList<QPointF>({{600, 3600}, {720, 3900}}));
        // The loss has its own line: its shade alone blends into the cut's.
        QCOMPARE(tab.charts()->lossMarks(), QList<double>({720}));
    }

    void aRunGrowsTheChartsAndEndsWithTheReport() {
        ScenariosTab tab;
        QVERIFY(tab.setScenario(small(), QStringLiteral("small.json")));
        QCOMPARE(tab.timeline()->faults().size(), 1);
        QCOMPARE(tab.timeline()->faults()[0].label, QStringLiteral("eu-west-1 offline"));
        QCOMPARE(tab.timeline()->faults()[0].until, 18.0);
        tab.setSeed(11);
        const int posted = runToEnd(tab);
        QVERIFY(!tab.running());
        QVERIFY2(tab.errorText().isEmpty(), qPrintable(tab.errorText()));
        const Json& report = tab.report();
        JCOMPARE(report["seed"], 11);
        JCOMPARE(report["stopped"], false);
        // A point per second of engine time, load and drain: 35.
        QCOMPARE(posted, 35);
        QCOMPARE(tab.progress()->value(), 35);
        ScenarioCharts* charts = tab.charts();
        const QList<QPointF> served = charts->points(ScenarioCharts::Served, kIreland);
        QCOMPARE(served.size(), 35);
        const Json& ireland = report["timeline"]["regions"]["eu-west-1"];
        for (int s = 0; s < 35; ++s)
            QCOMPARE(served[s], QPointF(s + 1, ireland["writesServed"][s].get<double>()));
        // Offline, Ireland refuses its 5 writes a second: the refused line shows them.
        QCOMPARE(charts->points(ScenarioCharts::RefusedThrottled, kIreland)[12].y(), 5.0);
        QCOMPARE(charts->points(ScenarioCharts::Pending, kFrankfurt + QLatin1Char('>') + kIreland)
                     .size(),
                 35);
        // Nothing reaches Ireland while it is offline: a gap in the lag, not a zero.
        const QString toIreland = kFrankfurt + QLatin1Char('>') + kIreland;
        QVERIFY(charts->segments(ScenarioCharts::Lag, toIreland) >= 2);
        for (const QPointF& p : charts->points(ScenarioCharts::Lag, toIreland))
            QVERIFY2(p.x() <= 10 || p.x() > 18, qPrintable(QString::number(p.x())));
        QCOMPARE(charts->shadedSpans(), QList<QPointF>({{10, 18}}));
        QVERIFY(charts->lossMarks().isEmpty());  // offline is not lost

        // The table holds the report's figures, per region and phase.
        QTableWidget* table = tab.reportView()->table();
        int rows = 0;
        for (const auto& [region, phases] : report["regions"].items())
            for (const Json& phase : phases)
                for (const char* kind : {"writes", "reads"}) {
                    const Json& f = phase[kind];
                    const int row =
                        rowOf(table, QString::fromStdString(region),
                              QString::fromStdString(phase["phase"]), QString::fromLatin1(kind));
                    if (std::string(kind) == "reads" && f["served"] == 0 && f["refused"] == 0 &&
                        f["throttled"] == 0) {
                        QCOMPARE(row, -1);
                        continue;
                    }
                    ++rows;
                    QVERIFY(row >= 0);
                    QCOMPARE(cell(table, row, ScenarioReportView::Served), figure(f["served"]));
                    QCOMPARE(cell(table, row, ScenarioReportView::Refused), figure(f["refused"]));
                    QCOMPARE(cell(table, row, ScenarioReportView::Throttled),
                             figure(f["throttled"]));
                    if (f.contains("p99Ms"))
                        QCOMPARE(cell(table, row, ScenarioReportView::P99), figure(f["p99Ms"]));
                }
        QCOMPARE(table->rowCount(), rows);
        // Ireland's phase offline: 40 writes refused (5 a second for 8 s), none served.
        const int offline =
            rowOf(table, kIreland, QStringLiteral("eu-west-1 offline"), QStringLiteral("writes"));
        QCOMPARE(cell(table, offline, ScenarioReportView::Refused), QStringLiteral("40"));
        QCOMPARE(cell(table, offline, ScenarioReportView::Served), QStringLiteral("0"));
        // The findings: the heal's convergence, no region lost.
        const QString findings = tab.reportView()->findings()->text();
        QVERIFY(findings.contains(QStringLiteral("No region was lost.")));
        const double converge = report["convergence"][0]["seconds"].get<double>();
        QVERIFY2(findings.contains(QStringLiteral("eu-west-1 offline, healed at 18.0 s: converged "
                                                  "in %1 s")
                                       .arg(QLocale().toString(converge, 'f', 1))),
                 qPrintable(findings));
        QVERIFY(tab.runButton()->isEnabled());

        // Saved, and opened again in another tab: the same view without running.
        const QString path = m_dir.filePath(QStringLiteral("report.json"));
        QVERIFY(tab.saveReport(path));
        ScenariosTab other;
        QVERIFY(other.openReport(path));
        QVERIFY(!other.running());
        QVERIFY(!other.runButton()->isEnabled());
        QCOMPARE(other.reportView()->table()->rowCount(), table->rowCount());
        QCOMPARE(other.charts()->points(ScenarioCharts::Served, kIreland), served);
        QCOMPARE(other.timeline()->faults().size(), 1);
        QCOMPARE(other.timeline()->faults()[0].until, 18.0);
        QCOMPARE(other.reportView()->findings()->text(), findings);
    }

    void stopEndsARunEarly() {
        ScenariosTab tab;
        QVERIFY(tab.openScenario(QStringLiteral(":/scenarios/oregon-lost.json")));
        QSignalSpy finished(&tab, &ScenariosTab::runFinished);
        tab.run();
        QVERIFY(tab.running());
        QVERIFY(tab.stopButton()->isEnabled());
        QVERIFY(!tab.runButton()->isEnabled());
        QVERIFY(QTest::qWaitFor([&] { return tab.secondsDone() >= 3; }, 60'000));
        tab.stop();
        QVERIFY(finished.wait(60'000));
        QVERIFY(!tab.running());
        JCOMPARE(tab.report()["stopped"], true);
        const int seconds = tab.report()["timeline"]["seconds"].get<int>();
        QVERIFY2(seconds >= 3 && seconds < 3900, qPrintable(QString::number(seconds)));
        QVERIFY(tab.reportView()->findings()->text().contains(
            QStringLiteral("Stopped before the end")));
    }

    // The engine words its report in English (the headless JSON); the console words the
    // faults and phases itself, from their kind and regions, in its own language.
    void theFaultsAndPhasesAreInTheConsolesLanguage() {
        Language::apply(QStringLiteral("de"));
        ScenariosTab tab;
        Json file = small();
        file["faults"].push_back(J(R"({"kind": "link-slow", "at": "20s", "for": "5s",
            "regions": ["eu-west-1", "eu-central-1"], "latencyMs": 400})"));
        QVERIFY(tab.setScenario(file, QStringLiteral("small.json")));
        QCOMPARE(tab.timeline()->faults()[1].label,
                 QStringLiteral("eu-west-1/eu-central-1 mit 400 ms"));
        ScenarioReportView view;
        view.setReport(J(R"({
            "faults": [{"kind": "region-lost", "label": "eu-west-1 lost", "atSecond": 10.0,
                        "region": "eu-west-1"}],
            "phases": [{"name": "before the faults", "faults": [], "fromSecond": 0.0},
                       {"name": "eu-west-1 lost", "faults": [0], "fromSecond": 10.0}],
            "regions": {"eu-central-1": [
                {"phase": "before the faults", "phaseIndex": 0,
                 "writes": {"served": 50, "refused": 0, "throttled": 0, "conflicted": 0}},
                {"phase": "eu-west-1 lost", "phaseIndex": 1,
                 "writes": {"served": 100, "refused": 0, "throttled": 0, "conflicted": 0}}]},
            "convergence": [{"fault": "eu-west-1 lost", "faultIndex": 0,
                             "healedAtSecond": 20.0, "seconds": null}]})"));
        Language::apply(QStringLiteral("en"));
        QCOMPARE(cell(view.table(), 0, ScenarioReportView::Phase),
                 QStringLiteral("vor den Fehlern"));
        QCOMPARE(cell(view.table(), 1, ScenarioReportView::Phase),
                 QStringLiteral("eu-west-1 verloren"));
        QVERIFY2(view.findings()->text().contains(QStringLiteral("eu-west-1 verloren")),
                 qPrintable(view.findings()->text()));
    }

    void theReportSaysWhyRequestsWereThrottled() {
        ScenarioReportView view;
        view.setReport(J(R"({
            "faults": [{"kind": "capacity-lowered", "label": "Orders capacity lowered",
                        "atSecond": 120.0, "table": "Orders"}],
            "phases": [{"name": "Orders capacity lowered", "faults": [0], "fromSecond": 120.0}],
            "regions": {"us-east-1": [{"phase": "Orders capacity lowered", "phaseIndex": 0,
                "writes": {"served": 9000, "refused": 0, "throttled": 1204, "conflicted": 0,
                           "throttledBy": {"IndexWriteProvisionedThroughputExceeded": 104,
                                           "TableWriteProvisionedThroughputExceeded": 1100}},
                "reads": {"served": 600, "refused": 0, "throttled": 7,
                          "throttledBy": {"TableReadMaxOnDemandThroughputExceeded": 7}},
                "replication": {"throttleEvents": 57, "replicatedWriteUnits": 18000.0,
                                "consumedWriteUnits": 36000.0}}]},
            "totals": {"writesThrottled": 1204, "readsThrottled": 7,
                       "writesThrottledBy": {}, "readsThrottledBy": {},
                       "replicationThrottleEvents": 57},
            "replicationThrottling": [{"table": "Orders", "region": "us-east-1",
                "sources": ["eu-west-1"], "link": "eu-west-1>us-east-1", "throttleEvents": 57,
                "peakPerSecond": 3, "firstSecond": 121, "lastSecond": 700}]})"));
        const QLocale l;
        const QString findings = view.findings()->text();
        QVERIFY2(findings.contains(QStringLiteral("Why requests were throttled")),
                 qPrintable(findings));
        // Most frequent cause first.
        QVERIFY2(findings.contains(QStringLiteral("Writes throttled: %1 (table writes over "
                                                  "provisioned capacity %2; index writes over "
                                                  "provisioned capacity %3)")
                                       .arg(l.toString(1204), l.toString(1100), l.toString(104))),
                 qPrintable(findings));
        QVERIFY2(findings.contains(QStringLiteral("Reads throttled: 7 (table reads over the "
                                                  "on-demand maximum 7)")),
                 qPrintable(findings));
        QVERIFY2(findings.contains(QStringLiteral("refused for want of write capacity: 57")),
                 qPrintable(findings));
        QVERIFY2(findings.contains(QStringLiteral("Replicated writes used %1 of the %2 write units")
                                       .arg(l.toString(18000), l.toString(36000))),
                 qPrintable(findings));
        QVERIFY2(
            findings.contains(QStringLiteral("Replication eu-west-1 to us-east-1, table "
                                             "Orders: deliveries refused 57, at most 3 a "
                                             "second, from 121.0 s to 700.0 s")
                                  .replace(QStringLiteral("121.0"), l.toString(121.0, 'f', 1))
                                  .replace(QStringLiteral("700.0"), l.toString(700.0, 'f', 1))),
            qPrintable(findings));
        // The table keeps the count; its tooltip names the causes.
        const int row = rowOf(view.table(), QStringLiteral("us-east-1"),
                              QStringLiteral("Orders capacity lowered"), QStringLiteral("writes"));
        QVERIFY(row >= 0);
        QTableWidgetItem* throttled = view.table()->item(row, ScenarioReportView::Throttled);
        QCOMPARE(throttled->text(), l.toString(1204));
        QCOMPARE(throttled->toolTip(), QStringLiteral("table writes over provisioned capacity %1\n"
                                                      "index writes over provisioned capacity %2")
                                           .arg(l.toString(1100), l.toString(104)));
        // Throttling leads the findings when there was some.
        QVERIFY(findings.indexOf(QStringLiteral("Why requests were throttled")) <
                findings.indexOf(QStringLiteral("Recovery point")));
        // A run without throttling says so, after the other findings.
        view.setReport(J(R"({"regions": {}, "totals": {"writesThrottledBy": {},
                             "readsThrottledBy": {}}})"));
        const QString none = view.findings()->text();
        QVERIFY(none.contains(QStringLiteral("No request was throttled.")));
        QVERIFY(none.indexOf(QStringLiteral("Why requests were throttled")) >
                none.indexOf(QStringLiteral("Last-writer-wins conflicts")));
    }

    void anInvalidFileShowsItsError() {
        ScenariosTab tab;
        Json file = small();
        file["faults"][0]["kind"] = "meteor";
        QVERIFY(!tab.setScenario(file, QStringLiteral("meteor.json")));
        QCOMPARE(tab.errorText(),
                 QStringLiteral("The scenario meteor.json is invalid: faults[0].kind: one of "
                                "region-offline, region-lost, link-cut, link-slow, "
                                "capacity-lowered, kms-key-disabled"));
        QVERIFY(!tab.runButton()->isEnabled());
        // Not JSON at all; and a JSON file that is not a report.
        const QString broken = m_dir.filePath(QStringLiteral("broken.json"));
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"name\": ");
        f.close();
        QVERIFY(!tab.openScenario(broken));
        QCOMPARE(tab.errorText(), QStringLiteral("broken.json is not valid JSON."));
        QVERIFY(!tab.openReport(QStringLiteral(":/scenarios/oregon-lost.json")));
        QCOMPARE(tab.errorText(), QStringLiteral("oregon-lost.json is not a scenario report."));
        // A valid file clears the error.
        QVERIFY(tab.setScenario(small(), QStringLiteral("small.json")));
        QVERIFY(tab.errorText().isEmpty());
        // A set-up the engine refuses shows its message, after the run.
        QVERIFY(tab.setScenario(J(R"({"name": "x", "duration": 5, "tables": [{"name": "Tbl",
                  "consistency": "STRONG", "regions": ["us-east-1", "eu-west-1", "ap-south-1"]}]})"),
                                QStringLiteral("strong.json")));
        QSignalSpy finished(&tab, &ScenariosTab::runFinished);
        tab.run();
        QVERIFY(finished.wait(60'000));
        QVERIFY2(tab.errorText().startsWith(
                     QStringLiteral("The scenario failed: set-up of Tbl: ValidationException: ")),
                 qPrintable(tab.errorText()));
    }
};

QTEST_MAIN(TstWidgetsScenarios)
#include "tst_widgets_scenarios.moc"
