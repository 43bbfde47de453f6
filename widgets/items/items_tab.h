#pragma once

// The Items tab: browse one table of the selected region page by page, Scan or Query
// the table or one of its indexes with conditions, create/edit/duplicate/delete items, import and
// export files. With Time to Live on, when each item expires. Creates, edits and deletes
// can be staged in a pending transaction instead and saved together, all or nothing.

#include <QWidget>

#include "items/item_clipboard.h"
#include "items/item_files.h"
#include "items/pending_transaction.h"
#include "tablespan/engine.h"

class BatchWriter;
class CompareView;
class EngineBridge;
class ItemsModel;
class PendingTransactionPanel;
class QAction;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;
class QueryForm;
class TablesModel;

class ItemsTab final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ItemsTab)

public:
    // `tables` lists the region's tables (the Tables tab's model).
    ItemsTab(EngineBridge& bridge, TablesModel& tables, QWidget* parent = nullptr);

    ItemsModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QueryForm* queryForm() const { return m_form; }
    CompareView* compareView() const { return m_compare; }
    QPushButton* compareButton() const { return m_compareButton; }
    // The pending transaction: the changes staged by "Add to transaction".
    PendingTransactionPanel* pendingPanel() const { return m_pending; }
    QString table() const;
    // The error shown above the items (the engine's or a file's), or empty.
    QString errorText() const;
    QString statusText() const;
    // After a Scan or Query: items returned, items scanned and read capacity consumed,
    // summed over the pages loaded (empty before the first page).
    QString summaryText() const;
    bool isBusy() const;
    // The selected items, in the order shown.
    QList<tablespan::Json> selectedItems() const;

public slots:
    void setRegion(const QString& region);
    void setTable(const QString& table);
    // Runs the Scan or Query the form describes.
    void run();
    void newItem();
    void editSelected();
    void duplicateSelected();
    // Asks for confirmation, then deletes the selected items in chunks of 25.
    void deleteSelected();
    void deleteRows(const QList<int>& rows);
    // Stages the deletion of the items at `rows` in the pending transaction (all of them
    // or, refused, none: the reason is shown above the items).
    void stageDeleteRows(const QList<int>& rows);
    void importFile(const QString& path);
    // Writes every item of the table (a Scan of all its pages) to `path`.
    void exportFile(const QString& path);
    // Writes the results on screen, all their pages (the same Scan or Query, including
    // the pages not loaded yet), to `path`.
    void exportResults(const QString& path);
    void chooseImportFile();
    void chooseExportFile();
    void chooseResultsExportFile();
    // Puts the selected items on the clipboard (Ctrl+C: DynamoDB JSON).
    void copySelected(ItemClipboard::Format format);
    void cancel();

protected:
    void showEvent(QShowEvent* event) override;

signals:
    // The user picked a table (the console shares it with the other tabs).
    void tableChosen(const QString& table);
    // A long operation (import, export, delete) finished; `error` is empty on success.
    void operationFinished(const QString& error);
    void message(const QString& text);

private:
    // Copy as DynamoDB JSON (Ctrl+C) and as plain JSON, for the menus.
    QList<QAction*> copyActions();
    // The table's keys, or those of its index `index`.
    ItemFiles::KeySchema keySchema(const QString& index = {}) const;
    // The index's description (KeySchema, Projection), or null.
    tablespan::Json indexDescription(const QString& index) const;
    // How many partition (HASH) attributes the table's or the index's key has.
    int partitionKeyCount(const QString& index) const;
    // The key pickers follow the table's or the index's keys.
    void showIndexKeys(const QString& index);
    // The table and its indexes as the picker lists them: (label, index name).
    QList<QPair<QString, QString>> sourcesOf(const QString& table) const;
    // Follows indexes created or deleted while the table stays shown; reading an index
    // that is gone falls back to a Scan of the table.
    void refreshSources();
    // Opens the editor on the full item: a row read from an index may lack attributes.
    void editFullItem(int mode, const tablespan::Json& row);
    QStringList keyNames() const;
    void reloadTableList();
    void openEditor(int mode, const tablespan::Json& item);
    // Stages `change` of the table shown in the pending transaction; returns empty, or
    // why it was refused.
    QString stageChange(PendingTransaction::Change change);
    void showError(const QString& text);
    void setBusy(const QString& what);
    void finishBusy(const QString& error, const QString& done);
    void startBatch(const QList<tablespan::Json>& items, bool deleteKeys, const QString& what);
    // Starts an export of what `operation` with `request` (no TableName) reads.
    void startExport(const QString& path, const QString& operation, const tablespan::Json& request);
    void exportPage(const QString& path, ItemFiles::Format format, const QString& operation,
                    const tablespan::Json& request, std::shared_ptr<QList<tablespan::Json>> items,
                    const tablespan::Json& start);
    void updateStatus();
    // Asks DescribeTimeToLive: the Expires column follows the table's setting (changed
    // in Settings or by any client).
    void describeTtl();
    void fitExpiryColumn();
    // Compare regions: offered for a table with replicas; shown while toggled on.
    void updateCompare();

    EngineBridge& m_bridge;
    TablesModel& m_tables;
    QString m_region;
    QComboBox* m_tableBox;
    QueryForm* m_form;
    ItemsModel* m_model;
    QTableView* m_view;
    QLabel* m_status;
    QLabel* m_summary;
    QLabel* m_error;
    QWidget* m_progressRow;
    QLabel* m_progressLabel;
    QProgressBar* m_progress;
    QPushButton* m_compareButton;
    CompareView* m_compare;
    PendingTransactionPanel* m_pending;
    QList<QAction*> m_copyActions;
    QTimer* m_expiryClock;  // moves "in 3 h" on while the Expires column shows
    int m_ttlGeneration = 0;
    BatchWriter* m_writer = nullptr;
    bool m_exporting = false;
    bool m_cancelled = false;
    bool m_sized = false;  // columns fitted to the first page
    // The table's items changed while the tab was hidden (another tab or a client wrote):
    // shown again, it reads them anew.
    bool m_itemsStale = false;
};
