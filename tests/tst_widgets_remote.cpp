// Remote regions in the console: a second Tablespan, reached over HTTP with SigV4 keys as
// a shared lab server would be, listed beside the embedded regions; its tables, items and
// status changes shown through the same tabs; polled only while something changes; its
// calls in the Activity dock; an endpoint that cannot be reached worded for a person.

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "common/engine_bridge.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "remote/connections_menu.h"
#include "remote/remote_status_poller.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "tablespan/http_server.h"
#include "tablespan/remote_client.h"
#include "window/activity_dock.h"
#include "window/activity_model.h"
#include "window/main_window.h"
#include "window/region_selector.h"
#include "remote_lab_fixture.h"
#include "widget_fixture.h"

using tablespan::Json;

namespace {
const QString kLab = QStringLiteral("eu-west-1@lab");

// The lab with the table Orders and three items.
void seedOrders(RemoteLab& lab) {
    lab.createTable("Orders", {"o-1", "o-2", "o-3"});
}

QString statusOf(TablesModel* model, const QString& table) {
    const int row = model->rowOf(table);
    return row < 0
               ? QString()
               : model->index(row, TablesModel::Status).data(TablesModel::StatusRole).toString();
}

int remoteRecords(const QSignalSpy& spy) {
    int n = 0;
    for (const auto& args : spy)
        for (const RequestRecord& r : args.at(0).value<QList<RequestRecord>>())
            if (EngineBridge::isRemoteRegion(r.region)) ++n;
    return n;
}
}  // namespace

