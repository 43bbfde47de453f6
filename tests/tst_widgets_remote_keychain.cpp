// Access keys typed into the Connect dialog and kept in the system keychain (issue 19),
// against a real Secret Service: gnome-keyring in a D-Bus session and home directory of
// the test's own (keychain/run_with_keyring.sh runs this test). The keys reach the keychain
// and never the settings; a console started again reads them without waiting for them and
// signs with them (a real endpoint with keys lists its tables; a wrong secret is refused
// by it); editing keeps them, or moves them with a new name; "Disconnect and forget"
// deletes them; missing keys and a locked keychain are said in words.

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>
#include <optional>

#include "remote/connect_dialog.h"
#include "remote/connections_menu.h"
#include "remote/keychain_store.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "window/main_window.h"
#include "connect_dialog_helpers.h"
#include "remote_lab_fixture.h"
#include "widget_fixture.h"

namespace {
const QString kKey = QString::fromLatin1(RemoteLab::kKey);
const QString kSecret = QString::fromLatin1(RemoteLab::kSecret);

// Waits for a keychain call's answer (the keychain answers on the event loop).
template <typename Start>
KeychainResult await(Start start) {
    std::optional<KeychainResult> result;
    QObject context;
    start(&context, [&](const KeychainResult& r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 30'000))
        qFatal("the keychain did not answer");
    return *result;
}

KeychainResult readKeys(const QString& name, AccessKeys* keys = nullptr) {
    return await([&](QObject* context, auto done) {
        KeychainStore::read(name, context,
                            [done, keys](const KeychainResult& r, const AccessKeys& k) {
                                if (keys) *keys = k;
                                done(r);
                            });
    });
}

KeychainResult writeKeys(const QString& name, const AccessKeys& keys) {
    return await(
        [&](QObject* context, auto done) { KeychainStore::write(name, keys, context, done); });
}

// The lab with the table Orders.
void createOrders(RemoteLab& lab) {
    lab.createTable("Orders");
}

RemoteConnection keychainConnection(const QString& name, const RemoteLab& lab) {
    RemoteConnection c;
    c.name = name;
    c.url = QString::fromStdString(lab.server->url());
    c.regions = {QStringLiteral("eu-west-1")};
    c.keychainKeys = true;
    return c;
}

// The connections as the Connections menu lists them ("lab", "lab (not connected)").
QStringList menuTitles(const MainWindow& window) {
    QStringList titles;
    for (QAction* action : window.connectionsMenu()->menu()->actions())
        if (action->menu()) titles << action->text();
    return titles;
}

QAction* menuAction(const MainWindow& window, const QString& connection, const QString& text) {
    for (QAction* action : window.connectionsMenu()->menu()->actions())
        if (action->menu() && action->text().startsWith(connection))
            for (QAction* item : action->menu()->actions())
                if (item->text() == text) return item;
    qFatal("no menu item %s for %s", qPrintable(text), qPrintable(connection));
    return nullptr;
}

// Triggers `action`, which opens a modal Connect dialog; `work` fills it in and presses
// OK while it is open. A dialog still open after a failure is cancelled.
void withDialog(QAction* action, const std::function<void(ConnectDialog&)>& work) {
    QTimer::singleShot(0, action, [&work] {
        auto* dialog = qobject_cast<ConnectDialog*>(QApplication::activeModalWidget());
        if (!dialog) qFatal("no Connect dialog is open");
        work(*dialog);
        if (QTest::currentTestFailed() ||
            !QTest::qWaitFor([&] { return !dialog->isVisible(); }, 30'000))
            dialog->reject();
    });
    action->trigger();
}

QString settingsText() {
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// What a ListTables through the bridge answers: "ok", or the error type.
QString listTables(EngineBridge& bridge, const QString& region) {
    QString answer;
    const QObject context;  // a late answer is dropped with it
    bridge.call(&context, region, QStringLiteral("ListTables"), tablespan::Json::object(),
                [&](const tablespan::Result& r) {
                    answer = r.ok() ? QStringLiteral("ok") : QString::fromStdString(r.error->type);
                });
    if (!QTest::qWaitFor([&] { return !answer.isEmpty(); }, 30'000))
        return QStringLiteral("no answer");
    return answer;
}
}  // namespace

class TstWidgetsRemoteKeychain : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        // Settings of this run only (before anything opens QSettings).
        QVERIFY(m_config.isValid());
        qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
        const KeychainResult probe =
            await([](QObject* context, auto done) { KeychainStore::probe(context, done); });
        QVERIFY2(probe.ok(), qPrintable(QStringLiteral("no keychain to test with (run through "
                                                       "tests/keychain/run_with_keyring.sh): ") +
                                        probe.detail));
    }
    void cleanup() {
        QSettings settings;
        settings.clear();
    }

    // Typed into the dialog, tested, saved: the keys are in the keychain, the settings say
    // only that they are there, and the region lists the endpoint's tables.
    void typedKeysGoToTheKeychainNotTheSettings() {
        RemoteLab lab;
        createOrders(lab);
        WidgetEngine e;
        MainWindow window(*e.bridge);
        ConnectDialog dialog({}, tablespan::AwsEnvironment{});
        dialog.show();
        fillConnection(dialog, QStringLiteral("lab"), QString::fromStdString(lab.server->url()),
                       QStringLiteral("eu-west-1"));
        chooseCredentials(dialog, QStringLiteral("Access keys entered here"));
        auto* keyId = child<QLineEdit>(&dialog, "accessKeyId");
        auto* secret = child<QLineEdit>(&dialog, "secretAccessKey");
        QVERIFY(keyId->isVisible());
        QTRY_VERIFY(keyId->isEnabled());
        QCOMPARE(
            dialog.credentialStatus(),
            QStringLiteral("The keys are kept in the system keychain, never in the settings."));
        QVERIFY(!okButton(dialog)->isEnabled());
        QCOMPARE(dialog.validationMessage(),
                 QStringLiteral("Enter the access key ID and the secret access key."));
        QTest::keyClicks(keyId, kKey);
        QCOMPARE(dialog.validationMessage(), QStringLiteral("Enter the secret access key too."));
        QTest::keyClicks(secret, kSecret);
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        QVERIFY(okButton(dialog)->isEnabled());

        QTest::mouseClick(child<QPushButton>(&dialog, "testConnection"), Qt::LeftButton);
        QTRY_COMPARE(dialog.testResult(),
                     QStringLiteral("Connected: 1 table(s) listed in eu-west-1."));

        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_COMPARE(accepted.count(), 1);
        const RemoteConnection c = dialog.connection();
        QVERIFY(c.keychainKeys);
        QVERIFY(c.profile.isEmpty());
        AccessKeys kept;
        QVERIFY(readKeys(QStringLiteral("lab"), &kept).ok());
        QCOMPARE(kept, (AccessKeys{kKey, kSecret, QString()}));

        QString error;
        QVERIFY2(window.connectionsMenu()->add(c, &error), qPrintable(error));
        const QString text = settingsText();
        QVERIFY2(text.contains(QLatin1String("keychain=true")), qPrintable(text));
        QVERIFY2(!text.contains(kKey) && !text.contains(kSecret), qPrintable(text));
        QVERIFY(!text.contains(kSecret.left(8)) && !text.contains(kKey.right(6)));

        QTRY_COMPARE(menuTitles(window), QStringList{QStringLiteral("lab")});
        window.setRegion(QStringLiteral("eu-west-1@lab"));
        QTRY_VERIFY(window.tablesTab()->model()->rowOf(QStringLiteral("Orders")) >= 0);
        QCOMPARE(window.tablesTab()->errorText(), QString());
        window.connectionsMenu()->remove(QStringLiteral("lab"));
    }

    // A console started with a saved keychain connection lists it at once, reads the keys
    // without blocking, and signs with them; keys typed in Edit… replace them, and the
    // endpoint refuses a wrong secret.
    void aRestartedConsoleSignsWithTheKeychainKeys() {
        RemoteLab lab;
        createOrders(lab);
        WidgetEngine e;
        QVERIFY(writeKeys(QStringLiteral("shared"), {kKey, kSecret, QString()}).ok());
        {
            QSettings settings;
            saveConnections(settings, {keychainConnection(QStringLiteral("shared"), lab)});
        }
        MainWindow window(*e.bridge);
        // Listed before the keychain answered: the constructor did not wait for it.
        QCOMPARE(menuTitles(window), QStringList{QStringLiteral("shared (reading its keys…)")});
        QVERIFY(e.bridge->connections().contains(QStringLiteral("shared")));
        QTRY_COMPARE(menuTitles(window), QStringList{QStringLiteral("shared")});
        window.setRegion(QStringLiteral("eu-west-1@shared"));
        QTRY_VERIFY(window.tablesTab()->model()->rowOf(QStringLiteral("Orders")) >= 0);
        QCOMPARE(listTables(*e.bridge, QStringLiteral("eu-west-1@shared")), QStringLiteral("ok"));

        withDialog(
            menuAction(window, QStringLiteral("shared"), QStringLiteral("Edit…")),
            [](ConnectDialog& dialog) {
                // The stored key is shown masked; nothing typed keeps it.
                QTRY_COMPARE(dialog.credentialStatus(),
                             QStringLiteral("Access key AKID…DLAB is kept in the system "
                                            "keychain. Type new keys to replace it."));
                QVERIFY(okButton(dialog)->isEnabled());
                QVERIFY(child<QLineEdit>(&dialog, "secretAccessKey")->text().isEmpty());
                child<QLineEdit>(&dialog, "accessKeyId")->setText(kKey);
                child<QLineEdit>(&dialog, "secretAccessKey")->setText(QStringLiteral("wrong"));
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
            });
        AccessKeys kept;
        QVERIFY(readKeys(QStringLiteral("shared"), &kept).ok());
        QCOMPARE(kept.secretAccessKey, QStringLiteral("wrong"));
        QTRY_COMPARE(listTables(*e.bridge, QStringLiteral("eu-west-1@shared")),
                     QStringLiteral("InvalidSignatureException"));
        window.refresh();  // as the user would, on the region shown
        QTRY_VERIFY2(window.tablesTab()->errorText().contains(
                         QLatin1String("The request signature we calculated does not match")),
                     qPrintable(window.tablesTab()->errorText()));
        window.connectionsMenu()->remove(QStringLiteral("shared"));
    }

    // Edit… without typing keys keeps them; a new name takes them along, and the old
    // name's entry goes.
    void renamingMovesTheKeys() {
        RemoteLab lab;
        WidgetEngine e;
        QVERIFY(writeKeys(QStringLiteral("before"), {kKey, kSecret, QStringLiteral("token")}).ok());
        {
            QSettings settings;
            saveConnections(settings, {keychainConnection(QStringLiteral("before"), lab)});
        }
        MainWindow window(*e.bridge);
        QTRY_COMPARE(menuTitles(window), QStringList{QStringLiteral("before")});
        withDialog(
            menuAction(window, QStringLiteral("before"), QStringLiteral("Edit…")),
            [](ConnectDialog& dialog) {
                QTRY_VERIFY2(dialog.credentialStatus().startsWith(
                                 QStringLiteral("Access key AKID…DLAB is kept")),
                             qPrintable(dialog.credentialStatus()));
                child<QLineEdit>(&dialog, "connectionName")->setText(QStringLiteral("after"));
                QTest::mouseClick(okButton(dialog), Qt::LeftButton);
            });
        QTRY_COMPARE(menuTitles(window), QStringList{QStringLiteral("after")});
        AccessKeys moved;
        QVERIFY(readKeys(QStringLiteral("after"), &moved).ok());
        QCOMPARE(moved, (AccessKeys{kKey, kSecret, QStringLiteral("token")}));
        QCOMPARE(readKeys(QStringLiteral("before")).status, KeychainResult::Status::NotFound);
        QCOMPARE(listTables(*e.bridge, QStringLiteral("eu-west-1@after")), QStringLiteral("ok"));
        window.connectionsMenu()->remove(QStringLiteral("after"));
    }

    void forgettingDeletesTheKeys() {
        RemoteLab lab;
        WidgetEngine e;
        QVERIFY(writeKeys(QStringLiteral("gone"), {kKey, kSecret, QString()}).ok());
        {
            QSettings settings;
            saveConnections(settings, {keychainConnection(QStringLiteral("gone"), lab)});
        }
        MainWindow window(*e.bridge);
        QTRY_COMPARE(menuTitles(window), QStringList{QStringLiteral("gone")});
        menuAction(window, QStringLiteral("gone"), QStringLiteral("Disconnect and forget"))
            ->trigger();
        QVERIFY(menuTitles(window).isEmpty());
        QVERIFY(!e.bridge->connections().contains(QStringLiteral("gone")));
        QTRY_COMPARE(readKeys(QStringLiteral("gone")).status, KeychainResult::Status::NotFound);
    }

    // Settings that name keychain keys the keychain does not hold: the region is listed
    // and says so, and the menu shows the connection as not connected.
    void missingKeysAreSaidInWords() {
        RemoteLab lab;
        WidgetEngine e;
        {
            QSettings settings;
            saveConnections(settings, {keychainConnection(QStringLiteral("nokeys"), lab)});
        }
        MainWindow window(*e.bridge);
        QTRY_COMPARE(menuTitles(window), QStringList{QStringLiteral("nokeys (not connected)")});
        window.setRegion(QStringLiteral("eu-west-1@nokeys"));
        QTRY_VERIFY(!window.tablesTab()->errorText().isEmpty());
        QCOMPARE(window.tablesTab()->errorText(),
                 QStringLiteral(
                     "Could not list tables: The system keychain holds no keys for nokeys, or it "
                     "is locked. Unlock it and choose Connections → nokeys → Connect "
                     "again, or type the keys again with Edit…."));
        // Keys put there later: Connect again signs with them.
        QVERIFY(writeKeys(QStringLiteral("nokeys"), {kKey, kSecret, QString()}).ok());
        menuAction(window, QStringLiteral("nokeys"), QStringLiteral("Connect again"))->trigger();
        QTRY_COMPARE(menuTitles(window), QStringList{QStringLiteral("nokeys")});
        QCOMPARE(listTables(*e.bridge, QStringLiteral("eu-west-1@nokeys")), QStringLiteral("ok"));
        window.connectionsMenu()->remove(QStringLiteral("nokeys"));
    }

    // Last: nothing in this session unlocks the keychain again. A locked keychain refuses
    // typed keys, and the dialog says so instead of keeping them anywhere else.
    void aLockedKeychainIsSaidInWords() {
        QProcess gdbus;
        gdbus.start(QStringLiteral("gdbus"),
                    {QStringLiteral("call"), QStringLiteral("--session"), QStringLiteral("--dest"),
                     QStringLiteral("org.freedesktop.secrets"), QStringLiteral("--object-path"),
                     QStringLiteral("/org/freedesktop/secrets"), QStringLiteral("--method"),
                     QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                     QStringLiteral("[objectpath '/org/freedesktop/secrets/collection/login']")});
        QVERIFY2(gdbus.waitForFinished(30'000) && gdbus.exitCode() == 0,
                 gdbus.readAllStandardError().constData());
        ConnectDialog dialog({}, tablespan::AwsEnvironment{});
        dialog.show();
        fillConnection(dialog, QStringLiteral("locked"), QStringLiteral("http://127.0.0.1:8000"),
                       QStringLiteral("eu-west-1"));
        chooseCredentials(dialog, QStringLiteral("Access keys entered here"));
        // In the keychain's words: "Cannot create an item in a locked collection".
        QTRY_VERIFY2(dialog.credentialStatus().startsWith(QLatin1String(
                         "The system keychain is locked or refused to keep the keys. Unlock it "
                         "and try again, or choose an AWS CLI profile instead. Details: ")),
                     qPrintable(dialog.credentialStatus()));
        QVERIFY(!child<QLineEdit>(&dialog, "accessKeyId")->isEnabled());
        QVERIFY(!okButton(dialog)->isEnabled());
    }

private:
    QTemporaryDir m_config;
};

QTEST_MAIN(TstWidgetsRemoteKeychain)
#include "tst_widgets_remote_keychain.moc"
