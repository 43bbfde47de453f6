// The console's KMS keys: the KMS keys tab lists the region's keys and creates, disables,
// enables, schedules for deletion and cancels (KMS's refusals inline, requests made
// elsewhere shown when they complete); the create-table dialog and a table's Settings tab
// pick a customer managed key of the region; the Global tables tab shows a replica whose
// key is inaccessible in words. Every new model runs under QAbstractItemModelTester.

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include "global/global_console.h"
#include "global/global_tables_tab.h"
#include "global/replica_model.h"
#include "kms/kms_console.h"
#include "kms/kms_key_dialogs.h"
#include "kms/kms_key_picker.h"
#include "kms/kms_keys_model.h"
#include "kms/kms_keys_tab.h"
#include "kms/table_encryption_box.h"
#include "recovery/recovery_console.h"
#include "tables/create_table_dialog.h"
#include "tables/table_settings_panel.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "widget_fixture.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
const char* kWest = "us-west-2";
const char* kEast = "us-east-1";
constexpr tablespan::Millis kMinute = 60'000;

QString stateOf(KmsKeysTab* tab, const QString& keyId) {
    const int row = tab->model()->rowOf(keyId);
    return row < 0 ? QString()
                   : tab->model()
                         ->index(row, KmsKeysModel::State)
                         .data(KmsKeysModel::StateRole)
                         .toString();
}

void clickOk(QDialog* dialog) {
    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
}

