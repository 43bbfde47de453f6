// The selected table is shared between tabs: a table chosen in the Tables tab, the Items
// tab, the Global tables tab or the PITR panel becomes every other tab's table, as the
// AWS console keeps one selected table.

#include <QComboBox>
#include <QTableView>
#include <QTest>

#include "global/global_console.h"
#include "global/global_tables_tab.h"
#include "items/items_tab.h"
#include "recovery/pitr_panel.h"
#include "recovery/recovery_console.h"
#include "tables/tables_tab.h"
#include "widget_fixture.h"
#include "window/main_window.h"

class TstWidgetsSharedTable : public QObject {
    Q_OBJECT

    // Picks `table` in a combo box as a user does (activated, not only changed).
    static void pick(QComboBox* box, const QString& table) {
        const int index = box->findText(table);
        QVERIFY2(index >= 0, qPrintable(table));
        box->setCurrentIndex(index);
        emit box->activated(index);
    }

private slots:
    void oneTableAcrossTheTabs() {
        WidgetEngine e;
        for (const char* name : {"alpha", "beta", "gamma"}) e.create_table(name, "id", "S");
        MainWindow window(*e.bridge);
        const GlobalConsole global = installGlobalConsole(window, *e.bridge);
        const RecoveryConsole recovery = installRecoveryConsole(window, *e.bridge);
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ItemsTab* items = window.itemsTab();
        auto* itemsBox = items->findChild<QComboBox*>(QStringLiteral("tableBox"));
        auto* globalBox = global.globalTables->findChild<QComboBox*>(QStringLiteral("globalTable"));
        auto* pitrBox = recovery.pitr->findChild<QComboBox*>(QStringLiteral("pitrTable"));
        QVERIFY(itemsBox && globalBox && pitrBox);
        QTRY_COMPARE(itemsBox->count(), 3);
        QTRY_COMPARE(globalBox->count(), 3);
        QTRY_COMPARE(pitrBox->count(), 3);

        // Chosen in the Tables tab.
        window.tablesTab()->selectTable(QStringLiteral("beta"));
        QTRY_COMPARE(items->table(), QStringLiteral("beta"));
        QTRY_COMPARE(global.globalTables->table(), QStringLiteral("beta"));
        QTRY_COMPARE(recovery.pitr->table(), QStringLiteral("beta"));

        // Chosen in the Items tab.
        pick(itemsBox, QStringLiteral("gamma"));
        QTRY_COMPARE(global.globalTables->table(), QStringLiteral("gamma"));
        QTRY_COMPARE(recovery.pitr->table(), QStringLiteral("gamma"));
        auto* view = window.tablesTab()->findChild<QTableView*>();
        QVERIFY(view);
        QTRY_COMPARE(view->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(view->selectionModel()->selectedRows().first().data().toString(),
                 QStringLiteral("gamma"));

        // Chosen in the Global tables tab, then in the PITR panel.
        pick(globalBox, QStringLiteral("alpha"));
        QTRY_COMPARE(items->table(), QStringLiteral("alpha"));
        QTRY_COMPARE(recovery.pitr->table(), QStringLiteral("alpha"));
        pick(pitrBox, QStringLiteral("beta"));
        QTRY_COMPARE(items->table(), QStringLiteral("beta"));
        QTRY_COMPARE(global.globalTables->table(), QStringLiteral("beta"));
    }
};

QTEST_MAIN(TstWidgetsSharedTable)
#include "tst_widgets_shared_table.moc"
