// The console's models under QAbstractItemModelTester: the Activity log with its cap,
// the tables of a region, and the items of a table loaded page by page.

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSet>
#include <QTest>

#include "window/activity_model.h"
#include "items/items_model.h"
#include "tables/tables_model.h"
#include "widget_fixture.h"

using tablespan::Json;

class TstWidgetsModels : public QObject {
    Q_OBJECT

private slots:
    void activityKeepsTheNewestRequestsUpToItsCap() {
        ActivityModel model(5);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<RequestRecord> batch;
        for (int i = 0; i < 4; ++i)
            batch << RequestRecord{i,
                                   QStringLiteral("us-west-2"),
                                   QStringLiteral("PutItem"),
                                   QStringLiteral("t"),
                                   1.5,
                                   {},
                                   {}};
        model.append(batch);
        model.append(batch);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0, ActivityModel::Time).data().isValid(), true);
        model.append(
            {RequestRecord{9, QStringLiteral("eu-west-1"), QStringLiteral("GetItem"),
                           QStringLiteral("t"), 2, QStringLiteral("ResourceNotFoundException"),
                           QStringLiteral("Requested resource not found")}});
        QCOMPARE(model.rowCount(), 5);
        const QModelIndex outcome = model.index(4, ActivityModel::Outcome);
        QVERIFY(outcome.data().toString().contains(QLatin1String("ResourceNotFoundException")));
        QVERIFY(outcome.data(Qt::ForegroundRole).isValid());  // errors are shown in red
        QVERIFY(!model.index(0, ActivityModel::Outcome).data(Qt::ForegroundRole).isValid());
    }

    // A remote call the client retried says so, and so does one the adaptive retry
    // mode's rate limiter held back.
    void activityTellsRetriesAndRateLimiting() {
        RequestRecord r{1,
                        QStringLiteral("eu-west-1@lab"),
                        QStringLiteral("PutItem"),
                        QStringLiteral("t"),
                        812.0,
                        {},
                        {},
                        true,
                        3,
                        640.0};
        QCOMPARE(ActivityModel::outcome(r),
                 QStringLiteral("OK (after 3 attempts); held back 640 ms by the client-side "
                                "rate limiter"));
        r.errorType = QStringLiteral("ProvisionedThroughputExceededException");
        r.errorMessage = QStringLiteral(
            "The level of configured provisioned throughput for "
            "the table was exceeded.");
        r.rateLimitedMs = 0;
        QCOMPARE(ActivityModel::outcome(r),
                 QStringLiteral("ProvisionedThroughputExceededException: The level of "
                                "configured provisioned throughput for the table was exceeded. "
                                "(after 3 attempts)"));
        r.attempts = 1;
        r.errorType.clear();
        QCOMPARE(ActivityModel::outcome(r), QStringLiteral("OK"));
    }

    void tablesModelShowsDescribeTable() {
        TablesModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        TestEngine t;
        t.create_table("b-table", "pk", "S", "sk", "N");
        t.create_table("a-table", "id", "S");
        model.setTables({t.ok("DescribeTable", {{"TableName", "b-table"}})["Table"]});
        model.updateTable(t.ok("DescribeTable", {{"TableName", "a-table"}})["Table"]);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.tableName(0), QStringLiteral("a-table"));
        QCOMPARE(model.index(1, TablesModel::SortKey).data().toString(), QStringLiteral("sk (N)"));
        QCOMPARE(model.index(1, TablesModel::Status).data(TablesModel::StatusRole).toString(),
                 QStringLiteral("ACTIVE"));
        QCOMPARE(model.index(0, TablesModel::Pitr).data().toString(), QStringLiteral("—"));
        model.setPitr(QStringLiteral("a-table"), TablesModel::PitrState::Enabled);
        QCOMPARE(model.index(0, TablesModel::Pitr).data().toString(), QStringLiteral("On"));
        model.removeTable(QStringLiteral("a-table"));
        QCOMPARE(model.rowCount(), 1);
    }

    void itemsModelLoadsPageByPageWithKeyColumnsFirst() {
        WidgetEngine e;
        fillBigTable(e);
        ItemsModel model(*e.bridge);
        model.setPageSize(100);
        model.setSource(QStringLiteral("us-west-2"), QStringLiteral("big"),
                        {QStringLiteral("pk"), QStringLiteral("sk")}, QStringLiteral("Scan"),
                        Json::object());
        QTRY_COMPARE(model.rowCount(), 100);
        QVERIFY(model.canFetchMore({}));
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(),
                 QStringLiteral("pk (partition key)"));
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("sk (sort key)"));
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("a"));
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 200);
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 250);
        QTRY_VERIFY(!model.canFetchMore({}));
        QCOMPARE(model.index(0, 1).data(ItemsModel::TypeRole).toString(), QStringLiteral("N"));
    }

    void itemsModelPassesTheModelTester() {
        WidgetEngine e;
        fillBigTable(e);
        ItemsModel model(*e.bridge);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(60);
        model.setSource(QStringLiteral("us-west-2"), QStringLiteral("big"),
                        {QStringLiteral("pk"), QStringLiteral("sk")}, QStringLiteral("Scan"),
                        Json::object());
        // The tester asks for more after every insert: everything arrives once.
        QTRY_VERIFY(!model.canFetchMore({}) && !model.isLoading());
        QCOMPARE(model.rowCount(), 250);
        QSet<QString> keys;
        for (int row = 0; row < model.rowCount(); ++row)
            keys.insert(QString::fromStdString(model.key(row).dump()));
        QCOMPARE(keys.size(), 250);
        model.upsert(model.item(0));
        QCOMPARE(model.rowCount(), 250);
        model.removeKey(model.key(0));
        QCOMPARE(model.rowCount(), 249);
    }

private:
    static void fillBigTable(WidgetEngine& e) {
        e.create_table("big", "pk", "S", "sk", "N");
        for (int chunk = 0; chunk < 10; ++chunk) {
            Json requests = Json::array();
            for (int i = 0; i < 25; ++i)
                requests.push_back({{"PutRequest",
                                     {{"Item",
                                       {{"a", {{"S", "x"}}},
                                        {"pk", {{"S", "p" + std::to_string(chunk)}}},
                                        {"sk", {{"N", std::to_string(i)}}}}}}}});
            e.ok("BatchWriteItem", {{"RequestItems", {{"big", requests}}}});
        }
    }
};

QTEST_MAIN(TstWidgetsModels)
#include "tst_widgets_models.moc"
