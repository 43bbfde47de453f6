// The screenshot driver's "Save as transaction" shots, light and dark: the item editor
// offering "Add to transaction", the Items tab with a pending transaction (an edit, a new
// item and a delete), the same transaction cancelled because another client changed the
// edited item meanwhile (each change's reason), and that item as it is now.

#include <QDialog>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>

#include "common/engine_bridge.h"
#include "common/theme.h"
#include "items/item_editor_dialog.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "items/pending_transaction.h"
#include "items/pending_transaction_panel.h"
#include "screenshot_driver.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
void saveLightAndDark(const std::function<void(const QString&)>& save, const QString& name) {
    save(name);
    Theme::apply(Theme::Mode::Dark);
    save(name + QStringLiteral("-dark"));
    Theme::apply(Theme::Mode::Light);
}
}  // namespace

void ScreenshotDriver::shootTransactions(std::function<void()> done) {
    ItemsTab* itemsTab = m_window.itemsTab();
    m_window.resize(1280, 800);
    m_window.tabs()->setCurrentWidget(itemsTab);
    itemsTab->setTable(QStringLiteral("orders"));
    ItemsModel* model = itemsTab->model();
    when([model] { return model->rowCount() > 3 && !model->isLoading(); },
         [=, this] {
             const auto shot = [this](const QString& name) { save(&m_window, name); };
             // An edit of the first order, staged from the editor.
             itemsTab->view()->selectRow(0);
             itemsTab->editSelected();
             auto* editor = itemsTab->findChild<ItemEditorDialog*>();
             Json edited = model->item(0);
             edited["status"] = {{"S", "CANCELLED"}};
             editor->tabs()->setCurrentIndex(1);
             editor->jsonEdit()->setPlainText(QString::fromStdString(edited.dump(2)));
             save(editor, QStringLiteral("50-item-editor-add-to-transaction"));
             editor->stage();
             // A new order, and a delete of the third.
             itemsTab->newItem();
             editor = itemsTab->findChild<ItemEditorDialog*>();
             editor->tabs()->setCurrentIndex(1);
             const Json created = {{"customer", {{"S", "Zoe"}}},
                                   {"orderDate", {{"S", "2026-03-01"}}},
                                   {"status", {{"S", "PENDING"}}},
                                   {"total", {{"N", "42.50"}}}};
             editor->jsonEdit()->setPlainText(QString::fromStdString(created.dump(2)));
             editor->stage();
             itemsTab->stageDeleteRows({2});
             saveLightAndDark(shot, QStringLiteral("51-items-transaction-pending"));
             m_window.resize(1000, 700);
             save(&m_window, QStringLiteral("51b-items-transaction-pending-1000"));
             m_window.resize(1280, 800);

             // Another client ships the first order meanwhile: the transaction is cancelled.
             const Json original = model->item(0);
             Json changed = original;
             changed["status"] = {{"S", "DELIVERED"}};
             ++m_pending;
             m_bridge.call(this, QStringLiteral("us-west-2"), QStringLiteral("PutItem"),
                           {{"TableName", "orders"}, {"Item", changed}},
                           [this](const auto&) { --m_pending; });
             PendingTransactionPanel* panel = itemsTab->pendingPanel();
             when([this] { return m_pending == 0; },
                  [=, this] {
                      panel->save();
                      when([panel] { return !panel->isSaving(); },
                           [=, this] {
                               saveLightAndDark(shot,
                                                QStringLiteral("52-items-transaction-cancelled"));
                               m_window.resize(1000, 700);
                               save(&m_window,
                                    QStringLiteral("52b-items-transaction-cancelled-1000"));
                               m_window.resize(1280, 800);
                               panel->showCurrentItem(0);
                               auto* current =
                                   panel->findChild<QDialog*>(QStringLiteral("currentItem"));
                               saveLightAndDark(
                                   [=, this](const QString& name) { save(current, name); },
                                   QStringLiteral("53-transaction-item-now"));
                               current->reject();
                               panel->transaction()->clear();
                               // The order as it was, for the shots that follow.
                               ++m_pending;
                               m_bridge.call(this, QStringLiteral("us-west-2"),
                                             QStringLiteral("PutItem"),
                                             {{"TableName", "orders"}, {"Item", original}},
                                             [this](const auto&) { --m_pending; });
                               when([this] { return m_pending == 0; }, done);
                           });
                  });
         });
}
