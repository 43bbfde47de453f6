#pragma once

// The Tables tab: the tables of the selected region with their status badges, a details
// pane, and the create and delete actions.

#include <QHash>
#include <QWidget>

#include "tablespan/engine.h"

class EngineBridge;
class IndexPanel;
class QLabel;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTimer;
class StatusDelegate;
class TablesModel;
class TableSettingsPanel;

class TablesTab final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TablesTab)

public:
    explicit TablesTab(EngineBridge& bridge, QWidget* parent = nullptr);

    TablesModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    IndexPanel* indexPanel() const { return m_indexPanel; }
    TableSettingsPanel* settingsPanel() const { return m_settings; }
    // The pane under the list: Overview, Indexes and Settings.
    QTabWidget* detailTabs() const { return m_detailTabs; }
    QString region() const { return m_region; }
    QStringList selectedTables() const;
    // The message above the list: the last error of an action, or empty.
    QString errorText() const;

public slots:
    void setRegion(const QString& region);
    void refresh();
    // Opens the create-table dialog (non-modal to the event loop: returns at once).
    void newTable();
    // Asks for confirmation, then deletes the selected tables.
    void deleteSelected();
    // Deletes without asking; the engine's errors (deletion protection) are shown.
    void deleteTables(const QStringList& names);
    void selectTable(const QString& name);
    // Opens the create-index dialog for the selected table (tables_tab_indexes.cpp).
    void createIndex();
    // Asks for confirmation, then deletes GSI `index` of the selected table.
    void deleteIndex(const QString& index);
    // Deletes without asking; the engine's refusal is shown above the list.
    void deleteIndexNow(const QString& table, const QString& index);
    // Opens the copy-table dialog for `table` of the current region (non-modal: the
    // console stays usable while a long copy runs); its outcome is reported by message().
    void copyTable(const QString& table);

signals:
    // A single table was selected (the console shares it with the other tabs).
    void tableChosen(const QString& table);
    // The user asked to browse the items of a table (double click or "Explore items").
    void exploreItems(const QString& table);
    void message(const QString& text);
    // A message about work under way on `table` in `region`; the status bar clears it
    // once that table is ACTIVE or gone.
    void progressMessage(const QString& text, const QString& region, const QString& table);

private:
    void describe(const QString& table);
    void queryPitr(const QString& table);
    void updateDetails();
    void showError(const QString& text);

    EngineBridge& m_bridge;
    QString m_region;
    TablesModel* m_model;
    QTableView* m_view;
    StatusDelegate* m_status;
    QTextBrowser* m_details;
    IndexPanel* m_indexPanel;
    TableSettingsPanel* m_settings;
    QHash<QString, tablespan::Json> m_tags;     // by table ARN, as the settings last knew
    QHash<QString, tablespan::Json> m_scaling;  // by table ARN, auto scaling as last known
    QTabWidget* m_detailTabs;
    QString m_shownTable;  // whose details are shown
    QLabel* m_error;
    QTimer* m_animation;
    int m_generation = 0;  // drops answers that arrive after the region changed
    enum class Support { Unknown, Yes, No } m_pitrSupport = Support::Unknown;
};
