#pragma once

// The Monitoring tab: request rate, latency and errors per region, table and operation
// (from the engine's RequestCompleted events), with live charts of the selected region's
// request rate and latency by operation and of replication latency into every region.

#include <QHash>
#include <QWidget>

class EngineBridge;
class QChart;
class QCheckBox;
class QLineSeries;
class QSortFilterProxyModel;
class QTableView;
class QTimer;
class QValueAxis;
class ReplicationChart;
class RequestStatsModel;

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
    // The operations drawn in the request charts.
    QStringList chartedOperations() const;
    bool showsAllRegions() const;
    void setShowAllRegions(bool all);

public slots:
    void setRegion(const QString& region);
    // Re-reads the charts for the window ending now (engine time).
    void refresh();

private:
    struct OperationSeries {
        QLineSeries* rate = nullptr;
        QLineSeries* latency = nullptr;
    };
    OperationSeries& seriesFor(const QString& operation);
    void applyFilter();

    EngineBridge& m_bridge;
    QString m_region;
    RequestStatsModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QCheckBox* m_all;
    QChart* m_rateChart;
    QChart* m_latencyChart;
    QValueAxis* m_rateX;
    QValueAxis* m_rateY;
    QValueAxis* m_latencyX;
    QValueAxis* m_latencyY;
    QLineSeries* m_errors;
    QHash<QString, OperationSeries> m_series;
    ReplicationChart* m_replication;
    QTimer* m_refresh;
    bool m_dirty = false;
};
