#include "scenarios/scenario_charts.h"

#include <algorithm>
#include <cmath>

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QGridLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include "common/gapped_line.h"
#include "common/time_chart.h"

namespace {

const QColor kColours[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                           QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
                           QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2)};

QColor colourOf(int i) {
    return kColours[i % int(std::size(kColours))];
}

// Markers on every point while there are few; past that only on lone points (a second
// between two gaps), which a line would not show.
constexpr int kAllMarkers = 120;

QList<QPointF> lonePoints(const QList<QPointF>& points) {
    QList<QPointF> out;
    for (qsizetype i = 0; i < points.size(); ++i) {
        const bool before = i > 0 && points[i].x() - points[i - 1].x() <= 1.5;
        const bool after = i + 1 < points.size() && points[i + 1].x() - points[i].x() <= 1.5;
        if (!before && !after) out.append(points[i]);
    }
    return out;
}

// About eight labelled ticks over `span` seconds.
double tickStep(double span) {
    for (double s : {5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0})
        if (span / s <= 8) return s;
    return 7200;
}

QString linkLabel(const QString& link) {
    return QString(link).replace(QLatin1Char('>'), QStringLiteral(" → "));
}

}  // namespace

ScenarioCharts::ScenarioCharts(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("scenarioCharts"));
    const QString titles[NB_CHARTS] = {
        tr("Writes served per second"),
        tr("Writes refused (solid) and throttled (dashed) per second"),
        tr("Changes pending replication"), tr("Replication lag (ms)")};
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    for (int c = 0; c < NB_CHARTS; ++c) {
        m_charts[c] = TimeChart::make(titles[c], 60, m_x[c], m_y[c], {}, QStringLiteral("%d"));
        m_x[c]->setTitleText(tr("seconds since the load started (engine time)"));
        m_x[c]->setTickAnchor(0);
        grid->addWidget(TimeChart::view(m_charts[c], this, 170), c / 2, c % 2);
    }
    reset({}, 60, {});
}

ScenarioCharts::~ScenarioCharts() = default;

void ScenarioCharts::removeLines() {
    m_lines.clear();
    for (int c = 0; c < NB_CHARTS; ++c) {
        // GappedLine leaves its series in the chart: take every line and marker away (the
        // lines at a region's loss among them).
        for (QAbstractSeries* s : m_charts[c]->series())
            if (!qobject_cast<QAreaSeries*>(s)) {
                m_charts[c]->removeSeries(s);
                delete s;
            }
        for (Shade& shade : m_shades[c]) {
            m_charts[c]->removeSeries(shade.area);
            delete shade.area;
        }
        m_shades[c].clear();
    }
}

void ScenarioCharts::reset(const QStringList& regions, double totalSeconds,
                           const QList<ScenarioTimeline::Fault>& faults) {
    removeLines();
    m_regions = regions;
    m_total = std::max(1.0, totalSeconds);
    for (int c = 0; c < NB_CHARTS; ++c) {
        m_x[c]->setRange(0, m_total);
        m_x[c]->setTickInterval(tickStep(m_total));
        TimeChart::setNiceRange(m_y[c], 0, 5);
        // The shades first, so that the lines are drawn over them.
        for (const auto& f : faults) {
            const QColor colour =
                f.mark() ? QColor(0xb0, 0x1c, 0x1c, 20) : QColor(0xd1, 0x32, 0x12, 30);
            Shade s{new QLineSeries, new QLineSeries, nullptr, f.at, f.mark() ? m_total : f.until};
            s.area = new QAreaSeries(s.upper, s.lower);
            s.upper->setParent(s.area);
            s.lower->setParent(s.area);
            s.area->setName(f.label);
            s.area->setBrush(colour);
            s.area->setPen(Qt::NoPen);
            m_charts[c]->addSeries(s.area);
            s.area->attachAxis(m_x[c]);
            s.area->attachAxis(m_y[c]);
            for (QLegendMarker* m : m_charts[c]->legend()->markers(s.area)) m->setVisible(false);
            if (f.mark()) {
                s.edge = new QLineSeries;
                s.edge->setName(f.label);
                s.edge->setPen(QPen(QColor(0xb0, 0x1c, 0x1c), 2));
                m_charts[c]->addSeries(s.edge);
                s.edge->attachAxis(m_x[c]);
                s.edge->attachAxis(m_y[c]);
                for (QLegendMarker* m : m_charts[c]->legend()->markers(s.edge))
                    m->setVisible(false);
            }
            m_shades[c].push_back(s);
        }
        fitShades(Chart(c));  // seen before the run starts
    }
    for (int i = 0; i < regions.size(); ++i) {
        line(Served, regions[i], false);
        line(RefusedThrottled, regions[i], false);
        line(RefusedThrottled, regions[i], true);
    }
    styleThrottledLines();  // the legend is right before the first second is drawn
}

