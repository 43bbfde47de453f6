#pragma once

// The console's main window: the region selector, one tab per concern (Tables, Items,
// PartiQL editor, Streams; others add theirs with addTab), the Activity dock, and a status bar with
// the data directory, the time scale and the endpoint.

#include <optional>
#include <utility>

#include <QMainWindow>

class ActivityDock;
class ConnectionsMenu;
class EngineBridge;
class ItemsTab;
class PartiqlTab;
class QLabel;
class QMenu;
class QTabWidget;
class QTimer;
class RegionSelector;
class StreamsTab;
class TablesModel;
class TablesTab;

class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(EngineBridge& bridge, const QString& region = QStringLiteral("us-west-2"),
                        QWidget* parent = nullptr);

    QString currentRegion() const;
    void setRegion(const QString& code);
    // Adds a tab after the existing ones; `tab` should follow regionChanged itself.
    int addTab(QWidget* tab, const QString& title);
    QTabWidget* tabs() const { return m_tabs; }
    TablesTab* tablesTab() const { return m_tablesTab; }
    ItemsTab* itemsTab() const { return m_itemsTab; }
    StreamsTab* streamsTab() const { return m_streamsTab; }
    PartiqlTab* partiqlTab() const { return m_partiqlTab; }
    ActivityDock* activityDock() const { return m_activity; }
    ConnectionsMenu* connectionsMenu() const { return m_connections; }
    TablesModel* tablesModel() const;
    QMenu* viewMenu() const { return m_viewMenu; }
    // The endpoint's URL for Help > About (empty: the endpoint is off).
    void setEndpointUrl(const QString& url) { m_endpointUrl = url; }
    QString endpointUrl() const { return m_endpointUrl; }

public slots:
    // The table the user chose in one tab becomes every tab's table (Tables, Items,
    // Streams, Global tables, PITR), as the AWS console keeps one selected table.
    void shareTable(const QString& table);
    void refresh();
    // Shows a message about finished work in the status bar for a few seconds.
    void showMessage(const QString& text);
    // Shows a message about work under way on `table` in `region` until that table is
    // ACTIVE or gone (or another message replaces it).
    void showProgress(const QString& text, const QString& region, const QString& table);
    // Help > About Tablespan and Help > Keyboard shortcuts (F1); non-modal, return at once.
    void showAbout();
    void showShortcuts();

signals:
    // Another tab chose `table` (see shareTable).
    void tableShared(const QString& table);
    void regionChanged(const QString& code);
    // The user picked a language in the View menu ("" follows the system); saved already.
    void languageChosen(const QString& code);

private:
    void createActions();
    void createSettingsMenus();
    void createHelpMenu();

    EngineBridge& m_bridge;
    RegionSelector* m_region = nullptr;
    QTabWidget* m_tabs = nullptr;
    TablesTab* m_tablesTab = nullptr;
    ItemsTab* m_itemsTab = nullptr;
    StreamsTab* m_streamsTab = nullptr;
    PartiqlTab* m_partiqlTab = nullptr;
    ActivityDock* m_activity = nullptr;
    ConnectionsMenu* m_connections = nullptr;
    QMenu* m_viewMenu = nullptr;
    QString m_endpointUrl;
    QString m_sharedTable;
    QLabel* m_message = nullptr;
    QTimer* m_clearMessage = nullptr;
    std::optional<std::pair<QString, QString>> m_progress;  // (region, table) of a progress message
};
