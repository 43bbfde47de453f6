// The Streams tab reads a table's stream through the Streams API as a consumer does:
// records of writes made through the API (INSERT, MODIFY, REMOVE), the event filter,
// pause and resume without losing records, the shard tree after a shard rolls over, a
// Time to Live delete, and enabling a stream on a table without one. Engine time is a
// ManualClock; the tab reads when the test calls pollNow().

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

#include "items/items_tab.h"
#include "streams/shard_tree.h"
#include "streams/stream_enable_box.h"
#include "streams/stream_event_filter.h"
#include "streams/stream_reader.h"
#include "streams/stream_records_model.h"
#include "streams/streams_tab.h"
#include "tables/tables_tab.h"
#include "widget_fixture.h"
#include "window/activity_dock.h"
#include "window/activity_filter.h"
#include "window/activity_model.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
constexpr tablespan::Millis kHour = 60LL * 60 * 1000;

Json item(const std::string& id, const std::string& v) {
    return {{"id", {{"S", id}}}, {"v", {{"S", v}}}};
}

void hourlyShards(tablespan::EngineOptions& o) {
    o.stream_shard_lifetime = kHour;
    o.ttl_deletion_delay = 0;
}
}  // namespace

class TstWidgetsStreams : public QObject {
    Q_OBJECT

    static void createOrders(WidgetEngine& e, bool stream = true) {
        Json request = J(R"({"TableName": "Orders", "BillingMode": "PAY_PER_REQUEST",
                   "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                   "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]})");
        if (stream)
            request["StreamSpecification"] = {{"StreamEnabled", true},
                                              {"StreamViewType", "NEW_AND_OLD_IMAGES"}};
        e.ok("CreateTable", request);
        e.advance(60'000);
    }

    static void put(WidgetEngine& e, const std::string& id, const std::string& v) {
        e.ok("PutItem", {{"TableName", "Orders"}, {"Item", item(id, v)}});
    }

    // The events of the rows the view shows, top to bottom.
    static QStringList shownEvents(StreamsTab* tab) {
        QStringList out;
        const QAbstractItemModel* m = tab->recordsView()->model();
        for (int r = 0; r < m->rowCount(); ++r)
            out << m->index(r, StreamRecordsModel::Event).data().toString();
        return out;
    }

    static StreamsTab* openOn(MainWindow& window) {
        StreamsTab* tab = window.streamsTab();
        [&] { QTRY_COMPARE(tab->table(), QStringLiteral("Orders")); }();
        return tab;
    }

