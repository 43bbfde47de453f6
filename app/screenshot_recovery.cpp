// The screenshot driver's Backups and Point-in-time recovery shots: the orders table with
// PITR on under bursts of writes, three backups, a restore in progress, the create and
// restore dialogs, and the recovery timeline with a moment picked.

#include <QApplication>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

#include "recovery/backups_model.h"
#include "recovery/backups_tab.h"
#include "recovery/create_backup_dialog.h"
#include "common/engine_bridge.h"
#include "window/main_window.h"
#include "recovery/pitr_panel.h"
#include "recovery/pitr_timeline.h"
#include "recovery/restore_dialog.h"
#include "recovery/restore_progress.h"
#include "screenshot_driver.h"

using tablespan::Json;

namespace {
const QString kWest = QStringLiteral("us-west-2");
}

void ScreenshotDriver::writeOrders() {
    // Bursts of varying size, so the timeline has a shape.
    const int n = ++m_written;
    const int burst = (n % 7 == 0) ? 20 : (n % 3 == 0 ? 8 : 2);
    Json requests = Json::array();
    for (int i = 0; i < burst; ++i)
        requests.push_back(
            {{"PutRequest",
              {{"Item",
                {{"customer", {{"S", "Customer " + std::to_string((n + i) % 12)}}},
                 {"orderDate", {{"S", "2026-10-" + std::to_string(10 + (n * 3 + i) % 20)}}},
                 {"total", {{"N", std::to_string(5 + (n * 11 + i) % 300)}}}}}}}});
    m_bridge.call(this, kWest, QStringLiteral("BatchWriteItem"),
                  {{"RequestItems", {{"orders", requests}}}}, [](const auto&) {});
}

void ScreenshotDriver::shootRecovery(std::function<void()> done) {
    auto* backups = m_window.findChild<BackupsTab*>();
    auto* pitr = m_window.findChild<PitrPanel*>();
    if (!backups || !pitr) {
        done();
        return;
    }
    const double scale = m_bridge.engine().time_scale();
    m_bridge.engine().set_time_scale(50);
    m_bridge.call(this, kWest, QStringLiteral("UpdateContinuousBackups"),
                  {{"TableName", "orders"},
                   {"PointInTimeRecoverySpecification",
                    {{"PointInTimeRecoveryEnabled", true}, {"RecoveryPeriodInDays", 7}}}},
                  [](const auto&) {});
    for (const char* name : {"orders-nightly", "orders-before-migration"})
        m_bridge.call(this, kWest, QStringLiteral("CreateBackup"),
                      {{"TableName", "orders"}, {"BackupName", name}}, [](const auto&) {});
    m_bridge.call(this, kWest, QStringLiteral("CreateBackup"),
                  {{"TableName", "Music"}, {"BackupName", "Music-weekly"}}, [](const auto&) {});
    auto* traffic = new QTimer(this);
    connect(traffic, &QTimer::timeout, this, &ScreenshotDriver::writeOrders);
    traffic->start(120);
    m_window.tabs()->setCurrentWidget(pitr);
    pitr->setTable(QStringLiteral("orders"));
    // ~12 s of wall time: ten minutes of engine time, the last five not yet restorable.
    QTimer::singleShot(12'000, this, [=, this] {
        traffic->stop();
        m_bridge.engine().set_time_scale(1);
        pitr->refresh();
        PitrTimeline* timeline = pitr->timeline();
        when([timeline] { return timeline->totalWrites() > 0 && timeline->latest() > 0; },
             [=, this] {
                 const qint64 middle = (timeline->earliest() + timeline->latest()) / 2;
                 pitr->latestBox()->setChecked(false);
                 pitr->timeEdit()->setDateTime(QDateTime::fromMSecsSinceEpoch(middle));
                 save(&m_window, QStringLiteral("30-pitr"));
                 pitr->restore();
                 auto* pitrRestore = pitr->findChild<RestoreDialog*>();
                 pitrRestore->setTargetName(QStringLiteral("orders-before-incident"));
                 pitrRestore->adjustSize();
                 save(pitrRestore, QStringLiteral("31-restore-pitr"));
                 pitrRestore->reject();

                 m_window.tabs()->setCurrentWidget(backups);
                 backups->refresh();
                 when([backups] { return backups->model()->rowCount() >= 3; },
                      [=, this] { shootBackups(scale, done); });
             });
    });
}

void ScreenshotDriver::shootBackups(double scale, std::function<void()> done) {
    auto* backups = m_window.findChild<BackupsTab*>();
    backups->selectBackup(backups->model()->arn(backups->model()->rowCount() - 1));
    backups->restoreSelected();
    auto* restore = backups->findChild<RestoreDialog*>();
    restore->setTargetName(QStringLiteral("orders-copy"));
    RestoreOverrides o;
    o.billing = RestoreOverrides::Billing::Provisioned;
    o.readCapacity = 20;
    o.writeCapacity = 10;
    restore->setOverrides(o);
    restore->adjustSize();
    save(restore, QStringLiteral("35-restore-backup"));
    restore->accept();
    when([backups] { return !backups->progress()->running().isEmpty(); },
         [=, this] {
             backups->selectBackup(backups->model()->arn(1));
             when([backups] { return backups->detailsText().contains(QLatin1String("orders")); },
                  [=, this] {
                      save(&m_window, QStringLiteral("32-backups"));
                      backups->createBackup();
                      auto* create = backups->findChild<CreateBackupDialog*>();
                      create->setTable(QStringLiteral("orders"));
                      create->adjustSize();
                      save(create, QStringLiteral("33-create-backup"));
                      create->setBackupName(QStringLiteral("orders before migration"));
                      save(create, QStringLiteral("34-create-backup-invalid"));
                      create->reject();
                      m_bridge.engine().set_time_scale(scale);
                      done();
                  });
         });
}
