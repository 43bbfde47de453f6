// Remote connections (issue 19): a named endpoint, its regions and how to sign for it,
// saved in the settings without any secret (keys typed into the dialog only as "they are
// in the keychain"); validation in words; the endpoint built
// from the AWS CLI's files of a home directory of the test's own (never the real HOME);
// and the Connect dialog: the resolved key shown masked, OK refused for a bad URL, and
// Test connection answered by a real in-process endpoint without blocking the GUI.

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>
#include <string>

#include "remote/connect_dialog.h"
#include "remote/remote_connection.h"
#include "tablespan/engine.h"
#include "tablespan/http_server.h"
#include "aws_home_fixture.h"
#include "connect_dialog_helpers.h"

namespace {
const QByteArray kKeyId = "AKIAIOSFODNN7EXAMPLE";
const QByteArray kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

// A home directory with ~/.aws/credentials (profile dev with a key pair) and
// ~/.aws/config (dev's region eu-west-1; a profile "broken" with only a region).
class Home : public aws_test::Home {
public:
    Home() {
        writeCredentials("[dev]\naws_access_key_id = " + kKeyId +
                         "\naws_secret_access_key = " + kSecret + "\n");
        writeConfig("[profile dev]\nregion = eu-west-1\n[profile broken]\nregion = us-west-2\n");
    }
    QString path() const { return QString::fromStdString(aws_test::Home::path()); }
};

RemoteConnection connection(const QString& name, const QString& url, const QStringList& regions) {
    RemoteConnection c;
    c.name = name;
    c.url = url;
    c.regions = regions;
    return c;
}

// An engine on its own threads and its HTTP endpoint on a free loopback port.
struct Endpoint {
    QTemporaryDir dir;
    std::unique_ptr<tablespan::Engine> engine;
    std::unique_ptr<tablespan::HttpServer> server;

    explicit Endpoint(std::optional<std::map<std::string, std::string>> credentials = {}) {
        tablespan::EngineOptions options;
        options.data_dir = dir.path().toStdString();
        options.threads = 2;
        std::string error;
        engine = tablespan::Engine::open(options, &error);
        if (!engine) qFatal("cannot open engine: %s", error.c_str());
        tablespan::HttpServerOptions http;
        http.port = 0;
        http.credentials = std::move(credentials);
        server = std::make_unique<tablespan::HttpServer>(*engine, http);
        const std::string started = server->start();
        if (!started.empty()) qFatal("cannot start the server: %s", started.c_str());
    }
    QString url() const { return QString::fromStdString(server->url()); }
};
}  // namespace

