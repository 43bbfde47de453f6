#pragma once

// Live charts of ReplicationLatency (average line and min–max band per receiving region)
// and PendingReplicationCount over a sliding window of engine time at one-second
// resolution, read from the engine's replication metrics.

#include <QHash>
#include <QWidget>

#include "tablespan/clock.h"

namespace tablespan {
class ReplicationMetrics;
}
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
    QChart* latencyChart() const { return m_latency; }

private:
    struct Series {
        QLineSeries* avg = nullptr;
        QLineSeries* min = nullptr;
        QLineSeries* max = nullptr;
        QAreaSeries* band = nullptr;
        QLineSeries* pending = nullptr;
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
