#pragma once

// The Monitoring tab: request rate, latency and errors per region, table and operation
// (from the engine's RequestCompleted events, counted since the console started), with
// live charts, one point per second of engine time, of the selected region's
// request rate and latency by operation and of replication latency into every region;
// on a second page, the capacity charts of one table (capacity_charts.h).
// A remote region has no engine events: its rows and request charts come from the calls
// the console sent it, per second of wall time, and the replication chart, which is the
// embedded engine's, gives way to a sentence saying so.

#include <memory>

#include <QHash>
#include <QList>
#include <QPointF>
#include <QWidget>

class CapacityCharts;
class EngineBridge;
class GappedLine;
class QChart;
class QCheckBox;
class QLabel;
class QStackedWidget;
class QLineSeries;
class QSortFilterProxyModel;
class QTableView;
class QTimer;
class QValueAxis;
class ReplicationChart;
class RequestStatsModel;
class TablesModel;
class QTabWidget;

class MonitoringTab final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MonitoringTab)

public:
    static constexpr int kWindowSeconds = 60;
    static constexpr int kMaxOperations = 4;  // drawn in the request charts

    explicit MonitoringTab(EngineBridge& bridge, QWidget* parent = nullptr);

    RequestStatsModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    ReplicationChart* replicationChart() const { return m_replication; }
    CapacityCharts* capacityCharts() const { return m_capacity; }
    // Shows the capacity page (or the requests page).
    void showCapacity(bool capacity);
    // The tables the capacity charts offer (the Tables tab's model).
    void setTablesModel(TablesModel* tables);
    // The operations drawn in the request charts.
    QStringList chartedOperations() const;
    // The drawn rate of one operation (a point a second, zeros included) and how many
    // segments its latency line has (seconds without requests break it).
    QList<QPointF> ratePoints(const QString& operation) const;
    int latencySegments(const QString& operation) const;
    bool showsAllRegions() const;
    // The line above the table (what is counted, on which clock).
    QString captionText() const;
    // The sentence shown instead of the replication chart for a remote region, or "".
    QString replicationNoteText() const;
    void setShowAllRegions(bool all);

public slots:
    void setRegion(const QString& region);
    // Re-reads the charts for the window ending now (engine time).
    void refresh();

private:
    struct OperationSeries {
        QLineSeries* rate = nullptr;
        std::shared_ptr<GappedLine> latency;  // broken where the operation had no request
    };
    OperationSeries& seriesFor(const QString& operation);
    void applyFilter();
    // True when the charts show a remote region's calls (on the wall clock).
    bool chartsRemote() const;
    void updateRemoteView();

    EngineBridge& m_bridge;
    QString m_region;
    RequestStatsModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QCheckBox* m_all;
    QLabel* m_caption;
    QChart* m_rateChart;
    QChart* m_latencyChart;
    QValueAxis* m_rateX;
    QValueAxis* m_rateY;
    QValueAxis* m_latencyX;
    QValueAxis* m_latencyY;
    QLineSeries* m_errors;
    QHash<QString, OperationSeries> m_series;
    ReplicationChart* m_replication;
    QLabel* m_replicationNote;
    QStackedWidget* m_replicationPage = nullptr;  // the chart, or the note
    CapacityCharts* m_capacity;
    QTabWidget* m_pages;
    QTimer* m_refresh;
    bool m_dirty = false;
};
