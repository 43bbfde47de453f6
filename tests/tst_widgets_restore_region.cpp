// The restore dialogs' target region: the source's region by default; a backup or a
// table's point in time restored into another region creates the table there (the
// request goes to that region with the source's ARN and an encryption choice of its own).

#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "recovery/restore_dialog.h"
#include "widget_fixture.h"

using tablespan::Json;

namespace {
const QString kWest = QStringLiteral("us-west-2");
const QString kIreland = QStringLiteral("eu-west-1");

void fillMusic(WidgetEngine& e) {
    e.create_table("Music", "pk", "S");
    for (int i = 0; i < 3; ++i)
        e.ok("PutItem",
             {{"TableName", "Music"}, {"Item", {{"pk", {{"S", "song" + std::to_string(i)}}}}}});
}

QPushButton* okButton(QDialog* dialog) {
    return dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

// The status of `table` in `region`, or empty when it does not exist.
std::string statusIn(WidgetEngine& e, const QString& region, const char* table) {
    const auto r = e.call("DescribeTable", {{"TableName", table}}, region.toStdString());
    return r.ok() ? r.body["Table"].value("TableStatus", "") : std::string();
}
}  // namespace

class TstWidgetsRestoreRegion : public QObject {
    Q_OBJECT

private slots:
    void backupRestoredIntoAnotherRegion() {
        WidgetEngine e;
        fillMusic(e);
        const Json backup =
            e.ok("CreateBackup", {{"TableName", "Music"}, {"BackupName", "bk1"}})["BackupDetails"];
        e.advance(60'000);
        RestoreDialog::Source source;
        source.table = QStringLiteral("Music");
        source.backupArn = QString::fromStdString(backup["BackupArn"].get<std::string>());
        source.backupName = QStringLiteral("bk1");
        RestoreDialog dialog(*e.bridge, kWest, source);
        dialog.show();
        auto* region = dialog.findChild<QComboBox*>(QStringLiteral("targetRegion"));
        QVERIFY(region);
        QCOMPARE(dialog.targetRegion(), kWest);  // the backup's own region by default
        QVERIFY(!dialog.request().contains("SSESpecificationOverride"));

        region->setCurrentIndex(region->findData(kIreland));
        QCOMPARE(dialog.targetRegion(), kIreland);
        // The service wants an encryption choice for another region: one is made.
        QVERIFY(dialog.request().contains("SSESpecificationOverride"));
        auto* sse = dialog.findChild<QComboBox*>(QStringLiteral("sseOverride"));
        sse->setCurrentIndex(0);
        QVERIFY(dialog.errorText().contains(QLatin1String("another region")));
        QVERIFY(!okButton(&dialog)->isEnabled());
        sse->setCurrentIndex(1);
        QVERIFY(okButton(&dialog)->isEnabled());

        QSignalSpy started(&dialog, &RestoreDialog::restoreStarted);
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_COMPARE(started.count(), 1);
        QVERIFY(dialog.errorText().isEmpty() ||
                !dialog.errorText().contains(QLatin1String("Exception")));
        QCOMPARE(statusIn(e, kIreland, "Music-restored"), std::string("CREATING"));
        QVERIFY(statusIn(e, kWest, "Music-restored").empty());
        QVERIFY(e.advanceUntil([&] { return statusIn(e, kIreland, "Music-restored") == "ACTIVE"; },
                               5'000, 60));
        QCOMPARE(e.ok("Scan", {{"TableName", "Music-restored"}}, "eu-west-1")["Count"].get<int>(),
                 3);
    }

    void pointInTimeRestoredIntoAnotherRegion() {
        WidgetEngine e;
        fillMusic(e);
        e.ok("UpdateContinuousBackups",
             {{"TableName", "Music"},
              {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}}}});
        e.advance(10 * 60'000);
        RestoreDialog::Source source;
        source.table = QStringLiteral("Music");
        source.latest = true;
        RestoreDialog dialog(*e.bridge, kWest, source);
        dialog.show();
        QCOMPARE(dialog.request().value("SourceTableName", ""), std::string("Music"));
        dialog.setTargetRegion(kIreland);
        dialog.setTargetName(QStringLiteral("Music-ireland"));
        QSignalSpy started(&dialog, &RestoreDialog::restoreStarted);
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_COMPARE(started.count(), 1);
        // Named by its ARN in the request that went to Ireland.
        QCOMPARE(dialog.request().value("SourceTableArn", ""),
                 std::string("arn:aws:dynamodb:us-west-2:000000000000:table/Music"));
        QVERIFY(!dialog.request().contains("SourceTableName"));
        QVERIFY(e.advanceUntil([&] { return statusIn(e, kIreland, "Music-ireland") == "ACTIVE"; },
                               5'000, 60));
        QCOMPARE(e.ok("Scan", {{"TableName", "Music-ireland"}}, "eu-west-1")["Count"].get<int>(),
                 3);
        QVERIFY(statusIn(e, kWest, "Music-ireland").empty());
    }
};

QTEST_MAIN(TstWidgetsRestoreRegion)
#include "tst_widgets_restore_region.moc"
