// Clicks through the console on a deterministic engine: create a table and watch it go
// ACTIVE, refuse a bad name as you type, honour deletion protection, add, edit and
// delete items, import good and malformed files, and page through a big table.

#include <QCheckBox>
#include <QLabel>
#include <QStatusBar>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "window/activity_dock.h"
#include "window/activity_model.h"
#include "tables/create_table_dialog.h"
#include "items/item_editor_dialog.h"
#include "items/item_form.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "window/main_window.h"
#include "items/query_form.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "widget_fixture.h"

using tablespan::Json;

namespace {
QString statusOf(TablesModel* model, const QString& table) {
    const int row = model->rowOf(table);
    return row < 0
               ? QString()
               : model->index(row, TablesModel::Status).data(TablesModel::StatusRole).toString();
}

// What the status bar says, as the user reads it.
QString statusText(MainWindow& window) {
    QStringList texts{window.statusBar()->currentMessage()};
    for (auto* label : window.statusBar()->findChildren<QLabel*>()) texts << label->text();
    return texts.join(QLatin1Char(' '));
}

QPushButton* okButton(QDialog* dialog) {
    auto* box = dialog->findChild<QDialogButtonBox*>();
    auto* ok = box->button(QDialogButtonBox::Ok);
    return ok ? ok : box->button(QDialogButtonBox::Save);
}
}  // namespace

