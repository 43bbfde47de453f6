// The Activity dock as a user narrows it down: by region, by operation, to errors only,
// and without the console's own polling (while a client's Describe… stays); batches the
// console sends name their tables.

#include <QCheckBox>
#include <QComboBox>
#include <QTableView>
#include <QTest>

#include "widget_fixture.h"
#include "window/activity_dock.h"
#include "window/activity_filter.h"
#include "window/activity_model.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
// The rows the dock's view shows, as (region, operation, table, failed).
struct Row {
    QString region, operation, table;
    bool failed;
};
QList<Row> shownRows(ActivityDock* dock) {
    QList<Row> rows;
    const QAbstractItemModel* m = dock->view()->model();
    for (int r = 0; r < m->rowCount(); ++r)
        rows.append({m->index(r, ActivityModel::Region).data().toString(),
                     m->index(r, ActivityModel::Operation).data().toString(),
                     m->index(r, ActivityModel::Table).data().toString(),
                     m->index(r, 0).data(ActivityModel::FailedRole).toBool()});
    return rows;
}

void choose(QComboBox* box, const QString& value) {
    const int index = box->findData(value);
    QVERIFY2(index >= 0, qPrintable(value));
    box->setCurrentIndex(index);
}

bool anyRow(ActivityDock* dock, const std::function<bool(const Row&)>& matches) {
    const auto rows = shownRows(dock);
    return std::any_of(rows.begin(), rows.end(), matches);
}
}  // namespace

class TstWidgetsActivity : public QObject {
    Q_OBJECT

private slots:
    void filtersByRegionOperationAndErrors() {
        WidgetEngine e;
        e.create_table("alpha", "pk", "S");
        e.create_table("beta", "pk", "S", {}, {}, "eu-west-1");
        MainWindow window(*e.bridge);
        window.show();
        ActivityDock* dock = window.activityDock();
        // A client (not the console): a write in Ireland and a read of a missing table.
        e.call("PutItem", {{"TableName", "beta"}, {"Item", {{"pk", {{"S", "b1"}}}}}}, "eu-west-1");
        e.call("GetItem", {{"TableName", "missing"}, {"Key", {{"pk", {{"S", "x"}}}}}});
        QTRY_VERIFY(anyRow(dock, [](const Row& r) { return r.failed; }));
        QTRY_VERIFY(
            anyRow(dock, [](const Row& r) { return r.region == QLatin1String("eu-west-1"); }));
        const int all = dock->view()->model()->rowCount();

        choose(dock->findChild<QComboBox*>(QStringLiteral("activityRegion")),
               QStringLiteral("eu-west-1"));
        QVERIFY(!shownRows(dock).isEmpty());
        QVERIFY(shownRows(dock).size() < all);
        for (const Row& r : shownRows(dock)) QCOMPARE(r.region, QStringLiteral("eu-west-1"));
        choose(dock->findChild<QComboBox*>(QStringLiteral("activityOperation")),
               QStringLiteral("PutItem"));
        QCOMPARE(shownRows(dock).size(), 1);
        QCOMPARE(shownRows(dock).first().table, QStringLiteral("beta"));

        dock->findChild<QComboBox*>(QStringLiteral("activityRegion"))->setCurrentIndex(0);
        dock->findChild<QComboBox*>(QStringLiteral("activityOperation"))->setCurrentIndex(0);
        dock->findChild<QCheckBox*>(QStringLiteral("activityErrorsOnly"))->setChecked(true);
        const auto errors = shownRows(dock);
        QVERIFY(!errors.isEmpty());
        for (const Row& r : errors) QVERIFY(r.failed);
        QVERIFY(anyRow(dock, [](const Row& r) { return r.operation == QLatin1String("GetItem"); }));
        dock->findChild<QCheckBox*>(QStringLiteral("activityErrorsOnly"))->setChecked(false);
        QCOMPARE(dock->view()->model()->rowCount(), all);
    }

    void hidesTheConsolesPollingButNotAClientsDescribe() {
        WidgetEngine e;
        e.create_table("alpha", "pk", "S");
        MainWindow window(*e.bridge);
        window.show();
        ActivityDock* dock = window.activityDock();
        // The console describes its tables by itself.
        QTRY_VERIFY(anyRow(
            dock, [](const Row& r) { return r.operation == QLatin1String("DescribeTable"); }));
        e.call("DescribeTable", {{"TableName", "alpha"}});  // a client's
        e.call("ListTables", Json::object());
        QTRY_VERIFY(dock->model()->rowCount() > 0 &&
                    !dock->model()->record(dock->model()->rowCount() - 1).fromConsole);
        int ownDescribes = 0;
        for (int r = 0; r < dock->model()->rowCount(); ++r)
            if (ActivityFilter::isPolling(dock->model()->record(r))) ++ownDescribes;
        QVERIFY(ownDescribes > 0);

        dock->findChild<QCheckBox*>(QStringLiteral("activityHidePolling"))->setChecked(true);
        const auto rows = shownRows(dock);
        QCOMPARE(rows.size(), dock->model()->rowCount() - ownDescribes);
        // The client's DescribeTable and ListTables stay; the console's are gone.
        int describes = 0, lists = 0;
        for (const Row& r : rows) {
            describes += r.operation == QLatin1String("DescribeTable");
            lists += r.operation == QLatin1String("ListTables");
        }
        QCOMPARE(describes, 1);
        QCOMPARE(lists, 1);
    }

    void batchRowsNameTheirTables() {
        WidgetEngine e;
        e.create_table("alpha", "pk", "S");
        e.create_table("beta", "pk", "S");
        MainWindow window(*e.bridge);
        window.show();
        ActivityDock* dock = window.activityDock();
        const Json put = {{"PutRequest", {{"Item", {{"pk", {{"S", "k"}}}}}}}};
        e.bridge->call(QStringLiteral("us-west-2"), QStringLiteral("BatchWriteItem"),
                       {{"RequestItems", {{"alpha", {put}}, {"beta", {put}}}}}, nullptr);
        const Json keys = {{"Keys", {{{"pk", {{"S", "k"}}}}}}};
        e.bridge->call(QStringLiteral("us-west-2"), QStringLiteral("BatchGetItem"),
                       {{"RequestItems", {{"beta", keys}}}}, nullptr);
        QTRY_VERIFY(anyRow(dock, [](const Row& r) {
            return r.operation == QLatin1String("BatchWriteItem") &&
                   r.table == QLatin1String("alpha, beta") && !r.failed;
        }));
        QTRY_VERIFY(anyRow(dock, [](const Row& r) {
            return r.operation == QLatin1String("BatchGetItem") &&
                   r.table == QLatin1String("beta") && !r.failed;
        }));
        // A transaction under the tables of its actions, in their order.
        const Json key = {{"pk", {{"S", "t"}}}};
        e.bridge->call(QStringLiteral("us-west-2"), QStringLiteral("TransactWriteItems"),
                       {{"TransactItems",
                         {{{"Put", {{"TableName", "beta"}, {"Item", key}}}},
                          {{"Delete", {{"TableName", "alpha"}, {"Key", key}}}}}}},
                       nullptr);
        QTRY_VERIFY(anyRow(dock, [](const Row& r) {
            return r.operation == QLatin1String("TransactWriteItems") &&
                   r.table == QLatin1String("beta, alpha") && !r.failed;
        }));
    }
};

QTEST_MAIN(TstWidgetsActivity)
#include "tst_widgets_activity.moc"
