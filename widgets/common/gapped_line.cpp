#include "common/gapped_line.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

GappedLine::GappedLine(QChart* chart, QValueAxis* x, QValueAxis* y, const QString& name,
                       const QColor& colour)
    : m_chart(chart),
      m_x(x),
      m_y(y),
      m_name(name),
      m_colour(colour),
      m_markers(new QScatterSeries) {
    segment(0);  // the legend entry, even before any point
    m_markers->setMarkerSize(6);
    m_markers->setColor(colour);
    m_markers->setBorderColor(colour);
    m_chart->addSeries(m_markers);
    m_markers->attachAxis(m_x);
    m_markers->attachAxis(m_y);
    for (QLegendMarker* marker : m_chart->legend()->markers(m_markers)) marker->setVisible(false);
}

QLineSeries* GappedLine::segment(int n) {
    while (m_segments.size() <= n) {
        auto* s = new QLineSeries;
        s->setName(m_name);
        s->setPen(QPen(m_colour, 2));
        m_chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
        s->setVisible(m_visible);
        if (!m_segments.isEmpty())
            for (QLegendMarker* marker : m_chart->legend()->markers(s)) marker->setVisible(false);
        m_segments.append(s);
    }
    return m_segments[n];
}

void GappedLine::setPoints(const QList<QPointF>& points, double maxStep) {
    QList<QList<QPointF>> runs;
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (i == 0 || points[i].x() - points[i - 1].x() > maxStep) runs.append(QList<QPointF>());
        runs.last().append(points[i]);
    }
    for (qsizetype i = 0; i < runs.size(); ++i) segment(static_cast<int>(i))->replace(runs[i]);
    for (qsizetype i = runs.size(); i < m_segments.size(); ++i) m_segments[i]->clear();
    m_markers->replace(points);
    m_points = points;
    m_count = points.size();
    m_used = static_cast<int>(runs.size());
}

void GappedLine::setVisible(bool visible) {
    m_visible = visible;
    for (QLineSeries* s : m_segments) s->setVisible(visible);
    m_markers->setVisible(visible);
    // The legend entry stays with the first segment only.
    for (qsizetype i = 1; i < m_segments.size(); ++i)
        for (QLegendMarker* marker : m_chart->legend()->markers(m_segments[i]))
            marker->setVisible(false);
    for (QLegendMarker* marker : m_chart->legend()->markers(m_markers)) marker->setVisible(false);
}

void GappedLine::setName(const QString& name) {
    if (name == m_name) return;
    m_name = name;
    for (QLineSeries* s : m_segments) s->setName(name);
}