class TstWidgetsRemote : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        qRegisterMetaType<QList<RequestRecord>>();
        // Settings of this run only (before anything opens QSettings).
        QVERIFY(m_config.isValid());
        qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
    }

    // The lab's region is listed, marked with its connection; choosing it shows the lab's
    // tables and not the embedded region's, and its calls appear in the Activity dock.
    void aRemoteRegionShowsTheServersTables() {
        RemoteLab lab;
        seedOrders(lab);
        WidgetEngine e;
        e.create_table("LocalOnly", "pk", "S");
        MainWindow window(*e.bridge);
        window.show();
        e.bridge->addConnection(QStringLiteral("lab"), {QStringLiteral("eu-west-1")}, lab.client());
        auto* selector = window.findChild<RegionSelector*>();
        const int index = selector->findData(kLab);
        QVERIFY(index > 0);
        QCOMPARE(selector->itemText(index), QStringLiteral("lab: Europe (Ireland) eu-west-1"));
        QCOMPARE(EngineBridge::regionName(kLab), QStringLiteral("Europe (Ireland) on lab"));

        auto* tables = window.tablesTab()->model();
        QTRY_VERIFY(tables->rowOf(QStringLiteral("LocalOnly")) >= 0);
        window.setRegion(kLab);
        QTRY_COMPARE(statusOf(tables, QStringLiteral("Orders")), QStringLiteral("ACTIVE"));
        QCOMPARE(tables->rowOf(QStringLiteral("LocalOnly")), -1);
        QVERIFY2(window.tablesTab()->errorText().isEmpty(),
                 qPrintable(window.tablesTab()->errorText()));

        auto* activity = window.activityDock()->model();
        QTRY_VERIFY(activity->rowCount() > 0);
        bool sawDescribe = false;
        for (int row = 0; row < activity->rowCount(); ++row) {
            const RequestRecord& r = activity->record(row);
            if (r.region == kLab && r.operation == QLatin1String("DescribeTable") &&
                r.table == QLatin1String("Orders") && r.errorType.isEmpty() && r.fromConsole)
                sawDescribe = true;
        }
        QVERIFY(sawDescribe);
    }

    // Items of a remote table are browsed; a write through the console reaches the server,
    // and the table is reported changed, as engine events report it for embedded regions.
    void itemsAreBrowsedAndWrittenRemotely() {
        RemoteLab lab;
        seedOrders(lab);
        WidgetEngine e;
        MainWindow window(*e.bridge);
        window.show();
        e.bridge->addConnection(QStringLiteral("lab"), {QStringLiteral("eu-west-1")}, lab.client());
        window.setRegion(kLab);
        QTRY_COMPARE(statusOf(window.tablesTab()->model(), QStringLiteral("Orders")),
                     QStringLiteral("ACTIVE"));
        window.itemsTab()->setTable(QStringLiteral("Orders"));
        auto* items = window.itemsTab()->model();
        QTRY_COMPARE(items->rowCount(), 3);

        bool written = false;
        QSignalSpy changed(e.bridge.get(), &EngineBridge::itemsChanged);
        e.bridge->call(kLab, QStringLiteral("PutItem"),
                       {{"TableName", "Orders"}, {"Item", {{"id", {{"S", "o-4"}}}}}},
                       [&](const tablespan::Result& r) { written = r.ok(); });
        QTRY_VERIFY(written);
        QTRY_VERIFY(!changed.isEmpty());
        QCOMPARE(changed.first().at(0).toString(), kLab);
        QCOMPARE(changed.first().at(1).toString(), QStringLiteral("Orders"));
        items->reload();  // what Refresh does
        QTRY_COMPARE(items->rowCount(), 4);
        // It is the server's table that holds it.
        QCOMPARE(lab.count("Orders"), 4);
    }

    // A table created on the lab is followed CREATING -> ACTIVE by polling; once it is
    // ACTIVE nothing more is asked: an idle remote region costs no requests.
    void aStatusChangeIsPolledUntilItSettlesThenNothingIsAsked() {
        RemoteLab lab;
        seedOrders(lab);
        WidgetEngine e;
        e.bridge->remotePoller()->setInterval(20);
        e.bridge->addConnection(QStringLiteral("lab"), {QStringLiteral("eu-west-1")}, lab.client());
        QSignalSpy statuses(e.bridge.get(), &EngineBridge::tableStatusChanged);
        QSignalSpy requests(e.bridge.get(), &EngineBridge::requestsCompleted);
        e.bridge->call(
            kLab, QStringLiteral("CreateTable"),
            {{"TableName", "Carts"},
             {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
             {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
             {"BillingMode", "PAY_PER_REQUEST"}},
            nullptr);
        QTRY_VERIFY(!statuses.isEmpty());
        QCOMPARE(statuses.first().at(0).toString(), kLab);
        QCOMPARE(statuses.first().at(1).toString(), QStringLiteral("Carts"));
        QCOMPARE(statuses.first().at(2).toString(), QStringLiteral("CREATING"));
        QTRY_COMPARE(statuses.last().at(2).toString(), QStringLiteral("ACTIVE"));
        QTRY_COMPARE(e.bridge->remotePoller()->watched(), 0);

        QTRY_VERIFY(remoteRecords(requests) >= 2);  // CreateTable, then DescribeTable
        const int before = remoteRecords(requests);
        // Ten polling intervals of nothing changing: not one request.
        QTest::qWait(10 * 20);
        QCOMPARE(remoteRecords(requests), before);

        // Deleting it is followed too, until the table is gone.
        e.bridge->call(kLab, QStringLiteral("DeleteTable"), {{"TableName", "Carts"}}, nullptr);
        QTRY_VERIFY(statuses.last().at(2).toString().isEmpty());
        QTRY_COMPARE(e.bridge->remotePoller()->watched(), 0);
    }

    // Nothing listens at the connection's URL: the Tables tab says so in words.
    void anUnreachableEndpointIsWordedForAPerson() {
        std::uint16_t port = 0;
        {
            boost::asio::io_context io;
            boost::asio::ip::tcp::acceptor probe(io,
                                                 {boost::asio::ip::make_address("127.0.0.1"), 0});
            port = probe.local_endpoint().port();
        }
        tablespan::RemoteEndpoint endpoint;
        endpoint.url = "http://127.0.0.1:" + std::to_string(port);
        endpoint.retry_base = std::chrono::milliseconds(1);
        WidgetEngine e;
        MainWindow window(*e.bridge);
        window.show();
        e.bridge->addConnection(QStringLiteral("gone"), {QStringLiteral("us-east-1")},
                                std::make_unique<tablespan::RemoteClient>(endpoint));
        window.setRegion(QStringLiteral("us-east-1@gone"));
        QTRY_VERIFY(!window.tablesTab()->errorText().isEmpty());
        const QString text = window.tablesTab()->errorText();
        QVERIFY2(text.contains(QStringLiteral("Cannot connect to http://127.0.0.1:%1 ").arg(port)),
                 qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Is the server running")), qPrintable(text));
    }

    // A connection made again while its region is shown (the keys arrived from the
    // keychain, or the connection was edited) replaces the old answer in the views.
    void aConnectionMadeAgainRefreshesTheShownRegion() {
        RemoteLab lab;
        seedOrders(lab);
        WidgetEngine e;
        MainWindow window(*e.bridge);
        window.show();
        e.bridge->addUnavailableConnection(QStringLiteral("lab"), {QStringLiteral("eu-west-1")},
                                           QStringLiteral("KeysUnavailable"),
                                           QStringLiteral("The keys are being read."));
        window.setRegion(kLab);
        QTRY_VERIFY(window.tablesTab()->errorText().contains(QLatin1String("being read")));
        e.bridge->addConnection(QStringLiteral("lab"), {QStringLiteral("eu-west-1")}, lab.client());
        QCOMPARE(window.currentRegion(), kLab);
        QTRY_COMPARE(statusOf(window.tablesTab()->model(), QStringLiteral("Orders")),
                     QStringLiteral("ACTIVE"));
        QVERIFY2(window.tablesTab()->errorText().isEmpty(),
                 qPrintable(window.tablesTab()->errorText()));
    }

    // Removing the connection takes its regions out of the selector; a window that showed
    // one goes back to an embedded region.
    void aRemovedConnectionLeavesTheSelector() {
        RemoteLab lab;
        seedOrders(lab);
        WidgetEngine e;
        MainWindow window(*e.bridge);
        e.bridge->addConnection(QStringLiteral("lab"), {QStringLiteral("eu-west-1")}, lab.client());
        window.setRegion(kLab);
        QCOMPARE(window.currentRegion(), kLab);
        e.bridge->removeConnection(QStringLiteral("lab"));
        QVERIFY(!EngineBridge::isRemoteRegion(window.currentRegion()));
        QCOMPARE(window.findChild<RegionSelector*>()->findData(kLab), -1);
        // A call for a region of a removed connection is answered, not lost.
        QString error;
        e.bridge->call(
            kLab, QStringLiteral("ListTables"), Json::object(),
            [&](const tablespan::Result& r) { error = QString::fromStdString(r.error->type); });
        QTRY_COMPARE(error, QStringLiteral("ConnectionNotFound"));
    }

    // A connection made in the Connections menu is kept (without its secret) and is
    // connected again when the console starts next; disconnecting forgets it.
    void aConnectionSurvivesARestart() {
        RemoteLab lab;
        seedOrders(lab);
        WidgetEngine e;
        RemoteConnection connection;
        connection.name = QStringLiteral("shared");
        connection.url = QString::fromStdString(lab.server->url());
        connection.regions = {QStringLiteral("eu-west-1")};
        connection.unsignedRequests = true;  // the lab checks signatures: its error shows
        {
            MainWindow window(*e.bridge);
            QString error;
            QVERIFY2(window.connectionsMenu()->add(connection, &error), qPrintable(error));
            QVERIFY(e.bridge->connections().contains(QStringLiteral("shared")));
        }
        e.bridge->removeConnection(QStringLiteral("shared"));  // as if the console quit

        MainWindow restarted(*e.bridge);
        QCOMPARE(e.bridge->connections().value(QStringLiteral("shared")),
                 QStringList{QStringLiteral("eu-west-1")});
        restarted.setRegion(QStringLiteral("eu-west-1@shared"));
        QTRY_VERIFY(!restarted.tablesTab()->errorText().isEmpty());
        // The server's own refusal of an unsigned request, in its words.
        QVERIFY2(restarted.tablesTab()->errorText().contains(
                     QLatin1String("Request is missing Authentication Token")),
                 qPrintable(restarted.tablesTab()->errorText()));

        restarted.connectionsMenu()->remove(QStringLiteral("shared"));
        QVERIFY(!e.bridge->connections().contains(QStringLiteral("shared")));
        MainWindow again(*e.bridge);
        QVERIFY(!e.bridge->connections().contains(QStringLiteral("shared")));
    }

private:
    QTemporaryDir m_config;
};

QTEST_MAIN(TstWidgetsRemote)
#include "tst_widgets_remote.moc"