Json createKey(WidgetEngine& e, const std::string& description, const std::string& region = kWest) {
    return e.ok("kms:CreateKey", {{"Description", description}}, region)["KeyMetadata"];
}
// An on-demand table "orders" in us-west-2, encrypted with the customer managed key `keyId`.
void createOrders(WidgetEngine& e, const Json& keyId) {
    e.ok(
        "CreateTable",
        {{"TableName", "orders"},
         {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
         {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
         {"BillingMode", "PAY_PER_REQUEST"},
         {"SSESpecification", {{"Enabled", true}, {"SSEType", "KMS"}, {"KMSMasterKeyId", keyId}}}});
}
}  // namespace

class TstWidgetsKms : public QObject {
    Q_OBJECT

private slots:
    void theTabManagesKeys() {
        WidgetEngine e;
        MainWindow window(*e.bridge);
        installGlobalConsole(window, *e.bridge);
        installRecoveryConsole(window, *e.bridge);
        const KmsConsole console = installKmsConsole(window, *e.bridge);
        KmsKeysTab* tab = console.keys;
        QAbstractItemModelTester tester(tab->model());
        // Before Monitoring, after Point-in-time recovery.
        const int at = window.tabs()->indexOf(tab);
        QCOMPARE(window.tabs()->tabText(at), QStringLiteral("KMS keys"));
        QCOMPARE(window.tabs()->tabText(at + 1), QStringLiteral("Monitoring"));
        window.show();
        window.tabs()->setCurrentWidget(tab);
        QCOMPARE(tab->region(), QString::fromLatin1(kWest));

        // Create.
        QTest::mouseClick(tab->findChild<QPushButton*>(QStringLiteral("createKey")),
                          Qt::LeftButton);
        auto* create = tab->findChild<CreateKeyDialog*>();
        QVERIFY(create);
        create->findChild<QLineEdit*>(QStringLiteral("keyDescription"))
            ->setText(QStringLiteral("orders"));
        clickOk(create);
        QTRY_COMPARE(tab->model()->rowCount(), 1);
        const QString id = tab->model()->index(0, 0).data(KmsKeysModel::KeyIdRole).toString();
        QCOMPARE(tab->model()->index(0, KmsKeysModel::Description).data().toString(),
                 QStringLiteral("orders"));
        QCOMPARE(stateOf(tab, id), QStringLiteral("Enabled"));
        QCOMPARE(tab->model()->index(0, KmsKeysModel::State).data().toString(),
                 QStringLiteral("Enabled"));
        QTRY_COMPARE(tab->selectedKeyId(), id);  // the new key is selected
        QVERIFY(tab->detailsText().contains(
            QStringLiteral("arn:aws:kms:us-west-2:000000000000:key/") + id));

        auto* disable = tab->findChild<QPushButton*>(QStringLiteral("disableKey"));
        auto* enable = tab->findChild<QPushButton*>(QStringLiteral("enableKey"));
        auto* schedule = tab->findChild<QPushButton*>(QStringLiteral("scheduleKeyDeletion"));
        auto* cancel = tab->findChild<QPushButton*>(QStringLiteral("cancelKeyDeletion"));
        QVERIFY(disable->isEnabled());
        QVERIFY(!enable->isEnabled());
        QVERIFY(!cancel->isEnabled());
        QTest::mouseClick(disable, Qt::LeftButton);
        QTRY_COMPARE(stateOf(tab, id), QStringLiteral("Disabled"));
        QTRY_VERIFY(enable->isEnabled());
        QTest::mouseClick(enable, Qt::LeftButton);
        QTRY_COMPARE(stateOf(tab, id), QStringLiteral("Enabled"));

        // Schedule deletion, 7 days.
        QTRY_VERIFY(schedule->isEnabled());
        QTest::mouseClick(schedule, Qt::LeftButton);
        auto* scheduleDialog = tab->findChild<ScheduleDeletionDialog*>();
        QVERIFY(scheduleDialog);
        QCOMPARE(scheduleDialog->windowDays(), 30);
        QCOMPARE(scheduleDialog->findChild<QSpinBox*>()->minimum(), 7);
        scheduleDialog->setWindowDays(7);
        clickOk(scheduleDialog);
        QTRY_COMPARE(stateOf(tab, id), QStringLiteral("PendingDeletion"));
        QCOMPARE(tab->model()->index(0, KmsKeysModel::State).data().toString(),
                 QStringLiteral("Pending deletion"));
        QVERIFY(tab->model()->index(0, KmsKeysModel::Deletion).data().toString() !=
                QStringLiteral("—"));
        QTRY_VERIFY(cancel->isEnabled());
        QVERIFY(!disable->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_COMPARE(stateOf(tab, id), QStringLiteral("Disabled"));

        // A change made elsewhere (the AWS CLI, another console) shows when it completes,
        // and an action on a key that changed meanwhile is refused in KMS's words.
        e.engine->call(kWest, "kms:ScheduleKeyDeletion", {{"KeyId", id.toStdString()}},
                       [](tablespan::Result) {});
        QTRY_COMPARE(stateOf(tab, id), QStringLiteral("PendingDeletion"));
        // (A stale view: act as if the key were still disabled.)
        QTRY_VERIFY(cancel->isEnabled());
        e.ok("kms:CancelKeyDeletion", {{"KeyId", id.toStdString()}});
        tab->cancelDeletionOfSelected();
        QTRY_VERIFY(tab->errorText().contains(QStringLiteral("is not pending deletion.")));
        QVERIFY(
            tab->errorText().startsWith(QStringLiteral("KMS refused: KMSInvalidStateException")));

        // The AWS managed key is listed once a table uses it, and cannot be changed.
        e.ok("kms:DescribeKey", {{"KeyId", "alias/aws/dynamodb"}});
        tab->refresh();
        QTRY_COMPARE(tab->model()->rowCount(), 2);
        int managedRow = 0;
        while (tab->model()->index(managedRow, 0).data(KmsKeysModel::CustomerRole).toBool())
            ++managedRow;
        const QString managed =
            tab->model()->index(managedRow, 0).data(KmsKeysModel::KeyIdRole).toString();
        tab->selectKey(managed);
        QTRY_COMPARE(tab->selectedKeyId(), managed);
        QCOMPARE(tab->model()->index(managedRow, KmsKeysModel::Manager).data().toString(),
                 QStringLiteral("AWS (aws/dynamodb)"));
        for (QPushButton* b : {disable, enable, schedule, cancel}) QVERIFY(!b->isEnabled());

        // Each region has its own keys.
        window.setRegion(QString::fromLatin1(kEast));
        QTRY_COMPARE(tab->region(), QString::fromLatin1(kEast));
        QTRY_COMPARE(tab->model()->rowCount(), 0);
    }

    void createTablePicksACustomerKey() {
        WidgetEngine e;
        const Json key = createKey(e, "orders key");
        createKey(e, "retired key");
        e.ok("kms:DisableKey", {{"KeyId", createKey(e, "disabled key")["KeyId"]}});
        MainWindow window(*e.bridge);
        window.show();
        window.tablesTab()->newTable();
        auto* dialog = window.tablesTab()->findChild<CreateTableDialog*>();
        QVERIFY(dialog);
        KmsKeyPicker* picker = dialog->kmsKeyPicker();
        // Enabled customer managed keys only.
        QTRY_COMPARE(picker->keyCount(), 2);
        const int orders = picker->findData(QString::fromStdString(key["Arn"]));
        QVERIFY(orders >= 0);
        QVERIFY(picker->itemText(orders).startsWith(QStringLiteral("orders key (")));
        for (int i = 0; i < picker->count(); ++i)
            QVERIFY(!picker->itemText(i).startsWith(QStringLiteral("disabled key")));
        dialog->findChild<QLineEdit*>(QStringLiteral("tableName"))
            ->setText(QStringLiteral("orders"));
        const auto edits = dialog->findChildren<QLineEdit*>();
        for (QLineEdit* edit : edits)
            if (edit->objectName() == QLatin1String("partitionKey"))
                edit->setText(QStringLiteral("pk"));
        QComboBox* sse = nullptr;
        for (QComboBox* box : dialog->findChildren<QComboBox*>())
            if (box->count() == 3 && box->itemText(2) == QLatin1String("Customer managed KMS key"))
                sse = box;
        QVERIFY(sse);
        sse->setCurrentIndex(2);
        QVERIFY(picker->isEnabled());
        picker->setCurrentIndex(orders);
        QCOMPARE(dialog->spec().kmsKeyId, QString::fromStdString(key["Arn"]));
        clickOk(dialog);
        QTRY_VERIFY(!window.tablesTab()->findChild<CreateTableDialog*>());
        JCOMPARE(e.ok("DescribeTable",
                      {{"TableName", "orders"}})["Table"]["SSEDescription"]["KMSMasterKeyArn"],
                 key["Arn"]);
    }

    void aMissingKeyIsRefusedInline() {
        WidgetEngine e;
        MainWindow window(*e.bridge);
        window.show();
        window.tablesTab()->newTable();
        auto* dialog = window.tablesTab()->findChild<CreateTableDialog*>();
        dialog->findChild<QLineEdit*>(QStringLiteral("tableName"))
            ->setText(QStringLiteral("orders"));
        for (QLineEdit* edit : dialog->findChildren<QLineEdit*>())
            if (edit->objectName() == QLatin1String("partitionKey"))
                edit->setText(QStringLiteral("pk"));
        for (QComboBox* box : dialog->findChildren<QComboBox*>())
            if (box->count() == 3 && box->itemText(2) == QLatin1String("Customer managed KMS key"))
                box->setCurrentIndex(2);
        dialog->kmsKeyPicker()->setEditText(QStringLiteral("11111111-2222-4333-8444-555555555555"));
        clickOk(dialog);
        QTRY_VERIFY(dialog->errorText().contains(
            QStringLiteral("NotFoundException: Key 'arn:aws:kms:us-west-2:000000000000:key/"
                           "11111111-2222-4333-8444-555555555555' does not exist")));
    }

    void settingsChangeTheKey() {
        WidgetEngine e;
        const Json first = createKey(e, "first"), second = createKey(e, "second");
        createOrders(e, first["KeyId"]);
        e.advance(10'000);
        TableSettingsPanel panel(*e.bridge);
        TableEncryptionBox* box = panel.encryptionBox();
        panel.setTable(QString::fromLatin1(kWest),
                       e.ok("DescribeTable", {{"TableName", "orders"}})["Table"]);
        QTRY_COMPARE(box->choice(), TableEncryptionBox::Customer);
        QTRY_COMPARE(box->picker()->keyId(), QString::fromStdString(first["Arn"]));
        QVERIFY(!box->dirty());
        QTRY_COMPARE(box->picker()->keyCount(), 2);
        box->picker()->setKeyId(QString::fromStdString(second["Arn"]));
        QVERIFY(box->dirty());
        JCOMPARE(
            box->updateRequest(QStringLiteral("orders")),
            Json({{"TableName", "orders"},
                  {"SSESpecification",
                   {{"Enabled", true}, {"SSEType", "KMS"}, {"KMSMasterKeyId", second["Arn"]}}}}));
        panel.apply();
        QTRY_VERIFY(!panel.busy());
        QCOMPARE(panel.errorText(), QString());
        e.advance(10'000);
        JCOMPARE(e.ok("DescribeTable",
                      {{"TableName", "orders"}})["Table"]["SSEDescription"]["KMSMasterKeyArn"],
                 second["Arn"]);
        // To the AWS managed key.
        box->setChoice(TableEncryptionBox::AwsManaged);
        panel.apply();
        QTRY_VERIFY(!panel.busy());
        const Json managed =
            e.ok("kms:DescribeKey", {{"KeyId", "alias/aws/dynamodb"}})["KeyMetadata"];
        e.advance(10'000);
        JCOMPARE(e.ok("DescribeTable",
                      {{"TableName", "orders"}})["Table"]["SSEDescription"]["KMSMasterKeyArn"],
                 managed["Arn"]);

        // An inaccessible key is said in words.
        e.ok("kms:DisableKey", {{"KeyId", second["KeyId"]}});
        e.ok("UpdateTable",
             {{"TableName", "orders"},
              {"SSESpecification",
               {{"Enabled", true}, {"SSEType", "KMS"}, {"KMSMasterKeyId", first["Arn"]}}}});
        e.advance(10'000);
        e.ok("kms:DisableKey", {{"KeyId", first["KeyId"]}});
        e.advance(60 * kMinute);
        panel.setTable(QString::fromLatin1(kWest),
                       e.ok("DescribeTable", {{"TableName", "orders"}})["Table"]);
        QVERIFY(box->statusText().startsWith(
            QStringLiteral("The KMS key has been inaccessible since ")));
    }

    void aReplicaWithAnInaccessibleKeyIsShownInWords() {
        WidgetEngine e;
        const Json west = createKey(e, "west"), east = createKey(e, "east", kEast);
        createOrders(e, west["KeyId"]);
        e.advance(10'000);
        e.ok("UpdateTable",
             {{"TableName", "orders"},
              {"ReplicaUpdates",
               Json::array(
                   {{{"Create", {{"RegionName", kEast}, {"KMSMasterKeyId", east["Arn"]}}}}})}});
        e.advance(60'000);
        MainWindow window(*e.bridge);
        const GlobalConsole console = installGlobalConsole(window, *e.bridge);
        GlobalTablesTab* tab = console.globalTables;
        window.show();
        window.tabs()->setCurrentWidget(tab);
        QTRY_COMPARE(tab->table(), QStringLiteral("orders"));
        QTRY_COMPARE(tab->model()->rowCount(), 2);
        e.ok("kms:DisableKey", {{"KeyId", east["KeyId"]}}, kEast);
        const int row = tab->model()->rowOf(QString::fromLatin1(kEast));
        const auto status = [&] {
            return tab->model()->index(row, ReplicaModel::Status).data().toString();
        };
        QVERIFY(e.advanceUntil([&] { return status() == QLatin1String("Key inaccessible"); },
                               10 * kMinute, 12));
        QVERIFY(tab->model()
                    ->index(row, ReplicaModel::Status)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("within 20 hours")));
    }

    // A row whose status changes in place (dataChanged, not a reset) widens its column:
    // the Status column fits "Key inaccessible" once the table's key is disabled.
    void aTableWhoseKeyBecomesInaccessibleShowsItsWholeStatus() {
        WidgetEngine e;
        const Json key = createKey(e, "west");
        createOrders(e, key["KeyId"]);
        e.advance(10'000);
        TablesTab tab(*e.bridge);
        tab.resize(1000, 700);
        tab.show();
        tab.setRegion(QString::fromLatin1(kWest));
        QTRY_VERIFY(tab.model()->rowOf(QStringLiteral("orders")) >= 0);
        const int row = tab.model()->rowOf(QStringLiteral("orders"));
        const auto status = [&] {
            return tab.model()->index(row, TablesModel::Status).data(TablesModel::StatusRole);
        };
        QTRY_COMPARE(status().toString(), QStringLiteral("ACTIVE"));
        const int activeWidth = tab.view()->columnWidth(TablesModel::Status);
        e.ok("kms:DisableKey", {{"KeyId", key["KeyId"]}});
        QVERIFY(e.advanceUntil(
            [&] {
                return status().toString() == QLatin1String("INACCESSIBLE_ENCRYPTION_CREDENTIALS");
            },
            10 * kMinute, 12));
        const auto* view = static_cast<const QAbstractItemView*>(tab.view());
        QTRY_VERIFY(tab.view()->columnWidth(TablesModel::Status) >=
                    view->sizeHintForColumn(TablesModel::Status));
        QVERIFY(tab.view()->columnWidth(TablesModel::Status) > activeWidth);
    }
};

QTEST_MAIN(TstWidgetsKms)
#include "tst_widgets_kms.moc"
