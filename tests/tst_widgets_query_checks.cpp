// The query builder as a user runs it again and again: the columns keep their order
// across pages and runs, and an empty key value is refused with a readable message
// before anything is sent.

#include <QSignalSpy>
#include <QTest>

#include "items/items_model.h"
#include "items/items_tab.h"
#include "items/query_form.h"
#include "widget_fixture.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
QStringList headers(ItemsModel* model) {
    QStringList names;
    for (int c = 0; c < model->columnCount(); ++c)
        names << model->headerData(c, Qt::Horizontal).toString();
    return names;
}

void loadAll(ItemsModel* model) {
    QTRY_VERIFY(!model->isLoading());
    while (model->canFetchMore({}) || model->isLoading()) {
        if (model->canFetchMore({})) model->fetchMore({});
        QTest::qWait(0);
    }
}

// Whether `spy` (on requestsCompleted) saw a request of `operation`.
bool sawOperation(const QSignalSpy& spy, const QString& operation) {
    for (const auto& args : spy)
        for (const RequestRecord& r : args.at(0).value<QList<RequestRecord>>())
            if (r.operation == operation) return true;
    return false;
}
}  // namespace

class TstWidgetsQueryChecks : public QObject {
    Q_OBJECT

private slots:
    void columnsKeepTheirOrderAcrossPagesAndRuns() {
        WidgetEngine e;
        e.create_table("things", "pk", "S", "sk", "N");
        // The first items carry "zeta" and "mid"; later ones add "alpha" and "omega".
        for (int i = 0; i < 12; ++i) {
            Json item = {{"pk", {{"S", "p"}}}, {"sk", {{"N", std::to_string(i)}}}};
            if (i < 4) item["zeta"] = {{"S", "z"}}, item["mid"] = {{"S", "m"}};
            if (i >= 6) item["alpha"] = {{"S", "a"}};
            if (i >= 9) item["omega"] = {{"N", "1"}};
            e.ok("PutItem", {{"TableName", "things"}, {"Item", item}});
        }
        MainWindow window(*e.bridge);
        ItemsTab* items = window.itemsTab();
        ItemsModel* model = items->model();
        QTRY_COMPARE(model->table(), QStringLiteral("things"));
        model->setPageSize(3);
        QueryForm* form = items->queryForm();
        form->setQueryMode(true);
        form->setPartitionValue(QStringLiteral("p"));
        items->run();
        QTRY_VERIFY(model->rowCount() == 3 && !model->isLoading());
        const QString pk = QStringLiteral("pk (partition key)");
        const QString sk = QStringLiteral("sk (sort key)");
        QCOMPARE(headers(model),
                 (QStringList{pk, sk, QStringLiteral("mid"), QStringLiteral("zeta")}));
        loadAll(model);
        const QStringList all = {pk,
                                 sk,
                                 QStringLiteral("alpha"),
                                 QStringLiteral("mid"),
                                 QStringLiteral("omega"),
                                 QStringLiteral("zeta")};
        QCOMPARE(headers(model), all);
        // The same run again, and one whose pages meet the attributes in another order
        // ("mid" and "zeta" first, then "alpha", then "omega"): the same columns.
        items->run();
        loadAll(model);
        QCOMPARE(headers(model), all);
        form->setSortCondition(QStringLiteral(">="), QStringLiteral("3"));
        items->run();
        loadAll(model);
        QCOMPARE(headers(model), all);
    }

    void emptyKeyValuesAreRefusedBeforeSending() {
        WidgetEngine e;
        e.create_table("things", "pk", "S", "sk", "S");
        MainWindow window(*e.bridge);
        ItemsTab* items = window.itemsTab();
        QTRY_COMPARE(items->model()->table(), QStringLiteral("things"));
        QTRY_VERIFY(!items->model()->isLoading());
        QSignalSpy requests(e.bridge.get(), &EngineBridge::requestsCompleted);
        QueryForm* form = items->queryForm();
        form->setQueryMode(true);

        items->run();
        QCOMPARE(items->errorText(), QStringLiteral("Enter the partition key value."));

        form->setPartitionValue(QStringLiteral("p"));
        form->setSortCondition(QStringLiteral("="), QString());
        items->run();
        QCOMPARE(items->errorText(), QStringLiteral("Enter the value of the sort key sk."));

        form->setSortCondition(QStringLiteral("BETWEEN"), QStringLiteral("a"), QString());
        items->run();
        QCOMPARE(items->errorText(),
                 QStringLiteral("Enter both bounds of BETWEEN for the sort key sk."));

        // Nothing was sent: a request made afterwards arrives with no Query before it.
        e.call("ListTables", Json::object());
        QTRY_VERIFY(sawOperation(requests, QStringLiteral("ListTables")));
        QVERIFY(!sawOperation(requests, QStringLiteral("Query")));

        // Filled in, the query runs and the message goes.
        form->setSortCondition(QStringLiteral("BETWEEN"), QStringLiteral("a"), QStringLiteral("z"));
        items->run();
        QCOMPARE(items->errorText(), QString());
        QTRY_VERIFY(sawOperation(requests, QStringLiteral("Query")));
    }
};

QTEST_MAIN(TstWidgetsQueryChecks)
#include "tst_widgets_query_checks.moc"
