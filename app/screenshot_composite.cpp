// Multi-attribute (composite) GSI keys for --screenshot-dir: the create-table dialog with
// a GSI of two partition and two sort attributes, a table's composite index in its
// details, and the Items tab querying it, in the light and the dark theme.

#include <tuple>

#include <QCheckBox>
#include <QLineEdit>
#include <QTabWidget>

#include "common/engine_bridge.h"
#include "common/theme.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "items/query_form.h"
#include "screenshot_driver.h"
#include "tables/create_table_dialog.h"
#include "tables/index_editor.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
// Tickets by team and priority (HASH), by day and sequence number (RANGE).
Json ticketsTable() {
    Json keys = Json::array();
    Json defs = Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}});
    for (const auto& [name, type, keyType] :
         {std::tuple{"team", "S", "HASH"}, std::tuple{"prio", "N", "HASH"},
          std::tuple{"day", "S", "RANGE"}, std::tuple{"seq", "N", "RANGE"}}) {
        keys.push_back({{"AttributeName", name}, {"KeyType", keyType}});
        defs.push_back({{"AttributeName", name}, {"AttributeType", type}});
    }
    return {{"TableName", "tickets"},
            {"AttributeDefinitions", defs},
            {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
            {"BillingMode", "PAY_PER_REQUEST"},
            {"GlobalSecondaryIndexes",
             {{{"IndexName", "team-prio-index"},
               {"KeySchema", keys},
               {"Projection", {{"ProjectionType", "ALL"}}}}}}};
}
}  // namespace

CreateTableDialog* ScreenshotDriver::openCompositeDialog() {
    TablesTab* tablesTab = m_window.tablesTab();
    tablesTab->newTable();
    auto* create = tablesTab->findChild<CreateTableDialog*>();
    create->findChild<QLineEdit*>(QStringLiteral("tableName"))->setText(QStringLiteral("Events"));
    create->findChild<QLineEdit*>(QStringLiteral("partitionKey"))->setText(QStringLiteral("id"));
    IndexEditor* indexes = create->indexEditor();
    IndexSpec gsi;
    gsi.name = QStringLiteral("tenant-day-index");
    gsi.partitionKey = QStringLiteral("tenant");
    gsi.morePartitionKeys = {{QStringLiteral("zone"), QStringLiteral("N")}};
    gsi.hasSortKey = true;
    gsi.sortKey = QStringLiteral("day");
    gsi.moreSortKeys = {{QStringLiteral("seq"), QStringLiteral("N")}};
    gsi.projection = QStringLiteral("KEYS_ONLY");
    indexes->setIndex(indexes->addIndex(false), gsi);
    create->resize(create->sizeHint());
    return create;
}

void ScreenshotDriver::shootComposite(std::function<void()> done) {
    const QString region = QStringLiteral("us-west-2");
    m_bridge.call(this, region, QStringLiteral("CreateTable"), ticketsTable(), [](const auto&) {});
    TablesModel* tables = m_window.tablesModel();
    when(
        [tables] {
            const int row = tables->rowOf(QStringLiteral("tickets"));
            return row >= 0 && tables->data(tables->index(row, TablesModel::Status),
                                            TablesModel::StatusRole) == QLatin1String("ACTIVE");
        },
        [=, this] {
            Json requests = Json::array();
            for (int n = 0; n < 24; ++n)
                requests.push_back({{"PutRequest",
                                     {{"Item",
                                       {{"id", {{"S", "t" + std::to_string(n)}}},
                                        {"team", {{"S", n % 2 ? "core" : "web"}}},
                                        {"prio", {{"N", std::to_string(n % 3)}}},
                                        {"day", {{"S", "2026-12-0" + std::to_string(1 + n % 4)}}},
                                        {"seq", {{"N", std::to_string(100 - n)}}},
                                        {"title", {{"S", "Ticket " + std::to_string(n)}}}}}}}});
            ++m_pending;
            m_bridge.call(this, region, QStringLiteral("BatchWriteItem"),
                          {{"RequestItems", {{"tickets", requests}}}},
                          [this](const auto&) { --m_pending; });
            when([this] { return m_pending == 0; }, [=, this] { shootCompositeViews(done); });
        });
}

void ScreenshotDriver::shootCompositeViews(std::function<void()> done) {
    TablesTab* tablesTab = m_window.tablesTab();
    m_window.tabs()->setCurrentWidget(tablesTab);
    tablesTab->selectTable(QStringLiteral("tickets"));
    showDetailsIndexes();
    save(&m_window, QStringLiteral("01e-table-details-composite"));
    CreateTableDialog* create = openCompositeDialog();
    save(create, QStringLiteral("03f-create-table-composite"));
    // Refused as typed: tenant twice, and a second sort attribute not named yet.
    IndexSpec bad = create->indexEditor()->indexes().at(0);
    bad.morePartitionKeys.append({QStringLiteral("tenant"), QStringLiteral("S")});
    bad.moreSortKeys.append({QString(), QStringLiteral("S")});
    create->indexEditor()->setIndex(0, bad);
    create->resize(create->sizeHint());
    save(create, QStringLiteral("03g-create-table-composite-invalid"));
    create->reject();

    ItemsTab* itemsTab = m_window.itemsTab();
    m_window.tabs()->setCurrentWidget(itemsTab);
    itemsTab->setTable(QStringLiteral("tickets"));
    QueryForm* form = itemsTab->queryForm();
    form->setIndexName(QStringLiteral("team-prio-index"));
    form->setQueryMode(true);
    form->setPartitionValue(QStringLiteral("core"));
    form->setPartitionValue(1, QStringLiteral("1"));
    form->setSortCondition(QStringLiteral("="), QStringLiteral("2026-12-04"));
    form->setSortCondition(1, QStringLiteral("<"), QStringLiteral("95"));
    itemsTab->run();
    when([itemsTab] { return !itemsTab->model()->isLoading() && itemsTab->model()->rowCount(); },
         [=, this] {
             save(&m_window, QStringLiteral("05c-items-query-composite"));
             // A partition attribute left empty: refused before anything is sent.
             form->setPartitionValue(1, QString());
             itemsTab->run();
             save(&m_window, QStringLiteral("05d-items-query-composite-empty"));
             form->setPartitionValue(1, QStringLiteral("1"));
             itemsTab->run();
             Theme::apply(Theme::Mode::Dark);
             save(&m_window, QStringLiteral("12b-items-query-composite-dark"));
             CreateTableDialog* dark = openCompositeDialog();
             save(dark, QStringLiteral("11g-create-table-composite-dark"));
             dark->reject();
             Theme::apply(Theme::Mode::Light);
             itemsTab->setTable(QStringLiteral("orders"));  // back to a plain Scan
             done();
         });
}
