// The Items tab's import and export: item files in, a table's items or the results on
// screen out (every page of the Scan or Query, then one file write).

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QSaveFile>

#include "common/engine_bridge.h"
#include "items/items_model.h"
#include "items/items_tab.h"

using tablespan::Json;

void ItemsTab::chooseImportFile() {
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import items"), {},
        tr("Item files (*.json *.jsonl *.csv);;Batch write requests (*.json);;"
           "DynamoDB JSON lines (*.jsonl *.json);;CSV (*.csv)"));
    if (!path.isEmpty()) importFile(path);
}

void ItemsTab::chooseExportFile() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export items"), table() + QStringLiteral(".json"),
        tr("Batch write request (*.json);;DynamoDB JSON lines (*.jsonl);;CSV (*.csv)"));
    if (!path.isEmpty()) exportFile(path);
}

void ItemsTab::importFile(const QString& path) {
    if (table().isEmpty() || isBusy()) return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("Cannot read %1: %2").arg(path, file.errorString()));
        emit operationFinished(errorText());
        return;
    }
    // Parse and check the whole file before the first write.
    ItemFiles::Parsed parsed = ItemFiles::parse(file.readAll(), ItemFiles::formatForFile(path));
    if (!parsed.error.isError()) parsed.error = ItemFiles::checkKeys(parsed, keySchema());
    if (parsed.error.isError()) {
        showError(
            tr("%1 was not imported. %2").arg(QFileInfo(path).fileName(), parsed.error.toString()));
        emit operationFinished(errorText());
        return;
    }
    startBatch(parsed.items, false, tr("Importing %1").arg(QFileInfo(path).fileName()));
}

void ItemsTab::chooseResultsExportFile() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export results"), table() + QStringLiteral("-results.json"),
        tr("Batch write request (*.json);;DynamoDB JSON lines (*.jsonl);;CSV (*.csv)"));
    if (!path.isEmpty()) exportResults(path);
}

void ItemsTab::exportFile(const QString& path) {
    startExport(path, QStringLiteral("Scan"), Json::object());
}

void ItemsTab::exportResults(const QString& path) {
    if (m_model->table() != table()) return;
    startExport(path, m_model->operation(), m_model->request());
}

void ItemsTab::startExport(const QString& path, const QString& operation, const Json& request) {
    if (table().isEmpty() || isBusy()) return;
    showError({});
    setBusy(tr("Exporting %1").arg(table()));
    m_exporting = true;
    exportPage(path, ItemFiles::formatForFile(path), operation,
               request.is_object() ? request : Json::object(), std::make_shared<QList<Json>>(),
               Json());
}

void ItemsTab::exportPage(const QString& path, ItemFiles::Format format, const QString& operation,
                          const Json& base, std::shared_ptr<QList<Json>> items, const Json& start) {
    if (m_cancelled) {
        m_exporting = false;
        finishBusy({}, tr("Export cancelled."));
        return;
    }
    Json request = base;
    request["TableName"] = table().toStdString();
    request["Limit"] = 1000;
    if (!start.is_null()) request["ExclusiveStartKey"] = start;
    const QString tableName = table();
    m_bridge.call(
        this, m_region, operation, request,
        [this, path, format, operation, base, items, tableName](const tablespan::Result& r) {
            if (!r.ok()) {
                m_exporting = false;
                finishBusy(EngineBridge::errorText(r), {});
                return;
            }
            for (const auto& item : r.body["Items"]) items->append(item);
            m_progress->setRange(0, 0);
            m_progressLabel->setText(
                tr("Exporting %1: %2 items").arg(tableName).arg(items->size()));
            if (r.body.contains("LastEvaluatedKey")) {
                exportPage(path, format, operation, base, items, r.body["LastEvaluatedKey"]);
                return;
            }
            m_exporting = false;
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) ||
                file.write(ItemFiles::write(*items, format, tableName, keyNames())) < 0 ||
                !file.commit()) {
                finishBusy(tr("Cannot write %1: %2").arg(path, file.errorString()), {});
                return;
            }
            finishBusy({},
                       tr("%n item(s) exported to %1.", nullptr, static_cast<int>(items->size()))
                           .arg(QFileInfo(path).fileName()));
        });
}
