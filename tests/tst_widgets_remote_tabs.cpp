// The tabs on a remote region: a global table of a shared lab server (a second Tablespan
// over HTTP with SigV4 keys) is probed and compared in its replica region on that server,
// never in the embedded region of the same code; a replica in a region the connection does
// not serve is listed with its reason and left alone; what only the embedded engine
// records (network simulation, replication and capacity metrics, PITR write activity) is
// replaced by a sentence; PITR's timeline shows the lab's restorable window, not 1970.

#include <QAbstractItemView>
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "common/engine_bridge.h"
#include "global/create_replica_dialog.h"
#include "global/global_console.h"
#include "global/global_tables_tab.h"
#include "global/propagation_probe.h"
#include "global/region_map.h"
#include "global/regions_panel.h"
#include "global/replica_model.h"
#include "global/replication_chart.h"
#include "items/compare_view.h"
#include "items/items_tab.h"
#include "monitoring/capacity_charts.h"
#include "monitoring/monitoring_tab.h"
#include "monitoring/request_stats_model.h"
#include "recovery/pitr_panel.h"
#include "recovery/pitr_timeline.h"
#include "recovery/recovery_console.h"
#include "recovery/restore_dialog.h"
#include "remote/remote_status_poller.h"
#include "tables/tables_model.h"
#include "window/main_window.h"
#include "remote_lab_fixture.h"
#include "widget_fixture.h"

using tablespan::Json;

