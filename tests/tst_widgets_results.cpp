// The results of a Scan or Query in the Items tab as a user takes them away: the
// summary under the items (items returned, items scanned, read capacity consumed, summed
// over the pages loaded), the export of exactly the results on screen, and copying the
// selected items as DynamoDB JSON or plain JSON.

#include <QLocale>
#include <QTest>

#include "items/items_model.h"
#include "items/items_tab.h"
#include "items/query_builder.h"
#include "items/query_form.h"
#include "widget_fixture.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
// 30 events of 3 KB each (several read units a page) in partitions p0..p2; `n` runs
// 0..29 so that a filter leaves fewer items than it scans.
void fillEvents(WidgetEngine& e) {
    e.create_table("events", "pk", "S", "n", "N");
    const std::string payload(3000, 'x');
    for (int i = 0; i < 30; ++i)
        e.ok("PutItem", {{"TableName", "events"},
                         {"Item",
                          {{"pk", {{"S", "p" + std::to_string(i % 3)}}},
                           {"n", {{"N", std::to_string(i)}}},
                           {"payload", {{"S", payload}}}}}});
}

// Loads every page the model can fetch.
void loadAll(ItemsModel* model) {
    QTRY_VERIFY(!model->isLoading());
    while (model->canFetchMore({}) || model->isLoading()) {
        if (model->canFetchMore({})) model->fetchMore({});
        QTest::qWait(0);
    }
}

struct Sums {
    qint64 count = 0, scanned = 0;
    double consumed = 0;
    QList<Json> items;
};

// Runs `operation` with `request` page by page of `pageSize`, as a client would, and sums
// what the engine answered.
Sums replay(WidgetEngine& e, const std::string& operation, Json request, int pageSize) {
    Sums sums;
    request["TableName"] = "events";
    request["Limit"] = pageSize;
    request["ReturnConsumedCapacity"] = "TOTAL";
    for (;;) {
        const Json page = e.ok(operation, request);
        sums.count += page["Count"].get<qint64>();
        sums.scanned += page["ScannedCount"].get<qint64>();
        sums.consumed += page["ConsumedCapacity"]["CapacityUnits"].get<double>();
        for (const auto& item : page["Items"]) sums.items << item;
        if (!page.contains("LastEvaluatedKey")) return sums;
        request["ExclusiveStartKey"] = page["LastEvaluatedKey"];
    }
}

QString summaryOf(const Sums& s) {
    const QLocale locale;
    return QStringLiteral("Items returned: %1 · Items scanned: %2 · Consumed RCUs: %3")
        .arg(locale.toString(s.count), locale.toString(s.scanned),
             locale.toString(s.consumed, 'f', QLocale::FloatingPointShortest));
}
}  // namespace

class TstWidgetsResults : public QObject {
    Q_OBJECT

private slots:
    void summaryAddsUpTheScanPages() {
        WidgetEngine e;
        fillEvents(e);
        MainWindow window(*e.bridge);
        ItemsTab* items = window.itemsTab();
        ItemsModel* model = items->model();
        QTRY_COMPARE(model->table(), QStringLiteral("events"));
        model->setPageSize(7);
        items->queryForm()->addFilter(QStringLiteral("n"), QStringLiteral(">="),
                                      QStringLiteral("N"), QStringLiteral("12"));
        items->run();
        loadAll(model);
        QString error;
        const Sums sums =
            replay(e, "Scan", QueryBuilder::build(items->queryForm()->spec(), &error), 7);
        QCOMPARE(sums.count, 18);
        QCOMPARE(sums.scanned, 30);
        QVERIFY(sums.consumed > 5);  // a page of 7 items of 3 KB reads more than one unit
        QCOMPARE(model->rowCount(), 18);
        QCOMPARE(items->summaryText(), summaryOf(sums));
    }

    void summaryAddsUpTheQueryPagesAndRestartsWithEachRun() {
        WidgetEngine e;
        fillEvents(e);
        MainWindow window(*e.bridge);
        ItemsTab* items = window.itemsTab();
        ItemsModel* model = items->model();
        QTRY_COMPARE(model->table(), QStringLiteral("events"));
        loadAll(model);
        QVERIFY(items->summaryText().startsWith(QStringLiteral("Items returned: 30 ·")));
        model->setPageSize(4);
        QueryForm* form = items->queryForm();
        form->setQueryMode(true);
        form->setPartitionValue(QStringLiteral("p1"));
        form->setSortCondition(QStringLiteral(">"), QStringLiteral("3"));
        form->addFilter(QStringLiteral("n"), QStringLiteral("<>"), QStringLiteral("N"),
                        QStringLiteral("13"));
        items->run();
        loadAll(model);
        QString error;
        const Sums sums = replay(e, "Query", QueryBuilder::build(form->spec(), &error), 4);
        QCOMPARE(sums.count, 8);    // 4 7 10 16 19 22 25 28: 13 is filtered out
        QCOMPARE(sums.scanned, 9);
        QCOMPARE(model->rowCount(), 8);
        QCOMPARE(items->summaryText(), summaryOf(sums));
    }
};

QTEST_MAIN(TstWidgetsResults)
#include "tst_widgets_results.moc"
