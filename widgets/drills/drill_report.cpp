#include "drills/drill_report.h"

#include <algorithm>
#include <map>

#include "common/percentile.h"

namespace {
const QString kConflict = QStringLiteral("ReplicatedWriteConflictException");

qint64 secondOf(qint64 ms, const DrillTimeline& t) {
    return (ms - t.loadStartMs) / 1000;
}
}  // namespace

namespace DrillReport {

DrillOutcome summarize(const QList<DrillWrite>& writes, int table, const QString& faultRegion,
                       const QSet<QString>& elsewhere, const DrillTimeline& timeline,
                       bool offline) {
    DrillOutcome out;
    QList<double> latencies;
    qint64 oldestLost = -1;
    for (const DrillWrite& w : writes) {
        if (w.table != table) continue;
        ++out.attempted;
        if (!w.answered()) {
            ++out.unanswered;
            continue;
        }
        if (!w.errorType.isEmpty()) {
            ++(w.errorType == kConflict ? out.conflicts : out.refused);
            continue;
        }
        ++out.acknowledged;
        latencies << w.latencyMs();
        if (w.region != faultRegion || w.hot || w.answeredMs > timeline.readMs ||
            elsewhere.contains(w.key))
            continue;
        ++out.lost;
        if (oldestLost < 0 || w.answeredMs < oldestLost) oldestLost = w.answeredMs;
    }
    if (oldestLost >= 0) {
        const qint64 lostAt = offline ? timeline.outageStartMs : timeline.readMs;
        out.rpoSeconds = static_cast<double>(std::max<qint64>(0, lostAt - oldestLost)) / 1000.0;
    }
    out.p50 = Percentile::of(latencies, 50);
    out.p99 = Percentile::of(latencies, 99);
    return out;
}

QList<QPointF> latencySeries(const QList<DrillWrite>& writes, int table,
                             const DrillTimeline& timeline) {
    std::map<qint64, QList<double>> seconds;
    for (const DrillWrite& w : writes)
        if (w.table == table && w.acknowledged())
            seconds[secondOf(w.sentMs, timeline)] << w.latencyMs();
    QList<QPointF> out;
    for (const auto& [second, latencies] : seconds)
        out << QPointF(static_cast<double>(second), Percentile::of(latencies, 50));
    return out;
}

QList<QPointF> refusedSeries(const QList<DrillWrite>& writes, int table,
                             const DrillTimeline& timeline) {
    // Up to the second that holds the load's last moment.
    if (timeline.loadEndMs <= timeline.loadStartMs) return {};
    const qint64 last = secondOf(timeline.loadEndMs - 1, timeline);
    QList<qint64> counts(last + 1, 0);
    for (const DrillWrite& w : writes) {
        if (w.table != table || !w.answered() || w.errorType.isEmpty()) continue;
        const qint64 s = secondOf(w.sentMs, timeline);
        if (s >= 0 && s <= last) ++counts[s];
    }
    QList<QPointF> out;
    for (qint64 s = 0; s <= last; ++s)
        out << QPointF(static_cast<double>(s), static_cast<double>(counts[s]));
    return out;
}

}  // namespace DrillReport
