#include "window/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

#include "window/activity_dock.h"
#include "window/help_about_dialog.h"
#include "window/help_shortcuts_dialog.h"
#include "common/engine_bridge.h"
#include "common/icons.h"
#include "items/items_tab.h"
#include "common/language.h"
#include "items/query_form.h"
#include "partiql/partiql_tab.h"
#include "remote/connections_menu.h"
#include "window/region_selector.h"
#include "streams/streams_tab.h"
#include "tables/tables_tab.h"
#include "common/theme.h"

namespace {
constexpr int kMessageMs = 10'000;  // wall time a finished-work message stays
}  // namespace

MainWindow::MainWindow(EngineBridge& bridge, const QString& region, QWidget* parent)
    : QMainWindow(parent), m_bridge(bridge) {
    setWindowTitle(tr("Tablespan"));
    setWindowIcon(icon(QStringLiteral("tablespan")));
    resize(1200, 760);

    m_region = new RegionSelector(this);
    m_region->setRegion(region);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tablesTab = new TablesTab(bridge, m_tabs);
    m_itemsTab = new ItemsTab(bridge, *m_tablesTab->model(), m_tabs);
    addTab(m_tablesTab, tr("Tables"));
    m_streamsTab = new StreamsTab(bridge, *m_tablesTab->model(), m_tabs);
    m_partiqlTab = new PartiqlTab(bridge, m_tabs);
    addTab(m_itemsTab, tr("Items"));
    addTab(m_partiqlTab, tr("PartiQL editor"));
    addTab(m_streamsTab, tr("Streams"));
    setCentralWidget(m_tabs);
    m_activity = new ActivityDock(bridge, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_activity);

    m_message = new QLabel(this);
    statusBar()->addWidget(m_message, 1);
    statusBar()->addPermanentWidget(
        new QLabel(tr("Data: %1").arg(QString::fromStdString(m_bridge.engine().data_dir())), this));
    auto* timeScale = new QLabel(tr("Time ×%1").arg(m_bridge.engine().time_scale()), this);
    timeScale->setObjectName(QStringLiteral("timeScaleLabel"));
    statusBar()->addPermanentWidget(timeScale);

    createActions();
    createSettingsMenus();
    createHelpMenu();

    connect(m_region, &RegionSelector::regionChanged, this, &MainWindow::regionChanged);
    m_region->setConnections(m_bridge.connections());
    connect(&m_bridge, &EngineBridge::connectionsChanged, m_region, [this] {
        const QString shown = currentRegion();
        m_region->setConnections(m_bridge.connections());
        // A remote region shown while its connection was made again (edited, its keys
        // read from the keychain, connected again): the tables come from the new client.
        if (EngineBridge::isRemoteRegion(shown) && currentRegion() == shown) m_tablesTab->refresh();
    });
    connect(this, &MainWindow::regionChanged, m_itemsTab, &ItemsTab::setRegion);
    connect(this, &MainWindow::regionChanged, m_tablesTab, &TablesTab::setRegion);
    connect(m_tablesTab, &TablesTab::exploreItems, this, [this](const QString& table) {
        m_itemsTab->setTable(table);
        m_tabs->setCurrentWidget(m_itemsTab);
    });
    connect(m_tablesTab, &TablesTab::tableChosen, this, &MainWindow::shareTable);
    connect(m_itemsTab, &ItemsTab::tableChosen, this, &MainWindow::shareTable);
    connect(m_streamsTab, &StreamsTab::tableChosen, this, &MainWindow::shareTable);
    connect(this, &MainWindow::regionChanged, m_streamsTab, &StreamsTab::setRegion);
    connect(this, &MainWindow::tableShared, m_streamsTab, [this](const QString& table) {
        if (m_streamsTab->table() != table) m_streamsTab->setTable(table);
    });
    connect(m_streamsTab, &StreamsTab::message, this, &MainWindow::showMessage);
    connect(this, &MainWindow::regionChanged, m_partiqlTab, &PartiqlTab::setRegion);
    connect(this, &MainWindow::tableShared, m_partiqlTab, &PartiqlTab::setTable);
    connect(m_partiqlTab, &PartiqlTab::message, this, &MainWindow::showMessage);
    connect(m_streamsTab, &StreamsTab::progressMessage, this, &MainWindow::showProgress);
    connect(this, &MainWindow::tableShared, m_tablesTab,
            [this](const QString& table) { m_tablesTab->selectTable(table); });
    connect(this, &MainWindow::tableShared, m_itemsTab, [this](const QString& table) {
        if (m_itemsTab->table() != table) m_itemsTab->setTable(table);
    });
    connect(m_tablesTab, &TablesTab::message, this, &MainWindow::showMessage);
    connect(m_tablesTab, &TablesTab::progressMessage, this, &MainWindow::showProgress);
    m_clearMessage = new QTimer(this);
    m_clearMessage->setSingleShot(true);
    m_clearMessage->setInterval(kMessageMs);
    connect(m_clearMessage, &QTimer::timeout, m_message, &QLabel::clear);
    connect(&m_bridge, &EngineBridge::tableStatusChanged, this,
            [this](const QString& region, const QString& table, const QString& status) {
                if (!m_progress || m_progress->first != region || m_progress->second != table)
                    return;
                if (status == QLatin1String("ACTIVE") || status.isEmpty()) {
                    m_progress.reset();
                    m_message->clear();
                }
            });
    connect(m_itemsTab, &ItemsTab::message, this, &MainWindow::showMessage);
    m_itemsTab->setRegion(currentRegion());
    m_tablesTab->setRegion(currentRegion());
    m_streamsTab->setRegion(currentRegion());
    m_partiqlTab->setRegion(currentRegion());
}

