// Auto scaling of provisioned capacity in the console, on a deterministic engine: set in
// the auto scaling dialog from a table's Settings (read, write and a GSI's write) and read
// back with DescribeTableReplicaAutoScaling; shown in the table's details, whose capacity
// follows when the engine scales out; the engine's refusal of a target outside 20–90 %
// shown in the dialog, which stays open; an engine that cannot answer, in words; and the
// create-replica dialog's refusal of a provisioned table without write auto scaling, which
// says what to do and turns it on from there.

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>

#include "capacity/auto_scaling_box.h"
#include "capacity/auto_scaling_dialog.h"
#include "capacity/auto_scaling_settings.h"
#include "global/create_replica_dialog.h"
#include "tables/table_settings_panel.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "widget_fixture.h"

using tablespan::Json;

namespace {
const QString kWest = QStringLiteral("us-west-2");

// Orders, provisioned with 5 RCU and 5 WCU, and its GSI ByCustomer with 3 and 3.
void createOrders(WidgetEngine& e) {
    e.ok("CreateTable", J(R"({"TableName": "Orders", "BillingMode": "PROVISIONED",
        "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                                 {"AttributeName": "customer", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        "GlobalSecondaryIndexes": [{"IndexName": "ByCustomer",
            "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "KEYS_ONLY"},
            "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 3}}]})"));
    e.advance(60'000);
}

// The replica's entry of DescribeTableReplicaAutoScaling.
Json scalingOf(WidgetEngine& e) {
    return e.ok("DescribeTableReplicaAutoScaling",
                {{"TableName", "Orders"}})["TableAutoScalingDescription"]["Replicas"][0];
}

template <typename T>
T* child(QObject* parent, const QString& name) {
    auto* w = parent->findChild<T*>(name);
    if (!w) qFatal("no widget %s", qPrintable(name));
    return w;
}

// Turns a dimension's auto scaling on with these settings ("table.write", "ByCustomer.read").
void setScaling(AutoScalingDialog* dialog, const QString& dimension, int min, int max, int target) {
    child<QCheckBox>(dialog, dimension + QStringLiteral(".on"))->setChecked(true);
    child<QSpinBox>(dialog, dimension + QStringLiteral(".min"))->setValue(min);
    child<QSpinBox>(dialog, dimension + QStringLiteral(".max"))->setValue(max);
    child<QSpinBox>(dialog, dimension + QStringLiteral(".target"))->setValue(target);
}

void save(AutoScalingDialog* dialog) {
    auto* button = child<QPushButton>(dialog, QStringLiteral("saveAutoScaling"));
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

// A Tables tab on us-west-2 with Orders selected and its Settings shown.
struct Console {
    TablesTab tab;
    explicit Console(WidgetEngine& e) : tab(*e.bridge) {
        tab.resize(1000, 700);
        tab.show();
        tab.setRegion(kWest);
        QTRY_VERIFY(tab.model()->rowOf(QStringLiteral("Orders")) >= 0);
        tab.selectTable(QStringLiteral("Orders"));
        tab.detailTabs()->setCurrentIndex(2);
    }
    AutoScalingBox* box() { return tab.settingsPanel()->autoScalingBox(); }
    QString details() {
        return child<QTextBrowser>(&tab, QStringLiteral("tableDetails"))->toPlainText();
    }
    // Opens the dialog from Settings and waits until it shows the table's settings.
    AutoScalingDialog* openDialog() {
        [this] { QTRY_VERIFY(box()->editButton()->isEnabled()); }();
        QTest::mouseClick(box()->editButton(), Qt::LeftButton);
        auto* dialog = box()->findChild<AutoScalingDialog*>();
        if (!dialog) qFatal("no auto scaling dialog");
        [dialog] { QTRY_VERIFY(dialog->isLoaded()); }();
        return dialog;
    }
};
}  // namespace

class TstWidgetsAutoScaling : public QObject {
    Q_OBJECT

private slots:
    // Only what changed is sent: the write settings for the group, the read settings
    // under the replica's region, a GSI's under its name.
    void requestHoldsOnlyWhatChanged() {
        AutoScalingSettings from;
        from.indexes[QStringLiteral("G")] = {};
        QVERIFY(
            AutoScalingSettings::updateRequest(QStringLiteral("T"), kWest, from, from).is_null());
        AutoScalingSettings to = from;
        to.write = {true, 5, 50, 70};
        to.indexes[QStringLiteral("G")].read = {true, 1, 9, 40};
        JCOMPARE(AutoScalingSettings::updateRequest(QStringLiteral("T"), kWest, from, to),
                 J(R"({"TableName": "T",
                       "ProvisionedWriteCapacityAutoScalingUpdate": {"MinimumUnits": 5,
                           "MaximumUnits": 50, "ScalingPolicyUpdate":
                           {"TargetTrackingScalingPolicyConfiguration": {"TargetValue": 70.0}}},
                       "ReplicaUpdates": [{"RegionName": "us-west-2",
                           "ReplicaGlobalSecondaryIndexUpdates": [{"IndexName": "G",
                               "ProvisionedReadCapacityAutoScalingUpdate": {"MinimumUnits": 1,
                                   "MaximumUnits": 9, "ScalingPolicyUpdate":
                                   {"TargetTrackingScalingPolicyConfiguration":
                                       {"TargetValue": 40.0}}}}]}]})"));
        JCOMPARE(AutoScalingSettings::updateRequest(QStringLiteral("T"), kWest, to, from),
                 J(R"({"TableName": "T",
                       "ProvisionedWriteCapacityAutoScalingUpdate": {"AutoScalingDisabled": true},
                       "ReplicaUpdates": [{"RegionName": "us-west-2",
                           "ReplicaGlobalSecondaryIndexUpdates": [{"IndexName": "G",
                               "ProvisionedReadCapacityAutoScalingUpdate":
                                   {"AutoScalingDisabled": true}}]}]})"));
    }

    void setInTheDialogShownInTheDetailsAndFollowedWhenItScales() {
        WidgetEngine e;
        createOrders(e);
        Console c(e);
        QTRY_VERIFY(c.box()->text().contains(QLatin1String("Write: Off")));
        QTRY_VERIFY(c.details().contains(QLatin1String("Write auto scaling\nOff")));

        AutoScalingDialog* dialog = c.openDialog();
        // The capacity provisioned now, beside the settings.
        QCOMPARE(child<QLabel>(dialog, QStringLiteral("table.write.current"))->text(),
                 QStringLiteral("5"));
        QCOMPARE(child<QLabel>(dialog, QStringLiteral("ByCustomer.write.current"))->text(),
                 QStringLiteral("3"));
        // Off, there is nothing to edit.
        QVERIFY(!child<QSpinBox>(dialog, QStringLiteral("table.write.min"))->isEnabled());
        setScaling(dialog, QStringLiteral("table.write"), 5, 50, 70);
        setScaling(dialog, QStringLiteral("table.read"), 2, 20, 60);
        setScaling(dialog, QStringLiteral("ByCustomer.write"), 3, 30, 50);
        QSignalSpy applied(dialog, &AutoScalingDialog::applied);
        save(dialog);
        QTRY_COMPARE(applied.size(), 1);
        QVERIFY(!c.box()->findChild<AutoScalingDialog*>());

        const Json r = scalingOf(e);
        const auto target = [](const Json& settings) {
            return settings["ScalingPolicies"][0]["TargetTrackingScalingPolicyConfiguration"]
                           ["TargetValue"]
                               .get<double>();
        };
        const Json write = r["ReplicaProvisionedWriteCapacityAutoScalingSettings"];
        QCOMPARE(write["MinimumUnits"].get<int>(), 5);
        QCOMPARE(write["MaximumUnits"].get<int>(), 50);
        QCOMPARE(target(write), 70.0);
        const Json read = r["ReplicaProvisionedReadCapacityAutoScalingSettings"];
        QCOMPARE(read["MinimumUnits"].get<int>(), 2);
        QCOMPARE(read["MaximumUnits"].get<int>(), 20);
        QCOMPARE(target(read), 60.0);
        const Json gsi = r["GlobalSecondaryIndexes"][0];
        QCOMPARE(gsi["ProvisionedWriteCapacityAutoScalingSettings"]["MaximumUnits"].get<int>(), 30);
        QCOMPARE(target(gsi["ProvisionedWriteCapacityAutoScalingSettings"]), 50.0);
        JCOMPARE(gsi["ProvisionedReadCapacityAutoScalingSettings"],
                 J(R"({"AutoScalingDisabled": true})"));

        // Settings and the details say so.
        QTRY_VERIFY(c.box()->text().contains(QStringLiteral("Write: On: 5–50 units, target 70 %")));
        QVERIFY(c.box()->text().contains(QStringLiteral("Read: On: 2–20 units, target 60 %")));
        QTRY_VERIFY2(
            c.details().contains(QStringLiteral("Write auto scaling\nOn: 5–50 units, target 70 %")),
            qPrintable(c.details()));
        QVERIFY(
            c.details().contains(QStringLiteral("Read auto scaling\nOn: 2–20 units, target 60 %")));
        QVERIFY(c.details().contains(
            QStringLiteral("Write 3 (auto scaling: On: 3–30 units, target 50 %)")));
        QVERIFY(!c.details().contains(QLatin1String("Last increase")));

        // Over two minutes at 5 writes a second, 100 % of 5 units: the engine scales out to
        // 5 / 70 % = 8 units, and the details follow.
        for (int i = 0; i < 5 * 200; ++i) {
            QVERIFY(e.call("PutItem", {{"TableName", "Orders"},
                                       {"Item", {{"id", {{"S", "k" + std::to_string(i)}}}}}})
                        .ok());
            e.advance(200);
        }
        const std::int64_t scaled =
            e.ok("DescribeTable",
                 {{"TableName", "Orders"}})["Table"]["ProvisionedThroughput"]["WriteCapacityUnits"]
                .get<std::int64_t>();
        QCOMPARE(scaled, std::int64_t(8));
        QTRY_VERIFY2(c.details().contains(QLatin1String("Write capacity units\n8\n")),
                     qPrintable(c.details()));
        QVERIFY(c.details().contains(QLatin1String("Last increase")));
        // The settings are as they were.
        QVERIFY(c.box()->text().contains(QStringLiteral("Write: On: 5–50 units, target 70 %")));
    }

    void anInvalidTargetShowsTheEnginesError() {
        WidgetEngine e;
        createOrders(e);
        Console c(e);
        AutoScalingDialog* dialog = c.openDialog();
        setScaling(dialog, QStringLiteral("table.write"), 5, 50, 95);
        save(dialog);
        QTRY_VERIFY2(dialog->errorText().contains(QLatin1String("between 20 and 90")),
                     qPrintable(dialog->errorText()));
        QVERIFY(child<QLabel>(dialog, QStringLiteral("autoScalingError"))->isVisible());
        // The dialog stays open with the edit, and nothing changed.
        QVERIFY(dialog->isVisible());
        QCOMPARE(child<QSpinBox>(dialog, QStringLiteral("table.write.target"))->value(), 95);
        JCOMPARE(scalingOf(e)["ReplicaProvisionedWriteCapacityAutoScalingSettings"],
                 J(R"({"AutoScalingDisabled": true})"));
        // A minimum above the maximum: the engine's words too. An edit clears the error.
        setScaling(dialog, QStringLiteral("table.write"), 60, 50, 70);
        QVERIFY(dialog->errorText().isEmpty());
        save(dialog);
        QTRY_VERIFY2(dialog->errorText().contains(
                         QLatin1String("MinimumUnits 60 is greater than MaximumUnits 50")),
                     qPrintable(dialog->errorText()));
    }

    // An on-demand table has nothing to scale; a region whose engine cannot answer says why.
    void nothingToScaleAndNoAnswerAreSaidInWords() {
        WidgetEngine e;
        e.create_table("Orders", "id", "S");
        e.advance(60'000);
        Console c(e);
        QTRY_VERIFY(c.box()->text().contains(QLatin1String("on-demand")));
        QVERIFY(!c.box()->editButton()->isEnabled());
        QVERIFY(!c.details().contains(QLatin1String("auto scaling")));

        e.bridge->addUnavailableConnection(QStringLiteral("lab"), {QStringLiteral("eu-west-1")},
                                           QStringLiteral("UnknownOperationException"),
                                           QStringLiteral("The endpoint does not know this."));
        AutoScalingBox box(*e.bridge);
        Json table = e.ok("DescribeTable", {{"TableName", "Orders"}})["Table"];
        table["BillingModeSummary"]["BillingMode"] = "PROVISIONED";
        box.setTable(QStringLiteral("eu-west-1@lab"), table);
        QTRY_VERIFY2(box.text().contains(QLatin1String("The endpoint does not know this.")),
                     qPrintable(box.text()));
        QVERIFY(!box.editButton()->isEnabled());
        AutoScalingDialog dialog(*e.bridge, QStringLiteral("eu-west-1@lab"),
                                 QStringLiteral("Orders"));
        QSignalSpy loaded(&dialog, &AutoScalingDialog::loaded);
        QVERIFY(loaded.wait());
        QVERIFY(dialog.errorText().contains(QLatin1String("The endpoint does not know this.")));
        QVERIFY(!child<QPushButton>(&dialog, QStringLiteral("saveAutoScaling"))->isEnabled());
    }

    // A provisioned table whose writes do not scale gets no replica; the dialog says why
    // and what to do, turns write auto scaling on (table and GSI), and the replica follows.
    void aReplicaNeedsWriteAutoScaling() {
        WidgetEngine e;
        createOrders(e);
        CreateReplicaDialog dialog(*e.bridge, kWest, QStringLiteral("Orders"), {kWest});
        dialog.show();
        dialog.setReplicaRegion(QStringLiteral("eu-west-1"));
        auto* create = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QTRY_VERIFY(create->isEnabled());
        QTest::mouseClick(create, Qt::LeftButton);
        QTRY_VERIFY(!dialog.errorText().isEmpty());
        QVERIFY2(dialog.errorText().contains(QLatin1String("Turn on write auto scaling, or "
                                                           "switch the table to on-demand")),
                 qPrintable(dialog.errorText()));
        QVERIFY(
            dialog.errorText().contains(QLatin1String("Orders has provisioned write capacity")));
        QVERIFY(dialog.turnOnScalingButton()->isVisible());

        QTest::mouseClick(dialog.turnOnScalingButton(), Qt::LeftButton);
        auto* scaling = dialog.findChild<AutoScalingDialog*>();
        QVERIFY(scaling);
        QTRY_VERIFY(scaling->isLoaded());
        // Write auto scaling is on for the table and its GSI, ready to save.
        QVERIFY(child<QCheckBox>(scaling, QStringLiteral("table.write.on"))->isChecked());
        QVERIFY(child<QCheckBox>(scaling, QStringLiteral("ByCustomer.write.on"))->isChecked());
        QVERIFY(!child<QCheckBox>(scaling, QStringLiteral("table.read.on"))->isChecked());
        save(scaling);
        QTRY_VERIFY(!dialog.noteText().isEmpty());
        QVERIFY(dialog.errorText().isEmpty());
        QVERIFY(!dialog.turnOnScalingButton()->isVisible());
        QCOMPARE(scalingOf(e)["ReplicaProvisionedWriteCapacityAutoScalingSettings"].value(
                     "AutoScalingDisabled", true),
                 false);

        QSignalSpy requested(&dialog, &CreateReplicaDialog::replicaRequested);
        QTRY_VERIFY(create->isEnabled());
        QTest::mouseClick(create, Qt::LeftButton);
        QTRY_COMPARE(requested.size(), 1);
        const Json replicas = e.ok("DescribeTable", {{"TableName", "Orders"}})["Table"]["Replicas"];
        // The service lists the other replicas: the new one, being created.
        QVERIFY2(replicas.size() == 1 && replicas[0].value("RegionName", "") == "eu-west-1",
                 replicas.dump().c_str());
    }
};

QTEST_MAIN(TstWidgetsAutoScaling)
#include "tst_widgets_autoscaling.moc"
