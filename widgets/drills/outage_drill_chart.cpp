#include "drills/outage_drill_chart.h"

#include <algorithm>

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include "common/gapped_line.h"
#include "common/time_chart.h"
#include "drills/drill_report.h"

namespace {
const QColor kColours[DrillWrite::kTables] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e)};

void useElapsedAxis(QValueAxis* x) {
    x->setTitleText(OutageDrillChart::tr("seconds since the load started (engine time)"));
    x->setRange(0, 60);
}

QString tableLabel(int table) {
    return table == DrillWrite::Eventual ? OutageDrillChart::tr("Eventual (MREC)")
                                         : OutageDrillChart::tr("Strong (MRSC)");
}
}  // namespace

OutageDrillChart::OutageDrillChart(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("outageDrillChart"));
    m_latency = TimeChart::make(tr("Write latency, median per second (ms)"), 60, m_latencyX,
                                m_latencyY, {}, QStringLiteral("%d"));
    m_refused = TimeChart::make(tr("Writes refused per second (region unavailable or conflict)"),
                                60, m_refusedX, m_refusedY, {}, QStringLiteral("%d"));
    useElapsedAxis(m_latencyX);
    useElapsedAxis(m_refusedX);
    // The shade first, so that the lines are drawn over it.
    m_latencyShade = makeShade(m_latency, m_latencyX, m_latencyY);
    m_refusedShade = makeShade(m_refused, m_refusedX, m_refusedY);
    for (int t = 0; t < DrillWrite::kTables; ++t) {
        m_latencyLines[t] = std::make_shared<GappedLine>(m_latency, m_latencyX, m_latencyY,
                                                         tableLabel(t), kColours[t]);
        m_refusedLines[t] = std::make_shared<GappedLine>(m_refused, m_refusedX, m_refusedY,
                                                         tableLabel(t), kColours[t]);
        m_latencyLines[t]->markers()->setMarkerSize(4);
        m_refusedLines[t]->markers()->setMarkerSize(4);
    }
    clear();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(TimeChart::view(m_latency, this, 180), 3);
    layout->addWidget(TimeChart::view(m_refused, this, 140), 2);
}

OutageDrillChart::Shade OutageDrillChart::makeShade(QChart* chart, QValueAxis* x, QValueAxis* y) {
    Shade s;
    s.upper = new QLineSeries(chart);
    s.lower = new QLineSeries(chart);
    s.area = new QAreaSeries(s.upper, s.lower);
    s.area->setName(tr("Outage"));
    s.area->setBrush(QColor(0xd1, 0x32, 0x12, 45));
    s.area->setPen(Qt::NoPen);
    chart->addSeries(s.area);
    s.area->attachAxis(x);
    s.area->attachAxis(y);
    return s;
}

void OutageDrillChart::setShade(const Shade& shade, double from, double to, double top) {
    if (to <= from) {
        shade.upper->clear();
        shade.lower->clear();
        return;
    }
    shade.upper->replace({QPointF(from, top), QPointF(to, top)});
    shade.lower->replace({QPointF(from, 0), QPointF(to, 0)});
}

void OutageDrillChart::draw(const QList<DrillWrite>& writes, const DrillTimeline& timeline,
                            qint64 nowMs, double spanSeconds) {
    double maxLatency = 0, maxRefused = 0;
    DrillTimeline shown = timeline;
    // While the load runs, the refused series goes up to the last whole second: the
    // current one is still being answered, and would show fewer refusals than it will.
    if (shown.loadEndMs <= 0 || shown.loadEndMs > nowMs) shown.loadEndMs = nowMs - 1000;
    for (int t = 0; t < DrillWrite::kTables; ++t) {
        const QList<QPointF> latency = DrillReport::latencySeries(writes, t, timeline);
        const QList<QPointF> refused = DrillReport::refusedSeries(writes, t, shown);
        for (const QPointF& p : latency) maxLatency = std::max(maxLatency, p.y());
        for (const QPointF& p : refused) maxRefused = std::max(maxRefused, p.y());
        // One point a second: further apart is a second without acknowledged writes.
        m_latencyLines[t]->setPoints(latency, 1.5);
        m_refusedLines[t]->setPoints(refused, 1.5);
    }
    TimeChart::setNiceRange(m_latencyY, maxLatency, 50);
    TimeChart::setNiceRange(m_refusedY, maxRefused, 5);
    m_latencyX->setRange(0, spanSeconds);
    m_refusedX->setRange(0, spanSeconds);
    m_latencyX->setTickInterval(spanSeconds > 120 ? 30 : 10);
    m_refusedX->setTickInterval(spanSeconds > 120 ? 30 : 10);
    m_span = {};
    if (timeline.outageStartMs > timeline.loadStartMs && nowMs >= timeline.outageStartMs) {
        const qint64 end = timeline.healedMs >= timeline.outageStartMs ? timeline.healedMs : nowMs;
        m_span =
            QPointF(static_cast<double>(timeline.outageStartMs - timeline.loadStartMs) / 1000.0,
                    static_cast<double>(end - timeline.loadStartMs) / 1000.0);
    }
    setShade(m_latencyShade, m_span.x(), m_span.y(), m_latencyY->max());
    setShade(m_refusedShade, m_span.x(), m_span.y(), m_refusedY->max());
}

void OutageDrillChart::clear() {
    for (int t = 0; t < DrillWrite::kTables; ++t) {
        m_latencyLines[t]->clear();
        m_refusedLines[t]->clear();
    }
    m_span = {};
    setShade(m_latencyShade, 0, 0, 0);
    setShade(m_refusedShade, 0, 0, 0);
    TimeChart::setNiceRange(m_latencyY, 0, 50);
    TimeChart::setNiceRange(m_refusedY, 0, 5);
}

QList<QPointF> OutageDrillChart::latencyPoints(int table) const {
    return m_latencyLines[table]->points();
}

int OutageDrillChart::latencySegments(int table) const {
    return m_latencyLines[table]->segments();
}

QList<QPointF> OutageDrillChart::refusedPoints(int table) const {
    return m_refusedLines[table]->points();
}
