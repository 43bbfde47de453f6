// The console's remote client end to end, against engines in other processes:
// - a second headless Tablespan, as a team's shared lab server runs it: --require-auth
//   keys, over HTTP and over HTTPS with a certificate from a CA this test makes and trusts
//   for this run only. Create a table, write, query, back up and follow a replica to
//   ACTIVE, all through the remote path;
// - dynalite (npm), a DynamoDB engine no one here wrote: browse and edit its tables
//   through the console; what it lacks shows as its own error.
// Run by remote_engines.sh, which installs dynalite and sets TABLESPAN_BINARY and
// TABLESPAN_DYNALITE.

#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "common/engine_bridge.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "remote/remote_status_poller.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "tablespan/remote_client.h"
#include "window/main_window.h"
#include "../widget_fixture.h"

using tablespan::Json;

namespace {
constexpr const char* kKey = "AKIDSHAREDSERVER";
constexpr const char* kSecret = "shared-server-secret";

// Calls through the bridge, as a tab does, and waits for the answer.
tablespan::Result callAndWait(EngineBridge& bridge, const QString& region, const QString& op,
                              const Json& request) {
    std::optional<tablespan::Result> answer;
    bridge.call(region, op, request, [&](const tablespan::Result& r) { answer = r; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 30'000))
        return {tablespan::Error{"TestTimeout", "no answer", 0, Json::object()}, Json()};
    return *answer;
}

QString statusOf(TablesModel* model, const QString& table) {
    const int row = model->rowOf(table);
    return row < 0
               ? QString()
               : model->index(row, TablesModel::Status).data(TablesModel::StatusRole).toString();
}

// A process the test started, stopped with SIGTERM at the end.
struct Child {
    QProcess process;
    ~Child() {
        if (process.state() == QProcess::NotRunning) return;
        process.terminate();
        if (!process.waitForFinished(10'000)) process.kill();
        process.waitForFinished(5'000);
    }
};

// openssl, as the test's certificate authority.
bool openssl(const QStringList& args, const QString& dir) {
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30'000) || p.exitCode() != 0) {
        qWarning("openssl %s: %s", qPrintable(args.join(u' ')),
                 p.readAllStandardError().constData());
        return false;
    }
    return true;
}

// A CA and a certificate for 127.0.0.1 it signed: ca.pem, server.pem, server.key.
bool makeCertificates(const QString& dir) {
    const QStringList ec = {
        QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
        QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    QFile ext(dir + QStringLiteral("/ext.cnf"));
    if (!ext.open(QIODevice::WriteOnly)) return false;
    ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    ext.close();
    return openssl(
               QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec +
                   QStringList{QStringLiteral("-keyout"), QStringLiteral("ca.key"),
                               QStringLiteral("-out"), QStringLiteral("ca.pem"),
                               QStringLiteral("-days"), QStringLiteral("1"),
                               QStringLiteral("-subj"), QStringLiteral("/CN=Tablespan test CA")},
               dir) &&
           openssl(QStringList{QStringLiteral("req")} + ec +
                       QStringList{QStringLiteral("-keyout"), QStringLiteral("server.key"),
                                   QStringLiteral("-out"), QStringLiteral("server.csr"),
                                   QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")},
                   dir) &&
           openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                    QStringLiteral("server.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                    QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                    QStringLiteral("-CAcreateserial"), QStringLiteral("-out"),
                    QStringLiteral("server.pem"), QStringLiteral("-days"), QStringLiteral("1"),
                    QStringLiteral("-extfile"), QStringLiteral("ext.cnf")},
                   dir);
}

// Starts `tablespan --headless` on a free port; returns its URL ("" on failure).
QString startHeadless(Child& child, const QString& dataDir, const QStringList& extra) {
    const QString binary = qEnvironmentVariable("TABLESPAN_BINARY");
    child.process.start(
        binary, QStringList{QStringLiteral("--headless"), QStringLiteral("--data-dir"), dataDir,
                            QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                            QStringLiteral("--time-scale"), QStringLiteral("100"),
                            QStringLiteral("--auth-key"),
                            QString::fromLatin1(kKey) + u':' + QString::fromLatin1(kSecret)} +
                    extra);
    static const QRegularExpression listening(QStringLiteral("Listening on (\\S+)"));
    QString out;
    const bool up = QTest::qWaitFor(
        [&] {
            out += QString::fromUtf8(child.process.readAllStandardOutput());
            return listening.match(out).hasMatch() || child.process.state() == QProcess::NotRunning;
        },
        30'000);
    const auto match = listening.match(out);
    if (!up || !match.hasMatch()) {
        qWarning("headless did not start: %s %s", qPrintable(out),
                 child.process.readAllStandardError().constData());
        return {};
    }
    return match.captured(1);
}

tablespan::RemoteEndpoint signedEndpoint(const QString& url, const QString& caFile = {}) {
    tablespan::RemoteEndpoint endpoint;
    endpoint.url = url.toStdString();
    endpoint.access_key_id = kKey;
    endpoint.secret_access_key = kSecret;
    endpoint.ca_file = caFile.toStdString();
    return endpoint;
}

Json ordersTable(const std::string& name) {
    return {{"TableName", name},
            {"AttributeDefinitions",
             {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
              {{"AttributeName", "sk"}, {"AttributeType", "S"}}}},
            {"KeySchema",
             {{{"AttributeName", "pk"}, {"KeyType", "HASH"}},
              {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}},
            {"BillingMode", "PAY_PER_REQUEST"}};
}
}  // namespace

class TstE2eRemote : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY2(QFileInfo(qEnvironmentVariable("TABLESPAN_BINARY")).isExecutable(),
                 "TABLESPAN_BINARY must name the tablespan binary (see remote_engines.sh)");
    }

    // The shared server, over HTTP then over HTTPS: the whole walk through the console's
    // remote path, the server's engine doing the work.
    void aSharedTablespanServer_data() {
        QTest::addColumn<bool>("tls");
        QTest::newRow("http") << false;
        QTest::newRow("https") << true;
    }
    void aSharedTablespanServer() {
        QFETCH(bool, tls);
        QTemporaryDir dir;
        QStringList extra;
        if (tls) {
            QVERIFY(makeCertificates(dir.path()));
            extra = {QStringLiteral("--tls-cert"), dir.filePath(QStringLiteral("server.pem")),
                     QStringLiteral("--tls-key"), dir.filePath(QStringLiteral("server.key"))};
        }
        Child server;
        const QString url = startHeadless(server, dir.filePath(QStringLiteral("data")), extra);
        QVERIFY(!url.isEmpty());
        QCOMPARE(url.startsWith(QLatin1String("https://")), tls);

        WidgetEngine e;
        e.bridge->remotePoller()->setInterval(50);
        MainWindow window(*e.bridge);
        window.show();
        e.bridge->addConnection(
            QStringLiteral("shared"), {QStringLiteral("us-west-2"), QStringLiteral("eu-west-1")},
            std::make_unique<tablespan::RemoteClient>(
                signedEndpoint(url, tls ? dir.filePath(QStringLiteral("ca.pem")) : QString())));
        const QString oregon = QStringLiteral("us-west-2@shared");
        const QString ireland = QStringLiteral("eu-west-1@shared");
        window.setRegion(oregon);

        // Create: the Tables tab follows it to ACTIVE by polling.
        tablespan::Result created =
            callAndWait(*e.bridge, oregon, QStringLiteral("CreateTable"), ordersTable("Orders"));
        QVERIFY2(created.ok(), created.error ? created.error->message.c_str() : "");
        auto* tables = window.tablesTab()->model();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(tables, QStringLiteral("Orders")),
                                  QStringLiteral("ACTIVE"), 20'000);

        // Write and query.
        for (const char* sk : {"2026-12-01", "2026-12-02", "2026-12-03"})
            QVERIFY(callAndWait(*e.bridge, oregon, QStringLiteral("PutItem"),
                                {{"TableName", "Orders"},
                                 {"Item", {{"pk", {{"S", "customer#1"}}}, {"sk", {{"S", sk}}}}}})
                        .ok());
        tablespan::Result query =
            callAndWait(*e.bridge, oregon, QStringLiteral("Query"),
                        {{"TableName", "Orders"},
                         {"KeyConditionExpression", "pk = :p AND sk >= :from"},
                         {"ExpressionAttributeValues",
                          {{":p", {{"S", "customer#1"}}}, {":from", {{"S", "2026-12-02"}}}}}});
        QVERIFY(query.ok());
        QCOMPARE(query.body["Count"].get<int>(), 2);

        // Back up.
        tablespan::Result backup =
            callAndWait(*e.bridge, oregon, QStringLiteral("CreateBackup"),
                        {{"TableName", "Orders"}, {"BackupName", "before-the-drill"}});
        QVERIFY2(backup.ok(), backup.error ? backup.error->message.c_str() : "");
        QCOMPARE(backup.body["BackupDetails"]["BackupName"].get<std::string>(),
                 std::string("before-the-drill"));
        QTRY_COMPARE_WITH_TIMEOUT(
            callAndWait(*e.bridge, oregon, QStringLiteral("ListBackups"), {{"TableName", "Orders"}})
                .body.value("BackupSummaries", Json::array())
                .size(),
            std::size_t(1), 20'000);

        // A replica in Ireland, followed to ACTIVE; the items arrive there.
        QVERIFY(callAndWait(*e.bridge, oregon, QStringLiteral("UpdateTable"),
                            {{"TableName", "Orders"},
                             {"ReplicaUpdates",
                              Json::array({{{"Create", {{"RegionName", "eu-west-1"}}}}})}})
                    .ok());
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const tablespan::Result d = callAndWait(
                    *e.bridge, oregon, QStringLiteral("DescribeTable"), {{"TableName", "Orders"}});
                if (!d.ok()) return false;
                for (const Json& replica : d.body["Table"].value("Replicas", Json::array()))
                    if (replica.value("RegionName", "") == "eu-west-1")
                        return replica.value("ReplicaStatus", "") == "ACTIVE";
                return false;
            }(),
            30'000);
        QTRY_VERIFY_WITH_TIMEOUT(callAndWait(*e.bridge, ireland, QStringLiteral("Scan"),
                                             {{"TableName", "Orders"}, {"Select", "COUNT"}})
                                         .body.value("Count", 0) == 3,
                                 30'000);

        // The wrong secret: the server's own error, shown as the service words it.
        tablespan::RemoteEndpoint wrong =
            signedEndpoint(url, tls ? dir.filePath(QStringLiteral("ca.pem")) : QString());
        wrong.secret_access_key = "not-the-secret";
        e.bridge->addConnection(QStringLiteral("wrong"), {QStringLiteral("us-west-2")},
                                std::make_unique<tablespan::RemoteClient>(wrong));
        QCOMPARE(callAndWait(*e.bridge, QStringLiteral("us-west-2@wrong"),
                             QStringLiteral("ListTables"), Json::object())
                     .error->type,
                 std::string("InvalidSignatureException"));

        if (tls) {
            // Without the test's CA the certificate is not trusted: verification is real.
            e.bridge->addConnection(QStringLiteral("untrusted"), {QStringLiteral("us-west-2")},
                                    std::make_unique<tablespan::RemoteClient>(signedEndpoint(url)));
            const tablespan::Result refused =
                callAndWait(*e.bridge, QStringLiteral("us-west-2@untrusted"),
                            QStringLiteral("ListTables"), Json::object());
            QCOMPARE(refused.error->type, std::string("SSLError"));
            QVERIFY2(QString::fromStdString(refused.error->message)
                         .contains(QLatin1String("certificate")),
                     refused.error->message.c_str());
        }
    }

    // dynalite: its tables browsed and edited through the console's remote client; what it
    // does not offer is its own error, not a broken view.
    void dynalite() {
        const QString binary = qEnvironmentVariable("TABLESPAN_DYNALITE");
        QVERIFY2(QFileInfo(binary).isExecutable(),
                 "TABLESPAN_DYNALITE must name dynalite's binary (see remote_engines.sh)");
        namespace net = boost::asio;
        const auto loopback = net::ip::make_address("127.0.0.1");
        std::uint16_t port = 0;
        {
            net::io_context io;
            net::ip::tcp::acceptor probe(io, {loopback, 0});
            port = probe.local_endpoint().port();
        }
        Child dynalite;
        dynalite.process.start(binary, {QStringLiteral("--port"), QString::number(port),
                                        QStringLiteral("--createTableMs"), QStringLiteral("50"),
                                        QStringLiteral("--deleteTableMs"), QStringLiteral("50")});
        QVERIFY(dynalite.process.waitForStarted(10'000));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                net::io_context io;
                net::ip::tcp::socket socket(io);
                boost::system::error_code ec;
                socket.connect({loopback, port}, ec);
                return !ec;
            }(),
            20'000);

        WidgetEngine e;
        e.bridge->remotePoller()->setInterval(50);
        MainWindow window(*e.bridge);
        window.show();
        tablespan::RemoteEndpoint endpoint;
        endpoint.url = "http://127.0.0.1:" + std::to_string(port);
        endpoint.access_key_id = "AKIDDYNALITE";  // dynalite reads no signature
        endpoint.secret_access_key = "dynalite";
        e.bridge->addConnection(QStringLiteral("dynalite"), {QStringLiteral("us-east-1")},
                                std::make_unique<tablespan::RemoteClient>(endpoint));
        const QString region = QStringLiteral("us-east-1@dynalite");
        window.setRegion(region);

        QVERIFY(
            callAndWait(*e.bridge, region, QStringLiteral("CreateTable"), ordersTable("Shipments"))
                .ok());
        auto* tables = window.tablesTab()->model();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(tables, QStringLiteral("Shipments")),
                                  QStringLiteral("ACTIVE"), 20'000);
        for (int i = 1; i <= 3; ++i)
            QVERIFY(callAndWait(*e.bridge, region, QStringLiteral("PutItem"),
                                {{"TableName", "Shipments"},
                                 {"Item",
                                  {{"pk", {{"S", "ship"}}},
                                   {"sk", {{"S", std::to_string(i)}}},
                                   {"state", {{"S", "packed"}}}}}})
                        .ok());

        // Browse in the Items tab, edit one item, and see the edit after a refresh.
        window.itemsTab()->setTable(QStringLiteral("Shipments"));
        auto* items = window.itemsTab()->model();
        QTRY_COMPARE_WITH_TIMEOUT(items->rowCount(), 3, 20'000);
        QVERIFY(callAndWait(*e.bridge, region, QStringLiteral("UpdateItem"),
                            {{"TableName", "Shipments"},
                             {"Key", {{"pk", {{"S", "ship"}}}, {"sk", {{"S", "2"}}}}},
                             {"UpdateExpression", "SET #s = :v"},
                             {"ExpressionAttributeNames", {{"#s", "state"}}},
                             {"ExpressionAttributeValues", {{":v", {{"S", "shipped"}}}}}})
                    .ok());
        items->reload();
        QTRY_COMPARE_WITH_TIMEOUT(items->rowCount(), 3, 20'000);
        const tablespan::Result edited = callAndWait(
            *e.bridge, region, QStringLiteral("GetItem"),
            {{"TableName", "Shipments"}, {"Key", {{"pk", {{"S", "ship"}}}, {"sk", {{"S", "2"}}}}}});
        QCOMPARE(edited.body["Item"]["state"]["S"].get<std::string>(), std::string("shipped"));

        // dynalite has no backups: its own error comes back, as it worded it.
        const tablespan::Result backup =
            callAndWait(*e.bridge, region, QStringLiteral("CreateBackup"),
                        {{"TableName", "Shipments"}, {"BackupName", "nope"}});
        QVERIFY(!backup.ok());
        QVERIFY(backup.error->http_status >= 400);
        qInfo("dynalite answers CreateBackup with %s: %s", backup.error->type.c_str(),
              backup.error->message.c_str());
        // And the Tables tab still shows the table, with no error banner.
        QCOMPARE(statusOf(tables, QStringLiteral("Shipments")), QStringLiteral("ACTIVE"));
        QVERIFY2(window.tablesTab()->errorText().isEmpty(),
                 qPrintable(window.tablesTab()->errorText()));
    }
};

QTEST_MAIN(TstE2eRemote)
#include "tst_e2e_remote.moc"