GappedLine* ScenarioCharts::line(Chart chart, const QString& key, bool throttled) {
    const auto id = std::make_pair(int(chart) * 2 + (throttled ? 1 : 0), key);
    auto it = m_lines.find(id);
    if (it != m_lines.end()) return it->second.get();
    int colour = int(m_regions.indexOf(key));
    if (colour < 0) {
        // A link takes the colour of its source region.
        colour = int(m_regions.indexOf(key.section(QLatin1Char('>'), 0, 0)));
        if (colour < 0) colour = int(m_lines.size());
    }
    const QString name =
        chart == Pending || chart == Lag ? linkLabel(key) : (throttled ? QString() : key);
    auto line = std::make_unique<GappedLine>(m_charts[chart], m_x[chart], m_y[chart], name,
                                             colourOf(colour));
    line->markers()->setMarkerSize(5);
    return m_lines.emplace(id, std::move(line)).first->second.get();
}

void ScenarioCharts::draw(const ScenarioSeries& series) {
    double top[NB_CHARTS] = {};
    const auto set = [&](Chart chart, const QString& key, bool throttled,
                         const QList<QPointF>& points) {
        GappedLine* l = line(chart, key, throttled);
        l->setPoints(points, 1.5);
        if (points.size() > kAllMarkers) l->markers()->replace(lonePoints(points));
        for (const QPointF& p : points) top[chart] = std::max(top[chart], p.y());
    };
    for (const QString& region : series.regions()) {
        set(Served, region, false, series.writes(region, ScenarioSeries::Served));
        set(RefusedThrottled, region, false, series.writes(region, ScenarioSeries::Refused));
        set(RefusedThrottled, region, true, series.writes(region, ScenarioSeries::Throttled));
    }
    for (const QString& link : series.links()) {
        set(Pending, link, false, series.pending(link));
        set(Lag, link, false, series.lag(link));
    }
    styleThrottledLines();
    const double floors[NB_CHARTS] = {5, 5, 5, 100};
    for (int c = 0; c < NB_CHARTS; ++c) {
        TimeChart::setNiceRange(m_y[c], top[c], floors[c]);
        fitShades(Chart(c));
    }
}

void ScenarioCharts::styleThrottledLines() {
    // The throttled lines (no name of their own): dashed, without a legend entry.
    for (QAbstractSeries* s : m_charts[RefusedThrottled]->series())
        if (auto* l = qobject_cast<QLineSeries*>(s); l && l->name().isEmpty()) {
            QPen pen = l->pen();
            pen.setStyle(Qt::DashLine);
            l->setPen(pen);
            for (QLegendMarker* m : m_charts[RefusedThrottled]->legend()->markers(l))
                m->setVisible(false);
        }
}

void ScenarioCharts::fitShades(Chart c) {
    for (const Shade& s : m_shades[c]) {
        s.upper->replace({QPointF(s.from, m_y[c]->max()), QPointF(s.to, m_y[c]->max())});
        s.lower->replace({QPointF(s.from, 0), QPointF(s.to, 0)});
        if (s.edge) s.edge->replace({QPointF(s.from, 0), QPointF(s.from, m_y[c]->max())});
    }
}

QList<QPointF> ScenarioCharts::points(Chart chart, const QString& key, bool throttled) const {
    const auto it = m_lines.find(std::make_pair(int(chart) * 2 + (throttled ? 1 : 0), key));
    return it == m_lines.end() ? QList<QPointF>() : it->second->points();
}

int ScenarioCharts::segments(Chart chart, const QString& key) const {
    const auto it = m_lines.find(std::make_pair(int(chart) * 2, key));
    return it == m_lines.end() ? 0 : it->second->segments();
}

QList<double> ScenarioCharts::lossMarks() const {
    QList<double> out;
    for (const Shade& s : m_shades[Served])
        if (s.edge && s.edge->count() == 2) out.append(s.edge->at(0).x());
    return out;
}

QList<QPointF> ScenarioCharts::shadedSpans() const {
    QList<QPointF> out;
    for (const Shade& s : m_shades[Served]) out.append(QPointF(s.from, s.to));
    return out;
}
