#pragma once

// The Monitoring tab's capacity charts for one table (or one of its GSIs) in the region
// shown: read and write capacity, consumed against provisioned (a flat line; for an
// on-demand table its OnDemandThroughput maximum when one is set), and throttled read
// and write requests, from the engine's capacity metrics (Engine::capacity_metrics), as
// the DynamoDB console draws them (capacity_points.h). Periods of one second (the last
// minute) or one minute (the last hour) of engine time. A remote region has none of these
// metrics: a sentence says so instead.

#include <memory>

#include <QPointF>
#include <QWidget>

#include "monitoring/capacity_points.h"

class EngineBridge;
class GappedLine;
class QChart;
class QComboBox;
class QLabel;
class QValueAxis;
class TablesModel;

class CapacityCharts final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CapacityCharts)

public:
    static constexpr int kWindowPeriods = 60;

    explicit CapacityCharts(EngineBridge& bridge, QWidget* parent = nullptr);
    ~CapacityCharts() override;

    // The tables to choose from (the region's, as the Tables tab lists them).
    void setTablesModel(TablesModel* tables);
    void setRegion(const QString& region);
    QString table() const;
    // "" for the table itself, or a GSI's name.
    QString index() const;
    // 1 or 60 seconds.
    int periodSeconds() const;
    void setPeriodSeconds(int seconds);

    // What is drawn now, for tests: the points of one line (x: periods from now).
    QList<QPointF> points(CapacityPoints::Line line) const;
    int segments(CapacityPoints::Line line) const;
    QString provisionedName() const;
    QChart* chart(int n) const;  // 0 read, 1 write, 2 throttled
    // The sentence shown instead of the charts for a remote region, or "".
    QString remoteNoteText() const;

public slots:
    void setTable(const QString& table);
    void setIndex(const QString& index);
    // Re-reads the window ending now (engine time).
    void refresh();

private:
    void reloadTables();
    void reloadIndexes();

    EngineBridge& m_bridge;
    TablesModel* m_tables = nullptr;
    QString m_region;
    QComboBox* m_tableBox;
    QComboBox* m_indexBox;
    QComboBox* m_periodBox;
    QLabel* m_summary;
    QLabel* m_remoteNote;
    QWidget* m_body;  // the choices and the charts
    QChart* m_charts[3];
    QValueAxis* m_x[3];
    QValueAxis* m_y[3];
    std::unique_ptr<GappedLine> m_lines[CapacityPoints::NB_LINES];
};
