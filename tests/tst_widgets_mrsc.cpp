// Multi-Region strong consistency in the console: the create-replica dialog offers
// strong consistency only where the service allows it (an empty table without replicas,
// three regions of one region set) and sends the group in one UpdateTable; the Global
// tables tab shows the mode, the witness and its status, write latency per region and
// write conflicts, and removes a strongly consistent group in one request.

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

#include "global/create_replica_dialog.h"
#include "global/propagation_probe.h"
#include "items/compare_model.h"
#include "items/compare_view.h"
#include "items/items_tab.h"
#include "global/global_console.h"
#include "global/global_tables_tab.h"
#include "global/region_map.h"
#include "global/region_sets.h"
#include "global/replica_model.h"
#include "global/write_stats.h"
#include "window/main_window.h"
#include "widget_fixture.h"

using tablespan::Json;

namespace {
const QString kWest = QStringLiteral("us-west-2");
const QString kEast = QStringLiteral("us-east-1");
const QString kOhio = QStringLiteral("us-east-2");

QString cell(ReplicaModel* model, const QString& region, int column) {
    const int row = model->rowOf(region);
    return row < 0 ? QString() : model->index(row, column).data().toString();
}

// A strongly consistent description as DescribeTable gives it in us-west-2.
Json strongDescription() {
    return Json::parse(R"({"TableName": "orders", "TableStatus": "ACTIVE", "ItemCount": 0,
        "GlobalTableVersion": "2019.11.21", "MultiRegionConsistency": "STRONG",
        "Replicas": [{"RegionName": "us-east-1", "ReplicaStatus": "ACTIVE"}],
        "GlobalTableWitnesses": [{"RegionName": "us-east-2", "WitnessStatus": "CREATING"}]})");
}

QString dump(const Json& j) {
    return QString::fromStdString(j.dump());
}
QString dumpOf(const char* json) {
    return dump(Json::parse(json));
}

RequestRecord write(const QString& region, double ms, const QString& error = {}) {
    RequestRecord r;
    r.timeMs = 1'790'000'000'000;
    r.region = region;
    r.operation = QStringLiteral("PutItem");
    r.table = QStringLiteral("orders");
    r.durationMs = ms;
    r.errorType = error;
    return r;
}

struct Console {
    MainWindow window;
    GlobalConsole console;
    explicit Console(WidgetEngine& e) : window(*e.bridge) {
        console = installGlobalConsole(window, *e.bridge);
        window.show();
        window.tabs()->setCurrentWidget(console.globalTables);
    }
    GlobalTablesTab* tab() const { return console.globalTables; }
    CreateReplicaDialog* openDialog() {
        tab()->createReplica();
        return tab()->findChild<CreateReplicaDialog*>();
    }
};
}  // namespace

class TstWidgetsMrsc : public QObject {
    Q_OBJECT

private slots:
    void regionSetsAreTheServicesOwn() {
        QCOMPARE(RegionSets::setOf(kWest), QStringList({kEast, kOhio, kWest}));
        QCOMPARE(RegionSets::setOf(QStringLiteral("eu-central-1")).size(), 4);
        QCOMPARE(RegionSets::nameOf(QStringLiteral("ap-northeast-3")), QStringLiteral("AP"));
        QVERIFY(RegionSets::setOf(QStringLiteral("us-west-1")).isEmpty());
    }

