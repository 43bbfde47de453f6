#pragma once

// A scenario's charts over the seconds since the load started (engine time), growing
// while it runs: per region the writes served, and the writes refused and throttled,
// per second; per replication link the changes pending and the replication lag (a gap
// where nothing was delivered, not a zero). The faults' spans are shaded behind the
// lines, a region lost for good from its loss to the end of the load, with a line at the
// moment it was lost (its shade alone would blend into a cut that began before it).

#include <map>
#include <memory>
#include <vector>

#include <QList>
#include <QPointF>
#include <QWidget>

#include "scenarios/scenario_series.h"
#include "scenarios/scenario_timeline.h"

class GappedLine;
class QAreaSeries;
class QChart;
class QLineSeries;
class QValueAxis;

class ScenarioCharts final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioCharts)

public:
    enum Chart { Served, RefusedThrottled, Pending, Lag, NB_CHARTS };

    explicit ScenarioCharts(QWidget* parent = nullptr);
    ~ScenarioCharts() override;

    // New lines for these regions and links; the x axis spans `totalSeconds`; the faults
    // are shaded.
    void reset(const QStringList& regions, double totalSeconds,
               const QList<ScenarioTimeline::Fault>& faults);
    // Redraws the lines from `series`.
    void draw(const ScenarioSeries& series);

    // For tests: the points of one line. `key` is a region (Served, RefusedThrottled) or a
    // link (Pending, Lag); `throttled` picks the dashed line of the second chart.
    QList<QPointF> points(Chart chart, const QString& key, bool throttled = false) const;
    int segments(Chart chart, const QString& key) const;
    // The shaded spans, (from, to) in seconds.
    QList<QPointF> shadedSpans() const;
    // The seconds at which a region was lost, each marked by a line on every chart.
    QList<double> lossMarks() const;

private:
    struct Shade {
        QLineSeries* upper;
        QLineSeries* lower;
        QAreaSeries* area;
        double from, to;
        QLineSeries* edge = nullptr;  // a lost region: the line at its loss
    };
    GappedLine* line(Chart chart, const QString& key, bool throttled);
    // The shades and loss lines of `chart` to the full height of its y axis.
    void fitShades(Chart chart);
    void styleThrottledLines();
    void removeLines();

    QChart* m_charts[NB_CHARTS];
    QValueAxis* m_x[NB_CHARTS];
    QValueAxis* m_y[NB_CHARTS];
    std::map<std::pair<int, QString>, std::unique_ptr<GappedLine>> m_lines;
    std::vector<Shade> m_shades[NB_CHARTS];
    QStringList m_regions;
    double m_total = 60;
};
