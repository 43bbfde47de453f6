#include "global/replication_chart.h"

#include <algorithm>
#include <map>

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include "tablespan/replication_metrics.h"
#include "common/time_chart.h"

namespace {
QColor colourFor(int n) {
    static const QColor palette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                                     QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28),
                                     QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b)};
    return palette[n % 6];
}

}  // namespace

ReplicationChart::ReplicationChart(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("replicationChart"));
    m_latency = TimeChart::make(tr("Replication latency per receiving region (ms)"), kWindowSeconds,
                                m_latencyX, m_latencyY, {}, QStringLiteral("%d"));
    m_pending = TimeChart::make(tr("Pending replication (changes)"), kWindowSeconds, m_pendingX,
                                m_pendingY, {}, QStringLiteral("%d"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(TimeChart::view(m_latency, this, 150), 3);
    layout->addWidget(TimeChart::view(m_pending, this, 150), 2);
}

void ReplicationChart::setTable(const QString& table, const QStringList& destinations) {
    if (table == m_table && destinations == m_filter) return;
    m_table = table;
    m_filter = destinations;
    clear();
}

void ReplicationChart::clear() {
    m_latency->removeAllSeries();
    m_pending->removeAllSeries();
    m_series.clear();
}

ReplicationChart::Series& ReplicationChart::seriesFor(const QString& destination) {
    auto it = m_series.find(destination);
    if (it != m_series.end()) return *it;
    const QColor colour = colourFor(static_cast<int>(m_series.size()));
    Series s;
    s.min = new QLineSeries(m_latency);
    s.max = new QLineSeries(m_latency);
    s.band = new QAreaSeries(s.max, s.min);
    s.band->setName(tr("%1 min–max").arg(destination));
    QColor fill = colour;
    fill.setAlpha(50);
    s.band->setBrush(fill);
    s.band->setPen(Qt::NoPen);
    s.avg = new QLineSeries;
    s.avg->setName(tr("%1 average").arg(destination));
    s.avg->setPen(QPen(colour, 2));
    s.pending = new QLineSeries;
    s.pending->setName(destination);
    s.pending->setPen(QPen(colour, 2));
    for (QAbstractSeries* series :
         {static_cast<QAbstractSeries*>(s.band), static_cast<QAbstractSeries*>(s.avg)}) {
        m_latency->addSeries(series);
        series->attachAxis(m_latencyX);
        series->attachAxis(m_latencyY);
    }
    m_latency->legend()->markers(s.band).first()->setVisible(false);
    m_pending->addSeries(s.pending);
    s.pending->attachAxis(m_pendingX);
    s.pending->attachAxis(m_pendingY);
    return *m_series.insert(destination, s);
}

void ReplicationChart::refresh(const tablespan::ReplicationMetrics& metrics,
                               tablespan::Millis now) {
    const tablespan::Millis current = now / 1000 * 1000;
    const tablespan::Millis from = current - kWindowSeconds * 1000;
    tablespan::ReplicationQuery q;
    q.table = m_table.toStdString();
    q.from = from;
    // Merge the sources (and tables) per receiving region and second.
    struct Point {
        std::int64_t delivered = 0;
        double min = 0, sum = 0, max = 0;
        std::int64_t pending = 0;
    };
    std::map<std::string, std::map<tablespan::Millis, Point>> merged;
    for (const auto& s : metrics.query(q)) {
        if (!m_filter.isEmpty() && !m_filter.contains(QString::fromStdString(s.destination)))
            continue;
        Point& p = merged[s.destination][s.second];
        if (s.delivered > 0) {
            p.min = p.delivered ? std::min(p.min, s.latency_min_ms) : s.latency_min_ms;
            p.max = std::max(p.max, s.latency_max_ms);
            p.sum += s.latency_avg_ms * static_cast<double>(s.delivered);
            p.delivered += s.delivered;
        }
        p.pending += s.pending;
    }
    double maxLatency = 0;
    double maxPending = 0;
    for (const auto& [destination, points] : merged) {
        Series& s = seriesFor(QString::fromStdString(destination));
        QList<QPointF> avg, min, max, pending;
        for (const auto& [second, p] : points) {
            const double x = static_cast<double>(second - current) / 1000.0;
            pending << QPointF(x, static_cast<double>(p.pending));
            maxPending = std::max(maxPending, static_cast<double>(p.pending));
            if (p.delivered == 0) continue;
            avg << QPointF(x, p.sum / static_cast<double>(p.delivered));
            min << QPointF(x, p.min);
            max << QPointF(x, p.max);
            maxLatency = std::max(maxLatency, p.max);
        }
        s.avg->replace(avg);
        s.min->replace(min);
        s.max->replace(max);
        s.pending->replace(pending);
    }
    // Series whose region received nothing in the window are emptied, not removed:
    // colours stay stable while the group is shown.
    for (auto it = m_series.begin(); it != m_series.end(); ++it) {
        if (merged.count(it.key().toStdString())) continue;
        it->avg->clear();
        it->min->clear();
        it->max->clear();
        it->pending->clear();
    }
    const auto ceiling = [](double v, double floor) { return std::max(floor, v * 1.15); };
    m_latencyY->setRange(0, ceiling(maxLatency, 100));
    m_pendingY->setRange(0, ceiling(maxPending, 5));
}

QStringList ReplicationChart::destinations() const {
    QStringList out = m_series.keys();
    out.sort();
    return out;
}

int ReplicationChart::pointCount(const QString& destination) const {
    const auto it = m_series.find(destination);
    return it == m_series.end() ? 0 : static_cast<int>(it->avg->count());
}
