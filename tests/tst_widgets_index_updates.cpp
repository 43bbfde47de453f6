// Secondary indexes of an existing table in the console: a GSI created from the Indexes
// tab's dialog (checked as typed, refused inline by the engine), its backfill shown as a
// percentage, a GSI deleted after a confirmation, the Items tab's index picker following
// indexes that come and go, and the create-table dialog scrolling its many indexes.

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>

#include "items/items_model.h"
#include "items/items_tab.h"
#include "items/query_form.h"
#include "tables/create_index_dialog.h"
#include "tables/create_table_dialog.h"
#include "tables/index_editor.h"
#include "tables/index_panel.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "widget_fixture.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
// Orders by customer and date; a GSI by status and total, an LSI by total.
const char* kOrders = R"({
    "TableName": "orders", "BillingMode": "PAY_PER_REQUEST",
    "AttributeDefinitions": [
        {"AttributeName": "customer", "AttributeType": "S"},
        {"AttributeName": "date", "AttributeType": "S"},
        {"AttributeName": "status", "AttributeType": "S"},
        {"AttributeName": "total", "AttributeType": "N"}],
    "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"},
                  {"AttributeName": "date", "KeyType": "RANGE"}],
    "GlobalSecondaryIndexes": [{"IndexName": "byStatus",
        "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
                      {"AttributeName": "total", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "KEYS_ONLY"}}],
    "LocalSecondaryIndexes": [{"IndexName": "byTotal",
        "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"},
                      {"AttributeName": "total", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "KEYS_ONLY"}}]})";

void fillOrders(WidgetEngine& e) {
    e.ok("CreateTable", J(kOrders));
    e.advance(60'000);
    for (int i = 0; i < 12; ++i)
        e.ok("PutItem", {{"TableName", "orders"},
                         {"Item",
                          {{"customer", {{"S", "c" + std::to_string(i % 2)}}},
                           {"date", {{"S", "2026-01-" + std::to_string(10 + i)}}},
                           {"status", {{"S", i % 3 ? "PENDING" : "SHIPPED"}}},
                           {"total", {{"N", std::to_string(100 - i)}}},
                           {"city", {{"S", i % 2 ? "Lyon" : "Oslo"}}}}}});
}

// A GSI by city, as a client other than the console would add it.
Json createByCity() {
    return J(R"({"TableName": "orders",
        "AttributeDefinitions": [{"AttributeName": "city", "AttributeType": "S"}],
        "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "byCity",
            "KeySchema": [{"AttributeName": "city", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "ALL"}}}]})");
}

QPushButton* okButton(QDialog* dialog) {
    return dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

// The text of `column` in the Indexes tab's row of `index`, or empty when there is none.
QString cell(IndexPanel* panel, const QString& index, int column) {
    QTableWidget* list = panel->list();
    for (int row = 0; row < list->rowCount(); ++row)
        if (list->item(row, IndexPanel::Name)->text() == index)
            return list->item(row, column)->text();
    return {};
}

QString details(MainWindow& window) {
    return window.findChild<QTextBrowser*>(QStringLiteral("tableDetails"))->toPlainText();
}

struct Engine {
    WidgetEngine e;
    explicit Engine(bool orders) {
        if (orders) fillOrders(e);
    }
};

// The main window on an engine that holds the orders table (or nothing).
struct Console : Engine {
    MainWindow window{*e.bridge};
    TablesTab* tables = window.tablesTab();

    explicit Console(bool orders = true) : Engine(orders) { window.show(); }
    bool selectOrders() {
        if (!QTest::qWaitFor([this] { return tables->model()->rowCount() == 1; })) return false;
        tables->selectTable(QStringLiteral("orders"));
        return QTest::qWaitFor(
            [this] { return details(window).contains(QLatin1String("byStatus")); });
    }
};
}  // namespace

