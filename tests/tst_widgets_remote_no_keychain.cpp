// Access keys typed into the Connect dialog where no keychain service answers (issue 19),
// as on most CI machines: the session bus is made to point nowhere, so the Secret Service
// cannot be reached. The choice is listed, says why it cannot be used and what to use
// instead, and OK refuses it: the keys are kept nowhere else.

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

#include "remote/connect_dialog.h"
#include "remote/remote_connection.h"
#include "connect_dialog_helpers.h"

namespace {
const QString kNoKeychain = QStringLiteral(
    "There is no system keychain to keep the keys in. Choose an AWS CLI profile instead. "
    "Details: ");
}  // namespace

class TstWidgetsRemoteNoKeychain : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        // No keychain service, wherever the test runs: a session bus that is not there.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/tablespan-test-bus");
    }

    void theChoiceSaysWhyItCannotBeUsed() {
        ConnectDialog dialog({}, tablespan::AwsEnvironment{});
        dialog.show();
        fillConnection(dialog, QStringLiteral("typed"), QStringLiteral("http://127.0.0.1:8000"),
                       QStringLiteral("us-east-1"));
        auto* keyId = child<QLineEdit>(&dialog, "accessKeyId");
        auto* secret = child<QLineEdit>(&dialog, "secretAccessKey");
        QVERIFY(!keyId->isVisible());
        chooseCredentials(dialog, QStringLiteral("Access keys entered here"));
        QVERIFY(keyId->isVisible());
        QVERIFY(secret->isVisible());
        QVERIFY(!okButton(dialog)->isEnabled());
        // The keychain's own words follow ("Could not connect: No such file or directory").
        QTRY_VERIFY2(dialog.credentialStatus().startsWith(kNoKeychain),
                     qPrintable(dialog.credentialStatus()));
        QVERIFY(dialog.credentialStatus().size() > kNoKeychain.size());
        QVERIFY(child<QLabel>(&dialog, "credentialStatus")->isVisible());
        QVERIFY(!keyId->isEnabled());
        QVERIFY(!secret->isEnabled());
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(!child<QPushButton>(&dialog, "testConnection")->isEnabled());
        dialog.accept();  // Enter, say: refused all the same
        QVERIFY(dialog.isVisible());

        // Another way to sign: OK again, and the fields go.
        chooseCredentials(dialog, QStringLiteral("No signature"));
        QVERIFY(!keyId->isVisible());
        QVERIFY(okButton(dialog)->isEnabled());
        QVERIFY(!dialog.connection().keychainKeys);
        QVERIFY(dialog.connection().unsignedRequests);
    }

    // A saved connection whose keys are in the keychain, edited where there is none: the
    // same reason, and nothing to save until another way to sign is chosen.
    void editingSaysWhyToo() {
        RemoteConnection typed;
        typed.name = QStringLiteral("typed");
        typed.url = QStringLiteral("http://127.0.0.1:8000");
        typed.regions = {QStringLiteral("us-east-1")};
        typed.keychainKeys = true;
        ConnectDialog dialog({typed.name}, tablespan::AwsEnvironment{});
        dialog.show();
        dialog.setConnection(typed);
        QCOMPARE(dialog.connection(), typed);
        QVERIFY(child<QLineEdit>(&dialog, "accessKeyId")->isVisible());
        QTRY_VERIFY2(dialog.credentialStatus().startsWith(kNoKeychain),
                     qPrintable(dialog.credentialStatus()));
        QVERIFY(!okButton(dialog)->isEnabled());
        chooseCredentials(dialog, QStringLiteral("No signature"));
        QVERIFY(okButton(dialog)->isEnabled());
    }
};

QTEST_MAIN(TstWidgetsRemoteNoKeychain)
#include "tst_widgets_remote_no_keychain.moc"
