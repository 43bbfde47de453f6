#pragma once

// The Backups tab: the on-demand and system backups of the selected region with their
// status badges, a details pane (DescribeBackup), creating, restoring and deleting
// backups, and the progress of the restores started here.

#include <QWidget>

#include "tablespan/engine.h"

class BackupsModel;
class EngineBridge;
class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;
class QTimer;
class RestoreProgress;
class StatusDelegate;
class TablesModel;

class BackupsTab final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackupsTab)

public:
    // `tables` lists the region's tables (the Tables tab's model).
    BackupsTab(EngineBridge& bridge, TablesModel& tables, QWidget* parent = nullptr);

    BackupsModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    RestoreProgress* progress() const { return m_progress; }
    QString region() const { return m_region; }
    QString selectedArn() const;
    // The message above the list: the last error of an action, or empty.
    QString errorText() const;
    QString detailsText() const;

public slots:
    void setRegion(const QString& region);
    // Re-reads every page of ListBackups.
    void refresh();
    void selectBackup(const QString& arn);
    // Open their dialogs (return at once).
    void createBackup();
    void restoreSelected();
    // Asks for confirmation, then deletes the selected backup.
    void deleteSelected();
    void deleteBackup(const QString& arn);

signals:
    void message(const QString& text);
    // A message about work under way on `table` in `region`; the status bar clears it
    // once that table is ACTIVE or gone.
    void progressMessage(const QString& text, const QString& region, const QString& table);

private:
    void listPage(const tablespan::Json& start, QList<tablespan::Json> found, int generation);
    void describeSelected();
    void updateActions();
    void showError(const QString& text);

    EngineBridge& m_bridge;
    TablesModel& m_tables;
    QString m_region;
    QString m_pendingSelection;  // selected once the list has it
    BackupsModel* m_model;
    QTableView* m_view;
    StatusDelegate* m_status;
    QTextBrowser* m_details;
    QLabel* m_error;
    RestoreProgress* m_progress;
    QPushButton* m_restore;
    QPushButton* m_delete;
    QTimer* m_reload;  // coalesces refreshes; polls while a backup is CREATING
    QTimer* m_animation;
    int m_generation = 0;
};
