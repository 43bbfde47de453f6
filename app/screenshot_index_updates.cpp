// The index updates of an existing table for --screenshot-dir: the create-index dialog
// (valid and refused as typed), a GSI backfilling with its progress in the details, and
// the delete-index confirmation, in the light and the dark theme.

#include <QAbstractButton>
#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QTabWidget>
#include <QTextBrowser>

#include "common/engine_bridge.h"
#include "common/theme.h"
#include "screenshot_driver.h"
#include "tables/create_index_dialog.h"
#include "tables/index_editor.h"
#include "tables/index_panel.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
bool isActive(TablesModel* tables, const QString& name) {
    const int row = tables->rowOf(name);
    return row >= 0 && tables->data(tables->index(row, TablesModel::Status),
                                    TablesModel::StatusRole) == QLatin1String("ACTIVE");
}

// The delete-index confirmation on screen (a cancelled one lingers until deleted later).
QMessageBox* confirmation(QWidget* parent) {
    for (auto* box : parent->findChildren<QMessageBox*>(QStringLiteral("confirmDeleteIndex")))
        if (box->isVisible()) return box;
    return nullptr;
}

bool isBackfilling(TablesModel* tables, const QString& name) {
    const Json d = tables->description(tables->rowOf(name));
    if (!d.is_object()) return false;
    for (const auto& ix : d.value("GlobalSecondaryIndexes", Json::array()))
        if (ix.value("Backfilling", false) && ix.value("ItemCount", 0) > 0) return true;
    return false;
}
}  // namespace

CreateIndexDialog* ScreenshotDriver::openCreateIndexDialog(const QString& table) {
    TablesTab* tablesTab = m_window.tablesTab();
    tablesTab->selectTable(table);
    tablesTab->createIndex();
    auto* dialog = tablesTab->findChild<CreateIndexDialog*>();
    IndexSpec gsi;
    gsi.name = QStringLiteral("kind-time-index");
    gsi.partitionKey = QStringLiteral("kind");
    gsi.hasSortKey = true;
    gsi.sortKey = QStringLiteral("time");
    gsi.sortType = QStringLiteral("N");
    gsi.projection = QStringLiteral("INCLUDE");
    gsi.nonKeyAttributes = {QStringLiteral("user"), QStringLiteral("page")};
    dialog->indexEditor()->setIndex(0, gsi);
    dialog->adjustSize();
    return dialog;
}

void ScreenshotDriver::shootIndexUpdates(std::function<void()> done) {
    const QString region = QStringLiteral("us-west-2");
    // 3,000 events: the backfill of a new GSI takes three steps, long enough to be seen.
    m_bridge.call(this, region, QStringLiteral("CreateTable"),
                  {{"TableName", "events"},
                   {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
                   {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
                   {"BillingMode", "PAY_PER_REQUEST"}},
                  [](const auto&) {});
    TablesModel* tables = m_window.tablesModel();
    when([tables] { return isActive(tables, QStringLiteral("events")); },
         [=, this] {
             const char* kinds[] = {"view", "click", "purchase"};
             for (int chunk = 0; chunk < 120; ++chunk) {
                 Json requests = Json::array();
                 for (int i = 0; i < 25; ++i) {
                     const int n = chunk * 25 + i;
                     requests.push_back({{"PutRequest",
                                          {{"Item",
                                            {{"id", {{"S", "e" + std::to_string(n)}}},
                                             {"kind", {{"S", kinds[n % 3]}}},
                                             {"time", {{"N", std::to_string(1767225600 + n * 37)}}},
                                             {"user", {{"S", "u" + std::to_string(n % 41)}}}}}}}});
                 }
                 ++m_pending;
                 m_bridge.call(this, region, QStringLiteral("BatchWriteItem"),
                               {{"RequestItems", {{"events", requests}}}},
                               [this](const auto&) { --m_pending; });
             }
             when([this] { return m_pending == 0; }, [=, this] { shootCreateIndex(done); });
         });
}

void ScreenshotDriver::shootCreateIndex(std::function<void()> done) {
    TablesTab* tablesTab = m_window.tablesTab();
    m_window.tabs()->setCurrentWidget(tablesTab);
    CreateIndexDialog* dialog = openCreateIndexDialog(QStringLiteral("events"));
    save(dialog, QStringLiteral("03d-create-index"));
    // Refused as typed: id, the table's String key, as a Number sort key.
    IndexSpec bad = dialog->index();
    bad.sortKey = QStringLiteral("id");
    dialog->indexEditor()->setIndex(0, bad);
    save(dialog, QStringLiteral("03e-create-index-invalid"));
    dialog->indexEditor()->setIndex(0, [&] {
        IndexSpec good = bad;
        good.sortKey = QStringLiteral("time");
        return good;
    }());
    // The index is allocated for 30 s of engine time, then backfilled 1,000 items a step,
    // a step every 100 ms: slow time down just before the backfill, so that a step lasts
    // long enough to be seen, and hold it once it is seen.
    tablespan::Engine& engine = m_bridge.engine();
    const double scale = engine.time_scale();
    const tablespan::Millis created = engine.clock().now();
    dialog->accept();
    TablesModel* tables = m_window.tablesModel();
    when([&engine, created] { return engine.clock().now() >= created + 26'000; },
         [&engine] { engine.set_time_scale(1); });
    when([tables] { return isBackfilling(tables, QStringLiteral("events")); },
         [=, &engine, this] {
             engine.set_time_scale(0.0001);
             tablesTab->selectTable(QStringLiteral("events"));
             tablesTab->detailTabs()->setCurrentWidget(tablesTab->indexPanel());
             tablesTab->indexPanel()->selectIndex(QStringLiteral("kind-time-index"));
             save(&m_window, QStringLiteral("01c-table-index-backfilling"));
             tablesTab->detailTabs()->setCurrentIndex(0);
             showDetailsIndexes();
             save(&m_window, QStringLiteral("01d-table-details-backfilling"));

             Theme::apply(Theme::Mode::Dark);
             tablesTab->detailTabs()->setCurrentWidget(tablesTab->indexPanel());
             save(&m_window, QStringLiteral("11d-table-index-backfilling-dark"));
             CreateIndexDialog* dark = openCreateIndexDialog(QStringLiteral("orders"));
             save(dark, QStringLiteral("11e-create-index-dark"));
             dark->reject();
             tablesTab->deleteIndex(QStringLiteral("status-index"));
             auto* confirm =
                 tablesTab->findChild<QMessageBox*>(QStringLiteral("confirmDeleteIndex"));
             save(confirm, QStringLiteral("11f-delete-index-dark"));
             confirm->button(QMessageBox::Cancel)->click();
             Theme::apply(Theme::Mode::Light);
             tablesTab->deleteIndex(QStringLiteral("status-index"));
             confirm = confirmation(tablesTab);
             save(confirm, QStringLiteral("10b-delete-index"));
             confirm->button(QMessageBox::Cancel)->click();
             tablesTab->detailTabs()->setCurrentIndex(0);
             engine.set_time_scale(scale);
             done();
         });
}
