// Right clicks in the console's lists: a click on a row selects it, and the menu offers
// the actions the tab's buttons offer for it (enabled as the buttons are), which then act
// on that row: tables (explore items, create index, delete), items (edit, duplicate,
// copy as…, delete), backups (restore, delete) and replicas (probe, delete replica).

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include "common/context_menu.h"
#include "global/global_console.h"
#include "global/global_tables_tab.h"
#include "global/propagation_probe.h"
#include "global/replica_model.h"
#include "items/item_editor_dialog.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "recovery/backups_model.h"
#include "recovery/backups_tab.h"
#include "recovery/recovery_console.h"
#include "tables/create_index_dialog.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "widget_fixture.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
// The menu a right click on `row` opens (not shown), owned by the caller.
std::unique_ptr<QMenu> menuOnRow(QTableView* view, int row) {
    const QPoint pos = view->visualRect(view->model()->index(row, 0)).center();
    return std::unique_ptr<QMenu>(ContextMenu::build(view, pos));
}

QStringList actionNames(QMenu* menu) {
    QStringList names;
    for (QAction* a : menu->actions())
        if (!a->isSeparator()) names << a->objectName();
    return names;
}

QAction* action(QMenu* menu, const char* name) {
    for (QAction* a : menu->actions())
        if (a->objectName() == QLatin1String(name)) return a;
    return nullptr;
}

QMessageBox* openBox(QWidget* parent) {
    for (auto* box : parent->findChildren<QMessageBox*>())
        if (box->isVisible()) return box;
    return nullptr;
}
}  // namespace

