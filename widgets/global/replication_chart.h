#pragma once

// Live charts of ReplicationLatency (average line and min–max band per receiving region)
// and PendingReplicationCount over a sliding window of engine time, one point per second,
// read from the engine's replication metrics. Pending is a count the engine records
// whenever it changes, so every second carries the last recorded value (a stalled
// backlog is a flat line at its height); latency exists only for seconds that delivered
// something, so seconds without deliveries are a gap, not a slope, and a lone delivery
// is a visible point.

#include <memory>

#include <QHash>
#include <QList>
#include <QPointF>
#include <QWidget>

#include "tablespan/clock.h"

namespace tablespan {
class ReplicationMetrics;
}
class GappedLine;
class QAreaSeries;
class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

class ReplicationChart final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplicationChart)

public:
    static constexpr int kWindowSeconds = 60;

    explicit ReplicationChart(QWidget* parent = nullptr);

    // The table whose replication is shown ("" = every table), and the receiving regions
    // to draw (empty = every region that received something).
    void setTable(const QString& table, const QStringList& destinations = {});
    // Re-reads the window ending at `now` (engine time) from `metrics`.
    void refresh(const tablespan::ReplicationMetrics& metrics, tablespan::Millis now);

    // The receiving regions currently drawn, and the points of one's average line.
    QStringList destinations() const;
    int pointCount(const QString& destination) const;
    // The line segments of one's average latency (1 when its points are contiguous).
    int latencySegments(const QString& destination) const;
    // The points of one's pending line: (seconds from now, changes).
    QList<QPointF> pendingPoints(const QString& destination) const;
    QChart* latencyChart() const { return m_latency; }

private:
    struct Series {
        std::shared_ptr<GappedLine> avg;
        QLineSeries* min = nullptr;
        QLineSeries* max = nullptr;
        QAreaSeries* band = nullptr;
        std::shared_ptr<GappedLine> pending;
    };
    Series& seriesFor(const QString& destination);
    void clear();

    QString m_table;
    QStringList m_filter;
    QChart* m_latency;
    QChart* m_pending;
    QValueAxis* m_latencyX;
    QValueAxis* m_latencyY;
    QValueAxis* m_pendingX;
    QValueAxis* m_pendingY;
    QHash<QString, Series> m_series;
};
