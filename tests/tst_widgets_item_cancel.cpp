// Cancel in the item editor asks before throwing edits away, as Esc does: "Keep editing"
// keeps them, "Discard" closes without writing; without edits Cancel closes at once.

#include <QDialogButtonBox>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>

#include "items/item_editor_dialog.h"
#include "items/items_tab.h"
#include "widget_fixture.h"
#include "window/main_window.h"

namespace {
void clickCancel(ItemEditorDialog* editor) {
    QTest::mouseClick(editor->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Cancel),
                      Qt::LeftButton);
}

void clickRole(QMessageBox* box, QMessageBox::ButtonRole role) {
    for (auto* b : box->buttons())
        if (box->buttonRole(b) == role) return QTest::mouseClick(b, Qt::LeftButton);
    QFAIL("no such button");
}
}  // namespace

class TstWidgetsItemCancel : public QObject {
    Q_OBJECT

private slots:
    void cancelAsksBeforeDiscardingEdits() {
        WidgetEngine e;
        e.create_table("people", "id", "S");
        MainWindow window(*e.bridge);
        window.show();
        ItemsTab* items = window.itemsTab();
        QTRY_COMPARE(items->table(), QStringLiteral("people"));

        items->newItem();
        QPointer<ItemEditorDialog> untouched = items->findChild<ItemEditorDialog*>();
        QVERIFY(untouched);
        clickCancel(untouched);
        QVERIFY(!untouched || !untouched->findChild<QMessageBox*>());
        QTRY_VERIFY(!untouched);  // closed without asking

        items->newItem();
        QPointer<ItemEditorDialog> editor = items->findChild<ItemEditorDialog*>();
        QVERIFY(editor);
        editor->tabs()->setCurrentIndex(1);
        const QString typed = QStringLiteral(R"({"id": {"S": "typed"}})");
        editor->jsonEdit()->setPlainText(typed);
        clickCancel(editor);
        auto* confirm = editor->findChild<QMessageBox*>(QStringLiteral("confirmDiscard"));
        QVERIFY(confirm);
        QVERIFY(editor->isVisible());
        clickRole(confirm, QMessageBox::RejectRole);  // Keep editing
        QTRY_VERIFY(!editor->findChild<QMessageBox*>(QStringLiteral("confirmDiscard")));
        QVERIFY(editor->isVisible());
        QCOMPARE(editor->jsonEdit()->toPlainText(), typed);

        clickCancel(editor);
        confirm = editor->findChild<QMessageBox*>(QStringLiteral("confirmDiscard"));
        QVERIFY(confirm);
        clickRole(confirm, QMessageBox::DestructiveRole);  // Discard
        QTRY_VERIFY(!editor);
        // Nothing was written.
        QCOMPARE(e.ok("Scan", {{"TableName", "people"}})["Count"].get<int>(), 0);
    }
};

QTEST_MAIN(TstWidgetsItemCancel)
#include "tst_widgets_item_cancel.moc"
