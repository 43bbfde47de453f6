// The secondary-index views for --screenshot-dir: the create-table dialog with a GSI and
// an LSI, the orders table's indexes in its details, and the Items tab querying its GSI.

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QTabWidget>
#include <QTextBrowser>

#include "items/items_model.h"
#include "items/items_tab.h"
#include "items/query_form.h"
#include "screenshot_driver.h"
#include "tables/create_table_dialog.h"
#include "tables/index_editor.h"
#include "tables/tables_tab.h"
#include "window/main_window.h"

void ScreenshotDriver::showDetailsIndexes() {
    auto* details = m_window.tablesTab()->findChild<QTextBrowser*>(QStringLiteral("tableDetails"));
    if (details) details->scrollToAnchor(QStringLiteral("indexes"));
}

CreateTableDialog* ScreenshotDriver::openIndexDialog() {
    TablesTab* tablesTab = m_window.tablesTab();
    tablesTab->newTable();
    auto* create = tablesTab->findChild<CreateTableDialog*>();
    create->findChild<QLineEdit*>(QStringLiteral("tableName"))->setText(QStringLiteral("Orders"));
    create->findChild<QLineEdit*>(QStringLiteral("partitionKey"))
        ->setText(QStringLiteral("customer"));
    create->findChild<QCheckBox*>(QStringLiteral("hasSortKey"))->setChecked(true);
    create->findChild<QLineEdit*>(QStringLiteral("sortKey"))->setText(QStringLiteral("orderId"));
    IndexEditor* indexes = create->indexEditor();
    IndexSpec gsi;
    gsi.name = QStringLiteral("status-index");
    gsi.partitionKey = QStringLiteral("status");
    gsi.hasSortKey = true;
    gsi.sortKey = QStringLiteral("placed");
    gsi.sortType = QStringLiteral("N");
    gsi.projection = QStringLiteral("INCLUDE");
    gsi.nonKeyAttributes = {QStringLiteral("total"), QStringLiteral("city")};
    indexes->setIndex(indexes->addIndex(false), gsi);
    IndexSpec lsi;
    lsi.local = true;
    lsi.name = QStringLiteral("date-index");
    lsi.sortKey = QStringLiteral("orderDate");
    lsi.projection = QStringLiteral("KEYS_ONLY");
    indexes->setIndex(indexes->addIndex(true), lsi);
    // Its whole form: adjustSize() would keep it within 2/3 of the screen, scrolling.
    create->resize(create->sizeHint());
    return create;
}

void ScreenshotDriver::shootIndexes(std::function<void()> done) {
    TablesTab* tablesTab = m_window.tablesTab();
    m_window.tabs()->setCurrentWidget(tablesTab);
    tablesTab->selectTable(QStringLiteral("orders"));
    showDetailsIndexes();
    save(&m_window, QStringLiteral("01b-table-details-indexes"));

    CreateTableDialog* create = openIndexDialog();
    IndexEditor* indexes = create->indexEditor();
    IndexSpec lsi = indexes->indexes().at(1);
    const QString gsiName = indexes->indexes().at(0).name;
    save(create, QStringLiteral("03b-create-table-indexes"));
    // Refused as typed: the same name twice, and placed given another type.
    lsi.name = gsiName;
    lsi.sortKey = QStringLiteral("placed");
    indexes->setIndex(1, lsi);
    create->resize(create->sizeHint());
    save(create, QStringLiteral("03c-create-table-indexes-invalid"));
    create->reject();

    ItemsTab* itemsTab = m_window.itemsTab();
    m_window.tabs()->setCurrentWidget(itemsTab);
    itemsTab->setTable(QStringLiteral("orders"));
    QueryForm* form = itemsTab->queryForm();
    form->setIndexName(QStringLiteral("status-index"));
    form->setQueryMode(true);
    form->setPartitionValue(QStringLiteral("PENDING"));
    form->setSortCondition(QStringLiteral("begins_with"), QStringLiteral("2026-0"));
    itemsTab->run();
    when([itemsTab] { return !itemsTab->model()->isLoading() && itemsTab->model()->rowCount(); },
         [=, this] {
             save(&m_window, QStringLiteral("05b-items-query-index"));
             itemsTab->setTable(QStringLiteral("orders"));  // back to a plain Scan
             shootComposite(done);
         });
}
