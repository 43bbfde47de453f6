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
#include "items/query_form.h"
#include "common/table_box.h"
#include "tables/tables_model.h"

using tablespan::Json;

void ItemsTab::openEditor(int mode, const Json& item) {
    if (table().isEmpty()) return;
    auto* dialog = new ItemEditorDialog(m_bridge, m_region, table(), keyNames(),
                                        static_cast<ItemEditorDialog::Mode>(mode), item, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
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
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, rows](QAbstractButton* b) {
        if (box->buttonRole(b) == QMessageBox::DestructiveRole) deleteRows(rows);
    });
    box->open();
}

void ItemsTab::deleteRows(const QList<int>& rows) {
    QList<Json> keys;
    for (int row : rows) keys << m_model->key(row);
    startBatch(keys, true, tr("Deleting"));
}
