#pragma once

// The Point-in-time recovery tab: for one table of the selected region, PITR on or off
// (UpdateContinuousBackups), the recovery period, the status and restorable window
// (DescribeContinuousBackups, re-read every second on engine time), the storage the
// history takes, a timeline of the table's writes on which the restore moment is picked,
// and the restore into a new table with its progress. A remote table's timeline is the
// window its service reports (DescribeContinuousBackups), without the write activity and
// history storage, which only the embedded engine records; a sentence says so.

#include <QWidget>

#include "tablespan/engine.h"

class EngineBridge;
class PitrTimeline;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QDateTimeEdit;
class QLabel;
class QPushButton;
class QSpinBox;
class QTimer;
class RestoreProgress;
class TablesModel;

class PitrPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PitrPanel)

public:
    // `tables` lists the region's tables (the Tables tab's model).
    PitrPanel(EngineBridge& bridge, TablesModel& tables, QWidget* parent = nullptr);

    QString table() const;
    QString region() const { return m_region; }
    bool pitrEnabled() const { return m_enabled; }
    PitrTimeline* timeline() const { return m_timeline; }
    QDateTimeEdit* timeEdit() const { return m_time; }
    QCheckBox* latestBox() const { return m_latest; }
    RestoreProgress* progress() const { return m_progress; }
    // The restore moment chosen (engine ms, whole seconds); ignored while "latest" is on.
    qint64 restoreTime() const;
    QString storageText() const;
    QString errorText() const;
    // The sentence about a remote table's timeline, or "" for an embedded one.
    QString remoteNoteText() const;

public slots:
    void setRegion(const QString& region);
    void setTable(const QString& table);
    // Re-reads the settings, the window, the storage and the write activity.
    void refresh();
    // Turns PITR on or off for the table (the switch does this).
    void setPitr(bool on);
    void setRecoveryPeriod(int days);
    // Opens the restore dialog for the chosen moment (returns at once).
    void restore();

signals:
    // The user picked a table (the console shares it with the other tabs).
    void tableChosen(const QString& table);
    void message(const QString& text);
    // A message about work under way on `table` in `region`; the status bar clears it
    // once that table is ACTIVE or gone.
    void progressMessage(const QString& text, const QString& region, const QString& table);
    // PITR was turned on or off for `table` here.
    void pitrChanged(const QString& table, bool enabled);

private:
    void reloadTableList();
    void showDescription(const tablespan::Json& description);
    void readActivity(qint64 earliest, qint64 now);
    // A remote table: the window alone, or the sentence while PITR is off.
    void showRemoteWindow(qint64 earliest, qint64 latest);
    bool isRemote() const;
    void updateRemoteView();
    void setMoment(qint64 ms);
    void updateActions();
    void showError(const QString& text);

    EngineBridge& m_bridge;
    TablesModel& m_tables;
    QString m_region;
    QComboBox* m_tableBox;
    QCheckBox* m_switch;
    QSpinBox* m_period;
    QLabel* m_status;
    QLabel* m_earliestLabel;
    QLabel* m_latestLabel;
    QLabel* m_storage;
    QLabel* m_error;
    QGroupBox* m_chartBox;
    QLabel* m_remoteNote;
    PitrTimeline* m_timeline;
    QDateTimeEdit* m_time;
    QCheckBox* m_latest;
    QPushButton* m_restore;
    RestoreProgress* m_progress;
    QTimer* m_tick;     // re-reads on engine time
    QTimer* m_changes;  // coalesces reads after writes
    bool m_enabled = false;
    bool m_busy = false;          // an UpdateContinuousBackups is on its way
    bool m_momentChosen = false;  // the user placed the marker since the window opened
    int m_generation = 0;
};
