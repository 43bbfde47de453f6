// "Save as transaction" in the Items tab: changes staged from the item editor and from
// Delete are written together by one TransactWriteItems, or none of them; a cancelled
// transaction shows each change's reason; the service's limit of 100 changes holds.

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include "items/item_editor_dialog.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "items/pending_transaction.h"
#include "items/pending_transaction_panel.h"
#include "widget_fixture.h"
#include "window/main_window.h"

#include <memory>
#include <utility>
#include <vector>

using tablespan::Json;

namespace {
Json person(const std::string& id, const std::string& name) {
    return {{"id", {{"S", id}}}, {"name", {{"S", name}}}};
}

// The name of item `id` in the table, or empty when it is not there.
std::string nameOf(WidgetEngine& e, const std::string& id) {
    const Json r = e.ok("GetItem", {{"TableName", "people"}, {"Key", {{"id", {{"S", id}}}}}});
    return r.contains("Item") ? r["Item"]["name"]["S"].get<std::string>() : std::string();
}

int rowOf(ItemsTab* items, const std::string& id) {
    for (int row = 0; row < items->model()->rowCount(); ++row)
        if (items->model()->item(row)["id"]["S"] == id) return row;
    return -1;
}

// Opens the editor (on the selected item, or a new one), types `item` as DynamoDB JSON and
// clicks "Add to transaction". Returns the dialog (gone when the change was staged).
QPointer<ItemEditorDialog> stageInEditor(ItemsTab* items, const Json& item, int row = -1) {
    if (row >= 0) {
        items->view()->selectRow(row);
        items->editSelected();
    } else {
        items->newItem();
    }
    QPointer<ItemEditorDialog> editor = items->findChild<ItemEditorDialog*>();
    if (!editor) return editor;
    editor->tabs()->setCurrentIndex(1);
    editor->jsonEdit()->setPlainText(QString::fromStdString(item.dump()));
    if (auto* add = editor->findChild<QPushButton*>(QStringLiteral("addToTransaction")))
        QTest::mouseClick(add, Qt::LeftButton);
    return editor;
}

// Selects the items `rows` and answers Delete's confirmation with "Add to transaction".
void stageDeletes(ItemsTab* items, const QList<int>& rows) {
    items->view()->clearSelection();
    for (int row : rows)
        items->view()->selectionModel()->select(
            items->model()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    items->deleteSelected();
    auto* box = items->findChild<QMessageBox*>(QStringLiteral("confirmDeleteItems"));
    QVERIFY(box);
    auto* add = box->findChild<QPushButton*>(QStringLiteral("addToTransaction"));
    QVERIFY(add);
    QTest::mouseClick(add, Qt::LeftButton);
}

// Clicks "Save as transaction" and waits for the answer; returns what the panel says.
// The people table holding `people` (id, name) and a console on it, its Items tab
// loaded.
std::unique_ptr<MainWindow> peopleConsole(
    WidgetEngine& e, const std::vector<std::pair<std::string, std::string>>& people) {
    e.create_table("people", "id", "S");
    for (const auto& [id, name] : people)
        e.ok("PutItem", {{"TableName", "people"}, {"Item", person(id, name)}});
    auto window = std::make_unique<MainWindow>(*e.bridge);
    window->show();
    const bool loaded = QTest::qWaitFor(
        [&] { return window->itemsTab()->model()->rowCount() == static_cast<int>(people.size()); });
    if (!loaded) qWarning("the people table did not load; the test's row check says more");
    return window;
}

QString saveTransaction(PendingTransactionPanel* panel) {
    QSignalSpy finished(panel, &PendingTransactionPanel::saveFinished);
    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("saveTransaction")),
                      Qt::LeftButton);
    if (!finished.wait(5000)) return QStringLiteral("no answer");
    return finished.first().first().toString();
}

QString cell(PendingTransaction* t, int row, int column) {
    return t->data(t->index(row, column)).toString();
}
}  // namespace

