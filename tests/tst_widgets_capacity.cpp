// The Monitoring tab's capacity charts, driven by a throttled table on engine time (a
// ManualClock): consumed against provisioned capacity as the console's average per
// second, throttled requests as the Sum per period; a burst is a spike at its second, a
// quiet stretch is flat at zero, a table seen for one second is one visible point, and
// the seconds before the table existed are a gap, not zeros.
//
// The statistic follows the DynamoDB console and the developer guide's advice on
// ConsumedReadCapacityUnits ("get the Sum value over a span of one minute, and divide it
// by the number of seconds in a minute (60) to calculate the average ... per second",
// DG:metrics-dimensions).

#include <QChart>
#include <QComboBox>
#include <QScatterSeries>
#include <QTest>

#include "monitoring/capacity_charts.h"
#include "tables/tables_model.h"
#include "widget_fixture.h"

using CapacityPoints::Line;
using tablespan::Json;

namespace {
Json item(int i) {
    return {{"id", {{"S", "k" + std::to_string(i)}}}, {"pad", {{"S", std::string(500, 'x')}}}};
}

void createProvisioned(WidgetEngine& e, const std::string& name, int read, int write) {
    e.ok("CreateTable",
         {{"TableName", name},
          {"BillingMode", "PROVISIONED"},
          {"ProvisionedThroughput", {{"ReadCapacityUnits", read}, {"WriteCapacityUnits", write}}},
          {"AttributeDefinitions", J(R"([{"AttributeName": "id", "AttributeType": "S"}])")},
          {"KeySchema", J(R"([{"AttributeName": "id", "KeyType": "HASH"}])")}});
    e.advance(60'000);
}

// The charts of the region's tables, on `table`.
struct Charts {
    TablesModel tables;
    CapacityCharts charts;
    Charts(WidgetEngine& e, const std::string& table, int period = 1) : charts(*e.bridge) {
        QList<Json> descriptions;
        const Json names = e.ok("ListTables", Json::object())["TableNames"];
        for (const auto& name : names)
            descriptions << e.ok("DescribeTable", {{"TableName", name}})["Table"];
        tables.setTables(descriptions);
        charts.setTablesModel(&tables);
        charts.setRegion(QStringLiteral("us-west-2"));
        charts.setTable(QString::fromStdString(table));
        charts.setPeriodSeconds(period);
        charts.resize(1200, 300);
        charts.show();
        charts.refresh();
    }
    double at(Line line, double x) const {
        for (const QPointF& p : charts.points(line))
            if (p.x() == x) return p.y();
        return -1;
    }
};

void toSecondStart(WidgetEngine& e) {
    e.advance(1'000 - e.engine->clock().now() % 1000);
}
}  // namespace

class TstWidgetsCapacity : public QObject {
    Q_OBJECT

private slots:
    // 310 writes in one second to a table with 1 WCU: 300 taken from the burst capacity,
    // 10 throttled. Per second: a spike of 300 consumed units and 10 throttled writes at
    // that second, a flat provisioned line at 1 everywhere, zeros while nothing happens.
    void aThrottlingBurstIsASpikeAndAFlatLine() {
        WidgetEngine e;
        createProvisioned(e, "Throttled", 5, 1);
        toSecondStart(e);
        int throttled = 0;
        for (int i = 0; i < 310; ++i)
            throttled +=
                e.call("PutItem", {{"TableName", "Throttled"}, {"Item", item(i)}}).ok() ? 0 : 1;
        QCOMPARE(throttled, 10);
        e.advance(10'000);  // ten quiet seconds
        Charts c(e, "Throttled");
        QCOMPARE(c.charts.table(), QStringLiteral("Throttled"));
        // One point a second over the last minute, the current second at 0.
        const auto consumed = c.charts.points(CapacityPoints::ConsumedWrite);
        QCOMPARE(consumed.size(), 61);
        QCOMPARE(consumed.last().x(), 0.0);
        QCOMPARE(c.charts.segments(CapacityPoints::ConsumedWrite), 1);
        QCOMPARE(c.at(CapacityPoints::ConsumedWrite, -10), 300.0);
        QCOMPARE(c.at(CapacityPoints::ThrottledWrite, -10), 10.0);
        QCOMPARE(c.at(CapacityPoints::ThrottledRead, -10), 0.0);
        for (int x = -9; x <= 0; ++x) {
            QCOMPARE(c.at(CapacityPoints::ConsumedWrite, x), 0.0);
            QCOMPARE(c.at(CapacityPoints::ThrottledWrite, x), 0.0);
        }
        for (const QPointF& p : c.charts.points(CapacityPoints::ProvisionedWrite))
            QCOMPARE(p.y(), 1.0);
        for (const QPointF& p : c.charts.points(CapacityPoints::ProvisionedRead))
            QCOMPARE(p.y(), 5.0);
        QCOMPARE(c.charts.provisionedName(), QStringLiteral("Provisioned"));
        // The y axis reaches over the spike.
        QVERIFY(c.charts.chart(1)->axes(Qt::Vertical).first()->property("max").toDouble() >= 300);
    }

    // With one-minute periods the consumed capacity is the average per second (the
    // minute's Sum over 60) and throttled requests the minute's Sum.
    void aMinuteIsTheAveragePerSecond() {
        WidgetEngine e;
        createProvisioned(e, "Minutes", 5, 1);
        e.advance(60'000 - e.engine->clock().now() % 60'000);  // a minute starts
        int throttled = 0;
        for (int i = 0; i < 306; ++i)
            throttled +=
                e.call("PutItem", {{"TableName", "Minutes"}, {"Item", item(i)}}).ok() ? 0 : 1;
        QCOMPARE(throttled, 6);
        e.advance(60'000);
        Charts c(e, "Minutes", 60);
        QCOMPARE(c.at(CapacityPoints::ConsumedWrite, -1), 300.0 / 60);
        QCOMPARE(c.at(CapacityPoints::ThrottledWrite, -1), 6.0);
        QCOMPARE(c.at(CapacityPoints::ProvisionedWrite, -1), 1.0);
        // Switching back to seconds shows the second of the burst.
        c.charts.setPeriodSeconds(1);
        QCOMPARE(c.at(CapacityPoints::ConsumedWrite, -60), 300.0);
    }

    // A table the engine has seen for one second (here: since a restart, as the metrics
    // are not kept) has one point, drawn as a visible marker; the minute before is a gap,
    // not a line at zero.
    void aNewTableIsOnePointAfterAGap() {
        WidgetEngine lone;
        lone.create_table("Lone", "id", "S");
        lone.bridge.reset();
        lone.reopen();
        lone.bridge = std::make_unique<EngineBridge>(*lone.engine);
        toSecondStart(lone);
        lone.ok("PutItem", {{"TableName", "Lone"}, {"Item", item(1)}});
        Charts l(lone, "Lone");
        QCOMPARE(l.charts.points(CapacityPoints::ConsumedWrite), QList<QPointF>{QPointF(0, 1)});
        // An on-demand table has no provisioned line.
        QVERIFY(l.charts.points(CapacityPoints::ProvisionedWrite).isEmpty());
        int markers = 0;
        for (QAbstractSeries* s : l.charts.chart(1)->series())
            if (auto* m = qobject_cast<QScatterSeries*>(s);
                m && m->isVisible() && m->count() == 1 && m->at(0) == QPointF(0, 1))
                ++markers;
        QVERIFY(markers >= 1);
    }

    // An on-demand table with a maximum shows the maximum as its limit line.
    void onDemandMaximumIsTheLimitLine() {
        WidgetEngine e;
        e.create_table("Capped", "id", "S");
        e.ok("UpdateTable",
             J(R"({"TableName": "Capped", "OnDemandThroughput": {"MaxWriteRequestUnits": 3}})"));
        e.advance(2'000);
        Charts c(e, "Capped");
        QCOMPARE(c.charts.provisionedName(), QStringLiteral("On-demand maximum"));
        QCOMPARE(c.charts.points(CapacityPoints::ProvisionedWrite).last().y(), 3.0);
        QVERIFY(c.charts.points(CapacityPoints::ProvisionedRead).isEmpty());
    }

    // A GSI has its own series, chosen in the index box.
    void aGsiHasItsOwnCharts() {
        WidgetEngine e;
        e.ok("CreateTable", J(R"({"TableName": "Indexed", "BillingMode": "PROVISIONED",
                   "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 50},
                   "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                                            {"AttributeName": "g", "AttributeType": "S"}],
                   "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                   "GlobalSecondaryIndexes": [{"IndexName": "byG",
                       "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                       "Projection": {"ProjectionType": "KEYS_ONLY"},
                       "ProvisionedThroughput": {"ReadCapacityUnits": 2,
                                                 "WriteCapacityUnits": 7}}]})"));
        e.advance(60'000);
        toSecondStart(e);
        for (int i = 0; i < 3; ++i) {
            Json it = item(i);
            it["g"] = {{"S", "grp"}};
            e.ok("PutItem", {{"TableName", "Indexed"}, {"Item", it}});
        }
        Charts c(e, "Indexed");
        auto* box = c.charts.findChild<QComboBox*>(QStringLiteral("capacityIndex"));
        QVERIFY(box);
        QCOMPARE(box->count(), 2);
        QCOMPARE(box->itemText(1), QStringLiteral("byG"));
        QCOMPARE(c.at(CapacityPoints::ProvisionedWrite, 0), 50.0);
        box->setCurrentIndex(1);
        QCOMPARE(c.charts.index(), QStringLiteral("byG"));
        QCOMPARE(c.at(CapacityPoints::ProvisionedWrite, 0), 7.0);
        QCOMPARE(c.at(CapacityPoints::ConsumedWrite, 0), 3.0);
    }
};

QTEST_MAIN(TstWidgetsCapacity)
#include "tst_widgets_capacity.moc"
