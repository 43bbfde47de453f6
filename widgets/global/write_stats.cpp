#include "global/write_stats.h"

#include "common/percentile.h"

namespace {
const QString kConflict = QStringLiteral("ReplicatedWriteConflictException");
}

WriteStats::WriteStats(EngineBridge& bridge, QObject* parent) : QObject(parent), m_bridge(bridge) {
    connect(&bridge, &EngineBridge::requestsCompleted, this, &WriteStats::add);
}

bool WriteStats::isWrite(const QString& operation) {
    return operation == QLatin1String("PutItem") || operation == QLatin1String("UpdateItem") ||
           operation == QLatin1String("DeleteItem") || operation == QLatin1String("BatchWriteItem");
}

void WriteStats::add(const QList<RequestRecord>& records) {
    bool any = false;
    const double scale = m_bridge.engine().time_scale();
    for (const RequestRecord& r : records) {
        if (!isWrite(r.operation) || r.table.isEmpty()) continue;
        const bool ok = r.errorType.isEmpty();
        const bool conflict = r.errorType == kConflict;
        if (!ok && !conflict) continue;
        // A batch names each of its tables.
        for (const QString& table : r.table.split(QStringLiteral(", "))) {
            Series& s = m_series[{table, r.region}];
            if (conflict) {
                ++s.conflicts;
            } else {
                s.samples.append({r.timeMs, r.durationMs * scale});
                if (s.samples.size() > kMaxSamples) s.samples.removeFirst();
            }
            any = true;
        }
    }
    if (any) emit changed();
}

WriteStats::Summary WriteStats::summary(const QString& table, const QString& region,
                                        qint64 now) const {
    Summary out;
    const auto it = m_series.find({table, region});
    if (it == m_series.end()) return out;
    out.conflicts = it->conflicts;
    QList<double> recent;
    for (const Sample& s : it->samples)
        if (s.timeMs > now - kWindowMs) recent << s.durationMs;
    out.writes = recent.size();
    out.p50 = Percentile::of(recent, 50);
    out.p99 = Percentile::of(recent, 99);
    return out;
}

qint64 WriteStats::conflicts(const QString& table) const {
    qint64 n = 0;
    for (auto it = m_series.begin(); it != m_series.end(); ++it)
        if (it.key().first == table) n += it->conflicts;
    return n;
}