    void strongConsistencyOffersOnlyTheRegionSet() {
        WidgetEngine e;
        e.create_table("orders", "id", "S");
        Console c(e);
        QTRY_COMPARE(c.tab()->model()->rowCount(), 1);
        CreateReplicaDialog* dialog = c.openDialog();
        QVERIFY(dialog);
        // Eventual consistency: any region but the table's own.
        QVERIFY(!dialog->isStrong());
        QVERIFY(dialog->offeredRegions().contains(QStringLiteral("ap-southeast-2")));
        QTRY_VERIFY(dialog->strongPossible());
        dialog->setStrong(true);
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("consistencyTradeOff"))
                    ->text()
                    .contains(QLatin1String("zero RPO")));
        // Strong consistency: the other two regions of the US set, never one twice.
        QCOMPARE(dialog->offeredSecondRegions(), QStringList({kEast, kOhio}));
        dialog->setSecondRegion(kOhio);
        QCOMPARE(dialog->offeredThirdRegions(), QStringList({kEast}));
        dialog->setSecondRegion(kEast);
        QCOMPARE(dialog->offeredThirdRegions(), QStringList({kOhio}));

        // Two replicas and a witness: one Create, one witness Create, STRONG.
        dialog->setWithWitness(true);
        QCOMPARE(dump(dialog->request()), dumpOf(R"({"TableName": "orders",
            "ReplicaUpdates": [{"Create": {"RegionName": "us-east-1"}}],
            "GlobalTableWitnessUpdates": [{"Create": {"RegionName": "us-east-2"}}],
            "MultiRegionConsistency": "STRONG"})"));
        QCOMPARE(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->text(),
                 QStringLiteral("Create strongly consistent group"));
        // Three replicas: both Creates in the one call.
        dialog->setWithWitness(false);
        QCOMPARE(dump(dialog->request()), dumpOf(R"({"TableName": "orders",
            "ReplicaUpdates": [{"Create": {"RegionName": "us-east-1"}},
                               {"Create": {"RegionName": "us-east-2"}}],
            "MultiRegionConsistency": "STRONG"})"));
        // Back to eventual: today's single Create.
        dialog->setStrong(false);
        dialog->setReplicaRegion(QStringLiteral("eu-west-1"));
        QCOMPARE(dump(dialog->request()), dumpOf(R"({"TableName": "orders",
            "ReplicaUpdates": [{"Create": {"RegionName": "eu-west-1"}}]})"));
        dialog->reject();
    }

    void strongConsistencySaysWhyItIsNotPossible() {
        WidgetEngine e;
        // Outside every region set.
        e.create_table("orders", "id", "S", {}, {}, "us-west-1");
        // Not empty.
        e.create_table("orders", "id", "S");
        e.ok("PutItem", {{"TableName", "orders"}, {"Item", {{"id", {{"S", "1"}}}}}});
        Console c(e);
        QTRY_COMPARE(c.tab()->model()->rowCount(), 1);
        CreateReplicaDialog* dialog = c.openDialog();
        QTRY_VERIFY(dialog->strongUnavailableReason().contains(QLatin1String("holds items")));
        QVERIFY(!dialog->strongPossible());
        auto* strong = dialog->findChild<QRadioButton*>(QStringLiteral("strongConsistency"));
        QVERIFY(!strong->isEnabled());
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("strongUnavailable"))->isVisible());
        dialog->reject();
        QTRY_VERIFY(!c.tab()->findChild<CreateReplicaDialog*>());

        c.window.setRegion(QStringLiteral("us-west-1"));
        QTRY_COMPARE(c.tab()->region(), QStringLiteral("us-west-1"));
        QTRY_COMPARE(c.tab()->model()->rowCount(), 1);
        dialog = c.openDialog();
        QVERIFY(dialog->strongUnavailableReason().contains(QLatin1String("region sets")));
        QVERIFY(!dialog->strongPossible());
        dialog->reject();
    }

    void theEnginesRefusalIsShownInTheDialog() {
        WidgetEngine e;
        e.create_table("orders", "id", "S");
        Console c(e);
        QTRY_COMPARE(c.tab()->model()->rowCount(), 1);
        QPointer<CreateReplicaDialog> dialog = c.openDialog();
        QTRY_VERIFY(dialog->strongPossible());
        dialog->setStrong(true);
        dialog->setWithWitness(true);
        // An item arrives after the dialog looked: the engine refuses, the dialog says why.
        e.ok("PutItem", {{"TableName", "orders"}, {"Item", {{"id", {{"S", "1"}}}}}});
        dialog->accept();
        QTRY_VERIFY(!dialog || !dialog->errorText().isEmpty());
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->reject();
    }

    void theTabShowsAStrongGroupAndDeletesItAsAWhole() {
        WidgetEngine e;
        e.create_table("orders", "id", "S");
        Console c(e);
        QTRY_COMPARE(c.tab()->model()->rowCount(), 1);
        QCOMPARE(c.tab()->modeText(), QString());  // a regional table has no mode
        CreateReplicaDialog* dialog = c.openDialog();
        QTRY_VERIFY(dialog->strongPossible());
        dialog->setStrong(true);
        dialog->setWithWitness(true);
        dialog->setSecondRegion(kEast);
        dialog->setThirdRegion(kOhio);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
        QTRY_VERIFY(!c.tab()->findChild<CreateReplicaDialog*>());
        ReplicaModel* model = c.tab()->model();
        QVERIFY(e.advanceUntil(
            [&] {
                const int w = model->rowOf(kOhio);
                return w >= 0 && model->replica(w).status == QLatin1String("ACTIVE") &&
                       model->replica(model->rowOf(kEast)).status == QLatin1String("ACTIVE");
            },
            1'000, 200));
        QCOMPARE(model->witnesses(), QStringList({kOhio}));
        // The probe, shown while the table was regional, now watches the other replica.
        QCOMPARE(c.tab()
                     ->probe()
                     ->findChild<QComboBox*>(QStringLiteral("probeDestination"))
                     ->currentData()
                     .toString(),
                 kEast);
        // The map draws the witness too: its links carry the acknowledgements.
        QCOMPARE(c.tab()->map()->group(), QStringList({kWest, kEast, kOhio}));
        QCOMPARE(cell(model, kOhio, ReplicaModel::TableClass), QStringLiteral("Witness"));
        QTRY_VERIFY(c.tab()->modeText().contains(QLatin1String("Strong consistency")));
        QVERIFY(c.tab()->modeText().contains(QLatin1String("Witness: us-east-2 (Active)")));
        // The group is frozen: no more replicas; teardown is of the whole group.
        QVERIFY(!c.tab()->findChild<QPushButton*>(QStringLiteral("createReplica"))->isEnabled());
        auto* remove = c.tab()->findChild<QPushButton*>(QStringLiteral("deleteReplica"));
        QVERIFY(remove->isEnabled());

        // Writes in the region: their latency and the conflicts are shown per region.
        for (int i = 0; i < 5; ++i)
            e.bridge->call(
                kWest, QStringLiteral("PutItem"),
                {{"TableName", "orders"}, {"Item", {{"id", {{"S", std::to_string(i)}}}}}}, {});
        QVERIFY(e.advanceUntil(
            [&] { return cell(model, kWest, ReplicaModel::WriteLatency) != QStringLiteral("—"); },
            100, 50));
        c.tab()->writeStats()->add(
            {write(kWest, 1, QStringLiteral("ReplicatedWriteConflictException"))});
        QTRY_COMPARE(cell(model, kWest, ReplicaModel::Conflicts), QStringLiteral("1"));
        QTRY_VERIFY(c.tab()->modeText().contains(QLatin1String("Write conflicts: 1")));

        QTest::mouseClick(remove, Qt::LeftButton);
        auto* confirm = c.tab()->findChild<QMessageBox*>(QStringLiteral("confirmDeleteGroup"));
        QVERIFY(confirm);
        QVERIFY(confirm->text().contains(QLatin1String("witness in us-east-2")));
        for (auto* b : confirm->buttons())
            if (confirm->buttonRole(b) == QMessageBox::DestructiveRole) b->click();
        QTRY_VERIFY(c.tab()->errorText().isEmpty());
        QVERIFY(e.advanceUntil([&] { return model->rowCount() == 1; }, 1'000, 300));
        QTRY_COMPARE(c.tab()->modeText(), QString());
        QVERIFY(c.tab()->findChild<QPushButton*>(QStringLiteral("createReplica"))->isEnabled());
    }

    // The probe and Compare regions work on a strong group; the witness (no table) is
    // offered to neither.
    void theProbeAndCompareWorkForAStrongGroup() {
        WidgetEngine e;
        e.create_table("orders", "id", "S");
        e.ok("UpdateTable", Json::parse(R"({"TableName": "orders",
            "ReplicaUpdates": [{"Create": {"RegionName": "us-east-1"}}],
            "GlobalTableWitnessUpdates": [{"Create": {"RegionName": "us-east-2"}}],
            "MultiRegionConsistency": "STRONG"})"));
        e.advance(120'000);
        Console c(e);
        QTRY_COMPARE(c.tab()->model()->rowCount(), 3);
        PropagationProbe* probe = c.tab()->probe();
        auto* destinations = probe->findChild<QComboBox*>(QStringLiteral("probeDestination"));
        QVERIFY(destinations);
        QTRY_COMPARE(destinations->count(), 2);
        QVERIFY(destinations->findData(kOhio) < 0);
        probe->setSource(kWest);
        probe->setDestination(kEast);
        QSignalSpy arrived(probe, &PropagationProbe::arrived);
        probe->send();
        QVERIFY(e.advanceUntil([&] { return arrived.count() == 1; }, 50, 200));
        QCOMPARE(arrived.first().at(1).toString(), kEast);

        ItemsTab* items = c.window.itemsTab();
        c.window.tabs()->setCurrentWidget(items);
        items->setTable(QStringLiteral("orders"));
        QTRY_VERIFY(items->compareButton()->isEnabled());
        QTest::mouseClick(items->compareButton(), Qt::LeftButton);
        CompareView* compare = items->compareView();
        QTRY_VERIFY(compare->isVisible());
        QCOMPARE(compare->offeredRegions(), QStringList({kEast}));
        QCOMPARE(compare->otherRegion(), kEast);
        // Written in Oregon with strong consistency (answered after a peer has it, so not
        // with call_sync, which cannot move engine time): Virginia shows it too.
        e.bridge->call(kWest, QStringLiteral("PutItem"),
                       {{"TableName", "orders"}, {"Item", {{"id", {{"S", "a"}}}}}}, {});
        CompareModel* model = compare->model();
        QVERIFY(
            e.advanceUntil([&] { return model->rowCount() == 1 && !model->differs(0); }, 100, 100));
    }

    void theModelShowsTheWitnessAndTheMode() {
        ReplicaModel model;
        model.setGroup(kWest, strongDescription());
        QCOMPARE(model.consistency(), QStringLiteral("STRONG"));
        QCOMPARE(model.rowCount(), 3);
        // The witness is a member, not a replica: nothing reads from it.
        QCOMPARE(model.regions(), QStringList({kWest, kEast}));
        QCOMPARE(model.witnesses(), QStringList({kOhio}));
        QCOMPARE(cell(&model, kOhio, ReplicaModel::TableClass), QStringLiteral("Witness"));
        QCOMPARE(model.index(model.rowOf(kOhio), ReplicaModel::Status)
                     .data(ReplicaModel::StatusRole)
                     .toString(),
                 QStringLiteral("CREATING"));
        QVERIFY(model.hasTransitions());
        model.setWriteStats(kEast, 12, 80, 3);
        QCOMPARE(cell(&model, kEast, ReplicaModel::WriteLatency), QStringLiteral("12 / 80 ms"));
        QCOMPARE(cell(&model, kEast, ReplicaModel::Conflicts), QStringLiteral("3"));
        // An eventually consistent group omits the field.
        Json eventual = strongDescription();
        eventual.erase("MultiRegionConsistency");
        eventual.erase("GlobalTableWitnesses");
        model.setGroup(kWest, eventual);
        QCOMPARE(model.consistency(), QStringLiteral("EVENTUAL"));
        model.setGroup(kWest, Json::parse(R"({"TableName": "orders", "TableStatus": "ACTIVE"})"));
        QCOMPARE(model.consistency(), QString());
    }

    void writeStatsArePercentilesAndConflicts() {
        WidgetEngine e;
        WriteStats stats(*e.bridge);
        QList<RequestRecord> records;
        for (int i = 1; i <= 100; ++i) records << write(kWest, i);
        records << write(kWest, 5000, QStringLiteral("ReplicatedWriteConflictException"))
                << write(kWest, 7000, QStringLiteral("ValidationException"));
        RequestRecord batch = write(kEast, 40);
        batch.operation = QStringLiteral("BatchWriteItem");
        batch.table = QStringLiteral("orders, customers");
        RequestRecord read = write(kEast, 900);
        read.operation = QStringLiteral("GetItem");
        records << batch << read;
        stats.add(records);
        const auto west = stats.summary(QStringLiteral("orders"), kWest, records[0].timeMs);
        QCOMPARE(west.writes, qint64(100));
        QCOMPARE(west.p50, 50.0);
        QCOMPARE(west.p99, 99.0);
        QCOMPARE(west.conflicts, qint64(1));
        const auto east = stats.summary(QStringLiteral("customers"), kEast, records[0].timeMs);
        QCOMPARE(east.writes, qint64(1));  // the batch counts for each of its tables; reads do not
        QCOMPARE(east.p99, 40.0);
        // Older than the window: no longer in the percentiles, still counted as conflicts.
        const auto later = stats.summary(QStringLiteral("orders"), kWest,
                                         records[0].timeMs + WriteStats::kWindowMs + 1);
        QCOMPARE(later.p50, -1.0);
        QCOMPARE(stats.conflicts(QStringLiteral("orders")), qint64(1));

        // Engine time running ten times faster: 3 wall ms are 30 engine ms, as the other
        // latencies the console shows.
        WidgetEngine fast([](tablespan::EngineOptions& o) {
            o.clock = std::make_shared<tablespan::SystemClock>(10.0);
        });
        WriteStats scaled(*fast.bridge);
        scaled.add({write(kWest, 3)});
        QCOMPARE(scaled.summary(QStringLiteral("orders"), kWest, records[0].timeMs).p50, 30.0);
    }
};

QTEST_MAIN(TstWidgetsMrsc)
#include "tst_widgets_mrsc.moc"