class TstWidgetsIndexUpdates : public QObject {
    Q_OBJECT

private slots:
    void createIndexDialogAddsAGsi() {
        Console c;
        QVERIFY(c.selectOrders());
        QCOMPARE(c.tables->detailTabs()->tabText(1), QStringLiteral("Indexes (2)"));
        c.tables->detailTabs()->setCurrentWidget(c.tables->indexPanel());
        QTest::mouseClick(
            c.tables->indexPanel()->findChild<QPushButton*>(QStringLiteral("createIndex")),
            Qt::LeftButton);
        QPointer<CreateIndexDialog> dialog;
        QTRY_VERIFY((dialog = c.tables->findChild<CreateIndexDialog*>()));
        QTRY_VERIFY(dialog->isVisible());
        // Nothing typed yet: no message, nothing to create.
        QCOMPARE(dialog->errorText(), QString());
        QVERIFY(!okButton(dialog)->isEnabled());

        IndexEditor* editor = dialog->indexEditor();
        auto* name = editor->findChild<QLineEdit*>(QStringLiteral("indexName0"));
        QTest::keyClicks(name, QStringLiteral("byStatus"));
        QVERIFY2(dialog->errorText().contains(
                     QLatin1String("Two indexes are named byStatus: index names must be unique.")),
                 qPrintable(dialog->errorText()));
        name->clear();
        QTest::keyClicks(name, QStringLiteral("byTotal2"));
        QVERIFY(dialog->errorText().contains(QLatin1String("byTotal2: enter the partition key.")));
        // total is a Number in the table: typed as a String it is refused as typed.
        auto* pk = editor->findChild<QLineEdit*>(QStringLiteral("indexPartitionKey0"));
        QTest::keyClicks(pk, QStringLiteral("total"));
        QVERIFY2(dialog->errorText().contains(
                     QLatin1String("Attribute total is given two types: String and Number.")),
                 qPrintable(dialog->errorText()));
        QVERIFY(!okButton(dialog)->isEnabled());
        auto* pkType = editor->findChild<QComboBox*>(QStringLiteral("indexPartitionType0"));
        pkType->setCurrentIndex(pkType->findData(QStringLiteral("N")));
        QCOMPARE(dialog->errorText(), QString());
        // A new attribute as its sort key, and a projection of one attribute.
        editor->findChild<QCheckBox*>(QStringLiteral("indexHasSortKey0"))->setChecked(true);
        QTest::keyClicks(editor->findChild<QLineEdit*>(QStringLiteral("indexSortKey0")),
                         QStringLiteral("city"));
        auto* projection = editor->findChild<QComboBox*>(QStringLiteral("indexProjection0"));
        projection->setCurrentIndex(projection->findData(QStringLiteral("INCLUDE")));
        QVERIFY(dialog->errorText().contains(QLatin1String("INCLUDE needs")));
        QTest::keyClicks(editor->findChild<QLineEdit*>(QStringLiteral("indexNonKey0")),
                         QStringLiteral("status"));
        QCOMPARE(dialog->errorText(), QString());
        QVERIFY(okButton(dialog)->isEnabled());

        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_VERIFY(!dialog);  // accepted and closed
        // The engine has the index, CREATING, and the city definition the request carried.
        const Json table = c.e.ok("DescribeTable", {{"TableName", "orders"}})["Table"];
        QCOMPARE(static_cast<int>(table["GlobalSecondaryIndexes"].size()), 2);
        const Json created = table["GlobalSecondaryIndexes"][1];
        JCOMPARE(created["IndexName"], Json("byTotal2"));
        JCOMPARE(created["IndexStatus"], Json("CREATING"));
        JCOMPARE(created["KeySchema"], J(R"([{"AttributeName": "total", "KeyType": "HASH"},
            {"AttributeName": "city", "KeyType": "RANGE"}])"));
        JCOMPARE(created["Projection"], J(R"({"ProjectionType": "INCLUDE",
            "NonKeyAttributes": ["status"]})"));
        bool cityDefined = false;
        for (const auto& d : table["AttributeDefinitions"])
            cityDefined |= d == J(R"({"AttributeName": "city", "AttributeType": "S"})");
        QVERIFY(cityDefined);

        // The details follow on their own: Creating, then Active once backfilled.
        IndexPanel* panel = c.tables->indexPanel();
        QTRY_COMPARE(cell(panel, QStringLiteral("byTotal2"), IndexPanel::Status),
                     QStringLiteral("Creating"));
        QCOMPARE(c.tables->detailTabs()->tabText(1), QStringLiteral("Indexes (3)"));
        QVERIFY(c.e.advanceUntil(
            [&] {
                return cell(panel, QStringLiteral("byTotal2"), IndexPanel::Status) ==
                       QLatin1String("Active");
            },
            5'000, 40));
        QCOMPARE(cell(panel, QStringLiteral("byTotal2"), IndexPanel::Items), QStringLiteral("12"));
        QTRY_VERIFY(details(c.window).contains(
            QLatin1String("byTotal2\nGSI\ntotal (N)\ncity (S)\nInclude: status\nActive\n12")));
    }

    void createIndexDialogShowsTheEnginesRefusal() {
        Console c;
        QVERIFY(c.selectOrders());
        c.e.ok("UpdateTable", createByCity());  // another client's index, CREATING
        c.tables->createIndex();
        QPointer<CreateIndexDialog> dialog;
        QTRY_VERIFY((dialog = c.tables->findChild<CreateIndexDialog*>()));
        IndexEditor* editor = dialog->indexEditor();
        QTest::keyClicks(editor->findChild<QLineEdit*>(QStringLiteral("indexName0")),
                         QStringLiteral("byDate"));
        QTest::keyClicks(editor->findChild<QLineEdit*>(QStringLiteral("indexPartitionKey0")),
                         QStringLiteral("date"));
        QVERIFY(okButton(dialog)->isEnabled());
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        // One index at a time: said in words, the dialog stays open to try again.
        QTRY_VERIFY2(dialog->errorText().contains(
                         QLatin1String("Another index of this table is being created or deleted")),
                     qPrintable(dialog->errorText()));
        QVERIFY(dialog->isVisible());
        QVERIFY(okButton(dialog)->isEnabled());
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("errorLabel"))
                    ->toolTip()
                    .contains(QLatin1String("LimitExceededException")));
        const Json table = c.e.ok("DescribeTable", {{"TableName", "orders"}})["Table"];
        QCOMPARE(static_cast<int>(table["GlobalSecondaryIndexes"].size()), 2);  // not byDate
    }

