// The screenshot driver's shots of results and menus: the Items tab after a Query with its
// summary (items returned, scanned, consumed RCUs), the Export menu, the context menus of
// the items and tables lists, the Activity dock filtered, a crowded region map and every
// tab at 1000×700; `suffix` tells the light and dark runs apart.

#include <QApplication>
#include <QMenu>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>

#include <QCheckBox>
#include <QComboBox>

#include "common/context_menu.h"
#include "global/region_map.h"
#include "window/activity_dock.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "items/query_form.h"
#include "screenshot_driver.h"
#include "tables/tables_tab.h"
#include "window/main_window.h"

void ScreenshotDriver::shootResults(const QString& suffix, std::function<void()> done) {
    ItemsTab* itemsTab = m_window.itemsTab();
    m_window.tabs()->setCurrentWidget(itemsTab);
    itemsTab->setTable(QStringLiteral("orders"));
    QueryForm* form = itemsTab->queryForm();
    form->setQueryMode(true);
    form->setPartitionValue(QStringLiteral("Ada"));
    form->addFilter(QStringLiteral("total"), QStringLiteral(">"), QStringLiteral("N"),
                    QStringLiteral("200"));
    itemsTab->run();
    when(
        [itemsTab] { return itemsTab->model()->rowCount() > 0 && !itemsTab->model()->isLoading(); },
        [=, this] {
            save(&m_window, QStringLiteral("20-items-summary") + suffix);
            const auto saveMenu = [this](QMenu* menu, const QString& name) {
                menu->popup(m_window.mapToGlobal(QPoint(200, 200)));
                save(menu, name);
                menu->close();
                menu->deleteLater();
            };
            QTableView* view = itemsTab->view();
            saveMenu(
                ContextMenu::build(view, view->visualRect(view->model()->index(1, 0)).center()),
                QStringLiteral("21-menu-items") + suffix);
            auto* exportButton = itemsTab->findChild<QPushButton*>(QStringLiteral("exportItems"));
            exportButton->menu()->popup(
                exportButton->mapToGlobal(QPoint(0, exportButton->height())));
            save(exportButton->menu(), QStringLiteral("22-menu-export") + suffix);
            exportButton->menu()->close();
            TablesTab* tablesTab = m_window.tablesTab();
            m_window.tabs()->setCurrentWidget(tablesTab);
            QTableView* tables = tablesTab->view();
            QMenu* tableMenu = ContextMenu::build(
                tables, tables->visualRect(tables->model()->index(0, 0)).center());
            save(&m_window, QStringLiteral("23-tables-selected") + suffix);
            saveMenu(tableMenu, QStringLiteral("23-menu-tables") + suffix);

            RegionMap map(m_bridge);
            map.resize(460, 300);
            map.setGroup({QStringLiteral("us-east-1"), QStringLiteral("us-east-2"),
                          QStringLiteral("ca-central-1"), QStringLiteral("us-west-2"),
                          QStringLiteral("eu-west-1"), QStringLiteral("eu-west-2"),
                          QStringLiteral("eu-west-3"), QStringLiteral("eu-central-1"),
                          QStringLiteral("eu-north-1"), QStringLiteral("ap-northeast-1"),
                          QStringLiteral("ap-northeast-3"), QStringLiteral("ap-northeast-2")},
                         QStringLiteral("us-east-1"));
            save(&map, QStringLiteral("24-region-map-crowded") + suffix);
            map.setGroup({QStringLiteral("us-east-1"), QStringLiteral("us-east-2"),
                          QStringLiteral("eu-west-1"), QStringLiteral("eu-west-2")},
                         QStringLiteral("us-east-1"));
            save(&map, QStringLiteral("24b-region-map-four") + suffix);

            ActivityDock* activity = m_window.activityDock();
            activity->show();
            auto* polling = activity->findChild<QCheckBox*>(QStringLiteral("activityHidePolling"));
            polling->setChecked(true);
            auto* operations = activity->findChild<QComboBox*>(QStringLiteral("activityOperation"));
            operations->setCurrentIndex(std::max(0, operations->findData(QStringLiteral("Query"))));
            save(&m_window, QStringLiteral("25-activity-filtered") + suffix);
            operations->setCurrentIndex(0);
            polling->setChecked(false);

            // Every tab at the narrowest width the window allows (1000 px in German).
            const QSize before = m_window.size();
            m_window.resize(1000, 700);
            QApplication::processEvents();
            qInfo("narrow window: %d px wide, minimum %d px (status bar %d, tabs %d)",
                  m_window.width(), m_window.minimumSizeHint().width(),
                  m_window.statusBar()->minimumSizeHint().width(),
                  m_window.tabs()->minimumSizeHint().width());
            for (int i = 0; i < m_window.tabs()->count(); ++i)
                qInfo("  tab %d: %d px", i, m_window.tabs()->widget(i)->minimumSizeHint().width());
            for (auto* child : m_window.statusBar()->findChildren<QWidget*>())
                if (child->isVisible() && child->minimumSizeHint().width() > 200)
                    qInfo("  status bar %s: %d px", child->metaObject()->className(),
                          child->minimumSizeHint().width());
            for (int i = 0; i < m_window.tabs()->count(); ++i) {
                m_window.tabs()->setCurrentIndex(i);
                save(&m_window, QStringLiteral("26-narrow-%1").arg(i) + suffix);
            }
            m_window.resize(before);
            done();
        });
}