class TstWidgetsConsole : public QObject {
    Q_OBJECT

private slots:
    void createTableGoesFromCreatingToActive() {
        WidgetEngine e;
        MainWindow window(*e.bridge);
        window.show();
        window.tablesTab()->newTable();
        auto* dialog = window.findChild<CreateTableDialog*>();
        QVERIFY(dialog);
        auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("tableName"));
        QTest::keyClicks(name, QStringLiteral("ab"));
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("partitionKey")),
                         QStringLiteral("Artist"));
        QVERIFY(dialog->errorText().contains(QLatin1String("3 to 255")));
        QVERIFY(!okButton(dialog)->isEnabled());
        QTest::keyClicks(name, QStringLiteral("!"));
        QVERIFY(dialog->errorText().contains(QLatin1String("only")));
        name->clear();
        QTest::keyClicks(name, QStringLiteral("Music"));
        QVERIFY(dialog->errorText().isEmpty());
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_COMPARE(statusOf(window.tablesModel(), QStringLiteral("Music")),
                     QStringLiteral("CREATING"));
        QTRY_VERIFY(!window.findChild<CreateTableDialog*>());
        e.advance(3'000);
        QTRY_COMPARE(statusOf(window.tablesModel(), QStringLiteral("Music")),
                     QStringLiteral("ACTIVE"));
        // Every request is in the Activity dock.
        QTRY_VERIFY(window.activityDock()->model()->rowCount() >= 1);
    }

    // Bug 7: "Creating table Music…" leaves the status bar once the table is ACTIVE.
    void theStatusBarClearsAProgressMessageWhenItIsDone() {
        WidgetEngine e;
        MainWindow window(*e.bridge);
        window.show();
        window.tablesTab()->newTable();
        auto* dialog = window.findChild<CreateTableDialog*>();
        dialog->findChild<QLineEdit*>(QStringLiteral("tableName"))
            ->setText(QStringLiteral("Music"));
        dialog->findChild<QLineEdit*>(QStringLiteral("partitionKey"))
            ->setText(QStringLiteral("Artist"));
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_VERIFY(statusText(window).contains(QLatin1String("Creating table Music")));
        QTRY_COMPARE(statusOf(window.tablesModel(), QStringLiteral("Music")),
                     QStringLiteral("CREATING"));
        e.advance(3'000);
        QTRY_COMPARE(statusOf(window.tablesModel(), QStringLiteral("Music")),
                     QStringLiteral("ACTIVE"));
        QTRY_VERIFY2(!statusText(window).contains(QLatin1String("Creating table")),
                     qPrintable(statusText(window)));

        // The same for a delete: the message goes when the table is gone.
        window.tablesTab()->deleteTables({QStringLiteral("Music")});
        QTRY_VERIFY(statusText(window).contains(QLatin1String("Deleting table Music")));
        e.advance(3'000);
        QTRY_COMPARE(window.tablesModel()->rowOf(QStringLiteral("Music")), -1);
        QTRY_VERIFY2(!statusText(window).contains(QLatin1String("Deleting table")),
                     qPrintable(statusText(window)));
    }

    void engineErrorsAreShownInTheDialog() {
        WidgetEngine e;
        e.create_table("Music", "Artist", "S");
        MainWindow window(*e.bridge);
        window.tablesTab()->newTable();
        auto* dialog = window.findChild<CreateTableDialog*>();
        dialog->findChild<QLineEdit*>(QStringLiteral("tableName"))
            ->setText(QStringLiteral("Music"));
        dialog->findChild<QLineEdit*>(QStringLiteral("partitionKey"))
            ->setText(QStringLiteral("Artist"));
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_VERIFY(dialog->errorText().contains(QLatin1String("ResourceInUseException")));
        QVERIFY(dialog->isVisible());
    }

    void deletionProtectionIsHonoured() {
        WidgetEngine e;
        e.ok("CreateTable", J(R"({"TableName": "keep", "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "DeletionProtectionEnabled": true})"));
        e.create_table("scratch", "id", "S");
        MainWindow window(*e.bridge);
        QTRY_COMPARE(window.tablesModel()->rowCount(), 2);
        window.tablesTab()->selectTable(QStringLiteral("keep"));
        window.tablesTab()->deleteSelected();
        auto* confirm = window.findChild<QMessageBox*>(QStringLiteral("confirmDelete"));
        QVERIFY(confirm);
        for (auto* b : confirm->buttons())
            if (confirm->buttonRole(b) == QMessageBox::DestructiveRole) b->click();
        QTRY_VERIFY(window.tablesTab()->errorText().contains(QLatin1String("deletion protection")));
        QCOMPARE(statusOf(window.tablesModel(), QStringLiteral("keep")), QStringLiteral("ACTIVE"));

        window.tablesTab()->deleteTables({QStringLiteral("scratch")});
        QTRY_COMPARE(statusOf(window.tablesModel(), QStringLiteral("scratch")),
                     QStringLiteral("DELETING"));
        e.advance(2'000);
        QTRY_COMPARE(window.tablesModel()->rowOf(QStringLiteral("scratch")), -1);
    }

    // Bug 8: 1e500 is valid JSON; the plain-JSON view says the number overflows, as the
    // form does, instead of "not valid JSON".
    void aHugeNumberInPlainJsonIsAnOverflowNotInvalidJson() {
        WidgetEngine e;
        e.create_table("people", "id", "S");
        MainWindow window(*e.bridge);
        ItemsTab* items = window.itemsTab();
        QTRY_COMPARE(items->table(), QStringLiteral("people"));
        items->newItem();
        auto* editor = items->findChild<ItemEditorDialog*>();
        QVERIFY(editor);
        editor->tabs()->setCurrentIndex(1);
        editor->dynamoToggle()->setChecked(false);
        editor->jsonEdit()->setPlainText(QStringLiteral(R"({"id": "p1", "n": 1e500})"));
        QTest::mouseClick(okButton(editor), Qt::LeftButton);
        QVERIFY2(!editor->errorText().contains(QLatin1String("not valid JSON")),
                 qPrintable(editor->errorText()));
        QVERIFY2(editor->errorText().contains(QLatin1String("Number overflow")),
                 qPrintable(editor->errorText()));
        QVERIFY(editor->errorText().contains(QLatin1String("1e500")));
        QVERIFY(editor->isVisible());
    }

    void addEditAndDeleteItems() {
        WidgetEngine e;
        e.create_table("people", "id", "S");
        MainWindow window(*e.bridge);
        ItemsTab* items = window.itemsTab();
        QTRY_COMPARE(items->table(), QStringLiteral("people"));
        items->newItem();
        auto* editor = items->findChild<ItemEditorDialog*>();
        QVERIFY(editor);
        editor->tabs()->setCurrentIndex(1);
        editor->dynamoToggle()->setChecked(false);
        editor->jsonEdit()->setPlainText(QStringLiteral(
            R"({"id": "p1", "age": 12345678901234567890123456789012345678, "tags": ["a"]})"));
        QTest::mouseClick(okButton(editor), Qt::LeftButton);
        QTRY_COMPARE(items->model()->rowCount(), 1);
        const Json stored =
            e.ok("GetItem", {{"TableName", "people"}, {"Key", {{"id", {{"S", "p1"}}}}}});
        QCOMPARE(QString::fromStdString(stored["Item"]["age"]["N"]),
                 QStringLiteral("12345678901234567890123456789012345678"));

        // Creating the same key again is refused in the dialog.
        items->newItem();
        editor = items->findChild<ItemEditorDialog*>();
        editor->tabs()->setCurrentIndex(1);
        editor->jsonEdit()->setPlainText(QStringLiteral(R"({"id": {"S": "p1"}})"));
        QTest::mouseClick(okButton(editor), Qt::LeftButton);
        QTRY_VERIFY(editor->errorText().contains(QLatin1String("already exists")));
        editor->reject();
        QTRY_VERIFY(!items->findChild<ItemEditorDialog*>());

        // Edit in the JSON view.
        items->view()->selectRow(0);
        items->editSelected();
        editor = items->findChild<ItemEditorDialog*>();
        editor->tabs()->setCurrentIndex(1);
        editor->jsonEdit()->setPlainText(
            QStringLiteral(R"({"id": {"S": "p1"}, "name": {"S": "Ada"}})"));
        QTest::mouseClick(okButton(editor), Qt::LeftButton);
        QTRY_VERIFY(!items->findChild<ItemEditorDialog*>());
        QCOMPARE(QString::fromStdString(e.ok("GetItem", {{"TableName", "people"},
                                                         {"Key", {{"id", {{"S", "p1"}}}}}})["Item"]
                                            .dump()),
                 QStringLiteral(R"({"id":{"S":"p1"},"name":{"S":"Ada"}})"));

        // Delete many at once.
        Json requests = Json::array();
        for (int i = 0; i < 60; ++i)
            requests.push_back(
                {{"PutRequest", {{"Item", {{"id", {{"S", "x" + std::to_string(i)}}}}}}}});
        for (int i = 0; i < 60; i += 25) {
            Json chunk(requests.begin() + i, requests.begin() + std::min(60, i + 25));
            e.ok("BatchWriteItem", {{"RequestItems", {{"people", chunk}}}});
        }
        items->run();
        QTRY_COMPARE(items->model()->rowCount(), 61);
        items->view()->selectAll();
        QSignalSpy finished(items, &ItemsTab::operationFinished);
        items->deleteSelected();
        auto* confirm = items->findChild<QMessageBox*>(QStringLiteral("confirmDeleteItems"));
        for (auto* b : confirm->buttons())
            if (confirm->buttonRole(b) == QMessageBox::DestructiveRole) b->click();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.first().first().toString(), QString());
        QCOMPARE(items->model()->rowCount(), 0);
        QCOMPARE(e.ok("Scan", {{"TableName", "people"}})["Count"].get<int>(), 0);
    }

    void importsGoodFilesAndRejectsMalformedOnesWhole() {
        WidgetEngine e;
        e.create_table("courses", "courseid", "S");
        MainWindow window(*e.bridge);
        ItemsTab* items = window.itemsTab();
        QTRY_COMPARE(items->table(), QStringLiteral("courses"));
        QTemporaryDir dir;
        QFile bad(dir.filePath(QStringLiteral("bad.csv")));
        bad.open(QIODevice::WriteOnly);
        bad.write("courseid,title\nc1,One\nc2,Two\nc3\n");
        bad.close();
        QSignalSpy finished(items, &ItemsTab::operationFinished);
        items->importFile(bad.fileName());
        QCOMPARE(finished.count(), 1);
        QVERIFY(items->errorText().contains(QLatin1String("Line 4, column 1")));
        QCOMPARE(e.ok("Scan", {{"TableName", "courses"}})["Count"].get<int>(), 0);

        QFile good(dir.filePath(QStringLiteral("good.jsonl")));
        good.open(QIODevice::WriteOnly);
        for (int i = 0; i < 130; ++i)
            good.write(QStringLiteral(
                           "{\"Item\": {\"courseid\": {\"S\": \"c%1\"}, \"n\": {\"N\": \"%1\"}}}\n")
                           .arg(i)
                           .toUtf8());
        good.close();
        items->importFile(good.fileName());
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(finished.last().first().toString(), QString());
        QCOMPARE(e.ok("Scan", {{"TableName", "courses"}})["Count"].get<int>(), 130);
        QTRY_VERIFY(items->model()->rowCount() > 0);

        QFile out(dir.filePath(QStringLiteral("out.csv")));
        items->exportFile(out.fileName());
        QTRY_COMPARE(finished.count(), 3);
        out.open(QIODevice::ReadOnly);
        QCOMPARE(out.readAll().count('\n'), 131);
    }

    void pagesThroughABigTableAsTheViewScrolls() {
        WidgetEngine e;
        e.create_table("big", "pk", "S");
        for (int chunk = 0; chunk < 40; ++chunk) {
            Json requests = Json::array();
            for (int i = 0; i < 25; ++i)
                requests.push_back(
                    {{"PutRequest",
                      {{"Item", {{"pk", {{"S", std::to_string(chunk * 25 + i)}}}}}}}});
            e.ok("BatchWriteItem", {{"RequestItems", {{"big", requests}}}});
        }
        MainWindow window(*e.bridge);
        window.show();
        window.tabs()->setCurrentWidget(window.itemsTab());
        ItemsTab* items = window.itemsTab();
        QTRY_COMPARE(items->model()->rowCount(), 200);  // the first page only
        QVERIFY(items->statusText().contains(QLatin1String("more as you scroll")));
        QTableView* view = items->view();
        for (int pages = 2; pages <= 5; ++pages) {
            view->scrollToBottom();
            QTRY_COMPARE(items->model()->rowCount(), std::min(1000, pages * 200));
        }
        view->scrollToBottom();
        QTRY_VERIFY(!items->model()->canFetchMore({}));
        QCOMPARE(items->model()->rowCount(), 1000);
    }

    void anotherTableStartsFromAPlainScan() {
        WidgetEngine e;
        e.create_table("music", "artist", "S", "song", "S");
        e.create_table("orders", "id", "S");
        e.ok("PutItem", {{"TableName", "music"},
                         {"Item", {{"artist", {{"S", "A"}}}, {"song", {{"S", "x"}}}}}});
        e.ok("PutItem", {{"TableName", "orders"}, {"Item", {{"id", {{"S", "o1"}}}}}});
        MainWindow window(*e.bridge);
        window.show();
        ItemsTab* items = window.itemsTab();
        window.tabs()->setCurrentWidget(items);
        QTRY_VERIFY(!items->table().isEmpty());
        items->setTable(QStringLiteral("music"));
        QTRY_COMPARE(items->model()->rowCount(), 1);
        QueryForm* form = items->queryForm();
        form->setQueryMode(true);
        form->setPartitionValue(QStringLiteral("A"));
        form->setProjection(QStringLiteral("song"));
        items->run();
        QTRY_COMPARE(items->model()->operation(), QStringLiteral("Query"));

        items->setTable(QStringLiteral("orders"));
        QTRY_COMPARE(items->model()->rowCount(), 1);
        QCOMPARE(items->model()->operation(), QStringLiteral("Scan"));
        const QuerySpec spec = form->spec();
        QVERIFY(!spec.query);
        QVERIFY(spec.projection.isEmpty());
    }

    // Enter in the sort key or a filter value runs the query, not only in the key value.
    void theQueryBuilderRunsOnEnter() {
        WidgetEngine e;
        e.create_table("music", "artist", "S", "song", "S");
        // A Query's filter may not read a key attribute (as in DynamoDB): filter by mood.
        e.ok(
            "PutItem",
            {{"TableName", "music"},
             {"Item", {{"artist", {{"S", "A"}}}, {"song", {{"S", "x"}}}, {"mood", {{"S", "x"}}}}}});
        e.ok(
            "PutItem",
            {{"TableName", "music"},
             {"Item", {{"artist", {{"S", "A"}}}, {"song", {{"S", "y"}}}, {"mood", {{"S", "y"}}}}}});
        MainWindow window(*e.bridge);
        window.show();
        ItemsTab* items = window.itemsTab();
        window.tabs()->setCurrentWidget(items);
        items->setTable(QStringLiteral("music"));
        QTRY_COMPARE(items->model()->rowCount(), 2);
        QCOMPARE(items->model()->operation(), QStringLiteral("Scan"));
        QueryForm* form = items->queryForm();
        form->setQueryMode(true);
        form->setPartitionValue(QStringLiteral("A"));
        form->addFilter(QStringLiteral("mood"), QStringLiteral("="), QStringLiteral("S"),
                        QStringLiteral("y"));
        QLineEdit* value = nullptr;
        for (auto* edit : form->findChildren<QLineEdit*>())
            if (edit->placeholderText() == QLatin1String("value") &&
                edit->text() == QLatin1String("y"))
                value = edit;
        QVERIFY(value);
        value->setFocus();
        QTest::keyClick(value, Qt::Key_Return);
        QTRY_COMPARE(items->model()->operation(), QStringLiteral("Query"));
        QTRY_COMPARE(items->model()->rowCount(), 1);
    }

    // Esc in the item editor asks before throwing edits away; without edits it closes.
    void escInTheItemEditorAsksBeforeDiscardingEdits() {
        WidgetEngine e;
        e.create_table("people", "id", "S");
        MainWindow window(*e.bridge);
        window.show();
        ItemsTab* items = window.itemsTab();
        QTRY_COMPARE(items->table(), QStringLiteral("people"));
        items->newItem();
        QPointer<ItemEditorDialog> untouched = items->findChild<ItemEditorDialog*>();
        QVERIFY(untouched);
        QTest::keyClick(untouched, Qt::Key_Escape);
        QTRY_VERIFY(!untouched);  // closed (and deleted) without asking

        items->newItem();
        QPointer<ItemEditorDialog> editor = items->findChild<ItemEditorDialog*>();
        QVERIFY(editor);
        editor->tabs()->setCurrentIndex(1);
        editor->jsonEdit()->setPlainText(QStringLiteral(R"({"id": {"S": "typed"}})"));
        QTest::keyClick(editor, Qt::Key_Escape);
        QVERIFY(editor->isVisible());
        auto* confirm = editor->findChild<QMessageBox*>(QStringLiteral("confirmDiscard"));
        QVERIFY(confirm);
        for (auto* b : confirm->buttons())
            if (confirm->buttonRole(b) == QMessageBox::DestructiveRole) b->click();
        QTRY_VERIFY(!editor);
    }
};

QTEST_MAIN(TstWidgetsConsole)
#include "tst_widgets_console.moc"