class TstWidgetsItemTransactions : public QObject {
    Q_OBJECT

private slots:
    void stagedEditAndCreateAreWrittenTogether() {
        WidgetEngine e;
        e.create_table("people", "id", "S");
        // Every type: "unchanged since loaded" compares maps, lists and sets whole.
        Json ada = person("a1", "Ada");
        ada["address"] = {{"M", {{"city", {{"S", "London"}}}, {"zip", {{"N", "1815"}}}}}};
        ada["langs"] = {{"L", {{{"S", "en"}}, {{"N", "2"}}}}};
        ada["tags"] = {{"SS", {"math", "engines"}}};
        ada["scores"] = {{"NS", {"1.5", "10"}}};
        ada["photo"] = {{"B", "AQI="}};
        ada["active"] = {{"BOOL", true}};
        ada["nickname"] = {{"NULL", true}};
        e.ok("PutItem", {{"TableName", "people"}, {"Item", ada}});
        MainWindow window(*e.bridge);
        window.show();
        ItemsTab* items = window.itemsTab();
        QTRY_COMPARE(items->model()->rowCount(), 1);
        PendingTransactionPanel* panel = items->pendingPanel();
        QVERIFY(panel->isHidden());  // nothing staged
        QAbstractItemModelTester tester(panel->transaction(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);

        Json lovelace = ada;
        lovelace["name"] = {{"S", "Ada Lovelace"}};
        QPointer<ItemEditorDialog> editor = stageInEditor(items, lovelace, 0);
        QTRY_VERIFY(!editor);
        editor = stageInEditor(items, person("b2", "Bob"));
        QTRY_VERIFY(!editor);

        PendingTransaction* t = panel->transaction();
        QCOMPARE(t->count(), 2);
        QVERIFY(!panel->isHidden());  // shown with the Items tab
        QVERIFY(panel->countText().startsWith(QLatin1String("2 of at most 100")));
        QCOMPARE(cell(t, 0, PendingTransaction::Action), QStringLiteral("Put"));
        QCOMPARE(cell(t, 0, PendingTransaction::Key), QStringLiteral("id: a1"));
        QCOMPARE(cell(t, 0, PendingTransaction::Condition),
                 QStringLiteral("Unchanged since loaded"));
        QCOMPARE(cell(t, 1, PendingTransaction::Action), QStringLiteral("Put (new item)"));
        QCOMPARE(cell(t, 1, PendingTransaction::Condition), QStringLiteral("Must not exist yet"));
        // Staged, not written.
        QCOMPARE(nameOf(e, "a1"), std::string("Ada"));
        QCOMPARE(nameOf(e, "b2"), std::string());

        QCOMPARE(saveTransaction(panel), QString());
        QCOMPARE(nameOf(e, "a1"), std::string("Ada Lovelace"));
        QCOMPARE(nameOf(e, "b2"), std::string("Bob"));
        QCOMPARE(t->count(), 0);
        QVERIFY(panel->isHidden());
        QTRY_COMPARE(items->model()->rowCount(), 2);  // the items view was read again
    }

    void changeBehindTheConsoleCancelsEverything() {
        WidgetEngine e;
        const auto window = peopleConsole(e, {{"a1", "Ada"}, {"a2", "Alan"}});
        ItemsTab* items = window->itemsTab();
        QCOMPARE(items->model()->rowCount(), 2);
        PendingTransactionPanel* panel = items->pendingPanel();
        PendingTransaction* t = panel->transaction();

        QPointer<ItemEditorDialog> editor =
            stageInEditor(items, person("a1", "Ada L"), rowOf(items, "a1"));
        QTRY_VERIFY(!editor);
        editor = stageInEditor(items, person("a2", "Alan T"), rowOf(items, "a2"));
        QTRY_VERIFY(!editor);
        QCOMPARE(t->count(), 2);

        // Another client changes a2 after the console loaded it.
        Json changed = person("a2", "Alan Turing");
        changed["born"] = {{"N", "1912"}};
        e.ok("PutItem", {{"TableName", "people"}, {"Item", changed}});

        const QString error = saveTransaction(panel);
        QVERIFY2(error.contains(QLatin1String("nothing was written")), qPrintable(error));
        QCOMPARE(panel->messageText(), error);
        // All or nothing: a1 is as it was, a2 as the other client left it.
        QCOMPARE(nameOf(e, "a1"), std::string("Ada"));
        QCOMPARE(nameOf(e, "a2"), std::string("Alan Turing"));
        // The changes stay, each with its reason.
        QCOMPARE(t->count(), 2);
        const int a1 = t->rowOf(QStringLiteral("people"), {{"id", {{"S", "a1"}}}});
        const int a2 = t->rowOf(QStringLiteral("people"), {{"id", {{"S", "a2"}}}});
        QCOMPARE(t->data(t->index(a1, 0), PendingTransaction::ReasonRole).toString(),
                 QStringLiteral("None"));
        QCOMPARE(cell(t, a1, PendingTransaction::Result),
                 QStringLiteral("None: would have succeeded"));
        QCOMPARE(t->data(t->index(a2, 0), PendingTransaction::ReasonRole).toString(),
                 QStringLiteral("ConditionalCheckFailed"));
        QCOMPARE(cell(t, a2, PendingTransaction::Result),
                 QStringLiteral("ConditionalCheckFailed: The conditional request failed"));

        // The failed change shows the item as it is now.
        QWidget* a1Cell = panel->view()->indexWidget(t->index(a1, PendingTransaction::Buttons));
        QVERIFY(!a1Cell->findChild<QToolButton*>(QStringLiteral("showCurrentItem")));
        QWidget* a2Cell = panel->view()->indexWidget(t->index(a2, PendingTransaction::Buttons));
        auto* show = a2Cell->findChild<QToolButton*>(QStringLiteral("showCurrentItem"));
        QVERIFY(show);
        QTest::mouseClick(show, Qt::LeftButton);
        auto* dialog = panel->findChild<QDialog*>(QStringLiteral("currentItem"));
        QVERIFY(dialog);
        const QString now = dialog->findChild<QWidget*>(QStringLiteral("itemNow"))
                                ->findChild<QPlainTextEdit*>()
                                ->toPlainText();
        QVERIFY2(now.contains(QLatin1String("Alan Turing")) && now.contains(QLatin1String("1912")),
                 qPrintable(now));
        QCOMPARE(dialog->findChild<QLabel*>(QStringLiteral("changedAttributes"))->text(),
                 QStringLiteral("Changed since loaded: born, name"));
        dialog->reject();

        // Without the check the same changes go through.
        panel->findChild<QCheckBox*>(QStringLiteral("onlyIfUnchanged"))->setChecked(false);
        QCOMPARE(cell(t, a2, PendingTransaction::Condition), QStringLiteral("None"));
        QCOMPARE(saveTransaction(panel), QString());
        QCOMPARE(nameOf(e, "a1"), std::string("Ada L"));
        QCOMPARE(nameOf(e, "a2"), std::string("Alan T"));
    }

    void aHundredAndFirstChangeIsRefused() {
        WidgetEngine e;
        const auto window = peopleConsole(e, {{"a1", "Ada"}});
        ItemsTab* items = window->itemsTab();
        QCOMPARE(items->model()->rowCount(), 1);
        PendingTransaction* t = items->pendingPanel()->transaction();
        for (int i = 0; i < PendingTransaction::kMaxActions; ++i) {
            const Json key = {{"id", {{"S", "k" + std::to_string(i)}}}};
            QCOMPARE(t->add(QStringLiteral("us-west-2"), {PendingTransaction::Kind::Delete,
                                                          QStringLiteral("people"),
                                                          {QStringLiteral("id")},
                                                          key,
                                                          {},
                                                          {},
                                                          {}}),
                     QString());
        }
        QVERIFY(items->pendingPanel()->countText().startsWith(QLatin1String("100 of")));

        stageDeletes(items, {0});
        QVERIFY2(items->errorText().contains(QLatin1String("at most 100 changes")),
                 qPrintable(items->errorText()));
        QPointer<ItemEditorDialog> editor = stageInEditor(items, person("c3", "Cy"));
        QVERIFY(editor);
        QVERIFY(editor->isVisible());  // stays open, with the reason
        QVERIFY2(editor->errorText().contains(QLatin1String("at most 100 changes")),
                 qPrintable(editor->errorText()));
        editor->reject();
        QCOMPARE(t->count(), PendingTransaction::kMaxActions);
    }

    void removedChangeIsNotWritten() {
        WidgetEngine e;
        const auto window = peopleConsole(e, {{"a1", "Ada"}, {"a2", "Alan"}});
        ItemsTab* items = window->itemsTab();
        QCOMPARE(items->model()->rowCount(), 2);
        PendingTransactionPanel* panel = items->pendingPanel();
        PendingTransaction* t = panel->transaction();

        stageDeletes(items, {rowOf(items, "a1"), rowOf(items, "a2")});
        QCOMPARE(t->count(), 2);
        QCOMPARE(cell(t, 0, PendingTransaction::Action), QStringLiteral("Delete"));
        // Each item once: a second change of a1 is refused, readably.
        QPointer<ItemEditorDialog> editor =
            stageInEditor(items, person("a1", "Ada L"), rowOf(items, "a1"));
        QVERIFY(editor);
        QVERIFY2(editor->errorText().contains(QLatin1String("already has a change")),
                 qPrintable(editor->errorText()));
        editor->reject();
        QCOMPARE(t->count(), 2);

        const int a1 = t->rowOf(QStringLiteral("people"), {{"id", {{"S", "a1"}}}});
        QWidget* a1Cell = panel->view()->indexWidget(t->index(a1, PendingTransaction::Buttons));
        QTest::mouseClick(a1Cell->findChild<QToolButton*>(QStringLiteral("removeChange")),
                          Qt::LeftButton);
        QCOMPARE(t->count(), 1);
        QCOMPARE(cell(t, 0, PendingTransaction::Key), QStringLiteral("id: a2"));
        QVERIFY(panel->countText().startsWith(QLatin1String("1 of at most 100")));

        QCOMPARE(saveTransaction(panel), QString());
        QCOMPARE(nameOf(e, "a1"), std::string("Ada"));  // removed from the transaction: kept
        QCOMPARE(nameOf(e, "a2"), std::string());       // deleted
        QTRY_COMPARE(items->model()->rowCount(), 1);
    }

    void refusalsAreShownReadably() {
        WidgetEngine e;
        const auto window = peopleConsole(e, {{"a1", "Ada"}});
        ItemsTab* items = window->itemsTab();
        QCOMPARE(items->model()->rowCount(), 1);
        PendingTransactionPanel* panel = items->pendingPanel();
        PendingTransaction* t = panel->transaction();

        // An item the table cannot hold: the service names it as the only reason.
        QPointer<ItemEditorDialog> editor =
            stageInEditor(items, {{"id", {{"N", "5"}}}, {"name", {{"S", "Five"}}}});
        QTRY_VERIFY(!editor);
        stageDeletes(items, {0});
        QCOMPARE(t->count(), 2);
        QString error = saveTransaction(panel);
        QVERIFY2(error.contains(QLatin1String("cancelled")), qPrintable(error));
        QVERIFY2(cell(t, 0, PendingTransaction::Result)
                     .startsWith(QLatin1String("ValidationError: One or more parameter values")),
                 qPrintable(cell(t, 0, PendingTransaction::Result)));
        QCOMPARE(cell(t, 1, PendingTransaction::Result),
                 QStringLiteral("None: would have succeeded"));
        QCOMPARE(nameOf(e, "a1"), std::string("Ada"));

        // A table gone meanwhile: the request is refused, and the panel says so in words.
        t->remove(0);
        e.ok("DeleteTable", {{"TableName", "people"}});
        e.advance(60'000);
        error = saveTransaction(panel);
        QVERIFY2(error.startsWith(QLatin1String("The transaction was refused and nothing was "
                                                "written: ResourceNotFoundException")),
                 qPrintable(error));
        QCOMPARE(panel->messageText(), error);
        QCOMPARE(t->count(), 1);
    }
};

QTEST_MAIN(TstWidgetsItemTransactions)
#include "tst_widgets_item_transactions.moc"