private slots:
    void writesThroughTheApiAppearAsRecords() {
        WidgetEngine e;
        createOrders(e);
        MainWindow window(*e.bridge);
        StreamsTab* tab = openOn(window);
        QTRY_VERIFY(!tab->streamArn().isEmpty());
        QTRY_COMPARE(tab->statusText(),
                     QStringLiteral("Status: ENABLED · View type: NEW_AND_OLD_IMAGES"));
        QVERIFY(tab->enableBox()->isHidden());

        put(e, "a", "1");
        put(e, "a", "2");
        e.ok("DeleteItem", {{"TableName", "Orders"}, {"Key", {{"id", {{"S", "a"}}}}}});
        tab->pollNow();
        QTRY_COMPARE(shownEvents(tab),
                     (QStringList{QStringLiteral("INSERT"), QStringLiteral("MODIFY"),
                                  QStringLiteral("REMOVE")}));
        const QAbstractItemModel* m = tab->recordsView()->model();
        QCOMPARE(m->index(0, StreamRecordsModel::Keys).data().toString(), QStringLiteral("id: a"));
        QTRY_COMPARE(m->index(1, StreamRecordsModel::Source).data().toString(),
                     QStringLiteral("local write"));
        QVERIFY(!m->index(0, StreamRecordsModel::Time).data().toString().isEmpty());

        // The MODIFY's images in the detail pane.
        tab->recordsView()->setCurrentIndex(m->index(1, 0));
        const QString details = tab->details()->toPlainText();
        QVERIFY2(details.startsWith(QStringLiteral("MODIFY at ")), qPrintable(details));
        QVERIFY(details.contains(QStringLiteral("New image")));
        QVERIFY(details.contains(QStringLiteral("Old image")));
        QVERIFY(details.contains(QStringLiteral("\"S\": \"2\"")));
        QVERIFY(details.contains(QStringLiteral("\"S\": \"1\"")));

        // Reading again finds nothing new.
        tab->pollNow();
        QTRY_VERIFY(!tab->reader()->isBusy());
        QCOMPARE(tab->records()->rowCount(), 3);
    }

    void theReadersRequestsAreTheConsolesPolling() {
        WidgetEngine e;
        createOrders(e);
        MainWindow window(*e.bridge);
        StreamsTab* tab = openOn(window);
        for (const char* id : {"a", "b"}) {
            put(e, id, "1");
            tab->pollNow();
        }
        QTRY_COMPARE(tab->records()->rowCount(), 2);
        e.call("GetShardIterator", {{"StreamArn", tab->streamArn().toStdString()},
                                    {"ShardId", tab->records()->record(0).shardId.toStdString()},
                                    {"ShardIteratorType", "LATEST"}});  // a client's
        const ActivityModel* activity = window.activityDock()->model();
        const auto count = [activity](bool polling) {
            int n = 0;
            for (int r = 0; r < activity->rowCount(); ++r) {
                const RequestRecord& record = activity->record(r);
                n += (record.operation == QLatin1String("GetShardIterator") ||
                      record.operation == QLatin1String("GetRecords")) &&
                     ActivityFilter::isPolling(record) == polling;
            }
            return n;
        };
        QTRY_COMPARE(count(false), 1);  // only the client's is shown with the polling hidden
        QVERIFY(count(true) >= 3);      // the tab's iterator and reads
    }

    void theFilterHidesEvents() {
        WidgetEngine e;
        createOrders(e);
        MainWindow window(*e.bridge);
        StreamsTab* tab = openOn(window);
        put(e, "a", "1");
        put(e, "a", "2");
        put(e, "b", "1");
        e.ok("DeleteItem", {{"TableName", "Orders"}, {"Key", {{"id", {{"S", "b"}}}}}});
        tab->pollNow();
        QTRY_COMPARE(tab->records()->rowCount(), 4);
        auto* inserts = tab->findChild<QCheckBox*>(QStringLiteral("streamsShowINSERT"));
        auto* removes = tab->findChild<QCheckBox*>(QStringLiteral("streamsShowREMOVE"));
        QVERIFY(inserts && removes);
        inserts->click();
        QCOMPARE(shownEvents(tab),
                 (QStringList{QStringLiteral("MODIFY"), QStringLiteral("REMOVE")}));
        removes->click();
        QCOMPARE(shownEvents(tab), QStringList{QStringLiteral("MODIFY")});
        inserts->click();
        QCOMPARE(shownEvents(tab), (QStringList{QStringLiteral("INSERT"), QStringLiteral("MODIFY"),
                                                QStringLiteral("INSERT")}));
        // Records arriving while filtered are filtered too.
        put(e, "c", "1");
        e.ok("DeleteItem", {{"TableName", "Orders"}, {"Key", {{"id", {{"S", "c"}}}}}});
        tab->pollNow();
        QTRY_COMPARE(tab->records()->rowCount(), 6);
        QCOMPARE(shownEvents(tab).size(), 4);
    }

    void pausedRecordsAppearOnResume() {
        WidgetEngine e;
        createOrders(e);
        MainWindow window(*e.bridge);
        StreamsTab* tab = openOn(window);
        put(e, "a", "1");
        tab->pollNow();
        QTRY_COMPARE(tab->records()->rowCount(), 1);

        tab->pauseButton()->click();
        QCOMPARE(tab->pauseButton()->text(), QStringLiteral("Resume"));
        for (const char* id : {"b", "c", "d"}) put(e, id, "1");
        tab->pollNow();
        QTRY_COMPARE(tab->records()->buffered(), 3);
        put(e, "e", "1");
        tab->pollNow();
        QTRY_COMPARE(tab->records()->buffered(), 4);
        QCOMPARE(tab->records()->rowCount(), 1);  // nothing shown while paused

        tab->pauseButton()->click();
        QCOMPARE(tab->pauseButton()->text(), QStringLiteral("Pause"));
        QCOMPARE(tab->records()->rowCount(), 5);
        QCOMPARE(tab->records()->buffered(), 0);
        QStringList keys;
        for (int r = 0; r < 5; ++r) keys << tab->records()->record(r).keysText;
        QCOMPARE(keys, (QStringList{QStringLiteral("id: a"), QStringLiteral("id: b"),
                                    QStringLiteral("id: c"), QStringLiteral("id: d"),
                                    QStringLiteral("id: e")}));
    }

    void newRecordsOnlySkipsWhatTheStreamHolds() {
        WidgetEngine e;
        createOrders(e);
        MainWindow window(*e.bridge);
        StreamsTab* tab = openOn(window);
        put(e, "old", "1");
        tab->pollNow();
        QTRY_COMPARE(tab->records()->rowCount(), 1);
        tab->setFromOldest(false);
        QCOMPARE(tab->records()->rowCount(), 0);
        QTRY_VERIFY(!tab->reader()->isBusy());
        put(e, "new", "1");
        tab->pollNow();
        QTRY_COMPARE(tab->records()->rowCount(), 1);
        QCOMPARE(tab->records()->record(0).keysText, QStringLiteral("id: new"));
        // Back to the oldest retained: both again.
        tab->setFromOldest(true);
        QTRY_COMPARE(tab->records()->rowCount(), 2);
    }

    void aRolledOverShardShowsUnderItsParent() {
        WidgetEngine e(hourlyShards);
        createOrders(e);
        MainWindow window(*e.bridge);
        StreamsTab* tab = openOn(window);
        put(e, "a", "1");
        tab->pollNow();
        QTRY_COMPARE(tab->records()->rowCount(), 1);
        ShardTree* tree = tab->shardTree();
        QTRY_COMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(ShardTree::State), QStringLiteral("Open"));
        QCOMPARE(tree->topLevelItem(0)->text(ShardTree::End), QStringLiteral("—"));

        // An hour on the shard closes; the next write goes to its child. The reader's
        // iterator has expired by then (15 minutes): it goes on after the last record.
        e.advance(kHour);
        put(e, "b", "1");
        tab->pollNow();
        QTRY_COMPARE(tab->records()->rowCount(), 2);
        QCOMPARE(tab->records()->record(1).keysText, QStringLiteral("id: b"));
        QTRY_COMPARE(tree->topLevelItem(0)->childCount(), 1);
        QCOMPARE(tree->topLevelItemCount(), 1);
        QTreeWidgetItem* parent = tree->topLevelItem(0);
        QTreeWidgetItem* child = parent->child(0);
        QCOMPARE(parent->text(ShardTree::State), QStringLiteral("Closed"));
        QVERIFY(parent->text(ShardTree::End).size() == 21);
        QCOMPARE(child->text(ShardTree::State), QStringLiteral("Open"));
        QCOMPARE(tab->records()->record(1).shardId, child->text(ShardTree::Shard));
        QVERIFY(child->text(ShardTree::Start) > parent->text(ShardTree::End));
        QVERIFY(tab->errorText().isEmpty());
    }

    void aShardWhoseParentIsTrimmedIsARoot() {
        ShardTree tree;
        tree.setShards(J(R"([
            {"ShardId": "shardId-2", "ParentShardId": "shardId-1",
             "SequenceNumberRange": {"StartingSequenceNumber": "200",
                                     "EndingSequenceNumber": "299"}},
            {"ShardId": "shardId-4", "ParentShardId": "shardId-3",
             "SequenceNumberRange": {"StartingSequenceNumber": "400"}},
            {"ShardId": "shardId-3", "ParentShardId": "shardId-2",
             "SequenceNumberRange": {"StartingSequenceNumber": "300",
                                     "EndingSequenceNumber": "399"}}])"));
        QCOMPARE(tree.topLevelItemCount(), 1);  // shardId-1 is trimmed: its child is a root
        QTreeWidgetItem* root = tree.topLevelItem(0);
        QCOMPARE(root->text(ShardTree::Shard), QStringLiteral("shardId-2"));
        QCOMPARE(root->child(0)->text(ShardTree::Shard), QStringLiteral("shardId-3"));
        QTreeWidgetItem* open = root->child(0)->child(0);
        QCOMPARE(open->text(ShardTree::Shard), QStringLiteral("shardId-4"));
        QCOMPARE(open->text(ShardTree::State), QStringLiteral("Open"));
        QCOMPARE(tree.itemOf(QStringLiteral("shardId-4")), open);
    }

    void aReplicatedWriteNamesItsRegion() {
        WidgetEngine e;
        createOrders(e);
        e.ok("UpdateTable", J(R"({"TableName": "Orders",
                 "ReplicaUpdates": [{"Create": {"RegionName": "eu-west-1"}}]})"));
        for (int i = 0; i < 120; ++i) e.advance(1'000);
        put(e, "a", "1");                                     // Oregon
        e.ok("PutItem", {{"TableName", "Orders"}, {"Item", item("b", "1")}}, "eu-west-1");
        for (int i = 0; i < 5; ++i) e.advance(1'000);
        MainWindow window(*e.bridge);
        window.setRegion(QStringLiteral("eu-west-1"));
        StreamsTab* tab = openOn(window);
        QTRY_VERIFY(!tab->streamArn().isEmpty());
        tab->pollNow();
        QTRY_COMPARE(tab->records()->rowCount(), 2);
        const QAbstractItemModel* m = tab->recordsView()->model();
        QStringList sources;
        for (int r = 0; r < 2; ++r)
            sources << m->index(r, StreamRecordsModel::Source).data().toString();
        sources.sort();
        QCOMPARE(sources, (QStringList{QStringLiteral("local write"),
                                       QStringLiteral("replicated from US West (Oregon)")}));
    }

    void aTimeToLiveDeleteSaysSo() {
        WidgetEngine e(hourlyShards);
        createOrders(e);
        e.ok("UpdateTimeToLive", J(R"({"TableName": "Orders", "TimeToLiveSpecification":
                                       {"Enabled": true, "AttributeName": "exp"}})"));
        MainWindow window(*e.bridge);
        StreamsTab* tab = openOn(window);
        const std::string past = std::to_string(e.clock->now() / 1000 - 10);
        e.ok("PutItem",
             {{"TableName", "Orders"}, {"Item", {{"id", {{"S", "s"}}}, {"exp", {{"N", past}}}}}});
        e.ok("DeleteItem", {{"TableName", "Orders"}, {"Key", {{"id", {{"S", "s"}}}}}});
        e.ok("PutItem",
             {{"TableName", "Orders"}, {"Item", {{"id", {{"S", "s"}}}, {"exp", {{"N", past}}}}}});
        for (int i = 0; i < 3; ++i) e.advance(60'000);
        tab->pollNow();
        QTRY_COMPARE(tab->records()->rowCount(), 4);
        QStringList sources;
        const QAbstractItemModel* m = tab->recordsView()->model();
        for (int r = 0; r < 4; ++r)
            sources << m->index(r, StreamRecordsModel::Source).data().toString();
        QCOMPARE(sources,
                 (QStringList{QStringLiteral("local write"), QStringLiteral("local write"),
                              QStringLiteral("local write"), QStringLiteral("TTL delete")}));
        tab->recordsView()->setCurrentIndex(m->index(3, 0));
        QVERIFY(tab->details()->toPlainText().contains(QStringLiteral("deleted by Time to Live")));
    }

    void aTableWithoutAStreamOffersOne() {
        WidgetEngine e;
        createOrders(e, false);
        MainWindow window(*e.bridge);
        StreamsTab* tab = openOn(window);
        StreamEnableBox* box = tab->enableBox();
        QTRY_VERIFY(!box->isHidden());
        QVERIFY(box->messageText().startsWith(QStringLiteral("Orders has no stream.")));
        QVERIFY(tab->streamArn().isEmpty());
        box->viewTypeBox()->setCurrentIndex(
            box->viewTypeBox()->findData(QStringLiteral("KEYS_ONLY")));
        box->enableButton()->click();
        const QString enabled = QStringLiteral("Status: ENABLED · View type: KEYS_ONLY");
        QVERIFY(e.advanceUntil([&] { return box->isHidden() && tab->statusText() == enabled; },
                               1'000, 120));
        put(e, "a", "1");
        tab->pollNow();
        QTRY_COMPARE(tab->records()->rowCount(), 1);
        tab->recordsView()->setCurrentIndex(tab->recordsView()->model()->index(0, 0));
        QVERIFY(tab->details()->toPlainText().contains(
            QStringLiteral("No images: the stream's view type is KEYS_ONLY.")));
    }

    void theModelKeepsTheLatestRows() {
        StreamRecordsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto batch = [](int from, int count) {
            QList<StreamRecord> out;
            for (int i = from; i < from + count; ++i)
                out << StreamRecord::fromJson(
                    {{"eventName", "INSERT"},
                     {"dynamodb", {{"Keys", {{"id", {{"N", std::to_string(i)}}}}}}}},
                    QStringLiteral("shardId-1"));
            return out;
        };
        model.append(batch(0, 6'000));
        model.append(batch(6'000, 4'005));
        QCOMPARE(model.rowCount(), StreamRecordsModel::kMaxRows);
        QCOMPARE(model.dropped(), qint64(5));
        QCOMPARE(model.record(0).keysText, QStringLiteral("id: 5"));
        // Paused: the buffer keeps what the table would show on resume.
        model.setPaused(true);
        model.append(batch(10'005, 12'000));
        QCOMPARE(model.buffered(), StreamRecordsModel::kMaxRows);
        QCOMPARE(model.rowCount(), StreamRecordsModel::kMaxRows);
        model.setPaused(false);
        QCOMPARE(model.rowCount(), StreamRecordsModel::kMaxRows);
        QCOMPARE(model.record(0).keysText, QStringLiteral("id: 12005"));
        QCOMPARE(model.record(model.rowCount() - 1).keysText, QStringLiteral("id: 22004"));
        QCOMPARE(model.dropped(), qint64(12'005));
    }

    void theTableIsShared() {
        WidgetEngine e;
        createOrders(e);
        e.create_table("Payments", "id", "S");
        MainWindow window(*e.bridge);
        StreamsTab* tab = openOn(window);
        auto* box = tab->findChild<QComboBox*>(QStringLiteral("streamsTable"));
        QTRY_COMPARE(box->count(), 2);
        const int index = box->findText(QStringLiteral("Payments"));
        box->setCurrentIndex(index);
        emit box->activated(index);
        QTRY_COMPARE(window.itemsTab()->table(), QStringLiteral("Payments"));
        window.tablesTab()->selectTable(QStringLiteral("Orders"));
        QTRY_COMPARE(tab->table(), QStringLiteral("Orders"));
    }
};

QTEST_MAIN(TstWidgetsStreams)
#include "tst_widgets_streams.moc"
