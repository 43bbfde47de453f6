// Clicks through the Global tables tab, the Monitoring tab and the Regions & network
// panel on a deterministic engine: add a replica and watch it go CREATING → ACTIVE, write
// in one region and see the item in the other (Items view and propagation probe), take a
// region offline and back, cut a link on the map and heal it.

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStringListModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include "global/create_replica_dialog.h"
#include "global/global_console.h"
#include "global/global_tables_tab.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "window/main_window.h"
#include "monitoring/monitoring_tab.h"
#include "global/network_models.h"
#include "global/propagation_probe.h"
#include "global/region_map.h"
#include "global/regions_panel.h"
#include "global/replica_model.h"
#include "global/replication_chart.h"
#include "monitoring/request_stats_model.h"
#include "tables/tables_tab.h"
#include "widget_fixture.h"

using tablespan::Json;

namespace {
const QString kWest = QStringLiteral("us-west-2");
const QString kIreland = QStringLiteral("eu-west-1");

QString statusOf(ReplicaModel* model, const QString& region) {
    const int row = model->rowOf(region);
    return row < 0
               ? QString()
               : model->index(row, ReplicaModel::Status).data(ReplicaModel::StatusRole).toString();
}

// A table with a replica in Ireland, ACTIVE everywhere.
void globalTable(WidgetEngine& e) {
    e.create_table("courses", "courseid", "S");
    e.ok("UpdateTable",
         {{"TableName", "courses"},
          {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", "eu-west-1"}}}}})}});
    e.advance(60'000);
}

bool hasItem(ItemsModel* model, const QString& text) {
    for (int row = 0; row < model->rowCount(); ++row)
        for (int c = 0; c < model->columnCount(); ++c)
            if (model->index(row, c).data().toString().contains(text)) return true;
    return false;
}

// How many probe items a region's copy of "courses" holds.
int probeItems(WidgetEngine& e, const std::string& region) {
    const auto r = e.call("Scan", {{"TableName", "courses"}}, region);
    int n = 0;
    for (const Json& item : r.body.value("Items", Json::array()))
        if (item["courseid"].value("S", "").starts_with("tablespan-probe-")) ++n;
    return n;
}

// GetItem requests to `region` among the records a spy on requestsCompleted saw.
int getItems(const QSignalSpy& spy, const QString& region) {
    int n = 0;
    for (const auto& args : spy)
        for (const RequestRecord& r : args.at(0).value<QList<RequestRecord>>())
            if (r.region == region && r.operation == QLatin1String("GetItem")) ++n;
    return n;
}
}  // namespace

class TstWidgetsGlobal : public QObject {
    Q_OBJECT

private slots:
    void addAReplicaAndWatchItBecomeActiveThenDeleteIt() {
        WidgetEngine e;
        e.create_table("courses", "courseid", "S");
        // Items to backfill: the replica reports its progress while it copies them.
        for (int chunk = 0; chunk < 8; ++chunk) {
            Json requests = Json::array();
            for (int i = 0; i < 25; ++i)
                requests.push_back(
                    {{"PutRequest",
                      {{"Item", {{"courseid", {{"S", std::to_string(chunk * 25 + i)}}}}}}}});
            e.ok("BatchWriteItem", {{"RequestItems", {{"courses", requests}}}});
        }
        MainWindow window(*e.bridge);
        const GlobalConsole console = installGlobalConsole(window, *e.bridge);
        GlobalTablesTab* tab = console.globalTables;
        window.show();
        window.tabs()->setCurrentWidget(tab);
        QTRY_COMPARE(tab->table(), QStringLiteral("courses"));
        QTRY_COMPARE(tab->model()->rowCount(), 1);
        QTRY_COMPARE(statusOf(tab->model(), kWest), QStringLiteral("ACTIVE"));

        QTest::mouseClick(tab->findChild<QPushButton*>(QStringLiteral("createReplica")),
                          Qt::LeftButton);
        auto* dialog = tab->findChild<CreateReplicaDialog*>();
        QVERIFY(dialog);
        QVERIFY(!dialog->offeredRegions().contains(kWest));
        QVERIFY(dialog->offeredRegions().contains(kIreland));
        dialog->setReplicaRegion(kIreland);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QTRY_COMPARE(statusOf(tab->model(), kIreland), QStringLiteral("CREATING"));
        QTRY_VERIFY(!tab->findChild<CreateReplicaDialog*>());
        QCOMPARE(statusOf(tab->model(), kWest), QStringLiteral("UPDATING"));
        // Backfill progress is shown while CREATING.
        const int row = tab->model()->rowOf(kIreland);
        const auto progress = [&] {
            return tab->model()
                ->index(row, ReplicaModel::Status)
                .data(ReplicaModel::ProgressRole)
                .toInt();
        };
        e.advance(1'000);
        QTRY_VERIFY(progress() > 0);
        QCOMPARE(statusOf(tab->model(), kIreland), QStringLiteral("CREATING"));
        QVERIFY(e.advanceUntil(
            [&] { return statusOf(tab->model(), kIreland) == QLatin1String("ACTIVE"); }, 1'000,
            60));
        QTRY_COMPARE(statusOf(tab->model(), kWest), QStringLiteral("ACTIVE"));
        QCOMPARE(
            tab->model()->index(row, ReplicaModel::Status).data(ReplicaModel::ProgressRole).toInt(),
            -1);
        QCOMPARE(tab->map()->group(), QStringList({kWest, kIreland}));

        // The same region cannot be added twice: the dialog no longer offers it.
        tab->createReplica();
        dialog = tab->findChild<CreateReplicaDialog*>();
        QVERIFY(!dialog->offeredRegions().contains(kIreland));
        dialog->reject();
        QTRY_VERIFY(!tab->findChild<CreateReplicaDialog*>());

        tab->view()->selectRow(row);
        QTest::mouseClick(tab->findChild<QPushButton*>(QStringLiteral("deleteReplica")),
                          Qt::LeftButton);
        auto* confirm = tab->findChild<QMessageBox*>(QStringLiteral("confirmDeleteReplica"));
        QVERIFY(confirm);
        for (auto* b : confirm->buttons())
            if (confirm->buttonRole(b) == QMessageBox::DestructiveRole) b->click();
        QTRY_COMPARE(statusOf(tab->model(), kIreland), QStringLiteral("DELETING"));
        QVERIFY(e.advanceUntil([&] { return tab->model()->rowCount() == 1; }, 1'000, 60));
    }

    void engineErrorsAreShownInTheReplicaDialog() {
        WidgetEngine e;
        e.create_table("courses", "courseid", "S");
        MainWindow window(*e.bridge);
        const GlobalConsole console = installGlobalConsole(window, *e.bridge);
        QTRY_COMPARE(console.globalTables->model()->rowCount(), 1);
        console.globalTables->createReplica();
        auto* dialog = console.globalTables->findChild<CreateReplicaDialog*>();
        // The table is deleted meanwhile: the engine refuses, the dialog stays and says why.
        e.ok("DeleteTable", {{"TableName", "courses"}});
        dialog->setReplicaRegion(kIreland);
        dialog->accept();
        QTRY_VERIFY(!dialog->errorText().isEmpty());
        QVERIFY(dialog->isVisible());
    }

    void aWriteInOneRegionAppearsInTheOther() {
        WidgetEngine e;
        globalTable(e);
        MainWindow window(*e.bridge);
        const GlobalConsole console = installGlobalConsole(window, *e.bridge);
        GlobalTablesTab* tab = console.globalTables;
        window.show();
        window.tabs()->setCurrentWidget(tab);
        QTRY_COMPARE(tab->model()->rowCount(), 2);
        QTRY_COMPARE(statusOf(tab->model(), kIreland), QStringLiteral("ACTIVE"));

        // The probe: written in Oregon, polled in Ireland until it arrives.
        PropagationProbe* probe = tab->probe();
        probe->setSource(kWest);
        probe->setDestination(kIreland);
        QSignalSpy arrived(probe, &PropagationProbe::arrived);
        QTest::mouseClick(probe->findChild<QPushButton*>(QStringLiteral("sendProbe")),
                          Qt::LeftButton);
        QTRY_VERIFY(probe->resultText().contains(QLatin1String("Waiting")));
        QVERIFY(e.advanceUntil([&] { return arrived.count() == 1; }, 50, 200));
        const qint64 ms = arrived.first().at(2).toLongLong();
        const double model = tablespan::Network::model_latency_ms("us-west-2", "eu-west-1");
        QVERIFY2(ms >= model - 150 && ms <= model + 250, qPrintable(QString::number(ms)));
        QVERIFY(probe->resultText().contains(QLatin1String("arrived after")));
        QCOMPARE(probe->history()->rowCount(), 1);

        // The receiving region's latency shows in the table and in the chart.
        QTRY_VERIFY(tab->model()
                        ->index(tab->model()->rowOf(kIreland), ReplicaModel::LastLatency)
                        .data()
                        .toString()
                        .endsWith(QLatin1String(" ms")));
        QTRY_VERIFY(tab->chart()->pointCount(kIreland) > 0);

        // A write in Oregon shows in Ireland's Items view.
        e.ok("PutItem",
             {{"TableName", "courses"}, {"Item", {{"courseid", {{"S", "written-in-oregon"}}}}}});
        e.advance(2'000);
        window.setRegion(kIreland);
        window.tabs()->setCurrentWidget(window.itemsTab());
        window.itemsTab()->setTable(QStringLiteral("courses"));
        window.itemsTab()->run();
        QTRY_VERIFY(hasItem(window.itemsTab()->model(), QStringLiteral("written-in-oregon")));
        // Every request the console made is in Monitoring.
        QTRY_VERIFY(console.monitoring->model()->requests(kIreland, QStringLiteral("courses"),
                                                          QStringLiteral("GetItem")) >= 1);
    }

    // Bug 7: "Creating a replica…" leaves the status bar once the replica is ACTIVE.
    void theReplicaMessageLeavesTheStatusBarWhenTheReplicaIsActive() {
        WidgetEngine e;
        e.create_table("courses", "courseid", "S");
        MainWindow window(*e.bridge);
        const GlobalConsole console = installGlobalConsole(window, *e.bridge);
        GlobalTablesTab* tab = console.globalTables;
        window.show();
        window.tabs()->setCurrentWidget(tab);
        QTRY_COMPARE(tab->model()->rowCount(), 1);
        QTRY_VERIFY(tab->findChild<QPushButton*>(QStringLiteral("createReplica"))->isEnabled());
        QTest::mouseClick(tab->findChild<QPushButton*>(QStringLiteral("createReplica")),
                          Qt::LeftButton);
        auto* dialog = tab->findChild<CreateReplicaDialog*>();
        QVERIFY(dialog);
        dialog->setReplicaRegion(kIreland);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        const auto status = [&] {
            QStringList texts;
            for (auto* l : window.statusBar()->findChildren<QLabel*>()) texts << l->text();
            return texts.join(QLatin1Char(' '));
        };
        QTRY_VERIFY(status().contains(QLatin1String("Creating a replica")));
        QVERIFY(e.advanceUntil(
            [&] { return statusOf(tab->model(), kIreland) == QLatin1String("ACTIVE"); }, 1'000,
            120));
        QTRY_VERIFY2(!status().contains(QLatin1String("Creating a replica")), qPrintable(status()));
    }

    // Bug 5: the probe's item does not stay in the user's table, and the probe says so.
    void theProbeRemovesItsItemAndSaysItWritesOne() {
        WidgetEngine e;
        globalTable(e);
        MainWindow window(*e.bridge);
        const GlobalConsole console = installGlobalConsole(window, *e.bridge);
        GlobalTablesTab* tab = console.globalTables;
        window.show();
        window.tabs()->setCurrentWidget(tab);
        QTRY_COMPARE(statusOf(tab->model(), kIreland), QStringLiteral("ACTIVE"));
        PropagationProbe* probe = tab->probe();
        auto* note = probe->findChild<QLabel*>(QStringLiteral("probeNote"));
        QVERIFY(note && note->isVisible());
        QVERIFY(note->text().contains(QLatin1String("tablespan-probe-")));
        QVERIFY(note->text().contains(QLatin1String("deletes")));
        probe->setSource(kWest);
        probe->setDestination(kIreland);
        QSignalSpy arrived(probe, &PropagationProbe::arrived);
        probe->send();
        QVERIFY(e.advanceUntil([&] { return arrived.count() == 1; }, 50, 200));
        // The delete replicates: after a few seconds neither region holds a probe item.
        QVERIFY(e.advanceUntil(
            [&] { return probeItems(e, "us-west-2") == 0 && probeItems(e, "eu-west-1") == 0; }, 500,
            20));
    }

    // Bug 4: towards an offline region the probe polls a few times per second of engine
    // time, and reports "not arrived within 30 s" instead of polling forever.
    void aProbeTowardsAnOfflineRegionBacksOffAndTimesOut() {
        WidgetEngine e;
        globalTable(e);
        MainWindow window(*e.bridge);
        const GlobalConsole console = installGlobalConsole(window, *e.bridge);
        GlobalTablesTab* tab = console.globalTables;
        window.show();
        window.tabs()->setCurrentWidget(tab);
        QTRY_COMPARE(statusOf(tab->model(), kIreland), QStringLiteral("ACTIVE"));
        e.engine->network().set_region_online("eu-west-1", false);
        PropagationProbe* probe = tab->probe();
        probe->setSource(kWest);
        probe->setDestination(kIreland);
        QSignalSpy requests(e.bridge.get(), &EngineBridge::requestsCompleted);
        probe->send();
        QVERIFY(e.advanceUntil([&] { return !probe->isRunning(); }, 250, 200));
        QVERIFY2(probe->resultText().contains(QLatin1String("not arrived within 30 s")),
                 qPrintable(probe->resultText()));
        QCOMPARE(probe->history()->rowCount(), 1);
        QVERIFY(
            probe->history()->index(0).data().toString().contains(QLatin1String("not arrived")));
        // At most two polls per second of engine time, plus the first.
        const int polls = getItems(requests, kIreland);
        QVERIFY2(polls >= 2 && polls <= 62, qPrintable(QString::number(polls)));
        // Nothing more once the outcome is in.
        const int after = getItems(requests, kIreland);
        e.advance(10'000);
        QTest::qWait(300);
        QCOMPARE(getItems(requests, kIreland), after);
    }

    // Bug 4: a probe across a cut link still reports an outcome when the console
    // switches region while it waits.
    void aProbeReportsAnOutcomeAfterTheRegionChanges() {
        WidgetEngine e;
        globalTable(e);
        MainWindow window(*e.bridge);
        const GlobalConsole console = installGlobalConsole(window, *e.bridge);
        GlobalTablesTab* tab = console.globalTables;
        window.show();
        window.tabs()->setCurrentWidget(tab);
        QTRY_COMPARE(statusOf(tab->model(), kIreland), QStringLiteral("ACTIVE"));
        e.engine->network().set_link_cut("us-west-2", "eu-west-1", true);
        PropagationProbe* probe = tab->probe();
        probe->setSource(kWest);
        probe->setDestination(kIreland);
        probe->send();
        QTRY_VERIFY(probe->resultText().contains(QLatin1String("Waiting")));
        window.setRegion(kIreland);
        QVERIFY(e.advanceUntil([&] { return probe->history()->rowCount() == 1; }, 250, 200));
        QVERIFY2(probe->resultText().contains(QLatin1String("not arrived")),
                 qPrintable(probe->resultText()));
        QVERIFY(!probe->isRunning());
    }

    void aRegionGoesOfflineAndComesBackThroughThePanel() {
        WidgetEngine e;
        globalTable(e);
        e.ok("PutItem", {{"TableName", "courses"}, {"Item", {{"courseid", {{"S", "c1"}}}}}});
        e.advance(2'000);
        MainWindow window(*e.bridge);
        const GlobalConsole console = installGlobalConsole(window, *e.bridge);
        window.show();
        RegionsPanel* panel = console.regions;
        QAction* toggle = panel->toggleViewAction();
        QVERIFY(window.viewMenu()->actions().contains(toggle));
        toggle->trigger();
        QTRY_VERIFY(panel->isVisible());
        QTRY_COMPARE(panel->linkModel()->rowCount(), 2);  // Oregon and Ireland have tables

        // Browse Ireland's items, then take Ireland offline: the console's requests fail.
        window.setRegion(kIreland);
        window.tabs()->setCurrentWidget(window.itemsTab());
        QTRY_COMPARE(window.itemsTab()->table(), QStringLiteral("courses"));
        window.itemsTab()->run();
        QTRY_VERIFY(hasItem(window.itemsTab()->model(), QStringLiteral("c1")));
        panel->setRegionOnline(kIreland, false);
        QVERIFY(!e.engine->network().region_online("eu-west-1"));
        QTRY_COMPARE(panel->regionsModel()
                         ->index(panel->regionsModel()->rowOf(kIreland), RegionsModel::Online)
                         .data()
                         .toString(),
                     QStringLiteral("offline"));
        window.itemsTab()->run();
        QTRY_VERIFY(window.itemsTab()->errorText().contains(QLatin1String("ServiceUnavailable")));
        window.tablesTab()->refresh();
        QTRY_VERIFY(
            window.tablesTab()->errorText().contains(QLatin1String("Could not list tables")));
        QTRY_VERIFY(console.monitoring->model()->errors(kIreland, QStringLiteral("courses"),
                                                        QStringLiteral("Scan")) >= 1);
        window.setRegion(kWest);
        GlobalTablesTab* tab = console.globalTables;
        QTRY_COMPARE(tab->model()->rowCount(), 2);
        QTRY_COMPARE(tab->model()->index(1, ReplicaModel::ItemCount).data().toString(),
                     QStringLiteral("unavailable"));
        // The grid says the replica is offline, not Active.
        QCOMPARE(statusOf(tab->model(), kIreland), QStringLiteral("OFFLINE"));
        QCOMPARE(tab->model()->index(1, ReplicaModel::Status).data().toString(),
                 QStringLiteral("Offline"));
        QCOMPARE(tab->map()->linkLabel({kWest, kIreland}), QStringLiteral("offline"));

        // Back online: the same requests succeed again.
        panel->setRegionOnline(kIreland, true);
        window.setRegion(kIreland);
        window.tabs()->setCurrentWidget(window.itemsTab());
        QTRY_COMPARE(window.itemsTab()->table(), QStringLiteral("courses"));
        window.itemsTab()->run();
        QTRY_VERIFY(hasItem(window.itemsTab()->model(), QStringLiteral("c1")));
        QVERIFY(window.itemsTab()->errorText().isEmpty());

        // Cut the link in the panel: writes stop flowing; heal it on the map: they arrive.
        panel->selectLink(kWest, kIreland);
        panel->setLinkCut(true);
        QVERIFY(e.engine->network().link("us-west-2", "eu-west-1").cut);
        QCOMPARE(tab->map()->linkLabel({kWest, kIreland}), QStringLiteral("cut"));
        e.ok("PutItem",
             {{"TableName", "courses"}, {"Item", {{"courseid", {{"S", "during-cut"}}}}}});
        e.advance(10'000);
        const auto inIreland = [&e] {
            return e
                .call("GetItem",
                      {{"TableName", "courses"}, {"Key", {{"courseid", {{"S", "during-cut"}}}}}},
                      "eu-west-1")
                .body.contains("Item");
        };
        QVERIFY(!inIreland());
        QMenu* menu = tab->map()->showLinkMenu({kWest, kIreland}, QPoint(10, 10));
        menu->findChild<QAction*>(QStringLiteral("toggleLinkCut"))->trigger();
        QVERIFY(!e.engine->network().link("us-west-2", "eu-west-1").cut);
        e.advance(5'000);
        QVERIFY(inIreland());

        // A latency override shows in the matrix.
        panel->setLinkOverride(900);
        QCOMPARE(e.engine->network().link("us-west-2", "eu-west-1").override_ms.value_or(0), 900);
        const int r = static_cast<int>(panel->linkModel()->regions().indexOf(kWest));
        const int c = static_cast<int>(panel->linkModel()->regions().indexOf(kIreland));
        QCOMPARE(panel->linkModel()->index(r, c).data().toString(), QStringLiteral("900 ms"));
    }

    void monitoringChartsRequestsByOperation() {
        WidgetEngine e;
        e.create_table("courses", "courseid", "S");
        MainWindow window(*e.bridge);
        const GlobalConsole console = installGlobalConsole(window, *e.bridge);
        window.show();
        window.tabs()->setCurrentWidget(console.monitoring);
        for (int i = 0; i < 5; ++i)
            e.bridge->call(
                kWest, QStringLiteral("PutItem"),
                {{"TableName", "courses"}, {"Item", {{"courseid", {{"S", std::to_string(i)}}}}}},
                {});
        QTRY_COMPARE(console.monitoring->model()->requests(kWest, QStringLiteral("courses"),
                                                           QStringLiteral("PutItem")),
                     5);
        QTRY_VERIFY(console.monitoring->chartedOperations().contains(QStringLiteral("PutItem")));
    }
};

QTEST_MAIN(TstWidgetsGlobal)
#include "tst_widgets_global.moc"