class TstWidgetsRemoteConnections : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        // No keychain service, wherever the test runs (the typed-keys choice checks for one):
        // a session bus that is not there.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/tablespan-test-bus");
    }

    void settingsRoundTrip() {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("settings.ini"));
        RemoteConnection local =
            connection(QStringLiteral("local"), QStringLiteral("http://127.0.0.1:8000"),
                       {QStringLiteral("us-east-1")});
        local.unsignedRequests = true;
        RemoteConnection aws = connection(
            QStringLiteral("prod-aws"), QStringLiteral("https://dynamodb.{region}.amazonaws.com"),
            {QStringLiteral("eu-west-1"), QStringLiteral("us-west-2")});
        aws.profile = QStringLiteral("dev");
        aws.caFile = QStringLiteral("/etc/lab-ca.pem");
        RemoteConnection typed =
            connection(QStringLiteral("typed"), QStringLiteral("https://lab.example.com:8443"),
                       {QStringLiteral("eu-west-1")});
        typed.keychainKeys = true;
        {
            QSettings settings(file, QSettings::IniFormat);
            saveConnections(settings, {local, aws, typed});
        }
        {
            QSettings settings(file, QSettings::IniFormat);
            const QList<RemoteConnection> loaded = loadConnections(settings);
            QCOMPARE(loaded.size(), 3);
            QCOMPARE(loaded[0], local);
            QCOMPARE(loaded[1], aws);
            QCOMPARE(loaded[2], typed);
            // A shorter list leaves nothing of the longer one behind.
            saveConnections(settings, {aws});
        }
        QSettings settings(file, QSettings::IniFormat);
        const QList<RemoteConnection> loaded = loadConnections(settings);
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded[0], aws);
        QVERIFY(!QFile(file).readAll().contains("local"));
    }

    void noSecretIsWritten() {
        const Home home;
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("settings.ini"));
        ConnectDialog dialog({}, home.env());
        child<QLineEdit>(&dialog, "connectionName")->setText(QStringLiteral("dev-aws"));
        child<QLineEdit>(&dialog, "endpointUrl")
            ->setText(QStringLiteral("https://dynamodb.{region}.amazonaws.com"));
        chooseCredentials(dialog, QStringLiteral("Profile dev"));
        QVERIFY(okButton(dialog)->isEnabled());
        const RemoteConnection c = dialog.connection();
        QCOMPARE(c.profile, QStringLiteral("dev"));
        {
            QSettings settings(file, QSettings::IniFormat);
            saveConnections(settings, {c});
        }
        QFile saved(file);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray text = saved.readAll();
        QVERIFY2(text.contains("dev-aws"), text.constData());
        QVERIFY2(text.contains("profile=dev"), text.constData());
        QVERIFY(!text.contains(kSecret));
        QVERIFY(!text.contains(kKeyId));
        // Not even a part of them.
        QVERIFY(!text.contains(kSecret.left(8)));
        QVERIFY(!text.contains(kKeyId.right(8)));

        // Keys typed into the dialog: the settings say only that the keychain has them.
        chooseCredentials(dialog, QStringLiteral("Access keys entered here"));
        child<QLineEdit>(&dialog, "accessKeyId")->setText(QString::fromLatin1(kKeyId));
        child<QLineEdit>(&dialog, "secretAccessKey")->setText(QString::fromLatin1(kSecret));
        child<QLineEdit>(&dialog, "sessionToken")->setText(QStringLiteral("FwoGZXIvYXdzEXAMPLE"));
        const RemoteConnection typed = dialog.connection();
        QVERIFY(typed.keychainKeys);
        QVERIFY(typed.profile.isEmpty());
        {
            QSettings settings(file, QSettings::IniFormat);
            saveConnections(settings, {typed});
        }
        QFile again(file);
        QVERIFY(again.open(QIODevice::ReadOnly));
        const QByteArray typedText = again.readAll();
        QVERIFY2(typedText.contains("keychain=true"), typedText.constData());
        QVERIFY(!typedText.contains(kSecret.left(8)));
        QVERIFY(!typedText.contains(kKeyId.right(8)));
        QVERIFY(!typedText.contains("FwoGZXIv"));
    }

    void validation_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("regions");
        QTest::addColumn<QString>("expected");
        const QString url = QStringLiteral("http://127.0.0.1:8000");
        const QStringList east{QStringLiteral("us-east-1")};
        QTest::newRow("valid") << "local" << url << east << QString();
        QTest::newRow("pattern") << "aws_1"
                                 << "https://dynamodb.{region}.amazonaws.com" << east << QString();
        QTest::newRow("host name and port") << "lab"
                                            << "https://lab.example.com:8443/" << east << QString();
        QTest::newRow("no name") << "" << url << east
                                 << QStringLiteral("Give the connection a name.");
        QTest::newRow("long name") << QString(33, u'a') << url << east
                                   << QStringLiteral("The name has more than 32 characters.");
        QTest::newRow("32 characters") << QString(32, u'a') << url << east << QString();
        QTest::newRow("space") << "my lab" << url << east
                               << QStringLiteral(
                                      "The name may hold only letters, digits, - and _.");
        QTest::newRow("taken") << "Prod" << url << east
                               << QStringLiteral("There is already a connection named Prod.");
        QTest::newRow("no url") << "local"
                                << " " << east << QStringLiteral("Enter the endpoint's URL.");
        const QString badUrl = QStringLiteral(
            "The URL is http:// or https://, a host and an optional port, such as "
            "http://127.0.0.1:8000.");
        QTest::newRow("ftp") << "local"
                             << "ftp://127.0.0.1" << east << badUrl;
        QTest::newRow("no scheme") << "local"
                                   << "127.0.0.1:8000" << east << badUrl;
        QTest::newRow("no host") << "local"
                                 << "http://:8000" << east << badUrl;
        QTest::newRow("bad port") << "local"
                                  << "http://localhost:99999" << east << badUrl;
        QTest::newRow("path") << "local"
                              << "http://localhost:8000/dynamo" << east << badUrl;
        QTest::newRow("query") << "local"
                               << "http://localhost:8000?x=1" << east << badUrl;
        QTest::newRow("no region") << "local" << url << QStringList()
                                   << QStringLiteral(
                                          "Choose at least one region the endpoint "
                                          "serves.");
        QTest::newRow("unknown region")
            << "local" << url
            << QStringList{QStringLiteral("us-east-1"), QStringLiteral("mars-north-1")}
            << QStringLiteral(
                   "mars-north-1 is not a known region "
                   "code.");
    }
    void validation() {
        QFETCH(QString, name);
        QFETCH(QString, url);
        QFETCH(QStringList, regions);
        QFETCH(QString, expected);
        QCOMPARE(validateConnection(connection(name, url, regions), {QStringLiteral("prod")}),
                 expected);
    }

    void validationOfTheCaFile() {
        QTemporaryDir dir;
        RemoteConnection c = connection(QStringLiteral("lab"), QStringLiteral("https://lab:8443"),
                                        {QStringLiteral("us-east-1")});
        c.caFile = dir.filePath(QStringLiteral("ca.pem"));
        QCOMPARE(validateConnection(c, {}),
                 QStringLiteral("There is no CA file %1.").arg(c.caFile));
        QFile ca(c.caFile);
        QVERIFY(ca.open(QIODevice::WriteOnly));
        ca.close();
        QCOMPARE(validateConnection(c, {}), QString());
    }

    void endpointWithAProfile() {
        const Home home;
        RemoteConnection c = connection(QStringLiteral("aws"),
                                        QStringLiteral("https://dynamodb.{region}.amazonaws.com"),
                                        {QStringLiteral("eu-west-1")});
        c.profile = QStringLiteral("dev");
        c.caFile = QStringLiteral("/etc/lab-ca.pem");
        QString error, source;
        const auto endpoint = endpointFor(c, home.env(), &error, &source);
        QVERIFY2(endpoint, qPrintable(error));
        QVERIFY(error.isEmpty());
        QCOMPARE(endpoint->url, "https://dynamodb.{region}.amazonaws.com");
        QCOMPARE(endpoint->access_key_id, kKeyId.toStdString());
        QCOMPARE(endpoint->secret_access_key, kSecret.toStdString());
        QVERIFY(endpoint->session_token.empty());
        QCOMPARE(endpoint->ca_file, "/etc/lab-ca.pem");
        QCOMPARE(source, QStringLiteral("profile dev in %1/.aws/credentials").arg(home.path()));

        // A profile without keys, and one that does not exist: the resolver's reason.
        c.profile = QStringLiteral("broken");
        QVERIFY(!endpointFor(c, home.env(), &error));
        QVERIFY2(error.startsWith(QStringLiteral("No credentials: ")), qPrintable(error));
        c.profile = QStringLiteral("gone");
        QVERIFY(!endpointFor(c, home.env(), &error));
        QVERIFY2(error.contains(QStringLiteral("The config profile (gone) could not be found")),
                 qPrintable(error));
        QVERIFY(!error.contains(QString::fromLatin1(kSecret)));
    }

    void endpointUnsigned() {
        const Home home;
        RemoteConnection c =
            connection(QStringLiteral("local"), QStringLiteral(" http://127.0.0.1:8000 "),
                       {QStringLiteral("us-east-1")});
        c.profile = QStringLiteral("dev");  // ignored: unsigned wins
        c.unsignedRequests = true;
        QString error, source;
        const auto endpoint = endpointFor(c, home.env(), &error, &source);
        QVERIFY(endpoint);
        QCOMPARE(endpoint->url, "http://127.0.0.1:8000");
        QVERIFY(endpoint->access_key_id.empty());
        QVERIFY(endpoint->secret_access_key.empty());
        QVERIFY(!source.isEmpty());
    }

    // The AWS CLI's retry settings travel with the endpoint; an invalid one is refused
    // with the CLI's words, before any request.
    void endpointWithRetrySettings() {
        const Home home;
        RemoteConnection c = connection(QStringLiteral("aws"),
                                        QStringLiteral("https://dynamodb.{region}.amazonaws.com"),
                                        {QStringLiteral("eu-west-1")});
        c.profile = QStringLiteral("dev");
        QString error;
        auto endpoint = endpointFor(c, home.env(), &error);
        QVERIFY2(endpoint, qPrintable(error));
        QCOMPARE(endpoint->retry_mode, tablespan::RetryMode::Standard);
        QCOMPARE(endpoint->max_attempts, 0);

        endpoint = endpointFor(c,
                               home.env({QStringLiteral("AWS_RETRY_MODE=adaptive"),
                                         QStringLiteral("AWS_MAX_ATTEMPTS=5")}),
                               &error);
        QVERIFY2(endpoint, qPrintable(error));
        QCOMPARE(endpoint->retry_mode, tablespan::RetryMode::Adaptive);
        QCOMPARE(endpoint->max_attempts, 5);

        c.unsignedRequests = true;  // unsigned: the default profile's settings still hold
        QVERIFY(!endpointFor(c, home.env({QStringLiteral("AWS_RETRY_MODE=fast")}), &error));
        QCOMPARE(error, QStringLiteral("Invalid retry settings: Invalid value provided to "
                                       "\"mode\": \"fast\" must be one of: ('legacy', "
                                       "'standard', 'adaptive')"));

        // The dialog says which settings it found.
        c.unsignedRequests = false;
        ConnectDialog dialog({}, home.env({QStringLiteral("AWS_MAX_ATTEMPTS=2"),
                                           QStringLiteral("AWS_RETRY_MODE=legacy")}));
        dialog.setConnection(c);
        QVERIFY2(dialog.credentialStatus().contains(
                     QStringLiteral("Retry mode legacy from AWS_RETRY_MODE")),
                 qPrintable(dialog.credentialStatus()));
        QVERIFY2(dialog.credentialStatus().contains(
                     QStringLiteral("Attempts per request: 2, from AWS_MAX_ATTEMPTS")),
                 qPrintable(dialog.credentialStatus()));
    }

    void maskedKey() {
        QCOMPARE(maskedKeyId(QStringLiteral("AKIAIOSFODNN7EXAMPLE")), QStringLiteral("AKIA…MPLE"));
        QCOMPARE(maskedKeyId(QStringLiteral("SHORTKEY")), QStringLiteral("…"));
    }

    void dialogShowsTheMaskedKey() {
        const Home home;
        ConnectDialog dialog({}, home.env());
        dialog.show();
        auto* status = child<QLabel>(&dialog, "credentialStatus");
        // The default chain finds no [default] profile in this home.
        QVERIFY2(dialog.credentialStatus().startsWith(QStringLiteral("No credentials: ")),
                 qPrintable(dialog.credentialStatus()));
        QVERIFY(dialog.connection().regions.isEmpty());

        chooseCredentials(dialog, QStringLiteral("Profile dev"));
        QVERIFY(status->isVisible());
        QVERIFY2(
            status->text().startsWith(QStringLiteral("Access key AKIA…MPLE from profile dev in ")),
            qPrintable(status->text()));
        QVERIFY(status->text().contains(QStringLiteral("Region eu-west-1 from profile dev in ")));
        QVERIFY(!status->text().contains(QString::fromLatin1(kKeyId)));
        QVERIFY(!status->text().contains(QString::fromLatin1(kSecret)));
        // The profile's region is chosen until the user chooses regions.
        QCOMPARE(dialog.connection().regions, QStringList{QStringLiteral("eu-west-1")});
        QCOMPARE(dialog.connection().profile, QStringLiteral("dev"));

        chooseCredentials(dialog, QStringLiteral("Profile broken"));
        QVERIFY2(status->text().startsWith(QStringLiteral("No credentials: ")),
                 qPrintable(status->text()));
        QCOMPARE(dialog.connection().regions, QStringList{QStringLiteral("us-west-2")});
        checkOnly(dialog, QStringLiteral("ap-south-1"));
        chooseCredentials(dialog, QStringLiteral("Profile dev"));
        QCOMPARE(dialog.connection().regions, QStringList{QStringLiteral("ap-south-1")});

        chooseCredentials(dialog, QStringLiteral("No signature"));
        QVERIFY(!status->text().contains(QStringLiteral("AKIA")));
        QVERIFY(dialog.connection().unsignedRequests);
        QVERIFY(dialog.connection().profile.isEmpty());
    }

    void okIsRefusedForABadUrl() {
        const Home home;
        ConnectDialog dialog({QStringLiteral("prod")}, home.env());
        dialog.show();
        auto* validation = child<QLabel>(&dialog, "validationError");
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(!validation->isVisible());  // nothing typed yet: no scolding
        QTest::keyClicks(child<QLineEdit>(&dialog, "connectionName"), QStringLiteral("local"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "endpointUrl"),
                         QStringLiteral("localhost:8000"));
        checkOnly(dialog, QStringLiteral("us-east-1"));
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(!child<QPushButton>(&dialog, "testConnection")->isEnabled());
        QVERIFY(validation->isVisible());
        QVERIFY2(validation->text().startsWith(QStringLiteral("The URL is http:// or https://")),
                 qPrintable(validation->text()));
        child<QLineEdit>(&dialog, "endpointUrl")->setText(QStringLiteral("http://localhost:8000"));
        QVERIFY(okButton(dialog)->isEnabled());
        QVERIFY(!validation->isVisible());
        child<QLineEdit>(&dialog, "connectionName")->setText(QStringLiteral("PROD"));
        QVERIFY(!okButton(dialog)->isEnabled());
        QCOMPARE(dialog.validationMessage(),
                 QStringLiteral("There is already a connection named PROD."));
    }

    void editingKeepsTheConnection() {
        const Home home;
        RemoteConnection c = connection(QStringLiteral("prod"), QStringLiteral("https://lab:8443"),
                                        {QStringLiteral("us-west-2"), QStringLiteral("eu-west-1")});
        c.profile = QStringLiteral("gone");  // no longer in the files: kept, and said so
        ConnectDialog dialog({QStringLiteral("prod"), QStringLiteral("other")}, home.env());
        dialog.setConnection(c);
        QVERIFY(okButton(dialog)->isEnabled());  // its own name is not taken
        RemoteConnection shown = dialog.connection();
        // Regions come back in the catalog's order.
        QCOMPARE(shown.regions,
                 (QStringList{QStringLiteral("us-west-2"), QStringLiteral("eu-west-1")}));
        shown.regions = c.regions;
        QCOMPARE(shown, c);
        QVERIFY(dialog.credentialStatus().contains(QStringLiteral("(gone) could not be found")));
        child<QLineEdit>(&dialog, "connectionName")->setText(QStringLiteral("other"));
        QVERIFY(!okButton(dialog)->isEnabled());

        RemoteConnection local =
            connection(QStringLiteral("local"), QStringLiteral("http://localhost:8000"),
                       {QStringLiteral("us-east-1")});
        local.unsignedRequests = true;
        dialog.setConnection(local);
        QCOMPARE(dialog.connection(), local);
    }

    void testConnectionUnsigned() {
        const Home home;
        Endpoint endpoint;
        ConnectDialog dialog({}, home.env());
        dialog.show();
        child<QLineEdit>(&dialog, "connectionName")->setText(QStringLiteral("local"));
        child<QLineEdit>(&dialog, "endpointUrl")->setText(endpoint.url());
        checkOnly(dialog, QStringLiteral("us-east-1"));
        chooseCredentials(dialog, QStringLiteral("No signature"));
        auto* test = child<QPushButton>(&dialog, "testConnection");
        QVERIFY(test->isEnabled());
        QTest::mouseClick(test, Qt::LeftButton);
        // The GUI goes on while the request is out: the button waits for the answer.
        QVERIFY(!test->isEnabled());
        QTRY_COMPARE(dialog.testResult(),
                     QStringLiteral("Connected: 0 table(s) listed in us-east-1."));
        QVERIFY(test->isEnabled());

        // Nobody listens any more: the client's error, by type.
        endpoint.server.reset();
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_VERIFY2(dialog.testResult().startsWith(
                         QStringLiteral("Not connected: EndpointConnectionError: ")),
                     qPrintable(dialog.testResult()));
    }

    void testConnectionSigned() {
        const Home home;
        Endpoint endpoint(
            std::map<std::string, std::string>{{kKeyId.toStdString(), kSecret.toStdString()}});
        ConnectDialog dialog({}, home.env());
        dialog.show();
        child<QLineEdit>(&dialog, "connectionName")->setText(QStringLiteral("lab"));
        child<QLineEdit>(&dialog, "endpointUrl")->setText(endpoint.url());
        chooseCredentials(dialog, QStringLiteral("No signature"));
        checkOnly(dialog, QStringLiteral("eu-west-1"));
        auto* test = child<QPushButton>(&dialog, "testConnection");
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_VERIFY2(dialog.testResult().startsWith(
                         QStringLiteral("Not connected: MissingAuthenticationTokenException: ")),
                     qPrintable(dialog.testResult()));
        chooseCredentials(dialog, QStringLiteral("Profile dev"));
        QTRY_VERIFY(test->isEnabled());
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_COMPARE(dialog.testResult(),
                     QStringLiteral("Connected: 0 table(s) listed in eu-west-1."));
    }

    void closingDuringATest() {
        // The dialog goes while its request is out: the answer is dropped, nothing crashes.
        const Home home;
        Endpoint endpoint;
        auto dialog = std::make_unique<ConnectDialog>(QStringList{}, home.env());
        child<QLineEdit>(dialog.get(), "endpointUrl")->setText(endpoint.url());
        checkOnly(*dialog, QStringLiteral("us-east-1"));
        chooseCredentials(*dialog, QStringLiteral("No signature"));
        dialog->testConnection();
        dialog.reset();
        QCoreApplication::processEvents();
    }
};

QTEST_MAIN(TstWidgetsRemoteConnections)
#include "tst_widgets_remote_connections.moc"
