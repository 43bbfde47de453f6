// ItemsTab: creating, editing, duplicating and deleting items (the item editor, a
// full GetItem before editing a projected row, confirmations).

#include "items/items_tab.h"

#include <algorithm>

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "items/batch_writer.h"
#include "items/compare_view.h"
#include "common/context_menu.h"
#include "common/engine_bridge.h"
#include "common/icons.h"
#include "common/status_delegate.h"
#include "items/item_editor_dialog.h"
#include "items/items_model.h"
#include "items/pending_transaction_panel.h"
#include "items/query_form.h"
#include "common/table_box.h"
#include "tables/tables_model.h"

using tablespan::Json;

void ItemsTab::openEditor(int mode, const Json& item) {
    if (table().isEmpty()) return;
    auto* dialog = new ItemEditorDialog(m_bridge, m_region, table(), keyNames(),
                                        static_cast<ItemEditorDialog::Mode>(mode), item, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // An edit is made only if the item is as loaded; a new item (or a duplicate) must not
    // exist yet.
    const Json loaded = mode == static_cast<int>(ItemEditorDialog::Mode::Edit) ? item : Json();
    dialog->setStager([this, loaded](const Json& edited) {
        return stageChange(
            {PendingTransaction::Kind::Put, table(), keyNames(), {}, edited, loaded, {}});
    });
    connect(dialog, &ItemEditorDialog::itemSaved, this, [this](const Json& saved) {
        // In an index the item may have moved, left, or show fewer attributes: read again.
        if (m_model->indexName().isEmpty())
            m_model->upsert(saved);
        else
            m_model->reload();
        updateStatus();
        emit message(tr("Item saved."));
    });
    dialog->open();
}

void ItemsTab::newItem() {
    Json keys = Json::object();
    for (const auto& [name, type] : keySchema())
        keys[name.toStdString()] = {{type.toStdString(), ""}};
    openEditor(static_cast<int>(ItemEditorDialog::Mode::Create), keys);
}

void ItemsTab::editSelected() {
    const auto rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty()) return;
    editFullItem(static_cast<int>(ItemEditorDialog::Mode::Edit), m_model->item(rows.first().row()));
}

void ItemsTab::duplicateSelected() {
    const auto rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty()) return;
    editFullItem(static_cast<int>(ItemEditorDialog::Mode::Create),
                 m_model->item(rows.first().row()));
}

void ItemsTab::editFullItem(int mode, const Json& row) {
    if (m_model->indexName().isEmpty()) {
        openEditor(mode, row);
        return;
    }
    Json key = Json::object();
    for (const QString& name : keyNames())
        if (row.contains(name.toStdString())) key[name.toStdString()] = row[name.toStdString()];
    m_bridge.call(this, m_region, QStringLiteral("GetItem"),
                  {{"TableName", table().toStdString()}, {"Key", key}, {"ConsistentRead", true}},
                  [this, mode](const tablespan::Result& r) {
                      if (!r.ok()) {
                          showError(EngineBridge::errorText(r));
                          return;
                      }
                      if (!r.body.contains("Item")) {
                          showError(tr("This item no longer exists in the table."));
                          return;
                      }
                      openEditor(mode, r.body["Item"]);
                  });
}

void ItemsTab::deleteSelected() {
    QList<int> rows;
    for (const auto& index : m_view->selectionModel()->selectedRows()) rows << index.row();
    if (rows.isEmpty() || isBusy()) return;
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Delete items"),
        tr("Delete %n item(s) from %1?", nullptr, static_cast<int>(rows.size())).arg(table()),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmDeleteItems"));
    box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box->addButton(tr("Add to transaction"), QMessageBox::ActionRole)
        ->setObjectName(QStringLiteral("addToTransaction"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, rows](QAbstractButton* b) {
        if (box->buttonRole(b) == QMessageBox::DestructiveRole) deleteRows(rows);
        if (box->buttonRole(b) == QMessageBox::ActionRole) stageDeleteRows(rows);
    });
    box->open();
}

void ItemsTab::deleteRows(const QList<int>& rows) {
    QList<Json> keys;
    for (int row : rows) keys << m_model->key(row);
    startBatch(keys, true, tr("Deleting"));
}

QString ItemsTab::stageChange(PendingTransaction::Change change) {
    if (m_pending->isSaving())
        return tr("The pending transaction is being saved: add this change when it is done.");
    if (change.kind == PendingTransaction::Kind::Put)
        for (const QString& name : change.keyNames)
            if (!change.item.contains(name.toStdString()))
                return tr("The item has no %1: every item needs its key attributes.").arg(name);
    const QString error = m_pending->transaction()->add(m_region, std::move(change));
    if (error.isEmpty())
        emit message(tr("Added to the pending transaction (%n change(s)).", nullptr,
                        m_pending->transaction()->count()));
    return error;
}

void ItemsTab::stageDeleteRows(const QList<int>& rows) {
    PendingTransaction* transaction = m_pending->transaction();
    const int before = transaction->count();
    if (before + rows.size() > PendingTransaction::kMaxActions) {
        showError(tr("A transaction holds at most %1 changes: %2 are pending, %n more cannot be "
                     "added. Save or remove some of the pending ones first.",
                     nullptr, static_cast<int>(rows.size()))
                      .arg(PendingTransaction::kMaxActions)
                      .arg(before));
        return;
    }
    for (int row : rows) {
        // The row as loaded: the delete is made only if the item still holds it.
        const QString error = stageChange({PendingTransaction::Kind::Delete,
                                           table(),
                                           keyNames(),
                                           m_model->key(row),
                                           {},
                                           m_model->item(row),
                                           {}});
        if (error.isEmpty()) continue;
        while (transaction->count() > before) transaction->remove(transaction->count() - 1);
        showError(error);
        return;
    }
    showError({});
}
