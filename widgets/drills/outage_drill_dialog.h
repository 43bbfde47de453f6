#pragma once

// The outage comparison: the user picks three regions of one region set, the region that
// fails, how (cut off from the other two, or offline), for how long (engine time) and the
// write rate; one click runs the drill (OutageDrill) against an eventually and a strongly
// consistent table with the same regions. The outcome is shown side by side (writes lost
// had the region never come back, refused, conflicts, latency percentiles) with charts of
// write latency and refused writes over time, the outage shaded.

#include <QDialog>

#include "drills/drill_plan.h"

class EngineBridge;
class DrillCleanup;
class OutageDrill;
class OutageDrillChart;
class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

class OutageDrillDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutageDrillDialog)

public:
    enum ResultRow { Sent, Acknowledged, Refused, Conflicts, Lost, LossWindow, P50, P99, NB_ROWS };

    // `region` preselects its region set (the US set when it is in none).
    OutageDrillDialog(EngineBridge& bridge, const QString& region, QWidget* parent = nullptr);

    // The plan the form describes; valid() tells whether it can run.
    DrillPlan plan() const;
    bool valid() const;
    void setRegionSet(const QString& name);  // "US", "EU" or "AP"
    void setRegions(const QStringList& regions);
    void setFaultRegion(const QString& region);
    void setOffline(bool offline);
    void setOutageSeconds(int seconds);
    void setWritesPerSecond(int rate);

    OutageDrill* drill() const { return m_drill; }
    OutageDrillChart* chart() const { return m_chart; }
    QTableWidget* results() const { return m_results; }
    QString phaseText() const;

public slots:
    void run();
    // Deletes the last run's tables (replicas first, then the tables).
    void deleteTables();

private:
    void fillRegions();
    void updateForm();
    void refresh();
    void setRowLabels();
    void showResults();

    EngineBridge& m_bridge;
    OutageDrill* m_drill;
    QComboBox* m_set;
    QHBoxLayout* m_regionBoxes;
    QList<QCheckBox*> m_regions;
    QComboBox* m_fault;
    QComboBox* m_kind;
    QSpinBox* m_outage;
    QSpinBox* m_rate;
    QLabel* m_estimate;
    QLabel* m_phase;
    QPushButton* m_run;
    QPushButton* m_cancel;
    QPushButton* m_deleteTables;
    DrillCleanup* m_cleanup = nullptr;
    QString m_cleanupText;  // what the cleanup did, shown under the phase
    QTableWidget* m_results;
    OutageDrillChart* m_chart;
    QTimer* m_redraw;
};