namespace {
const QString kLab = QStringLiteral("eu-west-1@lab");
const QString kLabVirginia = QStringLiteral("us-east-1@lab");
const QString kTable = QStringLiteral("Customers");

Json describe(RemoteLab& lab, const std::string& region = "eu-west-1") {
    auto r = lab.engine->call_sync(region, "DescribeTable", {{"TableName", "Customers"}});
    return r.ok() ? r.body["Table"] : Json();
}

// The lab's Customers in eu-west-1, replicated to us-east-1, two items, all ACTIVE.
void seedGlobalTable(RemoteLab& lab) {
    lab.createTable("Customers", {"c-1", "c-2"});
    lab.ok("UpdateTable",
           {{"TableName", "Customers"},
            {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", "us-east-1"}}}}})}});
    const bool settled = QTest::qWaitFor(
        [&] {
            const Json t = describe(lab);
            return t.value("TableStatus", "") == "ACTIVE" &&
                   t["Replicas"].at(0).value("ReplicaStatus", "") == "ACTIVE" &&
                   lab.engine->call_sync("us-east-1", "Scan", {{"TableName", "Customers"}})
                           .body.value("Count", 0) == 2;
        },
        30'000);
    if (!settled) qFatal("the replica in us-east-1 did not become ACTIVE");
}

// The console with the Global tables, PITR and Monitoring tabs, showing the lab's region.
struct Console {
    MainWindow window;
    GlobalConsole global;
    RecoveryConsole recovery;

    Console(EngineBridge& bridge, RemoteLab& lab, const QStringList& served) : window(bridge) {
        global = installGlobalConsole(window, bridge);
        recovery = installRecoveryConsole(window, bridge);
        window.show();
        bridge.addConnection(QStringLiteral("lab"), served, lab.client());
        window.setRegion(kLab);
    }
};

// The embedded engine's own Customers, in the regions of the lab's replication group: a
// request sent to the wrong side would succeed there instead of failing.
void seedEmbeddedTwin(WidgetEngine& e) {
    QSignalSpy created(e.bridge.get(), &EngineBridge::requestsCompleted);
    for (const char* region : {"eu-west-1", "us-east-1"})
        e.create_table("Customers", "id", "S", {}, {}, region);
    // Heard by the console before the test starts counting.
    const bool heard = QTest::qWaitFor([&] {
        int n = 0;
        for (const auto& args : created) n += args.at(0).value<QList<RequestRecord>>().size();
        return n >= 2;
    });
    if (!heard) qFatal("the embedded CreateTable requests were not reported");
}

int embeddedRequests(const QSignalSpy& spy, const QString& table) {
    int n = 0;
    for (const auto& args : spy)
        for (const RequestRecord& r : args.at(0).value<QList<RequestRecord>>())
            if (!EngineBridge::isRemoteRegion(r.region) && r.table == table) ++n;
    return n;
}

bool sawRemote(const QSignalSpy& spy, const QString& region, const QString& operation) {
    for (const auto& args : spy)
        for (const RequestRecord& r : args.at(0).value<QList<RequestRecord>>())
            if (r.region == region && r.operation == operation && r.table == kTable &&
                r.errorType.isEmpty())
                return true;
    return false;
}
}  // namespace

class TstWidgetsRemoteTabs : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        qRegisterMetaType<QList<RequestRecord>>();
        QVERIFY(m_config.isValid());
        qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
    }

    // The lab's replica in us-east-1 is the group's second member, reached as
    // us-east-1@lab: the probe written in Ireland on the lab arrives there, and the
    // embedded regions of the same codes never see a request for the table. The charts
    // and the map of the embedded simulation give way to a sentence.
    void aRemoteReplicaIsProbedOnTheLab() {
        RemoteLab lab;
        seedGlobalTable(lab);
        WidgetEngine e;
        seedEmbeddedTwin(e);
        QSignalSpy requests(e.bridge.get(), &EngineBridge::requestsCompleted);
        Console c(*e.bridge, lab, {QStringLiteral("eu-west-1"), QStringLiteral("us-east-1")});
        GlobalTablesTab* tab = c.global.globalTables;
        c.window.tabs()->setCurrentWidget(tab);
        tab->setTable(kTable);
        QTRY_COMPARE(tab->model()->regions(), (QStringList{kLab, kLabVirginia}));
        QCOMPARE(tab->model()->reachableRegions(), (QStringList{kLab, kLabVirginia}));
        const int row = tab->model()->rowOf(kLabVirginia);
        QCOMPARE(tab->model()->index(row, ReplicaModel::Region).data().toString(),
                 QStringLiteral("lab: US East (N. Virginia) us-east-1"));
        // Its item count is the lab's replica's own answer.
        QTRY_COMPARE(tab->model()->index(row, ReplicaModel::ItemCount).data().toString(),
                     QStringLiteral("2"));

        QVERIFY2(tab->remoteNoteText().contains(QLatin1String("embedded regions only")),
                 qPrintable(tab->remoteNoteText()));
        QVERIFY(!tab->map()->isVisible());
        QVERIFY(!tab->chart()->isVisible());
        QVERIFY(tab->view()->isColumnHidden(ReplicaModel::Pending));

        PropagationProbe* probe = tab->probe();
        QTRY_VERIFY(probe->findChild<QPushButton*>(QStringLiteral("sendProbe"))->isEnabled());
        probe->setSource(kLab);
        probe->setDestination(kLabVirginia);
        probe->send();
        QTRY_VERIFY_WITH_TIMEOUT(!probe->isRunning(), 35'000);
        const QString outcome = probe->resultText();
        QVERIFY2(outcome.startsWith(kLab + QStringLiteral(" → ") + kLabVirginia +
                                    QStringLiteral(": arrived after ")),
                 qPrintable(outcome));
        QVERIFY2(probe->noteText().contains(QLatin1String("wall-clock")),
                 qPrintable(probe->noteText()));
        QTRY_VERIFY(sawRemote(requests, kLab, QStringLiteral("PutItem")));
        QTRY_VERIFY(sawRemote(requests, kLabVirginia, QStringLiteral("GetItem")));
        // The probe item is gone again from both of the lab's regions (the delete
        // replicates), and never reached the embedded engine.
        QTRY_COMPARE(lab.count("Customers"), 2);
        QCOMPARE(embeddedRequests(requests, kTable), 0);
        for (const char* region : {"eu-west-1", "us-east-1"})
            QCOMPARE(e.ok("Scan", {{"TableName", "Customers"}}, region)["Count"].get<int>(), 0);
    }

    // The connection serves only Ireland: Virginia's replica is listed with the status
    // the lab reports, dimmed, with its reason; the probe lists it but does not offer it,
    // nothing is sent there or to the embedded us-east-1, and the Items tab says why it
    // cannot compare.
    void aReplicaOutsideTheConnectionIsListedWithItsReason() {
        RemoteLab lab;
        seedGlobalTable(lab);
        WidgetEngine e;
        seedEmbeddedTwin(e);
        QSignalSpy requests(e.bridge.get(), &EngineBridge::requestsCompleted);
        Console c(*e.bridge, lab, {QStringLiteral("eu-west-1")});
        GlobalTablesTab* tab = c.global.globalTables;
        c.window.tabs()->setCurrentWidget(tab);
        tab->setTable(kTable);
        QTRY_COMPARE(tab->model()->regions(), (QStringList{kLab, kLabVirginia}));
        QCOMPARE(tab->model()->reachableRegions(), QStringList{kLab});
        const int row = tab->model()->rowOf(kLabVirginia);
        QCOMPARE(tab->model()->replica(row).status, QStringLiteral("ACTIVE"));
        const QString reason =
            tab->model()->index(row, ReplicaModel::Region).data(Qt::ToolTipRole).toString();
        QVERIFY2(reason.startsWith(QLatin1String("Not served by connection lab")),
                 qPrintable(reason));

        auto* destination = tab->probe()->findChild<QComboBox*>(QStringLiteral("probeDestination"));
        const int item = destination->findData(kLabVirginia);
        QVERIFY(item >= 0);
        QVERIFY(!qobject_cast<QStandardItemModel*>(destination->model())->item(item)->isEnabled());
        QCOMPARE(destination->itemData(item, Qt::ToolTipRole).toString(), reason);
        QVERIFY(!tab->probe()->findChild<QPushButton*>(QStringLiteral("sendProbe"))->isEnabled());

        ItemsTab* items = c.window.itemsTab();
        c.window.tabs()->setCurrentWidget(items);
        items->setTable(kTable);
        QTRY_VERIFY(items->compareButton()->toolTip().contains(QLatin1String("does not serve")));
        QVERIFY(!items->compareButton()->isEnabled());
        // A last request's answer: what the tabs sent before it has been answered too.
        bool answered = false;
        e.bridge->call(kLab, QStringLiteral("DescribeTable"), {{"TableName", "Customers"}},
                       [&](const tablespan::Result&) { answered = true; });
        QTRY_VERIFY(answered);
        for (const auto& args : requests)
            for (const RequestRecord& r : args.at(0).value<QList<RequestRecord>>())
                QVERIFY2(r.region != kLabVirginia, qPrintable(r.operation));
        QCOMPARE(embeddedRequests(requests, kTable), 0);
    }

    // Create replica… on the lab's table asks the lab for a replica in Oregon by its code;
    // the new member is followed until ACTIVE as us-west-2@lab, and deleting it sends the
    // code again.
    void aReplicaIsCreatedAndDeletedOnTheLab() {
        RemoteLab lab;
        seedGlobalTable(lab);
        WidgetEngine e;
        const QString oregon = QStringLiteral("us-west-2@lab");
        Console c(*e.bridge, lab,
                  {QStringLiteral("eu-west-1"), QStringLiteral("us-east-1"),
                   QStringLiteral("us-west-2")});
        e.bridge->remotePoller()->setInterval(20);
        GlobalTablesTab* tab = c.global.globalTables;
        c.window.tabs()->setCurrentWidget(tab);
        tab->setTable(kTable);
        QTRY_COMPARE(tab->model()->rowCount(), 2);
        tab->createReplica();
        auto* dialog = tab->findChild<CreateReplicaDialog*>();
        QVERIFY(dialog);
        QVERIFY(!dialog->offeredRegions().contains(QStringLiteral("us-east-1")));
        QVERIFY(!dialog->offeredRegions().contains(QStringLiteral("eu-west-1")));
        dialog->setReplicaRegion(QStringLiteral("us-west-2"));
        QCOMPARE(
            QString::fromStdString(
                dialog->request()["ReplicaUpdates"][0]["Create"]["RegionName"].get<std::string>()),
            QStringLiteral("us-west-2"));
        dialog->accept();
        QTRY_VERIFY(!tab->findChild<CreateReplicaDialog*>());
        QTRY_VERIFY(tab->model()->rowOf(oregon) >= 0);
        const auto oregonStatus = [tab, oregon] {
            const int row = tab->model()->rowOf(oregon);
            return row < 0 ? QString() : tab->model()->replica(row).status;
        };
        QTRY_COMPARE_WITH_TIMEOUT(oregonStatus(), QStringLiteral("ACTIVE"), 30'000);
        QTRY_COMPARE(tab->model()
                         ->index(tab->model()->rowOf(oregon), ReplicaModel::ItemCount)
                         .data()
                         .toString(),
                     QStringLiteral("2"));
        QVERIFY(describe(lab, "us-west-2").is_object());

        tab->deleteReplica(oregon);
        QTRY_VERIFY_WITH_TIMEOUT(tab->model()->rowOf(oregon) < 0, 30'000);
        QVERIFY2(tab->errorText().isEmpty(), qPrintable(tab->errorText()));
        QTRY_VERIFY(!describe(lab, "us-west-2").is_object());
    }

    // Compare regions on the lab's table reads both of the lab's regions.
    void compareRegionsReadsTheRemoteReplica() {
        RemoteLab lab;
        seedGlobalTable(lab);
        WidgetEngine e;
        seedEmbeddedTwin(e);
        e.ok("PutItem", {{"TableName", "Customers"}, {"Item", {{"id", {{"S", "local-only"}}}}}},
             "us-east-1");
        Console c(*e.bridge, lab, {QStringLiteral("eu-west-1"), QStringLiteral("us-east-1")});
        ItemsTab* items = c.window.itemsTab();
        c.window.tabs()->setCurrentWidget(items);
        items->setTable(kTable);
        QTRY_VERIFY(items->compareButton()->isEnabled());
        QTest::mouseClick(items->compareButton(), Qt::LeftButton);
        CompareView* compare = items->compareView();
        QVERIFY(compare->isVisible());
        QCOMPARE(compare->offeredRegions(), QStringList{kLabVirginia});
        // The embedded us-east-1 holds another item: the same items mean the lab was read.
        QTRY_COMPARE(compare->noteText(), QStringLiteral("The two regions hold the same items."));
    }

    // The Regions & network panel says that its simulation is the embedded regions' while
    // a remote region is shown, and nothing while an embedded one is.
    void theNetworkPanelSaysItSimulatesEmbeddedRegionsOnly() {
        RemoteLab lab;
        WidgetEngine e;
        Console c(*e.bridge, lab, {QStringLiteral("eu-west-1")});
        RegionsPanel* panel = c.global.regions;
        QVERIFY2(panel->remoteNoteText().contains(QLatin1String("embedded regions only")),
                 qPrintable(panel->remoteNoteText()));
        c.window.setRegion(QStringLiteral("us-west-2"));
        QCOMPARE(panel->remoteNoteText(), QString());
    }

    // PITR on the lab's table: the window is the lab's DescribeContinuousBackups answer,
    // the axis spans it (no 1970), and a sentence replaces the write activity; a table
    // without PITR shows the sentence alone.
    void pitrShowsTheRemoteWindow() {
        RemoteLab lab;
        seedGlobalTable(lab);
        lab.ok("UpdateContinuousBackups",
               {{"TableName", "Customers"},
                {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}}}});
        const Json pitr = lab.ok(
            "DescribeContinuousBackups",
            {{"TableName",
              "Customers"}})["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"];
        const auto earliest =
            static_cast<qint64>(pitr["EarliestRestorableDateTime"].get<double>() * 1000);
        lab.ok("CreateTable",
               {{"TableName", "Plain"},
                {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
                {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
                {"BillingMode", "PAY_PER_REQUEST"}});
        QVERIFY(lab.waitActive("Plain"));
        WidgetEngine e;
        Console c(*e.bridge, lab, {QStringLiteral("eu-west-1")});
        PitrPanel* panel = c.recovery.pitr;
        c.window.tabs()->setCurrentWidget(panel);
        // Both of the lab's tables are listed (a table not listed yet cannot be chosen).
        QTRY_VERIFY(c.window.tablesModel()->rowOf(QStringLiteral("Plain")) >= 0 &&
                    c.window.tablesModel()->rowOf(kTable) >= 0);
        panel->setTable(kTable);
        QTRY_VERIFY(panel->pitrEnabled());
        PitrTimeline* timeline = panel->timeline();
        QTRY_VERIFY(timeline->hasWindow());
        QCOMPARE(timeline->earliest(), earliest);
        QVERIFY(timeline->isVisible());
        QVERIFY(timeline->axisStart().toMSecsSinceEpoch() <= earliest);
        QVERIFY(timeline->axisEnd().toMSecsSinceEpoch() >= timeline->latest());
        QVERIFY(timeline->axisStart().date().year() >= 2025);
        QCOMPARE(timeline->axisTitle(), QStringLiteral("local time"));
        QVERIFY2(panel->remoteNoteText().contains(QLatin1String("window alone")),
                 qPrintable(panel->remoteNoteText()));
        QCOMPARE(panel->storageText(), QStringLiteral("Not reported by a remote endpoint"));
        QVERIFY(panel->errorText().isEmpty());
        // The restore goes to the lab too: its regions are the ones offered.
        panel->restore();
        auto* restore = panel->findChild<RestoreDialog*>();
        QVERIFY(restore);
        QCOMPARE(restore->targetRegion(), kLab);
        auto* targets = restore->findChild<QComboBox*>(QStringLiteral("targetRegion"));
        QCOMPARE(targets->count(), 1);
        restore->reject();

        panel->setTable(QStringLiteral("Plain"));
        QTRY_VERIFY(panel->remoteNoteText().contains(QLatin1String("turn it on")));
        QVERIFY(!panel->pitrEnabled());
        QVERIFY(!timeline->isVisible());
    }

    // Monitoring on the lab's region: the console's calls are counted per second of wall
    // time (the chart draws them, the rate is not 0), and the replication and capacity
    // charts, which are the embedded engine's, are sentences.
    void monitoringCountsTheRemoteCallsOnTheWallClock() {
        RemoteLab lab;
        seedGlobalTable(lab);
        WidgetEngine e;
        Console c(*e.bridge, lab, {QStringLiteral("eu-west-1")});
        MonitoringTab* tab = c.global.monitoring;
        c.window.tabs()->setCurrentWidget(tab);
        QVERIFY2(tab->captionText().contains(QLatin1String("wall time")),
                 qPrintable(tab->captionText()));
        QVERIFY2(tab->replicationNoteText().contains(QLatin1String("embedded regions only")),
                 qPrintable(tab->replicationNoteText()));
        QVERIFY(!tab->replicationChart()->isVisible());
        for (int i = 0; i < 5; ++i)
            e.bridge->call(kLab, QStringLiteral("GetItem"),
                           {{"TableName", "Customers"}, {"Key", {{"id", {{"S", "c-1"}}}}}},
                           nullptr);
        // Each call is drawn once, in the second it was answered.
        const auto drawn = [tab] {
            double sum = 0;
            for (const QPointF& p : tab->ratePoints(QStringLiteral("GetItem"))) sum += p.y();
            return sum;
        };
        QTRY_COMPARE(drawn(), 5.0);
        RequestStatsModel* stats = tab->model();
        const auto rate = [stats] {
            for (int row = 0; row < stats->rowCount(); ++row)
                if (stats->index(row, RequestStatsModel::Region).data().toString() == kLab &&
                    stats->index(row, RequestStatsModel::Operation).data().toString() ==
                        QLatin1String("GetItem"))
                    return stats->index(row, RequestStatsModel::Rate)
                        .data(RequestStatsModel::SortRole)
                        .toDouble();
            return 0.0;
        };
        QTRY_COMPARE(rate(), 0.5);

        tab->showCapacity(true);
        QVERIFY2(tab->capacityCharts()->remoteNoteText().contains(QLatin1String("remote region")),
                 qPrintable(tab->capacityCharts()->remoteNoteText()));
        c.window.setRegion(QStringLiteral("us-west-2"));
        QCOMPARE(tab->capacityCharts()->remoteNoteText(), QString());
        QCOMPARE(tab->replicationNoteText(), QString());
        tab->showCapacity(false);
        QVERIFY(tab->replicationChart()->isVisible());
    }

private:
    QTemporaryDir m_config;
};

QTEST_MAIN(TstWidgetsRemoteTabs)
#include "tst_widgets_remote_tabs.moc"
