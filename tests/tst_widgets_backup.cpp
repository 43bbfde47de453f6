// Clicks through the Backups tab and the Point-in-time recovery tab on a deterministic
// engine: create a backup (an invalid name is refused inline), restore it into a new
// table and watch the restore until the table is ACTIVE with the same items; turn PITR on,
// write, pick a moment on the timeline and restore the table as it was then. Every new
// model runs under QAbstractItemModelTester.

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <map>

#include "recovery/backups_model.h"
#include "recovery/backups_tab.h"
#include "recovery/create_backup_dialog.h"
#include "global/global_console.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "window/main_window.h"
#include "recovery/pitr_panel.h"
#include "recovery/pitr_timeline.h"
#include "recovery/recovery_console.h"
#include "recovery/restore_dialog.h"
#include "recovery/restore_progress.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "widget_fixture.h"

using tablespan::Json;
using tablespan::Millis;

namespace {
QString tableStatus(TablesModel* tables, const QString& name) {
    const int row = tables->rowOf(name);
    return row < 0
               ? QString()
               : tables->index(row, TablesModel::Status).data(TablesModel::StatusRole).toString();
}

void put(WidgetEngine& e, const std::string& table, const std::string& pk, int v) {
    e.ok("PutItem", {{"TableName", table},
                     {"Item",
                      {{"pk", {{"S", pk}}},
                       {"v", {{"N", std::to_string(v)}}},
                       {"tags", {{"SS", {"x", "y" + pk}}}}}}});
}

// The items the Items tab shows for `table`, by partition key.
std::map<std::string, Json> itemsShown(MainWindow& window, const QString& table) {
    ItemsTab* items = window.itemsTab();
    window.tabs()->setCurrentWidget(items);
    items->setTable(table);
    items->run();
    std::map<std::string, Json> out;
    if (!QTest::qWaitFor([&] { return items->table() == table && !items->model()->isLoading(); }))
        return out;
    for (int row = 0; row < items->model()->rowCount(); ++row) {
        const Json item = items->model()->item(row);
        out[item["pk"]["S"].get<std::string>()] = item;
    }
    return out;
}

std::map<std::string, Json> scanned(WidgetEngine& e, const std::string& table) {
    std::map<std::string, Json> out;
    const Json page = e.ok("Scan", {{"TableName", table}});
    for (const auto& item : page["Items"]) out[item["pk"]["S"].get<std::string>()] = item;
    return out;
}

void clickOk(QDialog* dialog) {
    QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok),
                      Qt::LeftButton);
}

bool okEnabled(QDialog* dialog) {
    return dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->isEnabled();
}
}  // namespace

class TstWidgetsBackup : public QObject {
    Q_OBJECT

private slots:
    void backupAndRestoreThroughTheBackupsTab();
    void restoreToAPointInTimeFromThePanel();
    void backupsModelPassesTheModelTester();
    void restoreIsEnabledWhenTheSelectedBackupBecomesAvailable();
};

// Bug 1: a selected backup that turns AVAILABLE on a refresh can be restored at once,
// without selecting it again.
void TstWidgetsBackup::restoreIsEnabledWhenTheSelectedBackupBecomesAvailable() {
    WidgetEngine e;
    e.create_table("Music", "pk", "S");
    put(e, "Music", "song", 1);
    const Json created = e.ok("CreateBackup", {{"TableName", "Music"}, {"BackupName", "music-b1"}});
    const std::string arn = created["BackupDetails"]["BackupArn"];
    QTRY_COMPARE(
        QString::fromStdString(
            e.ok("DescribeBackup", {{"BackupArn", arn}})["BackupDescription"]["BackupDetails"]
                .value("BackupStatus", "")),
        QStringLiteral("AVAILABLE"));
    MainWindow window(*e.bridge);
    const RecoveryConsole console = installRecoveryConsole(window, *e.bridge);
    BackupsTab* tab = console.backups;
    window.show();
    window.tabs()->setCurrentWidget(tab);
    QTRY_COMPARE(tab->model()->rowCount(), 1);
    QTRY_COMPARE(tab->model()->index(0, BackupsModel::Status).data(BackupsModel::StatusRole),
                 QVariant(QStringLiteral("AVAILABLE")));
    // As the tab last listed it while the backup was still being created.
    Json creating = tab->model()->summary(0);
    creating["BackupStatus"] = "CREATING";
    tab->model()->setBackups({creating});
    tab->selectBackup(QString::fromStdString(arn));
    auto* restore = tab->findChild<QPushButton*>(QStringLiteral("restoreBackup"));
    QVERIFY(!restore->isEnabled());
    tab->refresh();  // what the Refresh button does
    QTRY_COMPARE(tab->model()->index(0, BackupsModel::Status).data(BackupsModel::StatusRole),
                 QVariant(QStringLiteral("AVAILABLE")));
    QCOMPARE(tab->selectedArn(), QString::fromStdString(arn));
    QTRY_VERIFY(restore->isEnabled());
}

