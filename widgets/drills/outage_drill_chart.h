#pragma once

// The outage comparison's charts, over the seconds since the load started (engine time):
// the median latency of each table's acknowledged writes per second (no point where no
// write was acknowledged: a gap), and each table's refused writes per second; the
// outage is shaded on both.

#include <memory>

#include <QWidget>

#include "drills/drill_write.h"

class GappedLine;
class QAreaSeries;
class QChart;
class QLineSeries;
class QValueAxis;

class OutageDrillChart final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutageDrillChart)

public:
    explicit OutageDrillChart(QWidget* parent = nullptr);

    // Redraws from the drill's writes; `spanSeconds` is the x axis' length.
    void draw(const QList<DrillWrite>& writes, const DrillTimeline& timeline, qint64 nowMs,
              double spanSeconds);
    void clear();

    QList<QPointF> latencyPoints(int table) const;
    int latencySegments(int table) const;
    QList<QPointF> refusedPoints(int table) const;
    // The shaded outage: (start, end) in seconds since the load started; (0, 0) = none.
    QPointF outageSpan() const { return m_span; }

private:
    struct Shade {
        QLineSeries* upper = nullptr;
        QLineSeries* lower = nullptr;
        QAreaSeries* area = nullptr;
    };
    Shade makeShade(QChart* chart, QValueAxis* x, QValueAxis* y);
    void setShade(const Shade& shade, double from, double to, double top);

    QChart* m_latency;
    QChart* m_refused;
    QValueAxis* m_latencyX;
    QValueAxis* m_latencyY;
    QValueAxis* m_refusedX;
    QValueAxis* m_refusedY;
    std::shared_ptr<GappedLine> m_latencyLines[DrillWrite::kTables];
    std::shared_ptr<GappedLine> m_refusedLines[DrillWrite::kTables];
    Shade m_latencyShade;
    Shade m_refusedShade;
    QPointF m_span;
};
