// KMS keys for --screenshot-dir (TABLESPAN_SCREENSHOTS_ONLY=kms): the KMS keys tab with customer
// managed keys in every state, the create-key and schedule-deletion dialogs, the create-table
// dialog picking a customer managed key; then a global table whose us-east-1 replica's key is
// disabled, on fast engine time until the replica is inaccessible: the Global tables tab and the
// replica's Settings tab. Light and dark.

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QScrollArea>
#include <QTabWidget>

#include "common/engine_bridge.h"
#include "common/theme.h"
#include "global/global_tables_tab.h"
#include "global/replica_model.h"
#include "kms/kms_key_dialogs.h"
#include "kms/kms_key_picker.h"
#include "kms/kms_keys_model.h"
#include "kms/kms_keys_tab.h"
#include "screenshot_driver.h"
#include "kms/table_encryption_box.h"
#include "tables/create_table_dialog.h"
#include "tables/table_settings_panel.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
const QString kWest = QStringLiteral("us-west-2");
const QString kEast = QStringLiteral("us-east-1");
}  // namespace

void ScreenshotDriver::shootKms(std::function<void()> done) {
    auto* keys = m_window.findChild<KmsKeysTab*>();
    auto* global = m_window.findChild<GlobalTablesTab*>();
    if (!keys || !global) return done();
    m_window.resize(1280, 800);
    m_window.setRegion(kWest);
    // Keys in each state, and a key of us-east-1 for the replica.
    struct Made {
        QString west, east;
    };
    auto made = std::make_shared<Made>();
    const auto create = [this](const QString& region, const char* description,
                               std::function<void(const Json&)> then) {
        ++m_pending;
        m_bridge.call(this, region, QStringLiteral("kms:CreateKey"), {{"Description", description}},
                      [this, then](const tablespan::Result& r) {
                          --m_pending;
                          if (r.ok()) then(r.body["KeyMetadata"]);
                      });
    };
    const auto call = [this](const QString& region, const char* operation, Json request) {
        ++m_pending;
        m_bridge.call(this, region, QString::fromLatin1(operation), std::move(request),
                      [this](const auto&) { --m_pending; });
    };
    create(kWest, "payments table key",
           [made](const Json& k) { made->west = QString::fromStdString(k["Arn"]); });
    create(kWest, "archive key (retired)", [call](const Json& k) {
        call(kWest, "kms:DisableKey", {{"KeyId", k["KeyId"]}});
    });
    create(kWest, "old reports key", [call](const Json& k) {
        call(kWest, "kms:ScheduleKeyDeletion", {{"KeyId", k["KeyId"]}, {"PendingWindowInDays", 7}});
    });
    create(kEast, "payments replica key",
           [made](const Json& k) { made->east = QString::fromStdString(k["Arn"]); });
    call(kWest, "kms:DescribeKey", {{"KeyId", "alias/aws/dynamodb"}});
    when([this] { return m_pending == 0; },
         [=, this] {
             const Json payments = {
                 {"TableName", "payments"},
                 {"AttributeDefinitions",
                  {{{"AttributeName", "paymentId"}, {"AttributeType", "S"}}}},
                 {"KeySchema", {{{"AttributeName", "paymentId"}, {"KeyType", "HASH"}}}},
                 {"BillingMode", "PAY_PER_REQUEST"},
                 {"SSESpecification",
                  {{"Enabled", true},
                   {"SSEType", "KMS"},
                   {"KMSMasterKeyId", made->west.toStdString()}}}};
             m_bridge.call(this, kWest, QStringLiteral("CreateTable"), payments,
                           [](const auto&) {});
             m_window.tabs()->setCurrentWidget(keys);
             keys->refresh();
             when([keys] { return keys->model()->rowCount() == 4; },
                  [=, this] {
                      keys->selectKey(
                          keys->model()->index(1, 0).data(KmsKeysModel::KeyIdRole).toString());
                      save(&m_window, QStringLiteral("kms-01-keys"));
                      keys->createKey();
                      auto* createDialog = keys->findChild<CreateKeyDialog*>();
                      createDialog->setDescription(QStringLiteral("orders table key"));
                      save(createDialog, QStringLiteral("kms-02-create-key"));
                      createDialog->reject();
                      keys->selectKey(
                          keys->model()->index(0, 0).data(KmsKeysModel::KeyIdRole).toString());
                      keys->scheduleDeletionOfSelected();
                      auto* schedule = keys->findChild<ScheduleDeletionDialog*>();
                      schedule->setWindowDays(7);
                      save(schedule, QStringLiteral("kms-03-schedule-deletion"));
                      schedule->reject();

                      TablesTab* tablesTab = m_window.tablesTab();
                      m_window.tabs()->setCurrentWidget(tablesTab);
                      tablesTab->newTable();
                      auto* dialog = tablesTab->findChild<CreateTableDialog*>();
                      for (QComboBox* box : dialog->findChildren<QComboBox*>())
                          if (box->count() == 3 && box->currentIndex() == 0 &&
                              box->itemText(2) == CreateTableDialog::tr("Customer managed KMS key"))
                              box->setCurrentIndex(2);
                      KmsKeyPicker* picker = dialog->kmsKeyPicker();
                      when([picker] { return picker->keyCount() > 0; },
                           [=, this] {
                               picker->setCurrentIndex(0);
                               save(dialog, QStringLiteral("kms-04-create-table-key"));
                               dialog->reject();
                               shootKmsReplica(made->east, std::move(done));
                           });
                  });
         });
}

