#include "global/global_console.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QTabWidget>

#include "global/global_tables_tab.h"
#include "window/main_window.h"
#include "monitoring/capacity_charts.h"
#include "monitoring/monitoring_tab.h"
#include "global/regions_panel.h"

GlobalConsole installGlobalConsole(MainWindow& window, EngineBridge& bridge) {
    GlobalConsole c;
    c.globalTables = new GlobalTablesTab(bridge, *window.tablesModel(), window.tabs());
    c.monitoring = new MonitoringTab(bridge, window.tabs());
    c.monitoring->setTablesModel(window.tablesModel());
    window.addTab(c.globalTables, GlobalTablesTab::tr("Global tables"));
    window.addTab(c.monitoring, MonitoringTab::tr("Monitoring"));
    c.regions = new RegionsPanel(bridge, &window);
    window.addDockWidget(Qt::RightDockWidgetArea, c.regions);
    c.regions->hide();
    c.regions->setMinimumWidth(400);
    QAction* toggle = c.regions->toggleViewAction();
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    window.viewMenu()->insertAction(window.viewMenu()->actions().value(2), toggle);

    QObject::connect(&window, &MainWindow::regionChanged, c.globalTables,
                     &GlobalTablesTab::setRegion);
    QObject::connect(&window, &MainWindow::regionChanged, c.monitoring, &MonitoringTab::setRegion);
    QObject::connect(&window, &MainWindow::regionChanged, c.regions, &RegionsPanel::setRegion);
    QObject::connect(c.globalTables, &GlobalTablesTab::message, &window, &MainWindow::showMessage);
    QObject::connect(c.globalTables, &GlobalTablesTab::tableChosen, &window,
                     &MainWindow::shareTable);
    QObject::connect(&window, &MainWindow::tableShared, c.globalTables,
                     [tab = c.globalTables](const QString& table) {
                         if (tab->table() != table) tab->setTable(table);
                     });
    QObject::connect(c.globalTables, &GlobalTablesTab::progressMessage, &window,
                     &MainWindow::showProgress);
    QObject::connect(c.regions, &RegionsPanel::timeScaleChanged, &window, [&window](double scale) {
        if (auto* label = window.findChild<QLabel*>(QStringLiteral("timeScaleLabel")))
            label->setText(MainWindow::tr("Time ×%1").arg(scale));
    });
    QObject::connect(&window, &MainWindow::tableShared, c.monitoring->capacityCharts(),
                     &CapacityCharts::setTable);
    c.globalTables->setRegion(window.currentRegion());
    c.monitoring->setRegion(window.currentRegion());
    c.regions->setRegion(window.currentRegion());
    return c;
}
