#include "recovery/recovery_console.h"

#include <QTabWidget>

#include "recovery/backups_tab.h"
#include "window/main_window.h"
#include "monitoring/monitoring_tab.h"
#include "recovery/pitr_panel.h"
#include "tables/tables_model.h"

RecoveryConsole installRecoveryConsole(MainWindow& window, EngineBridge& bridge) {
    RecoveryConsole c;
    QTabWidget* tabs = window.tabs();
    c.backups = new BackupsTab(bridge, *window.tablesModel(), tabs);
    c.pitr = new PitrPanel(bridge, *window.tablesModel(), tabs);
    // Tables, Items, Global tables, Backups, Point-in-time recovery, Monitoring.
    int at = tabs->count();
    for (int i = 0; i < tabs->count(); ++i)
        if (qobject_cast<MonitoringTab*>(tabs->widget(i))) at = i;
    tabs->insertTab(at, c.backups, BackupsTab::tr("Backups"));
    tabs->insertTab(at + 1, c.pitr, PitrPanel::tr("Point-in-time recovery"));

    QObject::connect(&window, &MainWindow::regionChanged, c.backups, &BackupsTab::setRegion);
    QObject::connect(&window, &MainWindow::regionChanged, c.pitr, &PitrPanel::setRegion);
    QObject::connect(c.backups, &BackupsTab::message, &window, &MainWindow::showMessage);
    QObject::connect(c.backups, &BackupsTab::progressMessage, &window, &MainWindow::showProgress);
    QObject::connect(c.pitr, &PitrPanel::progressMessage, &window, &MainWindow::showProgress);
    QObject::connect(c.pitr, &PitrPanel::message, &window, &MainWindow::showMessage);
    QObject::connect(c.pitr, &PitrPanel::tableChosen, &window, &MainWindow::shareTable);
    QObject::connect(&window, &MainWindow::tableShared, c.pitr,
                     [pitr = c.pitr](const QString& table) {
                         if (pitr->table() != table) pitr->setTable(table);
                     });
    // The Tables tab's PITR column follows the switch.
    QObject::connect(c.pitr, &PitrPanel::pitrChanged, window.tablesModel(),
                     [tables = window.tablesModel()](const QString& table, bool on) {
                         tables->setPitr(table, on ? TablesModel::PitrState::Enabled
                                                   : TablesModel::PitrState::Disabled);
                     });
    c.backups->setRegion(window.currentRegion());
    c.pitr->setRegion(window.currentRegion());
    return c;
}