void ScreenshotDriver::shootKmsReplica(const QString& eastKey, std::function<void()> done) {
    auto* keys = m_window.findChild<KmsKeysTab*>();
    auto* global = m_window.findChild<GlobalTablesTab*>();
    auto* tables = m_window.tablesModel();
    when(
        [tables] {
            const int row = tables->rowOf(QStringLiteral("payments"));
            return row >= 0 && tables->data(tables->index(row, TablesModel::Status),
                                            TablesModel::StatusRole) == QLatin1String("ACTIVE");
        },
        [=, this] {
            m_bridge.call(this, kWest, QStringLiteral("UpdateTable"),
                          {{"TableName", "payments"},
                           {"ReplicaUpdates",
                            Json::array({{{"Create",
                                           {{"RegionName", kEast.toStdString()},
                                            {"KMSMasterKeyId", eastKey.toStdString()}}}}})}},
                          [](const auto&) {});
            m_window.tabs()->setCurrentWidget(global);
            global->setTable(QStringLiteral("payments"));
            const auto statusOf = [global](const QString& region) {
                const int row = global->model()->rowOf(region);
                return row < 0 ? QString()
                               : global->model()
                                     ->index(row, ReplicaModel::Status)
                                     .data(ReplicaModel::StatusRole)
                                     .toString();
            };
            when([statusOf] { return statusOf(kEast) == QLatin1String("ACTIVE"); },
                 [=, this] {
                     // The replica's key disabled; engine time fast until it is inaccessible.
                     m_bridge.call(this, kEast, QStringLiteral("kms:DisableKey"),
                                   {{"KeyId", eastKey.toStdString()}}, [](const auto&) {});
                     const double scale = m_bridge.engine().time_scale();
                     m_bridge.engine().set_time_scale(600);
                     when(
                         [statusOf] {
                             return statusOf(kEast) ==
                                    QLatin1String("INACCESSIBLE_ENCRYPTION_CREDENTIALS");
                         },
                         [=, this] {
                             m_bridge.engine().set_time_scale(scale);
                             save(&m_window, QStringLiteral("kms-05-global-inaccessible"));
                             showKmsSettings([=, this] {
                                 save(&m_window, QStringLiteral("kms-06-settings-inaccessible"));
                                 Theme::apply(Theme::Mode::Dark);
                                 m_window.tabs()->setCurrentWidget(keys);
                                 save(&m_window, QStringLiteral("kms-07-keys-dark"));
                                 m_window.setRegion(kWest);
                                 m_window.tabs()->setCurrentWidget(global);
                                 // The tab picks a table of the region first; then payments.
                                 when([global] { return !global->table().isEmpty(); },
                                      [global] { global->setTable(QStringLiteral("payments")); });
                                 when(
                                     [global, statusOf] {
                                         return global->table() == QLatin1String("payments") &&
                                                !statusOf(kEast).isEmpty();
                                     },
                                     [=, this] {
                                         save(&m_window,
                                              QStringLiteral("kms-08-global-inaccessible-dark"));
                                         showKmsSettings([=, this] {
                                             save(&m_window,
                                                  QStringLiteral(
                                                      "kms-09-settings-inaccessible-dark"));
                                             Theme::apply(Theme::Mode::Light);
                                             m_window.setRegion(kWest);
                                             done();
                                         });
                                     });
                             });
                         });
                 });
        });
}

void ScreenshotDriver::showKmsSettings(std::function<void()> then) {
    // The replica's Settings tab in us-east-1, scrolled to its encryption.
    TablesTab* tablesTab = m_window.tablesTab();
    m_window.tabs()->setCurrentWidget(tablesTab);
    m_window.setRegion(kEast);
    auto* tables = m_window.tablesModel();
    when([tables] { return tables->rowOf(QStringLiteral("payments")) >= 0; },
         [=, this] {
             tablesTab->selectTable(QStringLiteral("payments"));
             tablesTab->detailTabs()->setCurrentIndex(2);
             auto* box = tablesTab->settingsPanel()->encryptionBox();
             when([box] { return !box->statusText().isEmpty(); },
                  [=] {
                      if (auto* scroll = tablesTab->findChild<QScrollArea*>(
                              QStringLiteral("tableSettingsScroll")))
                          scroll->ensureWidgetVisible(box);
                      then();
                  });
         });
}