void MainWindow::shareTable(const QString& table) {
    if (table.isEmpty() || table == m_sharedTable) return;  // also ends the round trip
    m_sharedTable = table;
    emit tableShared(table);
}

int MainWindow::addTab(QWidget* tab, const QString& title) {
    return m_tabs->addTab(tab, title);
}

TablesModel* MainWindow::tablesModel() const {
    return m_tablesTab->model();
}

void MainWindow::createActions() {
    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addWidget(new QLabel(tr("Region:"), toolbar));
    toolbar->addWidget(m_region);
    toolbar->addSeparator();

    const auto make = [this](const char* iconName, const QString& text, const QKeySequence& key) {
        auto* a = new QAction(icon(QString::fromLatin1(iconName)), text, this);
        a->setShortcut(key);
        a->setToolTip(QStringLiteral("%1 (%2)").arg(text, key.toString(QKeySequence::NativeText)));
        return a;
    };
    auto* newTable = make("add", tr("New table"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    auto* newItem = make("add", tr("New item"), QKeySequence::New);
    auto* refreshAction = make("refresh", tr("Refresh"), QKeySequence::Refresh);
    auto* find = make("search", tr("Find items"), QKeySequence::Find);
    auto* remove = make("delete", tr("Delete"), QKeySequence::Delete);
    auto* import = make("import", tr("Import items…"), QKeySequence(Qt::CTRL | Qt::Key_I));
    auto* exportAction = make("export", tr("Export items…"), QKeySequence(Qt::CTRL | Qt::Key_E));
    auto* quit = new QAction(tr("Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    for (auto* a : {newTable, newItem, refreshAction}) toolbar->addAction(a);

    connect(newTable, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_tablesTab);
        m_tablesTab->newTable();
    });
    connect(newItem, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_itemsTab);
        m_itemsTab->newItem();
    });
    connect(refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    connect(find, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_itemsTab);
        m_itemsTab->queryForm()->focusInput();
    });
    connect(remove, &QAction::triggered, this, [this] {
        if (m_tabs->currentWidget() == m_tablesTab) m_tablesTab->deleteSelected();
        if (m_tabs->currentWidget() == m_itemsTab) m_itemsTab->deleteSelected();
    });
    connect(import, &QAction::triggered, m_itemsTab, &ItemsTab::chooseImportFile);
    connect(exportAction, &QAction::triggered, m_itemsTab, &ItemsTab::chooseExportFile);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(import);
    file->addAction(exportAction);
    file->addSeparator();
    file->addAction(quit);
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    for (auto* a : {newTable, newItem, find, remove}) edit->addAction(a);
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(refreshAction);
    m_viewMenu->addAction(m_activity->toggleViewAction());
    m_viewMenu->addSeparator();
}

