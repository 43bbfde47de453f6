#include "screenshot_driver.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryFile>
#include <QTimer>

#include "tables/create_table_dialog.h"
#include "common/engine_bridge.h"
#include "items/item_editor_dialog.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "window/main_window.h"
#include "items/query_form.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "common/theme.h"

using tablespan::Json;

ScreenshotDriver::ScreenshotDriver(EngineBridge& bridge, MainWindow& window, const QString& outDir,
                                   QObject* parent)
    : QObject(parent), m_bridge(bridge), m_window(window), m_out(outDir) {
    m_out.mkpath(QStringLiteral("."));
}

void ScreenshotDriver::when(std::function<bool()> ready, std::function<void()> then) {
    auto* timer = new QTimer(this);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    connect(timer, &QTimer::timeout, this, [timer, clock, ready, then] {
        if (!ready() && clock->elapsed() < 20'000) return;
        timer->deleteLater();
        timer->stop();
        then();
    });
    timer->start(50);
}

void ScreenshotDriver::save(QWidget* widget, const QString& name) {
    QApplication::processEvents();
    widget->grab().save(m_out.filePath(name + QStringLiteral(".png")));
}

void ScreenshotDriver::start() {
    m_window.resize(1280, 800);
    prepare();
}

void ScreenshotDriver::prepare() {
    const QString region = QStringLiteral("us-west-2");
    Json orders = {
        {"TableName", "orders"},
        {"AttributeDefinitions",
         {{{"AttributeName", "customer"}, {"AttributeType", "S"}},
          {{"AttributeName", "orderDate"}, {"AttributeType", "S"}},
          {{"AttributeName", "status"}, {"AttributeType", "S"}},
          {{"AttributeName", "total"}, {"AttributeType", "N"}}}},
        {"KeySchema",
         {{{"AttributeName", "customer"}, {"KeyType", "HASH"}},
          {{"AttributeName", "orderDate"}, {"KeyType", "RANGE"}}}},
        {"BillingMode", "PROVISIONED"},
        {"ProvisionedThroughput", {{"ReadCapacityUnits", 10}, {"WriteCapacityUnits", 5}}},
        {"DeletionProtectionEnabled", true},
        {"Tags", {{{"Key", "team"}, {"Value", "sales"}}, {{"Key", "env"}, {"Value", "lab"}}}},
        // A GSI by status (INCLUDE address) and an LSI by total (KEYS_ONLY).
        {"GlobalSecondaryIndexes",
         {{{"IndexName", "status-index"},
           {"KeySchema",
            {{{"AttributeName", "status"}, {"KeyType", "HASH"}},
             {{"AttributeName", "orderDate"}, {"KeyType", "RANGE"}}}},
           {"Projection", {{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", {"total"}}}},
           {"ProvisionedThroughput", {{"ReadCapacityUnits", 10}, {"WriteCapacityUnits", 5}}}}}},
        {"LocalSecondaryIndexes",
         {{{"IndexName", "total-index"},
           {"KeySchema",
            {{{"AttributeName", "customer"}, {"KeyType", "HASH"}},
             {{"AttributeName", "total"}, {"KeyType", "RANGE"}}}},
           {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}}}};
    m_bridge.call(this, region, QStringLiteral("CreateTable"), orders, [](const auto&) {});
    auto* tables = m_window.tablesModel();
    when(
        [tables] {
            const int row = tables->rowOf(QStringLiteral("orders"));
            return row >= 0 && tables->data(tables->index(row, TablesModel::Status),
                                            TablesModel::StatusRole) == QLatin1String("ACTIVE");
        },
        [this, region] {
            const char* names[] = {"Ada", "Grace", "Linus", "Margaret", "Tim"};
            for (int chunk = 0; chunk < 6; ++chunk) {
                Json requests = Json::array();
                for (int i = 0; i < 20; ++i) {
                    const int n = chunk * 20 + i;
                    Json item = {{"customer", {{"S", names[n % 5]}}},
                                 {"orderDate",
                                  {{"S", "2026-0" + std::to_string(1 + n % 9) + "-" +
                                             std::to_string(10 + n)}}},
                                 {"total", {{"N", std::to_string(10 + n * 7) + ".50"}}},
                                 {"status", {{"S", n % 3 ? "SHIPPED" : "PENDING"}}}};
                    if (n % 4 == 0) item["tags"] = {{"SS", {"gift", "express"}}};
                    if (n % 5 == 0)
                        item["address"] = {
                            {"M", {{"city", {{"S", "Portland"}}}, {"zip", {{"S", "97201"}}}}}};
                    requests.push_back({{"PutRequest", {{"Item", item}}}});
                }
                ++m_pending;
                m_bridge.call(this, region, QStringLiteral("BatchWriteItem"),
                              {{"RequestItems", {{"orders", requests}}}},
                              [this](const auto&) { --m_pending; });
            }
            when([this] { return m_pending == 0; },
                 [this] {
                     // TABLESPAN_SCREENSHOTS_ONLY=partiql shoots one area alone.
                     if (qEnvironmentVariable("TABLESPAN_SCREENSHOTS_ONLY") == u"partiql")
                         return shootPartiql([] { QApplication::quit(); });
                     if (qEnvironmentVariable("TABLESPAN_SCREENSHOTS_ONLY") == u"scenarios")
                         return shootScenarios([] { QApplication::quit(); });
                     if (qEnvironmentVariable("TABLESPAN_SCREENSHOTS_ONLY") == u"mrsc")
                         return shootMrsc([] { QApplication::quit(); });
                     if (qEnvironmentVariable("TABLESPAN_SCREENSHOTS_ONLY") == u"capacity")
                         return shootCapacity([] { QApplication::quit(); });
                     if (qEnvironmentVariable("TABLESPAN_SCREENSHOTS_ONLY") == u"kms")
                         return shootKms([] { QApplication::quit(); });
                     if (qEnvironmentVariable("TABLESPAN_SCREENSHOTS_ONLY") == u"remote")
                         return shootRemote([] { QApplication::quit(); });
                     shoot();
                 });
        });
}

void ScreenshotDriver::shoot() {
    TablesTab* tablesTab = m_window.tablesTab();
    ItemsTab* itemsTab = m_window.itemsTab();
    m_window.tablesTab()->refresh();
    when(
        [this] { return m_window.tablesModel()->rowCount() >= 2; },
        [=, this] {
            tablesTab->selectTable(QStringLiteral("orders"));
            save(&m_window, QStringLiteral("01-tables"));

            tablesTab->newTable();
            auto* create = tablesTab->findChild<CreateTableDialog*>();
            create->findChild<QLineEdit*>(QStringLiteral("tableName"))
                ->setText(QStringLiteral("a!"));
            create->findChild<QLineEdit*>(QStringLiteral("partitionKey"))
                ->setText(QStringLiteral("id"));
            create->adjustSize();
            save(create, QStringLiteral("02-create-table-invalid"));
            create->findChild<QLineEdit*>(QStringLiteral("tableName"))
                ->setText(QStringLiteral("Music"));
            save(create, QStringLiteral("03-create-table"));
            create->reject();

            m_window.tabs()->setCurrentWidget(itemsTab);
            itemsTab->setTable(QStringLiteral("orders"));
            when(
                [itemsTab] { return itemsTab->model()->rowCount() > 0; },
                [=, this] {
                    save(&m_window, QStringLiteral("04-items"));
                    QueryForm* form = itemsTab->queryForm();
                    form->setQueryMode(true);
                    form->setPartitionValue(QStringLiteral("Grace"));
                    form->setSortCondition(QStringLiteral("begins_with"), QStringLiteral("2026-0"));
                    form->addFilter(QStringLiteral("total"), QStringLiteral(">"),
                                    QStringLiteral("N"), QStringLiteral("100"));
                    itemsTab->run();
                    when([itemsTab] { return !itemsTab->model()->isLoading(); },
                         [=, this] {
                             save(&m_window, QStringLiteral("05-items-query"));
                             itemsTab->view()->selectRow(0);
                             itemsTab->editSelected();
                             auto* editor = itemsTab->findChild<ItemEditorDialog*>();
                             save(editor, QStringLiteral("06-item-editor-form"));
                             editor->tabs()->setCurrentIndex(1);
                             save(editor, QStringLiteral("07-item-editor-json"));
                             editor->dynamoToggle()->setChecked(false);
                             save(editor, QStringLiteral("08-item-editor-plain"));
                             // Valid JSON, but a number DynamoDB cannot store.
                             const QString plain = editor->jsonEdit()->toPlainText();
                             editor->jsonEdit()->setPlainText(
                                 QStringLiteral("{\"customer\": \"Ada\", \"orderDate\": "
                                                "\"x\", \"total\": 1e500}"));
                             editor->accept();
                             save(editor, QStringLiteral("08c-item-editor-overflow"));
                             editor->jsonEdit()->setPlainText(plain);
                             // Too deep to parse: the editor says where, and stays.
                             editor->jsonEdit()->setPlainText(
                                 QStringLiteral("{\"deep\": ") + QString(1200, QLatin1Char('[')) +
                                 QString(1200, QLatin1Char(']')) + QLatin1Char('}'));
                             editor->tabs()->setCurrentIndex(0);
                             save(editor, QStringLiteral("08b-item-editor-too-deep"));
                             editor->reject();

                             QTemporaryFile bad(QDir::tempPath() +
                                                QStringLiteral("/bad-XXXXXX.jsonl"));
                             bad.open();
                             bad.write(
                                 "{\"Item\": {\"customer\": {\"S\": \"Zoe\"}, \"orderDate\": "
                                 "{\"S\": \"x\"}}}\n"
                                 "{\"Item\": {\"customer\": {\"S\": \"Zoe\"}, \"orderDate\": "
                                 "{\"S\": \"y\"},}\n");
                             bad.close();
                             itemsTab->importFile(bad.fileName());
                             save(&m_window, QStringLiteral("09-import-error"));

                             m_window.tabs()->setCurrentWidget(tablesTab);
                             tablesTab->deleteTables({QStringLiteral("orders")});
                             when([tablesTab] { return !tablesTab->errorText().isEmpty(); },
                                  [=, this] {
                                      save(&m_window, QStringLiteral("10-delete-protected"));
                                      shootTransactions([=, this] {
                                          shootResults({}, [=, this] {
                                              shootIndexes([=, this] {
                                                  shootIndexUpdates([=, this] {
                                                      shootReplication([=, this] {
                                                          shootRecovery([=, this] {
                                                              shootSettings([=, this] {
                                                                  shootStreamsAndPartiql([=, this] {
                                                                      Theme::apply(
                                                                          Theme::Mode::Dark);
                                                                      m_window.tabs()
                                                                          ->setCurrentWidget(
                                                                              tablesTab);
                                                                      save(&m_window,
                                                                           QStringLiteral(
                                                                               "11-tables-dark"));
                                                                      tablesTab->selectTable(
                                                                          QStringLiteral("orders"));
                                                                      showDetailsIndexes();
                                                                      save(&m_window,
                                                                           QStringLiteral(
                                                                               "11b-table-indexes-"
                                                                               "dark"));
                                                                      auto* dialog =
                                                                          openIndexDialog();
                                                                      save(dialog,
                                                                           QStringLiteral(
                                                                               "11c-create-table-"
                                                                               "indexes-dark"));
                                                                      dialog->reject();
                                                                      m_window.tabs()
                                                                          ->setCurrentWidget(
                                                                              itemsTab);
                                                                      save(&m_window,
                                                                           QStringLiteral(
                                                                               "12-items-dark"));
                                                                      shootResults(
                                                                          QStringLiteral("-dark"),
                                                                          [this] {
                                                                              shootScenarios([] {
                                                                                  QApplication::
                                                                                      quit();
                                                                              });
                                                                          });
                                                                  });
                                                              });
                                                          });
                                                      });
                                                  });
                                              });
                                          });
                                      });
                                  });
                         });
                });
        });
}
