#include "global/replication_chart.h"

#include <algorithm>
#include <map>

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSet>
#include <QValueAxis>
#include <QVBoxLayout>

#include "tablespan/replication_metrics.h"
#include "common/gapped_line.h"
#include "common/time_chart.h"

namespace {
QColor colourFor(int n) {
    static const QColor palette[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                                     QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28),
                                     QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b)};
    return palette[n % 6];
}

constexpr tablespan::Millis kLookbackMs = 600'000;
constexpr double kMaxStep = 1.5;  // seconds: further apart is a gap

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
    // The same group seen from another region lists its regions in another order: the
    // series (and their colours) stay.
    QStringList sorted = destinations;
    sorted.sort();
    QStringList shown = m_filter;
    shown.sort();
    if (table == m_table && sorted == shown) return;
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
    m_latency->addSeries(s.band);
    s.band->attachAxis(m_latencyX);
    s.band->attachAxis(m_latencyY);
    m_latency->legend()->markers(s.band).first()->setVisible(false);
    s.avg = std::make_shared<GappedLine>(m_latency, m_latencyX, m_latencyY,
                                         tr("%1 average").arg(destination), colour);
    s.pending =
        std::make_shared<GappedLine>(m_pending, m_pendingX, m_pendingY, destination, colour);
    s.pending->markers()->setMarkerSize(4);
    return *m_series.insert(destination, s);
}

void ReplicationChart::refresh(const tablespan::ReplicationMetrics& metrics,
                               tablespan::Millis now) {
    const tablespan::Millis current = now / 1000 * 1000;
    const tablespan::Millis from = current - kWindowSeconds * 1000;
    tablespan::ReplicationQuery q;
    q.table = m_table.toStdString();
    // Further back than the window: the pending count a link had when the window began.
    q.from = from - kLookbackMs;
    struct Latency {
        std::int64_t delivered = 0;
        double min = 0, sum = 0, max = 0;
    };
    using Link = std::pair<std::string, std::string>;  // (table, source)
    std::map<std::string, std::map<tablespan::Millis, Latency>> latency;
    std::map<std::string, std::map<Link, std::map<tablespan::Millis, std::int64_t>>> pending;
    for (const auto& s : metrics.query(q)) {
        if (!m_filter.isEmpty() && !m_filter.contains(QString::fromStdString(s.destination)))
            continue;
        pending[s.destination][{s.table, s.source}][s.second] = s.pending;
        if (s.delivered == 0 || s.second < from) continue;
        Latency& p = latency[s.destination][s.second];
        p.min = p.delivered ? std::min(p.min, s.latency_min_ms) : s.latency_min_ms;
        p.max = std::max(p.max, s.latency_max_ms);
        p.sum += s.latency_avg_ms * static_cast<double>(s.delivered);
        p.delivered += s.delivered;
    }
    const auto xOf = [current](tablespan::Millis second) {
        return static_cast<double>(second - current) / 1000.0;
    };
    double maxLatency = 0;
    double maxPending = 0;
    QSet<QString> drawn;
    for (const auto& [destination, links] : pending) {
        const QString name = QString::fromStdString(destination);
        Series& s = seriesFor(name);
        drawn.insert(name);
        // One point a second: the sum over the links that have a recorded count by then.
        QList<QPointF> points;
        for (tablespan::Millis second = from; second <= current; second += 1000) {
            std::int64_t sum = 0;
            bool known = false;
            for (const auto& [link, counts] : links) {
                auto at = counts.upper_bound(second);
                if (at == counts.begin()) continue;  // nothing recorded yet
                known = true;
                sum += second == current ? metrics.pending(link.first, link.second, destination)
                                         : std::prev(at)->second;
            }
            if (!known) continue;
            points << QPointF(xOf(second), static_cast<double>(sum));
            maxPending = std::max(maxPending, static_cast<double>(sum));
        }
        s.pending->setPoints(points, kMaxStep);

        QList<QPointF> avg, min, max;
        tablespan::Millis previous = 0;
        for (const auto& [second, p] : latency[destination]) {
            const double x = xOf(second);
            const double mean = p.sum / static_cast<double>(p.delivered);
            // Across a gap the band collapses to a line of no height (it has no pen).
            if (!avg.isEmpty() && second - previous > 1000) {
                min << QPointF(min.last().x(), avg.last().y()) << QPointF(x, mean);
                max << QPointF(max.last().x(), avg.last().y()) << QPointF(x, mean);
            }
            avg << QPointF(x, mean);
            min << QPointF(x, p.min);
            max << QPointF(x, p.max);
            maxLatency = std::max(maxLatency, p.max);
            previous = second;
        }
        s.avg->setPoints(avg, kMaxStep);
        s.min->replace(min);
        s.max->replace(max);
    }
    // Series whose region has nothing in the window are emptied, not removed: colours
    // stay stable while the group is shown.
    for (auto it = m_series.begin(); it != m_series.end(); ++it) {
        if (drawn.contains(it.key())) continue;
        it->avg->clear();
        it->min->clear();
        it->max->clear();
        it->pending->clear();
    }
    TimeChart::setNiceRange(m_latencyY, maxLatency, 100);
    TimeChart::setNiceRange(m_pendingY, maxPending, 5);
}

QStringList ReplicationChart::destinations() const {
    QStringList out = m_series.keys();
    out.sort();
    return out;
}

int ReplicationChart::pointCount(const QString& destination) const {
    const auto it = m_series.find(destination);
    return it == m_series.end() ? 0 : it->avg->count();
}

int ReplicationChart::latencySegments(const QString& destination) const {
    const auto it = m_series.find(destination);
    return it == m_series.end() ? 0 : it->avg->segments();
}

QList<QPointF> ReplicationChart::pendingPoints(const QString& destination) const {
    const auto it = m_series.find(destination);
    return it == m_series.end() ? QList<QPointF>() : it->pending->points();
}
