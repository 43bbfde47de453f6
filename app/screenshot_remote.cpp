// Remote regions for --screenshot-dir (TABLESPAN_SCREENSHOTS_ONLY=remote): a second engine
// behind its own HTTP endpoint with SigV4 keys stands in for a team's shared server; the
// console connects to it and shows its region in the selector, its tables and items, the
// remote calls in the Activity dock, the Connect dialog, and an endpoint that cannot be
// reached. Light and dark. Its Customers table is global and has PITR on.

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include "common/engine_bridge.h"
#include "common/theme.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "remote/connect_dialog.h"
#include "screenshot_driver.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "tablespan/http_server.h"
#include "tablespan/remote_client.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
// The stand-in server; it lives until the process quits.
struct Lab {
    QTemporaryDir dir;
    std::unique_ptr<tablespan::Engine> engine;
    std::unique_ptr<tablespan::HttpServer> server;
};

Lab* startLab() {
    auto* lab = new Lab;
    tablespan::EngineOptions options;
    options.data_dir = lab->dir.path().toStdString();
    options.clock = std::make_shared<tablespan::SystemClock>(1000.0);
    std::string error;
    lab->engine = tablespan::Engine::open(options, &error);
    if (!lab->engine) return nullptr;
    tablespan::HttpServerOptions serverOptions;
    serverOptions.port = 0;
    serverOptions.credentials = std::map<std::string, std::string>{{"AKIDLABEXAMPLE", "lab"}};
    lab->server = std::make_unique<tablespan::HttpServer>(*lab->engine, serverOptions);
    if (!lab->server->start().empty()) return nullptr;
    auto call = [lab](const char* op, const Json& request) {
        return lab->engine->call_sync("eu-west-1", op, request);
    };
    call("CreateTable", {{"TableName", "Customers"},
                         {"AttributeDefinitions",
                          {{{"AttributeName", "customerId"}, {"AttributeType", "S"}},
                           {{"AttributeName", "country"}, {"AttributeType", "S"}}}},
                         {"KeySchema", {{{"AttributeName", "customerId"}, {"KeyType", "HASH"}}}},
                         {"GlobalSecondaryIndexes",
                          {{{"IndexName", "byCountry"},
                            {"KeySchema", {{{"AttributeName", "country"}, {"KeyType", "HASH"}}}},
                            {"Projection", {{"ProjectionType", "ALL"}}}}}},
                         {"BillingMode", "PAY_PER_REQUEST"}});
    call("CreateTable",
         {{"TableName", "Invoices"},
          {"AttributeDefinitions", {{{"AttributeName", "invoiceId"}, {"AttributeType", "S"}}}},
          {"KeySchema", {{{"AttributeName", "invoiceId"}, {"KeyType", "HASH"}}}},
          {"BillingMode", "PAY_PER_REQUEST"}});
    for (int spin = 0; spin < 100'000; ++spin)
        if (call("DescribeTable", {{"TableName", "Customers"}}).body["Table"]["TableStatus"] ==
                "ACTIVE" &&
            call("DescribeTable", {{"TableName", "Invoices"}}).body["Table"]["TableStatus"] ==
                "ACTIVE")
            break;
    const char* countries[] = {"IE", "DE", "FR", "NL", "ES"};
    const char* names[] = {"Aoife Byrne", "Jonas Weber", "Camille Martin", "Sanne de Vries",
                           "Lucía García"};
    for (int i = 0; i < 40; ++i)
        call("PutItem",
             {{"TableName", "Customers"},
              {"Item",
               {{"customerId", {{"S", "cust-" + std::to_string(1000 + i)}}},
                {"country", {{"S", countries[i % 5]}}},
                {"name", {{"S", names[i % 5]}}},
                {"since",
                 {{"S", "2025-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10)}}},
                {"orders", {{"N", std::to_string(3 + (i * 7) % 40)}}}}}});
    // A global table: a replica in a region the connection serves and one it does not,
    // one per request as the service wants; point-in-time recovery on (shot by
    // screenshot_remote_views.cpp).
    for (const char* region : {"us-east-1", "ap-northeast-1"}) {
        call("UpdateTable",
             {{"TableName", "Customers"},
              {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", region}}}}})}});
        for (int spin = 0; spin < 100'000; ++spin) {
            const Json t = call("DescribeTable", {{"TableName", "Customers"}}).body["Table"];
            bool active = t.value("TableStatus", "") == "ACTIVE";
            for (const Json& r : t.value("Replicas", Json::array()))
                active = active && r.value("ReplicaStatus", "") == "ACTIVE";
            if (active) break;
        }
    }
    call("UpdateContinuousBackups",
         {{"TableName", "Customers"},
          {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}}}});
    return lab;
}
}  // namespace

void ScreenshotDriver::shootRemote(std::function<void()> done) {
    Lab* lab = startLab();
    if (!lab) return done();
    tablespan::RemoteEndpoint endpoint;
    endpoint.url = lab->server->url();
    endpoint.access_key_id = "AKIDLABEXAMPLE";
    endpoint.secret_access_key = "lab";
    m_bridge.addConnection(QStringLiteral("lab"),
                           {QStringLiteral("eu-west-1"), QStringLiteral("us-east-1")},
                           std::make_unique<tablespan::RemoteClient>(endpoint));
    m_window.resize(1280, 800);
    m_window.setRegion(QStringLiteral("eu-west-1@lab"));
    TablesTab* tables = m_window.tablesTab();
    when([this] { return m_window.tablesModel()->rowCount() >= 2; },
         [=, this] {
             tables->selectTable(QStringLiteral("Customers"));
             when([] { return true; },
                  [=, this] {
                      save(&m_window, QStringLiteral("60-remote-tables"));
                      Theme::apply(Theme::Mode::Dark);
                      save(&m_window, QStringLiteral("60b-remote-tables-dark"));
                      Theme::apply(Theme::Mode::Light);

                      auto* selector =
                          m_window.findChild<QComboBox*>(QStringLiteral("regionSelector"));
                      selector->showPopup();
                      QWidget* popup = selector->view()->window();
                      save(popup, QStringLiteral("61-remote-region-selector"));
                      selector->hidePopup();

                      m_window.itemsTab()->setTable(QStringLiteral("Customers"));
                      m_window.findChild<QTabWidget*>(QStringLiteral("mainTabs"))
                          ->setCurrentWidget(m_window.itemsTab());
                      when([this] { return m_window.itemsTab()->model()->rowCount() >= 40; },
                           [=, this] {
                               save(&m_window, QStringLiteral("62-remote-items"));
                               Theme::apply(Theme::Mode::Dark);
                               save(&m_window, QStringLiteral("62b-remote-items-dark"));
                               Theme::apply(Theme::Mode::Light);
                               shootRemoteTabs(0, [=, this] {
                                   shootRemoteDialogs(QString::fromStdString(lab->server->url()),
                                                      done);
                               });
                           });
                  });
         });
}

void ScreenshotDriver::shootRemoteTabs(int index, std::function<void()> done) {
    // Every other tab on the remote region, to see what each makes of it.
    auto* tabs = m_window.findChild<QTabWidget*>(QStringLiteral("mainTabs"));
    if (index >= tabs->count()) return shootRemoteViews(done);
    tabs->setCurrentIndex(index);
    when([] { return true; },
         [=, this] {
             QTimer::singleShot(1500, this, [=, this] {
                 save(&m_window,
                      QStringLiteral("65-remote-tab-%1").arg(index, 2, 10, QLatin1Char('0')));
                 shootRemoteTabs(index + 1, done);
             });
         });
}

void ScreenshotDriver::shootRemoteDialogs(const QString& url, std::function<void()> done) {
    auto* dialog = new ConnectDialog({QStringLiteral("lab")}, &m_window);
    dialog->findChild<QLineEdit*>(QStringLiteral("connectionName"))
        ->setText(QStringLiteral("staging"));
    dialog->findChild<QLineEdit*>(QStringLiteral("endpointUrl"))->setText(url);
    dialog->show();
    save(dialog, QStringLiteral("63-connect-dialog"));
    Theme::apply(Theme::Mode::Dark);
    save(dialog, QStringLiteral("63b-connect-dialog-dark"));
    Theme::apply(Theme::Mode::Light);

    // Access keys typed into the dialog, once the keychain was checked: under xvfb-run no
    // keychain service answers, and the choice says so and what to use instead.
    auto* credentials = dialog->findChild<QComboBox*>(QStringLiteral("credentials"));
    credentials->setCurrentIndex(credentials->count() - 2);
    dialog->findChild<QLineEdit*>(QStringLiteral("accessKeyId"))
        ->setText(QStringLiteral("AKIAIOSFODNN7EXAMPLE"));
    const QString checking = dialog->credentialStatus();
    when([dialog, checking] { return dialog->credentialStatus() != checking; },
         [=, this] {
             save(dialog, QStringLiteral("63c-connect-dialog-keys"));
             Theme::apply(Theme::Mode::Dark);
             save(dialog, QStringLiteral("63d-connect-dialog-keys-dark"));
             Theme::apply(Theme::Mode::Light);
             dialog->close();
             dialog->deleteLater();
             // An endpoint nobody answers at: the Tables tab says so in words.
             tablespan::RemoteEndpoint gone;
             gone.url = "http://127.0.0.1:9";
             gone.max_attempts = 1;
             m_bridge.addConnection(QStringLiteral("offline-lab"), {QStringLiteral("us-east-1")},
                                    std::make_unique<tablespan::RemoteClient>(gone));
             m_window.findChild<QTabWidget*>(QStringLiteral("mainTabs"))
                 ->setCurrentWidget(m_window.tablesTab());
             m_window.setRegion(QStringLiteral("us-east-1@offline-lab"));
             when([this] { return !m_window.tablesTab()->errorText().isEmpty(); },
                  [=, this] {
                      save(&m_window, QStringLiteral("64-remote-unreachable"));
                      done();
                  });
         });
}