    void backfillProgressIsShown() {
        Console c(false);
        c.e.create_table("events", "id", "S");
        // 2,500 items: the engine backfills 1,000 per step, a step every 100 ms.
        for (int batch = 0; batch < 100; ++batch) {
            Json writes = Json::array();
            for (int i = 0; i < 25; ++i)
                writes.push_back({{"PutRequest",
                                   {{"Item",
                                     {{"id", {{"S", "e" + std::to_string(batch * 25 + i)}}},
                                      {"kind", {{"S", i % 2 ? "click" : "view"}}}}}}}});
            c.e.ok("BatchWriteItem", {{"RequestItems", {{"events", writes}}}});
        }
        QTRY_COMPARE(c.tables->model()->rowCount(), 1);
        c.tables->selectTable(QStringLiteral("events"));
        c.tables->detailTabs()->setCurrentWidget(c.tables->indexPanel());
        c.e.ok("UpdateTable", J(R"({"TableName": "events",
            "AttributeDefinitions": [{"AttributeName": "kind", "AttributeType": "S"}],
            "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "byKind",
                "KeySchema": [{"AttributeName": "kind", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"}}}]})"));
        IndexPanel* panel = c.tables->indexPanel();
        const QString byKind = QStringLiteral("byKind");
        QTRY_COMPARE(cell(panel, byKind, IndexPanel::Status), QStringLiteral("Creating"));
        QCOMPARE(panel->backfillPercent(byKind), -1);  // allocated first, not yet filled

        // 30 s later the backfill starts with its first 1,000 items.
        c.e.advance(30'000);
        QTRY_COMPARE(panel->backfillPercent(byKind), 40);
        QWidget* progress = panel->list()->cellWidget(0, IndexPanel::Status);
        QCOMPARE(progress->findChild<QProgressBar*>()->value(), 40);
        QCOMPARE(progress->findChild<QLabel*>()->text(),
                 QStringLiteral("Creating · Backfilling · 40%"));
        QTRY_VERIFY2(details(c.window).contains(QStringLiteral("Creating · Backfilling · 40%")),
                     qPrintable(details(c.window)));
        c.e.advance(100);
        QTRY_COMPARE(panel->backfillPercent(byKind), 80);
        QTRY_VERIFY(details(c.window).contains(QStringLiteral("Creating · Backfilling · 80%")));
        c.e.advance(100);
        QTRY_COMPARE(cell(panel, byKind, IndexPanel::Status), QStringLiteral("Active"));
        QCOMPARE(panel->backfillPercent(byKind), -1);
        QCOMPARE(cell(panel, byKind, IndexPanel::Items), QLocale().toString(2500));
        QTRY_VERIFY(!details(c.window).contains(QLatin1String("Backfilling")));
    }

    void deleteIndexAsksThenDeletes() {
        Console c;
        QVERIFY(c.selectOrders());
        IndexPanel* panel = c.tables->indexPanel();
        c.tables->detailTabs()->setCurrentWidget(panel);
        auto* remove = panel->findChild<QPushButton*>(QStringLiteral("deleteIndex"));
        // An LSI goes only with its table.
        panel->selectIndex(QStringLiteral("byTotal"));
        QVERIFY(!remove->isEnabled());
        panel->selectIndex(QStringLiteral("byStatus"));
        QVERIFY(remove->isEnabled());
        QTest::mouseClick(remove, Qt::LeftButton);
        QPointer<QMessageBox> box;
        QTRY_VERIFY(
            (box = c.tables->findChild<QMessageBox*>(QStringLiteral("confirmDeleteIndex"))));
        QVERIFY2(box->text().contains(QLatin1String("index byStatus of table orders")),
                 qPrintable(box->text()));
        // Cancel keeps it.
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!box);
        QCOMPARE(cell(panel, QStringLiteral("byStatus"), IndexPanel::Status),
                 QStringLiteral("Active"));

        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_VERIFY(
            (box = c.tables->findChild<QMessageBox*>(QStringLiteral("confirmDeleteIndex"))));
        QAbstractButton* confirm = nullptr;
        for (QAbstractButton* b : box->buttons())
            if (box->buttonRole(b) == QMessageBox::DestructiveRole) confirm = b;
        QVERIFY(confirm);
        QCOMPARE(confirm->text(), QStringLiteral("Delete index"));
        confirm->click();
        QTRY_COMPARE(cell(panel, QStringLiteral("byStatus"), IndexPanel::Status),
                     QStringLiteral("Deleting"));
        QVERIFY(c.e.advanceUntil(
            [&] { return cell(panel, QStringLiteral("byStatus"), IndexPanel::Name).isEmpty(); },
            1'000, 20));
        QTRY_VERIFY(!details(c.window).contains(QLatin1String("byStatus")));
        QCOMPARE(c.tables->detailTabs()->tabText(1), QStringLiteral("Indexes (1)"));
        const Json table = c.e.ok("DescribeTable", {{"TableName", "orders"}})["Table"];
        QVERIFY(!table.contains("GlobalSecondaryIndexes"));
        QCOMPARE(c.tables->errorText(), QString());
    }

    void deleteIndexRefusalIsShown() {
        Console c;
        QVERIFY(c.selectOrders());
        c.e.ok("UpdateTable", createByCity());
        c.tables->deleteIndexNow(QStringLiteral("orders"), QStringLiteral("byStatus"));
        QTRY_VERIFY2(c.tables->errorText().startsWith(QLatin1String(
                         "Could not delete index byStatus of orders: Another index of this table")),
                     qPrintable(c.tables->errorText()));
        QCOMPARE(cell(c.tables->indexPanel(), QStringLiteral("byStatus"), IndexPanel::Status),
                 QStringLiteral("Active"));
    }

    void itemsPickerFollowsIndexChanges() {
        Console c;
        ItemsTab* items = c.window.itemsTab();
        c.window.tabs()->setCurrentWidget(items);
        QTRY_COMPARE(items->model()->rowCount(), 12);
        auto* box = items->queryForm()->findChild<QComboBox*>(QStringLiteral("indexBox"));
        QCOMPARE(box->count(), 3);  // the table, the GSI, the LSI

        // Another client adds a GSI: it is listed as it is created, then as ready.
        c.e.ok("UpdateTable", createByCity());
        QTRY_VERIFY(box->findData(QStringLiteral("byCity")) >= 0);
        QCOMPARE(box->count(), 4);
        QCOMPARE(box->itemText(box->findData(QStringLiteral("byCity"))),
                 QStringLiteral("GSI: byCity (Creating)"));
        QCOMPARE(items->table(), QStringLiteral("orders"));
        QCOMPARE(box->currentIndex(), 0);  // still the table, still its items
        QCOMPARE(items->model()->rowCount(), 12);
        QVERIFY(c.e.advanceUntil(
            [&] {
                return box->itemText(box->findData(QStringLiteral("byCity"))) ==
                       QLatin1String("GSI: byCity");
            },
            5'000, 40));

        // Reading the new index, the picker keeps it while the others change.
        items->queryForm()->setIndexName(QStringLiteral("byCity"));
        QTRY_COMPARE(items->model()->indexName(), QStringLiteral("byCity"));
        QTRY_COMPARE(items->model()->rowCount(), 12);
        c.e.ok("UpdateTable", J(R"({"TableName": "orders", "GlobalSecondaryIndexUpdates": [
                    {"Delete": {"IndexName": "byStatus"}}]})"));
        QTRY_COMPARE(box->itemText(box->findData(QStringLiteral("byStatus"))),
                     QStringLiteral("GSI: byStatus (Deleting)"));
        QCOMPARE(items->queryForm()->indexName(), QStringLiteral("byCity"));
        QVERIFY(c.e.advanceUntil([&] { return box->findData(QStringLiteral("byStatus")) < 0; },
                                 1'000, 20));
        QCOMPARE(items->queryForm()->indexName(), QStringLiteral("byCity"));
        QCOMPARE(box->count(), 3);

        // The index read is deleted: back to a Scan of the table.
        c.e.ok("UpdateTable", J(R"({"TableName": "orders", "GlobalSecondaryIndexUpdates": [
                    {"Delete": {"IndexName": "byCity"}}]})"));
        QVERIFY(c.e.advanceUntil([&] { return box->findData(QStringLiteral("byCity")) < 0; }, 1'000,
                                 20));
        QCOMPARE(box->currentIndex(), 0);
        QTRY_COMPARE(items->model()->indexName(), QString());
        QCOMPARE(items->model()->operation(), QStringLiteral("Scan"));
        QTRY_COMPARE(items->model()->rowCount(), 12);
    }

    void createTableDialogScrollsManyIndexes() {
        WidgetEngine e;
        CreateTableDialog dialog(*e.bridge, QStringLiteral("us-west-2"));
        dialog.findChild<QLineEdit*>(QStringLiteral("tableName"))->setText(QStringLiteral("many"));
        dialog.findChild<QLineEdit*>(QStringLiteral("partitionKey"))->setText(QStringLiteral("pk"));
        dialog.findChild<QCheckBox*>(QStringLiteral("hasSortKey"))->setChecked(true);
        dialog.findChild<QLineEdit*>(QStringLiteral("sortKey"))->setText(QStringLiteral("sk"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        // Added in the open dialog, as a user does.
        IndexEditor* editor = dialog.indexEditor();
        for (int i = 0; i < 9; ++i) editor->addIndex(i < 5);
        dialog.resize(1000, 700);
        QTest::qWait(0);
        // It fits: the form scrolls, the message and the buttons stay in view.
        QCOMPARE(dialog.size(), QSize(1000, 700));
        auto* scroll = dialog.findChild<QScrollArea*>(QStringLiteral("createTableScroll"));
        QVERIFY(scroll && scroll->isAncestorOf(editor));
        QTRY_VERIFY(scroll->verticalScrollBar()->maximum() > 0);
        QVERIFY(scroll->verticalScrollBar()->isVisible());
        QPushButton* ok = okButton(&dialog);
        QVERIFY(dialog.rect().contains(QRect(ok->mapTo(&dialog, QPoint()), ok->size())));
        // No row is squeezed: each keeps the height its fields need.
        for (int i = 0; i < 9; ++i) {
            QWidget* row =
                editor->findChild<QLineEdit*>(QStringLiteral("indexName%1").arg(i))->parentWidget();
            QVERIFY2(row->height() >= row->minimumSizeHint().height(),
                     qPrintable(QStringLiteral("row %1: %2 < %3")
                                    .arg(i)
                                    .arg(row->height())
                                    .arg(row->minimumSizeHint().height())));
        }
        // It scrolls up and down only: the dialog is never narrower than the form.
        QVERIFY(dialog.minimumSizeHint().width() > scroll->widget()->minimumSizeHint().width());
        QCOMPARE(scroll->widget()->width(), scroll->viewport()->width());
        // The last index can be scrolled to.
        auto* last = editor->findChild<QLineEdit*>(QStringLiteral("indexName8"));
        scroll->ensureWidgetVisible(last);
        const QPoint at = last->mapTo(scroll->viewport(), QPoint());
        QVERIFY(scroll->viewport()->rect().contains(QRect(at, last->size())));
    }
};

QTEST_MAIN(TstWidgetsIndexUpdates)
#include "tst_widgets_index_updates.moc"
