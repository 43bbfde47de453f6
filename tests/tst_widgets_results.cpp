// The results of a Scan or Query in the Items tab as a user takes them away: the
// summary under the items (items returned, items scanned, read capacity consumed, summed
// over the pages loaded), the export of exactly the results on screen, and copying the
// selected items as DynamoDB JSON or plain JSON.

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLocale>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "items/item_files.h"
#include "items/item_json.h"

#include "items/items_model.h"
#include "items/items_tab.h"
#include "items/query_builder.h"
#include "items/query_form.h"
#include "widget_fixture.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
// 30 events of 3 KB each (several read units a page) in partitions p0..p2; `n` (the sort
// key) runs 0..29 and `m` is n mod 4, so that a filter leaves fewer items than it scans.
void fillEvents(WidgetEngine& e) {
    e.create_table("events", "pk", "S", "n", "N");
    const std::string payload(3000, 'x');
    for (int i = 0; i < 30; ++i)
        e.ok("PutItem", {{"TableName", "events"},
                         {"Item",
                          {{"pk", {{"S", "p" + std::to_string(i % 3)}}},
                           {"n", {{"N", std::to_string(i)}}},
                           {"m", {{"N", std::to_string(i % 4)}}},
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
        form->addFilter(QStringLiteral("m"), QStringLiteral("<>"), QStringLiteral("N"),
                        QStringLiteral("1"));
        items->run();
        loadAll(model);
        QString error;
        const Sums sums = replay(e, "Query", QueryBuilder::build(form->spec(), &error), 4);
        QCOMPARE(sums.count, 7);  // 4 7 10 13 16 19 22 25 28 without 13 and 25 (m = 1)
        QCOMPARE(sums.scanned, 9);
        QCOMPARE(model->rowCount(), 7);
        QCOMPARE(items->summaryText(), summaryOf(sums));
    }

    void exportsExactlyTheQueryResultsWithThePagesNotLoaded() {
        WidgetEngine e;
        fillEvents(e);
        MainWindow window(*e.bridge);
        ItemsTab* items = window.itemsTab();
        ItemsModel* model = items->model();
        QTRY_COMPARE(model->table(), QStringLiteral("events"));
        model->setPageSize(3);
        QueryForm* form = items->queryForm();
        form->setQueryMode(true);
        form->setPartitionValue(QStringLiteral("p2"));
        form->addFilter(QStringLiteral("m"), QStringLiteral("<>"), QStringLiteral("N"),
                        QStringLiteral("1"));
        items->run();
        QTRY_VERIFY(model->rowCount() > 0 && !model->isLoading());
        QVERIFY(model->hasMore());  // only the first page is on screen
        QString error;
        const Sums expected = replay(e, "Query", QueryBuilder::build(form->spec(), &error), 3);
        QCOMPARE(expected.items.size(), 7);  // p2 without 5, 17 and 29 (m = 1)

        QTemporaryDir dir;
        for (const char* name : {"results.jsonl", "results.json", "results.csv"}) {
            const QString path = dir.filePath(QString::fromLatin1(name));
            QSignalSpy finished(items, &ItemsTab::operationFinished);
            items->exportResults(path);
            QTRY_COMPARE(finished.count(), 1);
            QCOMPARE(finished.first().first().toString(), QString());
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const auto parsed = ItemFiles::parse(file.readAll(), ItemFiles::formatForFile(path));
            QVERIFY2(!parsed.error.isError(), qPrintable(parsed.error.toString()));
            QCOMPARE(parsed.items.size(), expected.items.size());
            for (qsizetype i = 0; i < parsed.items.size(); ++i)
                JCOMPARE(parsed.items[i], expected.items[i]);
        }
    }

    void copiesTheSelectedItemsAsDynamoDbJsonOrPlainJson() {
        WidgetEngine e;
        fillEvents(e);
        MainWindow window(*e.bridge);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        ItemsTab* items = window.itemsTab();
        window.tabs()->setCurrentWidget(items);
        ItemsModel* model = items->model();
        QTRY_VERIFY(model->rowCount() >= 5);
        QTableView* view = items->view();
        view->selectRow(1);
        view->selectionModel()->select(model->index(3, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        view->setFocus();
        QApplication::clipboard()->clear();
        QTest::keySequence(view, QKeySequence::Copy);
        QString error;
        const Json copied = J(QApplication::clipboard()->text().toStdString());
        QVERIFY(copied.is_array());
        QCOMPARE(copied.size(), std::size_t{2});
        JCOMPARE(copied[0], model->item(1));
        JCOMPARE(copied[1], model->item(3));

        // Plain JSON from the menu: numbers as numbers, strings as strings.
        view->clearSelection();
        view->selectRow(2);
        items->findChild<QAction*>(QStringLiteral("copyPlain"))->trigger();
        ItemJson::ParseError parseError;
        const Json plain = ItemJson::parsePlain(QApplication::clipboard()->text(), &parseError);
        QVERIFY2(!parseError.isError(), qPrintable(parseError.toString()));
        JCOMPARE(plain, model->item(2));
        const Json raw = J(QApplication::clipboard()->text().toStdString());
        QVERIFY(raw["n"].is_number());
        QVERIFY(raw["pk"].is_string());
    }
};

QTEST_MAIN(TstWidgetsResults)
#include "tst_widgets_results.moc"
