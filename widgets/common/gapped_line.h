#pragma once

// One logical line on a chart that is broken where nothing was measured: consecutive
// points closer than `maxStep` apart are joined, a larger step starts a new segment, and
// every point also gets a marker, so a lone sample is a visible dot rather than nothing.
// The first segment carries the legend entry; the others hide theirs.

#include <QColor>
#include <QList>
#include <QPointF>
#include <QString>

class QChart;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

class GappedLine final {
public:
    GappedLine(QChart* chart, QValueAxis* x, QValueAxis* y, const QString& name,
               const QColor& colour);
    GappedLine(const GappedLine&) = delete;
    GappedLine& operator=(const GappedLine&) = delete;

    // Replaces the points (sorted by x).
    void setPoints(const QList<QPointF>& points, double maxStep);
    void clear() { setPoints({}, 1); }
    void setVisible(bool visible);
    // Renames the line (its legend entry).
    void setName(const QString& name);
    QString name() const { return m_name; }
    QColor colour() const { return m_colour; }
    int count() const { return static_cast<int>(m_count); }
    QList<QPointF> points() const { return m_points; }
    // Segments drawn now (0 when empty).
    int segments() const { return m_used; }
    QScatterSeries* markers() const { return m_markers; }

private:
    QLineSeries* segment(int n);

    QChart* m_chart;
    QValueAxis* m_x;
    QValueAxis* m_y;
    QString m_name;
    QColor m_colour;
    QList<QLineSeries*> m_segments;  // owned by the chart
    QScatterSeries* m_markers;       // owned by the chart
    QList<QPointF> m_points;
    qsizetype m_count = 0;
    int m_used = 0;
    bool m_visible = true;
};