void MainWindow::createSettingsMenus() {
    QSettings settings;
    QMenu* theme = m_viewMenu->addMenu(tr("Theme"));
    auto* themes = new QActionGroup(this);
    const Theme::Mode current =
        Theme::fromString(settings.value(QStringLiteral("theme")).toString());
    for (auto [mode, text] :
         {std::pair{Theme::Mode::System, tr("Follow the system")},
          std::pair{Theme::Mode::Light, tr("Light")}, std::pair{Theme::Mode::Dark, tr("Dark")}}) {
        auto* a = theme->addAction(text);
        a->setCheckable(true);
        a->setChecked(mode == current);
        themes->addAction(a);
        connect(a, &QAction::triggered, this, [mode] {
            QSettings().setValue(QStringLiteral("theme"), Theme::toString(mode));
            Theme::apply(mode);
        });
    }

    QMenu* language = m_viewMenu->addMenu(tr("Language"));
    auto* languages = new QActionGroup(this);
    const QString chosen = Language::setting();
    for (auto [code, text] : {std::pair{QString(), tr("Follow the system")},
                              std::pair{QStringLiteral("en"), QStringLiteral("English")},
                              std::pair{QStringLiteral("de"), QStringLiteral("Deutsch")},
                              std::pair{QStringLiteral("ja"), QStringLiteral("日本語")}}) {
        auto* a = language->addAction(text);
        a->setCheckable(true);
        a->setChecked(code == chosen);
        languages->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] {
            Language::setSetting(code);
            emit languageChosen(code);
        });
    }
}

void MainWindow::showMessage(const QString& text) {
    m_progress.reset();
    m_message->setText(text);
    m_clearMessage->start();
}

void MainWindow::showProgress(const QString& text, const QString& region, const QString& table) {
    m_clearMessage->stop();
    m_progress = std::make_pair(region, table);
    m_message->setText(text);
}

QString MainWindow::currentRegion() const {
    return m_region->region();
}

void MainWindow::setRegion(const QString& code) {
    m_region->setRegion(code);
}

void MainWindow::refresh() {
    m_tablesTab->refresh();
    if (m_tabs->currentWidget() == m_itemsTab) m_itemsTab->run();
}

void MainWindow::createHelpMenu() {
    m_connections = new ConnectionsMenu(m_bridge, this);
    menuBar()->addMenu(m_connections->menu());
    connect(m_connections, &ConnectionsMenu::message, this, &MainWindow::showMessage);
    m_connections->restore();
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    auto* shortcuts = help->addAction(tr("Keyboard shortcuts"));
    shortcuts->setObjectName(QStringLiteral("showShortcuts"));
    shortcuts->setShortcut(QKeySequence::HelpContents);
    // F1 wherever focus is in the window, also where the platform has no HelpContents key.
    if (shortcuts->shortcut() != QKeySequence(Qt::Key_F1))
        shortcuts->setShortcuts({shortcuts->shortcut(), QKeySequence(Qt::Key_F1)});
    shortcuts->setShortcutContext(Qt::ApplicationShortcut);
    help->addSeparator();
    auto* about = help->addAction(tr("About Tablespan"));
    about->setObjectName(QStringLiteral("showAbout"));
    about->setMenuRole(QAction::AboutRole);
    connect(shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::showAbout() {
    auto* dialog = new HelpAboutDialog(QString::fromStdString(m_bridge.engine().data_dir()),
                                       m_endpointUrl, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::showShortcuts() {
    if (auto* open = findChild<HelpShortcutsDialog*>()) return open->raise();
    auto* dialog = new HelpShortcutsDialog(menuBar(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}