class TstWidgetsContextMenus : public QObject {
    Q_OBJECT

private slots:
    void tablesMenuActsOnTheRowClicked() {
        WidgetEngine e;
        e.create_table("alpha", "pk", "S");
        e.create_table("beta", "pk", "S");
        MainWindow window(*e.bridge);
        window.show();
        TablesTab* tab = window.tablesTab();
        QTRY_COMPARE(tab->model()->rowCount(), 2);
        const int beta = tab->model()->rowOf(QStringLiteral("beta"));
        tab->selectTable(QStringLiteral("alpha"));
        auto menu = menuOnRow(tab->view(), beta);
        QCOMPARE(tab->selectedTables(), QStringList{QStringLiteral("beta")});
        QCOMPARE(
            actionNames(menu.get()),
            (QStringList{QStringLiteral("exploreItemsAction"), QStringLiteral("createIndexAction"),
                         QStringLiteral("copyTableAction"), QStringLiteral("deleteTableAction")}));
        QSignalSpy explore(tab, &TablesTab::exploreItems);
        action(menu.get(), "exploreItemsAction")->trigger();
        QCOMPARE(explore.count(), 1);
        QCOMPARE(explore.first().first().toString(), QStringLiteral("beta"));
        action(menu.get(), "createIndexAction")->trigger();
        QTRY_VERIFY(tab->findChild<CreateIndexDialog*>());
        tab->findChild<CreateIndexDialog*>()->reject();
        action(menu.get(), "deleteTableAction")->trigger();
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = openBox(tab)));
        QVERIFY(box->text().contains(QLatin1String("beta")));
        box->reject();
    }

    void itemsMenuEditsCopiesAndDeletesTheRowClicked() {
        WidgetEngine e;
        e.create_table("events", "pk", "S");
        for (int i = 0; i < 5; ++i)
            e.ok("PutItem",
                 {{"TableName", "events"},
                  {"Item",
                   {{"pk", {{"S", "e" + std::to_string(i)}}}, {"n", {{"N", std::to_string(i)}}}}}});
        MainWindow window(*e.bridge);
        window.show();
        ItemsTab* items = window.itemsTab();
        window.tabs()->setCurrentWidget(items);
        ItemsModel* model = items->model();
        QTRY_COMPARE(model->rowCount(), 5);
        auto menu = menuOnRow(items->view(), 3);
        QCOMPARE(actionNames(menu.get()),
                 (QStringList{QStringLiteral("editItemAction"),
                              QStringLiteral("duplicateItemAction"), QStringLiteral("copyDynamo"),
                              QStringLiteral("copyPlain"), QStringLiteral("deleteItemsAction")}));
        action(menu.get(), "copyDynamo")->trigger();
        JCOMPARE(J(QApplication::clipboard()->text().toStdString()), model->item(3));

        action(menu.get(), "editItemAction")->trigger();
        ItemEditorDialog* editor = nullptr;
        QTRY_VERIFY((editor = items->findChild<ItemEditorDialog*>()));
        QString error;
        JCOMPARE(editor->currentItem(&error), model->item(3));
        editor->reject();

        action(menu.get(), "deleteItemsAction")->trigger();
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = openBox(items)));
        QVERIFY(box->text().contains(QLatin1String("1 item")));
        box->reject();

        // A right click beside the rows offers to create an item.
        items->view()->clearSelection();
        std::unique_ptr<QMenu> empty(
            ContextMenu::build(items->view(), QPoint(5, items->view()->viewport()->height() - 5)));
        QCOMPARE(actionNames(empty.get()), QStringList{QStringLiteral("createItemAction")});
    }

    void backupsMenuRestoresAndDeletesTheRowClicked() {
        WidgetEngine e;
        e.create_table("Music", "pk", "S");
        e.ok("CreateBackup", {{"TableName", "Music"}, {"BackupName", "music-b1"}});
        e.advance(60'000);
        MainWindow window(*e.bridge);
        const RecoveryConsole console = installRecoveryConsole(window, *e.bridge);
        BackupsTab* tab = console.backups;
        window.show();
        window.tabs()->setCurrentWidget(tab);
        QTRY_COMPARE(tab->model()->index(0, BackupsModel::Status).data(BackupsModel::StatusRole),
                     QVariant(QStringLiteral("AVAILABLE")));
        auto menu = menuOnRow(tab->view(), 0);
        QVERIFY(!tab->selectedArn().isEmpty());
        QCOMPARE(actionNames(menu.get()), (QStringList{QStringLiteral("restoreBackupAction"),
                                                       QStringLiteral("deleteBackupAction")}));
        QVERIFY(action(menu.get(), "restoreBackupAction")->isEnabled());
        action(menu.get(), "restoreBackupAction")->trigger();
        QDialog* restore = nullptr;
        QTRY_VERIFY((restore = tab->findChild<QDialog*>(QStringLiteral("restoreDialog"))));
        restore->reject();
        action(menu.get(), "deleteBackupAction")->trigger();
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = openBox(tab)));
        QVERIFY(box->text().contains(QLatin1String("music-b1")));
        box->reject();
    }

    void replicaMenuProbesAndDeletesTheReplicaClicked() {
        WidgetEngine e;
        e.create_table("courses", "courseid", "S");
        e.ok("UpdateTable",
             {{"TableName", "courses"},
              {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", "eu-west-1"}}}}})}});
        e.advance(60'000);
        MainWindow window(*e.bridge);
        const GlobalConsole console = installGlobalConsole(window, *e.bridge);
        GlobalTablesTab* tab = console.globalTables;
        window.show();
        window.tabs()->setCurrentWidget(tab);
        int ireland = -1;
        QTRY_VERIFY((ireland = tab->model()->rowOf(QStringLiteral("eu-west-1"))) >= 0);
        const int local = tab->model()->rowOf(QStringLiteral("us-west-2"));
        // The table in this region is no replica to delete or probe.
        auto localMenu = menuOnRow(tab->view(), local);
        QCOMPARE(actionNames(localMenu.get()), QStringList{QStringLiteral("deleteReplicaAction")});
        QVERIFY(!action(localMenu.get(), "deleteReplicaAction")->isEnabled());

        auto menu = menuOnRow(tab->view(), ireland);
        QCOMPARE(actionNames(menu.get()), (QStringList{QStringLiteral("probeReplicaAction"),
                                                       QStringLiteral("deleteReplicaAction")}));
        QVERIFY(action(menu.get(), "deleteReplicaAction")->isEnabled());
        QSignalSpy arrived(tab->probe(), &PropagationProbe::arrived);
        action(menu.get(), "probeReplicaAction")->trigger();
        QVERIFY(e.advanceUntil([&] { return arrived.count() == 1; }, 50, 200));
        QCOMPARE(arrived.first().at(1).toString(), QStringLiteral("eu-west-1"));
        action(menu.get(), "deleteReplicaAction")->trigger();
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = openBox(tab)));
        QVERIFY(box->text().contains(QLatin1String("eu-west-1")) ||
                box->text().contains(QLatin1String("Ireland")));
        box->reject();
    }
};

QTEST_MAIN(TstWidgetsContextMenus)
#include "tst_widgets_context_menus.moc"
