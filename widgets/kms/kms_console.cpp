#include "kms/kms_console.h"

#include <QTabWidget>

#include "kms/kms_keys_tab.h"
#include "monitoring/monitoring_tab.h"
#include "window/main_window.h"

KmsConsole installKmsConsole(MainWindow& window, EngineBridge& bridge) {
    KmsConsole c;
    QTabWidget* tabs = window.tabs();
    c.keys = new KmsKeysTab(bridge, tabs);
    // After Backups and Point-in-time recovery, before Monitoring.
    int at = tabs->count();
    for (int i = 0; i < tabs->count(); ++i)
        if (qobject_cast<MonitoringTab*>(tabs->widget(i))) at = i;
    tabs->insertTab(at, c.keys, KmsKeysTab::tr("KMS keys"));
    QObject::connect(&window, &MainWindow::regionChanged, c.keys, &KmsKeysTab::setRegion);
    QObject::connect(c.keys, &KmsKeysTab::message, &window, &MainWindow::showMessage);
    c.keys->setRegion(window.currentRegion());
    return c;
}