void TstWidgetsBackup::backupAndRestoreThroughTheBackupsTab() {
    WidgetEngine e;
    e.create_table("Music", "pk", "S");
    for (int i = 0; i < 12; ++i) put(e, "Music", "song" + std::to_string(i), i);
    MainWindow window(*e.bridge);
    installGlobalConsole(window, *e.bridge);  // as the app does: ours go before Monitoring
    const RecoveryConsole console = installRecoveryConsole(window, *e.bridge);
    BackupsTab* tab = console.backups;
    QStringList titles;
    for (int i = 0; i < window.tabs()->count(); ++i) titles << window.tabs()->tabText(i);
    QCOMPARE(titles,
             (QStringList{QStringLiteral("Tables"), QStringLiteral("Items"),
                          QStringLiteral("PartiQL editor"), QStringLiteral("Streams"),
                          QStringLiteral("Global tables"), QStringLiteral("Backups"),
                          QStringLiteral("Point-in-time recovery"), QStringLiteral("Monitoring")}));
    QAbstractItemModelTester tester(tab->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.resize(1200, 800);
    window.show();
    window.tabs()->setCurrentWidget(tab);
    QTRY_COMPARE(window.tablesModel()->rowCount(), 1);

    // Create: the name is checked as it is typed; the service's rule is shown inline.
    QTest::mouseClick(tab->findChild<QPushButton*>(QStringLiteral("createBackup")), Qt::LeftButton);
    auto* create = tab->findChild<CreateBackupDialog*>();
    QVERIFY(create);
    QCOMPARE(create->table(), QStringLiteral("Music"));
    QVERIFY(create->backupName().startsWith(QLatin1String("Music-")));
    QVERIFY(okEnabled(create));
    auto* name = create->findChild<QLineEdit*>(QStringLiteral("backupName"));
    name->clear();
    QTest::keyClicks(name, QStringLiteral("ab"));
    QVERIFY(create->errorText().contains(QLatin1String("3 to 255")));
    QVERIFY(!okEnabled(create));
    QTest::keyClicks(name, QStringLiteral(" c"));
    QVERIFY(create->errorText().contains(QLatin1String("may contain only")));
    QVERIFY(!okEnabled(create));
    name->clear();
    QTest::keyClicks(name, QStringLiteral("music.backup-1"));
    QVERIFY(create->errorText().isEmpty());
    clickOk(create);
    QTRY_VERIFY(!tab->findChild<CreateBackupDialog*>());
    QTRY_COMPARE(tab->model()->rowCount(), 1);
    QCOMPARE(tab->model()->index(0, BackupsModel::Name).data().toString(),
             QStringLiteral("music.backup-1"));
    QCOMPARE(tab->model()->index(0, BackupsModel::Table).data().toString(),
             QStringLiteral("Music"));
    QCOMPARE(tab->model()->index(0, BackupsModel::Type).data().toString(), QStringLiteral("User"));
    QTRY_COMPARE(tab->model()->index(0, BackupsModel::Status).data(BackupsModel::StatusRole),
                 QVariant(QStringLiteral("AVAILABLE")));
    QCOMPARE(tab->selectedArn(), tab->model()->arn(0));
    QTRY_VERIFY(tab->detailsText().contains(QLatin1String("music.backup-1")));
    QVERIFY(tab->detailsText().contains(QLatin1String("Source table")));

    // Restore: an existing table is refused by the engine, inline; a bad name by the rule.
    QTest::mouseClick(tab->findChild<QPushButton*>(QStringLiteral("restoreBackup")),
                      Qt::LeftButton);
    auto* restore = tab->findChild<RestoreDialog*>();
    QVERIFY(restore);
    QCOMPARE(restore->targetName(), QStringLiteral("Music-restored"));
    restore->setTargetName(QStringLiteral("x"));
    QVERIFY(restore->errorText().contains(QLatin1String("3 to 255")));
    QVERIFY(!okEnabled(restore));
    restore->setTargetName(QStringLiteral("Music"));
    clickOk(restore);
    QTRY_VERIFY(restore->errorText().startsWith(QLatin1String("TableAlreadyExistsException: ")));
    RestoreOverrides overrides;
    overrides.billing = RestoreOverrides::Billing::Provisioned;
    overrides.readCapacity = 0;
    restore->setOverrides(overrides);
    restore->setTargetName(QStringLiteral("MusicCopy"));
    QVERIFY(restore->errorText().contains(QLatin1String("40,000")));
    overrides.readCapacity = 7;
    overrides.writeCapacity = 3;
    restore->setOverrides(overrides);
    QVERIFY(restore->errorText().isEmpty());
    clickOk(restore);
    QTRY_VERIFY(!tab->findChild<RestoreDialog*>());

    // The restored table is CREATING (RestoreInProgress) until ACTIVE; the tab says so.
    QTRY_COMPARE(tab->progress()->running(), QStringList{QStringLiteral("MusicCopy")});
    QTRY_VERIFY(tab->progress()->text().contains(QLatin1String("Restoring MusicCopy from Music")));
    QTRY_COMPARE(tableStatus(window.tablesModel(), QStringLiteral("MusicCopy")),
                 QStringLiteral("CREATING"));
    // One backup feeds one restore at a time: a second restore or a delete is refused.
    QTest::mouseClick(tab->findChild<QPushButton*>(QStringLiteral("restoreBackup")),
                      Qt::LeftButton);
    auto* second = tab->findChild<RestoreDialog*>();
    QVERIFY(second);
    second->setTargetName(QStringLiteral("MusicCopy2"));
    clickOk(second);
    QTRY_VERIFY(second->errorText().startsWith(QLatin1String("BackupInUseException: ")));
    second->reject();
    tab->deleteBackup(tab->model()->arn(0));
    QTRY_VERIFY(tab->errorText().contains(QLatin1String("BackupInUseException: ")));
    QCOMPARE(tab->model()->rowCount(), 1);
    QVERIFY(e.advanceUntil(
        [&] {
            return tableStatus(window.tablesModel(), QStringLiteral("MusicCopy")) ==
                   QLatin1String("ACTIVE");
        },
        1'000, 120));
    QTRY_VERIFY(tab->progress()->running().isEmpty());
    QVERIFY(tab->progress()->text().contains(QLatin1String("MusicCopy is active")));
    const Json restored = e.ok("DescribeTable", {{"TableName", "MusicCopy"}})["Table"];
    QCOMPARE(restored["ProvisionedThroughput"]["ReadCapacityUnits"].get<int>(), 7);
    QCOMPARE(restored["ProvisionedThroughput"]["WriteCapacityUnits"].get<int>(), 3);

    // The Items tab shows the restored table with the source's items.
    const auto items = itemsShown(window, QStringLiteral("MusicCopy"));
    QCOMPARE(items.size(), std::size_t(12));
    QVERIFY(items == scanned(e, "Music"));

    // Delete, after confirming.
    window.tabs()->setCurrentWidget(tab);
    const QString arn = tab->model()->arn(0);
    tab->selectBackup(arn);
    QTest::mouseClick(tab->findChild<QPushButton*>(QStringLiteral("deleteBackup")), Qt::LeftButton);
    auto* confirm = tab->findChild<QMessageBox*>(QStringLiteral("confirmDeleteBackup"));
    QVERIFY(confirm);
    for (QAbstractButton* b : confirm->buttons())
        if (confirm->buttonRole(b) == QMessageBox::DestructiveRole) b->click();
    QTRY_COMPARE(tab->model()->rowCount(), 0);
    QVERIFY(tab->errorText().isEmpty());
    // Deleting it again: the engine's error, inline, with the exception's name.
    tab->deleteBackup(arn);
    QTRY_VERIFY(tab->errorText().contains(QLatin1String("BackupNotFoundException: ")));
}

void TstWidgetsBackup::restoreToAPointInTimeFromThePanel() {
    WidgetEngine e;
    e.create_table("Ledger", "pk", "S");
    put(e, "Ledger", "a", 1);
    MainWindow window(*e.bridge);
    const RecoveryConsole console = installRecoveryConsole(window, *e.bridge);
    PitrPanel* panel = console.pitr;
    window.resize(1200, 900);
    window.show();
    window.tabs()->setCurrentWidget(panel);
    QTRY_COMPARE(panel->table(), QStringLiteral("Ledger"));
    auto* toggle = panel->findChild<QCheckBox*>(QStringLiteral("pitrSwitch"));
    QTRY_VERIFY(toggle->isEnabled());
    QVERIFY(!panel->pitrEnabled());
    QVERIFY(!panel->findChild<QPushButton*>(QStringLiteral("pitrRestore"))->isEnabled());

    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_VERIFY(panel->pitrEnabled());
    QVERIFY(toggle->isChecked());
    QVERIFY(panel->latestBox()->isChecked());
    // The Tables tab's PITR column follows.
    QCOMPARE(window.tablesModel()->index(0, TablesModel::Pitr).data().toString(),
             QStringLiteral("On"));
    const qint64 enabled = e.clock->now();

    // Writes over two minutes: the state at `middle` is a=2, b=1.
    e.advance(60'000);
    put(e, "Ledger", "a", 2);
    put(e, "Ledger", "b", 1);
    const qint64 middle = e.clock->now() + 30'000;
    e.advance(60'000);
    put(e, "Ledger", "a", 3);
    e.ok("DeleteItem", {{"TableName", "Ledger"}, {"Key", {{"pk", {{"S", "b"}}}}}});
    put(e, "Ledger", "c", 1);
    e.advance(6 * 60'000);  // the latest restorable time passes the last write
    panel->refresh();
    PitrTimeline* timeline = panel->timeline();
    QTRY_COMPARE(timeline->totalWrites(), qint64(5));
    QTRY_COMPARE(timeline->latest(), qint64(e.clock->now() - 5 * 60'000));
    QCOMPARE(timeline->earliest(), enabled);
    QVERIFY(timeline->bucketCount() > 10);
    QCOMPARE(timeline->marker(), timeline->latest());  // "latest" follows the window
    QVERIFY(panel->storageText().startsWith(QLatin1String("5 version")));
    QVERIFY(!panel->timeEdit()->isEnabled());

    // A click on the timeline picks the moment; the date-time field follows.
    QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, timeline->positionOf(middle));
    QVERIFY(!panel->latestBox()->isChecked());
    QVERIFY(panel->timeEdit()->isEnabled());
    QVERIFY(qAbs(timeline->marker() - middle) < 5'000);
    QVERIFY(qAbs(panel->timeEdit()->dateTime().toMSecsSinceEpoch() - timeline->marker()) < 1'000);
    // The field moves the marker, and stays inside the window.
    panel->timeEdit()->setDateTime(QDateTime::fromMSecsSinceEpoch(middle));
    QCOMPARE(timeline->marker(), middle);
    QCOMPARE(panel->restoreTime(), middle);
    panel->timeEdit()->setDateTime(QDateTime::fromMSecsSinceEpoch(enabled - 3'600'000));
    QVERIFY(panel->timeEdit()->dateTime().toMSecsSinceEpoch() >= enabled);
    panel->timeEdit()->setDateTime(QDateTime::fromMSecsSinceEpoch(middle));
    panel->refresh();  // a refresh keeps the user's moment
    e.engine->run_pending();
    QCoreApplication::processEvents();
    QCOMPARE(panel->restoreTime(), middle);

    // "Latest restorable time" asks for UseLatestRestorableTime.
    panel->latestBox()->setChecked(true);
    panel->restore();
    auto* latest = panel->findChild<RestoreDialog*>();
    QVERIFY(latest);
    QVERIFY(latest->request()["UseLatestRestorableTime"] == Json(true));
    QVERIFY(!latest->request().contains("RestoreDateTime"));
    latest->reject();
    QTRY_VERIFY(!panel->findChild<RestoreDialog*>());
    panel->latestBox()->setChecked(false);
    panel->timeEdit()->setDateTime(QDateTime::fromMSecsSinceEpoch(middle));

    QTest::mouseClick(panel->findChild<QPushButton*>(QStringLiteral("pitrRestore")),
                      Qt::LeftButton);
    auto* restore = panel->findChild<RestoreDialog*>();
    QVERIFY(restore);
    QVERIFY(restore->request()["RestoreDateTime"] == Json(static_cast<double>(middle / 1000)));
    restore->setTargetName(QStringLiteral("Ledger-middle"));
    clickOk(restore);
    QTRY_VERIFY(!panel->findChild<RestoreDialog*>());
    QTRY_COMPARE(panel->progress()->running(), QStringList{QStringLiteral("Ledger-middle")});
    QVERIFY(e.advanceUntil(
        [&] {
            return tableStatus(window.tablesModel(), QStringLiteral("Ledger-middle")) ==
                   QLatin1String("ACTIVE");
        },
        1'000, 120));
    QTRY_VERIFY(panel->progress()->running().isEmpty());

    const auto items = itemsShown(window, QStringLiteral("Ledger-middle"));
    QCOMPARE(items.size(), std::size_t(2));
    QCOMPARE(items.at("a")["v"]["N"].get<std::string>(), std::string("2"));
    QCOMPARE(items.at("b")["v"]["N"].get<std::string>(), std::string("1"));
    QCOMPARE(scanned(e, "Ledger").size(), std::size_t(2));  // a=3 and c: the source moved on
}

void TstWidgetsBackup::backupsModelPassesTheModelTester() {
    BackupsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto summary = [](const std::string& arn, double created, const char* status) {
        return Json{{"BackupArn", arn},
                    {"BackupName", "b-" + arn},
                    {"TableName", "Music"},
                    {"BackupStatus", status},
                    {"BackupType", "USER"},
                    {"BackupSizeBytes", 2048},
                    {"BackupCreationDateTime", created}};
    };
    model.setBackups({summary("a", 100, "AVAILABLE"), summary("b", 200, "CREATING")});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.arn(0), QStringLiteral("b"));  // newest first
    QVERIFY(model.hasTransitions());
    model.setBackups({summary("a", 100, "AVAILABLE"), summary("b", 200, "AVAILABLE")});
    QVERIFY(!model.hasTransitions());
    model.setBackups({summary("c", 300, "AVAILABLE"), summary("a", 100, "AVAILABLE")});
    QCOMPARE(model.rowOf(QStringLiteral("c")), 0);
    model.removeBackup(QStringLiteral("c"));
    model.removeBackup(QStringLiteral("missing"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, BackupsModel::Status).data().toString(), QStringLiteral("Available"));
    QCOMPARE(model.index(0, BackupsModel::Size).data().toString(),
             QLocale().formattedDataSize(2048));
    model.setBackups({});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TstWidgetsBackup)
#include "tst_widgets_backup.moc"
