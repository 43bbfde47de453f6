#pragma once

// The Global tables tab: the replication group of a table as the selected region sees it
// (a row per region with status, backfill progress, item count, replication latency and
// pending changes, write latency and write conflicts), the group's consistency mode and
// witness, creating and deleting replicas (a strongly consistent group is removed as a
// whole), a map of the group's links, live replication charts, the propagation probe and
// the outage comparison. A remote table's group is its service's: its replicas in regions
// the connection serves are described and probed there; the charts and the map, which
// show the embedded engine's simulation, give way to a sentence saying so.

#include <QWidget>

#include "tablespan/engine.h"

class EngineBridge;
class PropagationProbe;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTimer;
class RegionMap;
class ReplicaModel;
class ReplicaStatusDelegate;
class ReplicationChart;
class TablesModel;
class WriteStats;

class GlobalTablesTab final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GlobalTablesTab)

public:
    // `tables` lists the region's tables (the Tables tab's model).
    GlobalTablesTab(EngineBridge& bridge, TablesModel& tables, QWidget* parent = nullptr);

    QString table() const;
    QString region() const { return m_region; }
    ReplicaModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    RegionMap* map() const { return m_map; }
    ReplicationChart* chart() const { return m_chart; }
    PropagationProbe* probe() const { return m_probe; }
    WriteStats* writeStats() const { return m_writeStats; }
    QString errorText() const;
    // The sentence shown instead of the charts and the map for a remote region, else "".
    QString remoteNoteText() const;
    // The line under the actions: consistency mode, witness, write conflicts.
    QString modeText() const;

public slots:
    void setRegion(const QString& region);
    void setTable(const QString& table);
    // Re-reads the group: DescribeTable here and in every replica region.
    void reload();
    // Opens the create-replica dialog (returns at once).
    void createReplica();
    // Asks for confirmation, then deletes the selected replica.
    void deleteSelectedReplica();
    void deleteReplica(const QString& region);
    // A strongly consistent group: one UpdateTable deleting every other replica and the
    // witness; the local replica stays as a regional table.
    void deleteStrongGroup();
    // Opens the outage comparison (returns at once).
    void openOutageDrill();

signals:
    // The user picked a table (the console shares it with the other tabs).
    void tableChosen(const QString& table);
    void message(const QString& text);
    // A message about work under way on `table` in `region`; the status bar clears it
    // once that table is ACTIVE or gone.
    void progressMessage(const QString& text, const QString& region, const QString& table);

private:
    void reloadTableList();
    void scheduleReload(int delayMs);
    void describeMember(const QString& member, int generation);
    void updateMetrics();
    void updateActions();
    void updateMode();
    void updateRemoteView();
    void showError(const QString& text);

    EngineBridge& m_bridge;
    TablesModel& m_tables;
    QString m_region;
    tablespan::Json m_description;
    QComboBox* m_tableBox;
    QPushButton* m_create;
    QPushButton* m_delete;
    QLabel* m_error;
    QLabel* m_summary;
    QLabel* m_mode;
    QPushButton* m_drill;
    WriteStats* m_writeStats;
    ReplicaModel* m_model;
    ReplicaStatusDelegate* m_status;
    QTableView* m_view;
    RegionMap* m_map;
    ReplicationChart* m_chart;
    QLabel* m_remoteNote;
    PropagationProbe* m_probe;
    QTimer* m_reload;   // coalesces reloads
    QTimer* m_metrics;  // coalesces metric refreshes
    QTimer* m_tick;     // slides the charts, follows backfill progress
    QTimer* m_animation;
    int m_generation = 0;
};
