#pragma once

// The status row of the restores started from the Backups tab or the point-in-time
// recovery panel: a busy bar and "Restoring <table>… (Creating)" while a restored table
// is CREATING with RestoreSummary.RestoreInProgress, then "<table> is ready" once it is
// ACTIVE. Follows the engine's table status events; hidden when there is nothing to say.

#include <QMap>
#include <QWidget>

class EngineBridge;
class QLabel;
class QProgressBar;

class RestoreProgress final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestoreProgress)

public:
    explicit RestoreProgress(EngineBridge& bridge, QWidget* parent = nullptr);

    // Restores being followed (their tables are still CREATING).
    QStringList running() const { return m_running.keys(); }
    QString text() const;

public slots:
    void setRegion(const QString& region);
    // Follows the restore that creates `table` in the current region.
    void track(const QString& table);

signals:
    // The restored table is ACTIVE.
    void finished(const QString& table);

private:
    void describe(const QString& table);
    void showState();

    EngineBridge& m_bridge;
    QString m_region;
    QMap<QString, QString> m_running;  // table → the source it is restored from
    QString m_done;                    // the last message about a finished restore
    QProgressBar* m_bar;
    QLabel* m_label;
};
