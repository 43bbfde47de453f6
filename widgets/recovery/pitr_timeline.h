#pragma once

// The point-in-time recovery timeline: a table's writes per bucket of engine time (the
// PITR history), the restorable window shaded, and a marker at the restore moment that
// the user places by clicking or dragging. The marker stays inside the window. Without write
// counts (a remote table: its service does not report them) it shows the window alone.

#include <cstdint>
#include <vector>

#include <QChartView>

class QAreaSeries;
class QDateTime;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

class PitrTimeline final : public QChartView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PitrTimeline)

public:
    explicit PitrTimeline(QWidget* parent = nullptr);

    // The span worth showing for a window starting at `earliest` at engine time `now`:
    // at least a minute, cut into about a hundred buckets of a round length (1 s … 1 day)
    // that start on a multiple of it; `to` lies just past `now`.
    struct Span {
        qint64 from = 0;
        qint64 to = 0;
        qint64 bucketMs = 0;
    };
    static Span spanFor(qint64 earliest, qint64 now);

    // The span shown, [from, to) in engine ms, with `writes[i]` writes in the bucket
    // starting at from + i * bucketMs.
    void setActivity(qint64 from, qint64 to, qint64 bucketMs,
                     const std::vector<std::int64_t>& writes);
    // The span shown, [from, to) in ms, without write counts: the writes and their axis
    // are hidden, the window and the marker drawn as before.
    void setSpan(qint64 from, qint64 to);
    // The time axis' range as drawn.
    QDateTime axisStart() const;
    QDateTime axisEnd() const;
    // The restorable window [earliest, latest]; the marker is kept inside it.
    void setWindow(qint64 earliest, qint64 latest);
    void clear();

    qint64 marker() const { return m_marker; }
    // Moves the marker (clamped to the window) without emitting markerMoved.
    void setMarker(qint64 ms);
    bool hasWindow() const { return m_latest >= m_earliest && m_latest > 0; }
    qint64 earliest() const { return m_earliest; }
    qint64 latest() const { return m_latest; }
    qint64 totalWrites() const;
    int bucketCount() const { return static_cast<int>(m_counts.size()); }
    // Says what the time axis shows: "local time" when engine time is the wall clock's,
    // else engine time (and how much faster it runs when `scale` is not 1).
    void setTimeBase(bool engineTime, double scale);
    QString axisTitle() const;
    // Where the moment `ms` is drawn, in this view's coordinates (for tests).
    QPoint positionOf(qint64 ms) const;

signals:
    // The user placed the marker (click or drag); `ms` is already clamped.
    void markerMoved(qint64 ms);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    qint64 clamp(qint64 ms) const;
    void pick(const QPoint& position);
    void redrawWindow();
    void redrawMarker();
    void setTimeRange(qint64 from, qint64 to);

    QLineSeries* m_writes;
    QAreaSeries* m_writesArea;
    QLineSeries* m_windowTop;
    QAreaSeries* m_windowArea;
    QLineSeries* m_markerLine;
    QDateTimeAxis* m_x;
    QValueAxis* m_y;
    std::vector<std::int64_t> m_counts;
    qint64 m_from = 0;
    qint64 m_to = 0;
    qint64 m_earliest = 0;
    qint64 m_latest = -1;
    qint64 m_marker = 0;
    double m_top = 1;
    bool m_dragging = false;
};
