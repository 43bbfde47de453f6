// The replication and request charts sample engine time once a second: a stalled
// backlog is a flat line at its height, a lone latency sample is a visible point, a
// second without deliveries is a gap rather than a slope, and axes end on round values.

#include <cmath>

#include <QChart>
#include <QScatterSeries>
#include <QTest>
#include <QValueAxis>

#include "global/replication_chart.h"
#include "monitoring/monitoring_tab.h"
#include "monitoring/request_stats_model.h"
#include "tablespan/replication_metrics.h"
#include "widget_fixture.h"

using tablespan::Json;

namespace {
const QString kWest = QStringLiteral("us-west-2");
const QString kIreland = QStringLiteral("eu-west-1");

void globalTable(WidgetEngine& e) {
    e.create_table("courses", "courseid", "S");
    e.ok("UpdateTable",
         {{"TableName", "courses"},
          {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", "eu-west-1"}}}}})}});
    e.advance(60'000);
}

void put(WidgetEngine& e, const std::string& id) {
    e.ok("PutItem", {{"TableName", "courses"}, {"Item", {{"courseid", {{"S", id}}}}}});
}

// The marker series of the latency chart that hold points, and how many they hold.
int latencyMarkers(ReplicationChart& chart) {
    int n = 0;
    for (QAbstractSeries* s : chart.latencyChart()->series())
        if (auto* scatter = qobject_cast<QScatterSeries*>(s); scatter && scatter->isVisible())
            n += static_cast<int>(scatter->count());
    return n;
}

QValueAxis* yAxis(QChart* chart) {
    return qobject_cast<QValueAxis*>(chart->axes(Qt::Vertical).first());
}
}  // namespace

class TstWidgetsCharts : public QObject {
    Q_OBJECT

private slots:
    // Bug 3: a backlog that does not move is drawn every second at its height.
    void aStalledBacklogIsAFlatLineAtItsHeight() {
        WidgetEngine e;
        globalTable(e);
        e.engine->network().set_link_cut("us-west-2", "eu-west-1", true);
        for (int i = 0; i < 6; ++i) put(e, "stalled-" + std::to_string(i));
        e.advance(1'000);
        e.advance(30'000);  // nothing moves
        ReplicationChart chart;
        chart.setTable(QStringLiteral("courses"), {kWest, kIreland});
        chart.show();
        chart.refresh(e.engine->replication_metrics(), e.engine->clock().now());
        const QList<QPointF> points = chart.pendingPoints(kIreland);
        // One point a second over the last 30 s, all at 6.
        QVERIFY2(points.size() >= 30, qPrintable(QString::number(points.size())));
        for (qsizetype i = points.size() - 30; i < points.size(); ++i) {
            QCOMPARE(points[i].y(), 6.0);
            if (i > 0) QCOMPARE(points[i].x() - points[i - 1].x(), 1.0);
        }
        QCOMPARE(points.last().x(), 0.0);
    }

    // Bug 2: one delivery is a visible point, and the axis fits it with a round top.
    void aLoneLatencySampleIsDrawn() {
        WidgetEngine e;
        globalTable(e);
        put(e, "lone");
        e.advance(5'000);
        ReplicationChart chart;
        chart.setTable(QStringLiteral("courses"), {kWest, kIreland});
        chart.show();
        chart.refresh(e.engine->replication_metrics(), e.engine->clock().now());
        QCOMPARE(chart.pointCount(kIreland), 1);
        QCOMPARE(latencyMarkers(chart), 1);
        QValueAxis* y = yAxis(chart.latencyChart());
        const double latency = tablespan::Network::model_latency_ms("us-west-2", "eu-west-1");
        QVERIFY(y->max() >= latency);
        QVERIFY2(y->max() <= latency * 2.5, qPrintable(QString::number(y->max())));
        QCOMPARE(y->tickType(), QValueAxis::TicksDynamic);
        // Ticks at a round step from 0, ending on the top.
        const double step = y->tickInterval();
        QVERIFY(step > 0);
        QCOMPARE(std::fmod(y->max(), step), 0.0);
    }

    // Bug 3: seconds without deliveries between two writes are a gap, not a slope.
    void secondsWithoutDeliveriesAreAGap() {
        WidgetEngine e;
        globalTable(e);
        put(e, "first");
        e.advance(5'000);
        e.advance(10'000);
        put(e, "second");
        e.advance(5'000);
        ReplicationChart chart;
        chart.setTable(QStringLiteral("courses"), {kWest, kIreland});
        chart.show();
        chart.refresh(e.engine->replication_metrics(), e.engine->clock().now());
        QCOMPARE(chart.pointCount(kIreland), 2);
        QCOMPARE(chart.latencySegments(kIreland), 2);
        QCOMPARE(latencyMarkers(chart), 2);
        // Pending meanwhile was a measured 0 every second, not a gap.
        const QList<QPointF> pending = chart.pendingPoints(kIreland);
        QVERIFY(pending.size() >= 15);
        QCOMPARE(pending.last().y(), 0.0);
    }

    // The chart keeps its series when the same group is listed from another region.
    void theChartKeepsItsHistoryWhenTheRegionChanges() {
        WidgetEngine e;
        globalTable(e);
        put(e, "one");
        e.advance(5'000);
        ReplicationChart chart;
        chart.setTable(QStringLiteral("courses"), {kWest, kIreland});
        chart.show();
        chart.refresh(e.engine->replication_metrics(), e.engine->clock().now());
        QCOMPARE(chart.pointCount(kIreland), 1);
        chart.setTable(QStringLiteral("courses"), {kIreland, kWest});  // seen from Ireland
        QCOMPARE(chart.pointCount(kIreland), 1);
        chart.refresh(e.engine->replication_metrics(), e.engine->clock().now());
        QCOMPARE(chart.pointCount(kIreland), 1);
    }

    // Bug 3 in Monitoring: a second without requests is a rate of 0 and a latency gap.
    void requestChartsShowZerosAndGaps() {
        WidgetEngine e;
        e.create_table("courses", "courseid", "S");
        MonitoringTab tab(*e.bridge);
        tab.setRegion(kWest);
        tab.show();
        const auto putOne = [&](const std::string& id) {
            e.bridge->call(kWest, QStringLiteral("PutItem"),
                           {{"TableName", "courses"}, {"Item", {{"courseid", {{"S", id}}}}}}, {});
        };
        putOne("a");
        QTRY_COMPARE(
            tab.model()->requests(kWest, QStringLiteral("courses"), QStringLiteral("PutItem")), 1);
        e.advance(5'000);
        putOne("b");
        QTRY_COMPARE(
            tab.model()->requests(kWest, QStringLiteral("courses"), QStringLiteral("PutItem")), 2);
        e.advance(1'000);
        tab.refresh();
        const QList<QPointF> rate = tab.ratePoints(QStringLiteral("PutItem"));
        QVERIFY2(rate.size() >= 7, qPrintable(QString::number(rate.size())));
        int zeros = 0;
        for (const QPointF& p : rate) zeros += p.y() == 0 ? 1 : 0;
        QVERIFY2(zeros >= 4, qPrintable(QString::number(zeros)));
        QCOMPARE(tab.latencySegments(QStringLiteral("PutItem")), 2);
    }
};

QTEST_MAIN(TstWidgetsCharts)
#include "tst_widgets_charts.moc"
