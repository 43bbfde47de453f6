// The Tables tab's index actions: create a GSI on the selected table, delete one.

#include <QAbstractButton>
#include <QMessageBox>

#include "common/engine_bridge.h"
#include "tables/create_index_dialog.h"
#include "tables/index_request.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"

void TablesTab::createIndex() {
    const QStringList names = selectedTables();
    if (names.size() != 1) return;
    auto* dialog = new CreateIndexDialog(m_bridge, m_region,
                                         m_model->description(m_model->rowOf(names[0])), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CreateIndexDialog::indexCreated, this,
            [this](const QString& table, const QString& index) {
                emit progressMessage(tr("Creating index %1 on %2…").arg(index, table), m_region,
                                     table);
                describe(table);
            });
    dialog->open();
}

void TablesTab::deleteIndex(const QString& index) {
    const QStringList names = selectedTables();
    if (names.size() != 1 || index.isEmpty()) return;
    const QString table = names[0];
    auto* box =
        new QMessageBox(QMessageBox::Warning, tr("Delete index"),
                        tr("Delete the global secondary index %1 of table %2?").arg(index, table),
                        QMessageBox::Cancel, this);
    box->setInformativeText(tr("Queries and scans of the index stop working; the table and its "
                               "items in %1 are not affected.")
                                .arg(m_region));
    box->setObjectName(QStringLiteral("confirmDeleteIndex"));
    box->addButton(tr("Delete index"), QMessageBox::DestructiveRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, table, index](QAbstractButton* b) {
        if (box->buttonRole(b) == QMessageBox::DestructiveRole) deleteIndexNow(table, index);
    });
    box->open();
}

void TablesTab::deleteIndexNow(const QString& table, const QString& index) {
    showError({});
    const int generation = m_generation;
    m_bridge.call(
        this, m_region, QStringLiteral("UpdateTable"), deleteIndexRequest(table, index),
        [this, generation, table, index](const tablespan::Result& r) {
            if (generation != m_generation) return;
            if (!r.ok()) {
                showError(
                    tr("Could not delete index %1 of %2: %3").arg(index, table, indexErrorText(r)));
                return;
            }
            m_model->updateTable(r.body["TableDescription"]);
            emit progressMessage(tr("Deleting index %1 of %2…").arg(index, table), m_region, table);
        });
}
