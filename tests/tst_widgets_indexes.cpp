// Secondary indexes in the console: the create-table dialog's GSIs and LSIs (the request
// it builds and its messages as you type), the indexes in the table details, and the
// Items tab querying a GSI in index order, page by page, editing and deleting its rows
// by their table key.

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>

#include "items/item_editor_dialog.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "items/query_form.h"
#include "tables/create_table_dialog.h"
#include "tables/create_table_request.h"
#include "tables/index_editor.h"
#include "tables/table_details.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "widget_fixture.h"
#include "window/main_window.h"

using tablespan::Json;

Q_DECLARE_METATYPE(IndexSpec)

namespace {
// Orders by customer and date; a GSI by status and total (keys only), an LSI by total.
const char* kOrders = R"({
    "TableName": "orders", "BillingMode": "PAY_PER_REQUEST",
    "AttributeDefinitions": [
        {"AttributeName": "customer", "AttributeType": "S"},
        {"AttributeName": "date", "AttributeType": "S"},
        {"AttributeName": "status", "AttributeType": "S"},
        {"AttributeName": "total", "AttributeType": "N"}],
    "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"},
                  {"AttributeName": "date", "KeyType": "RANGE"}],
    "GlobalSecondaryIndexes": [{"IndexName": "byStatus",
        "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
                      {"AttributeName": "total", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "KEYS_ONLY"}}],
    "LocalSecondaryIndexes": [{"IndexName": "byTotal",
        "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"},
                      {"AttributeName": "total", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["note"]}}]})";

// 12 orders; every third is SHIPPED, the rest PENDING; totals run backwards so that the
// index order differs from the table's.
void fillOrders(WidgetEngine& e) {
    e.ok("CreateTable", J(kOrders));
    e.advance(60'000);
    for (int i = 0; i < 12; ++i)
        e.ok("PutItem", {{"TableName", "orders"},
                         {"Item",
                          {{"customer", {{"S", "c" + std::to_string(i % 2)}}},
                           {"date", {{"S", "2026-01-" + std::to_string(10 + i)}}},
                           {"status", {{"S", i % 3 ? "PENDING" : "SHIPPED"}}},
                           {"total", {{"N", std::to_string(100 - i)}}},
                           {"note", {{"S", "n" + std::to_string(i)}}}}}});
}

QPushButton* okButton(QDialog* dialog) {
    return dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

IndexSpec index(bool local, const char* name, const char* pk, const char* sk,
                const char* projection = "ALL", QStringList include = {}) {
    IndexSpec s;
    s.local = local;
    s.name = QString::fromLatin1(name);
    s.partitionKey = QString::fromLatin1(pk);
    s.hasSortKey = *sk != 0;
    s.sortKey = QString::fromLatin1(sk);
    s.projection = QString::fromLatin1(projection);
    s.nonKeyAttributes = include;
    return s;
}
}  // namespace

class TstWidgetsIndexes : public QObject {
    Q_OBJECT

private slots:
    void dialogCreatesATableWithAGsiAndAnLsi() {
        WidgetEngine e;
        CreateTableDialog dialog(*e.bridge, QStringLiteral("us-west-2"));
        dialog.show();
        QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("tableName")),
                         QStringLiteral("orders"));
        QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("partitionKey")),
                         QStringLiteral("customer"));
        dialog.findChild<QCheckBox*>(QStringLiteral("hasSortKey"))->setChecked(true);
        QTest::keyClicks(dialog.findChild<QLineEdit*>(QStringLiteral("sortKey")),
                         QStringLiteral("date"));
        IndexEditor* indexes = dialog.indexEditor();
        QTest::mouseClick(indexes->findChild<QPushButton*>(QStringLiteral("addGlobalIndex")),
                          Qt::LeftButton);
        // A new index has no name yet: the dialog says so and refuses.
        QVERIFY(dialog.errorText().contains(QLatin1String("3 to 255")));
        QVERIFY(!okButton(&dialog)->isEnabled());
        QTest::keyClicks(indexes->findChild<QLineEdit*>(QStringLiteral("indexName0")),
                         QStringLiteral("byStatus"));
        QVERIFY(dialog.errorText().contains(QLatin1String("byStatus: enter the partition key")));
        QTest::keyClicks(indexes->findChild<QLineEdit*>(QStringLiteral("indexPartitionKey0")),
                         QStringLiteral("status"));
        indexes->findChild<QCheckBox*>(QStringLiteral("indexHasSortKey0"))->setChecked(true);
        QTest::keyClicks(indexes->findChild<QLineEdit*>(QStringLiteral("indexSortKey0")),
                         QStringLiteral("total"));
        auto* projection = indexes->findChild<QComboBox*>(QStringLiteral("indexProjection0"));
        projection->setCurrentIndex(projection->findData(QStringLiteral("INCLUDE")));
        QVERIFY(dialog.errorText().contains(QLatin1String("INCLUDE needs")));
        QTest::keyClicks(indexes->findChild<QLineEdit*>(QStringLiteral("indexNonKey0")),
                         QStringLiteral("note, city"));

        QTest::mouseClick(indexes->findChild<QPushButton*>(QStringLiteral("addLocalIndex")),
                          Qt::LeftButton);
        // The LSI's partition key is the table's, fixed.
        auto* lsiPk = indexes->findChild<QLineEdit*>(QStringLiteral("indexPartitionKey1"));
        QCOMPARE(lsiPk->text(), QStringLiteral("customer"));
        QVERIFY(!lsiPk->isEnabled());
        QTest::keyClicks(indexes->findChild<QLineEdit*>(QStringLiteral("indexName1")),
                         QStringLiteral("byStatus"));
        QVERIFY(dialog.errorText().contains(QLatin1String("Two indexes are named byStatus")));
        auto* lsiName = indexes->findChild<QLineEdit*>(QStringLiteral("indexName1"));
        lsiName->clear();
        QTest::keyClicks(lsiName, QStringLiteral("byTotal"));
        QTest::keyClicks(indexes->findChild<QLineEdit*>(QStringLiteral("indexSortKey1")),
                         QStringLiteral("total"));
        // The GSI's total is a String: the LSI's as a Number gives one attribute two types.
        indexes->setIndex(1, [] {
            IndexSpec s = index(true, "byTotal", "", "total", "KEYS_ONLY");
            s.sortType = QStringLiteral("N");
            return s;
        }());
        QVERIFY(dialog.errorText().contains(QLatin1String("Attribute total is given two types")));
        QVERIFY(!okButton(&dialog)->isEnabled());
        auto lsi = index(true, "byTotal", "", "total", "KEYS_ONLY");
        indexes->setIndex(1, lsi);
        QCOMPARE(dialog.errorText(), QString());
        QVERIFY(okButton(&dialog)->isEnabled());

        const Json request = createTableRequest(dialog.spec());
        QCOMPARE(static_cast<int>(request["AttributeDefinitions"].size()), 4);
        JCOMPARE(request["AttributeDefinitions"][2], J(R"({"AttributeName": "status",
            "AttributeType": "S"})"));
        JCOMPARE(request["AttributeDefinitions"][3], J(R"({"AttributeName": "total",
            "AttributeType": "S"})"));
        JCOMPARE(request["GlobalSecondaryIndexes"], J(R"([{"IndexName": "byStatus",
            "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
                          {"AttributeName": "total", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["note", "city"]}}])"));
        JCOMPARE(request["LocalSecondaryIndexes"], J(R"([{"IndexName": "byTotal",
            "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"},
                          {"AttributeName": "total", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "KEYS_ONLY"}}])"));

        // The engine accepts it, and the table has both indexes.
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_VERIFY(!dialog.isVisible());
        const Json table = e.ok("DescribeTable", {{"TableName", "orders"}})["Table"];
        JCOMPARE(table["GlobalSecondaryIndexes"][0]["IndexName"], Json("byStatus"));
        JCOMPARE(table["LocalSecondaryIndexes"][0]["IndexName"], Json("byTotal"));
    }

    void dialogShowsTheEnginesRefusalInline() {
        WidgetEngine e;
        CreateTableDialog dialog(*e.bridge, QStringLiteral("us-west-2"));
        dialog.findChild<QLineEdit*>(QStringLiteral("tableName"))->setText(QStringLiteral("t1x"));
        dialog.findChild<QLineEdit*>(QStringLiteral("partitionKey"))->setText(QStringLiteral("id"));
        // The console leaves a repeated INCLUDE attribute to the engine.
        dialog.indexEditor()->addIndex(false);
        dialog.indexEditor()->setIndex(0, index(false, "byName", "name", "", "INCLUDE",
                                                {QStringLiteral("note"), QStringLiteral("note")}));
        QCOMPARE(dialog.errorText(), QString());
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_VERIFY(
            dialog.errorText().contains(QLatin1String("Duplicate element in NonKeyAttributes")));
        QVERIFY(okButton(&dialog)->isEnabled());
    }

    void validationMessages_data() {
        QTest::addColumn<bool>("tableSortKey");
        QTest::addColumn<QList<IndexSpec>>("indexes");
        QTest::addColumn<QString>("message");
        QTest::newRow("LSI without a table sort key")
            << false << QList<IndexSpec>{index(true, "byDate", "", "date")}
            << QStringLiteral("byDate: a local secondary index needs a table with a sort key.");
        QTest::newRow("LSI without its sort key")
            << true << QList<IndexSpec>{index(true, "byDate", "", "")}
            << QStringLiteral("byDate: enter the sort key.");
        QTest::newRow("names not unique")
            << true
            << QList<IndexSpec>{index(false, "idx", "a", ""), index(true, "idx", "", "date")}
            << QStringLiteral("Two indexes are named idx: index names must be unique.");
        QTest::newRow("INCLUDE without attributes")
            << true << QList<IndexSpec>{index(false, "gsi", "a", "", "INCLUDE")}
            << QStringLiteral("gsi: INCLUDE needs at least one non-key attribute.");
        QTest::newRow("an attribute with two types") << true << QList<IndexSpec>{[] {
            IndexSpec s = index(false, "gsi", "sk", "");
            s.partitionType = QStringLiteral("N");
            return s;
        }()} << QStringLiteral("Attribute sk is given two types: String and Number.");
        QTest::newRow("GSI sort key equals its partition key")
            << true << QList<IndexSpec>{index(false, "gsi", "a", "a")}
            << QStringLiteral("gsi: the sort key must differ from the partition key.");
        QTest::newRow("bad index name")
            << true << QList<IndexSpec>{index(false, "a b", "a", "")}
            << QStringLiteral(
                   "a b: an index name may contain only a–z, A–Z, 0–9, underscore (_), "
                   "hyphen (-) and period (.).");
    }

    void validationMessages() {
        QFETCH(bool, tableSortKey);
        QFETCH(QList<IndexSpec>, indexes);
        QFETCH(QString, message);
        CreateTableSpec spec;
        spec.name = QStringLiteral("orders");
        spec.partitionKey = QStringLiteral("pk");
        spec.hasSortKey = tableSortKey;
        spec.sortKey = QStringLiteral("sk");
        spec.indexes = indexes;
        QStringList messages;
        for (const auto& p : validateSpec(spec)) messages << p.message;
        QCOMPARE(messages, QStringList{message});
    }

    void detailsListTheIndexes() {
        WidgetEngine e;
        fillOrders(e);
        MainWindow window(*e.bridge);
        window.show();
        QTRY_COMPARE(window.tablesModel()->rowCount(), 1);
        window.tablesTab()->selectTable(QStringLiteral("orders"));
        auto* details = window.findChild<QTextBrowser*>(QStringLiteral("tableDetails"));
        QTRY_VERIFY(details->toPlainText().contains(QLatin1String("byStatus")));
        const QString text = details->toPlainText();
        // A line per index: name, kind, keys, projection, status, items, size.
        const QString indexes = text.mid(text.indexOf(QLatin1String("Secondary indexes")));
        QVERIFY2(indexes.contains(QLatin1String("byStatus\nGSI\nstatus (S)\ntotal (N)\nKeys "
                                                "only\nActive\n12\n528 bytes")),
                 qPrintable(indexes));
        QVERIFY2(indexes.contains(QLatin1String("byTotal\nLSI\ncustomer (S)\ntotal (N)\nInclude: "
                                                "note\nActive\n12\n")),
                 qPrintable(indexes));
        QVERIFY(!text.contains(QLatin1String("Backfilling")));

        // A GSI being added shows its backfill.
        Json table = e.ok("DescribeTable", {{"TableName", "orders"}})["Table"];
        table["GlobalSecondaryIndexes"][0]["IndexStatus"] = "CREATING";
        table["GlobalSecondaryIndexes"][0]["Backfilling"] = true;
        const QString html = TableDetails::html(table);
        QVERIFY(html.contains(QStringLiteral("Creating · Backfilling")));
    }

    void queriesAGsiInIndexOrderPageByPage() {
        WidgetEngine e;
        fillOrders(e);
        // Not shown: pages are fetched as asked here, not as a view fills its height.
        MainWindow window(*e.bridge);
        ItemsTab* items = window.itemsTab();
        QTRY_COMPARE(items->model()->rowCount(), 12);
        items->model()->setPageSize(3);
        auto* box = items->queryForm()->findChild<QComboBox*>(QStringLiteral("indexBox"));
        QVERIFY(box->isVisibleTo(items));
        QCOMPARE(box->count(), 3);  // the table, the GSI, the LSI
        items->queryForm()->setIndexName(QStringLiteral("byStatus"));
        items->queryForm()->setQueryMode(true);
        QCOMPARE(items->queryForm()->spec().partitionKey, QStringLiteral("status"));
        QCOMPARE(items->queryForm()->spec().sortKey, QStringLiteral("total"));
        items->queryForm()->setPartitionValue(QStringLiteral("PENDING"));
        ItemsModel* model = items->model();
        QTRY_VERIFY(!model->isLoading());  // the Scan of the index chosen
        QSignalSpy pages(model, &ItemsModel::pageLoaded);
        items->run();
        QTRY_COMPARE(model->rowCount(), 3);  // one page
        QVERIFY(model->hasMore());
        while (model->canFetchMore({}) || model->isLoading()) {
            if (model->canFetchMore({})) model->fetchMore({});
            QTest::qWait(0);
        }
        QCOMPARE(model->rowCount(), 8);
        QCOMPARE(pages.count(), 3);  // 3 + 3 + 2, each from the last LastEvaluatedKey
        // Index order: total ascending (the table order is by customer and date).
        QList<int> totals;
        for (int r = 0; r < model->rowCount(); ++r)
            totals << std::stoi(model->item(r)["total"]["N"].get<std::string>());
        QCOMPARE(totals, (QList<int>{89, 90, 92, 93, 95, 96, 98, 99}));
        // Keys only: the index keys, then the table keys, and nothing else.
        QStringList headers;
        for (int c = 0; c < model->columnCount(); ++c)
            headers << model->headerData(c, Qt::Horizontal).toString();
        QCOMPARE(headers, (QStringList{QStringLiteral("status (index partition key)"),
                                       QStringLiteral("total (index sort key)"),
                                       QStringLiteral("customer (partition key)"),
                                       QStringLiteral("date (sort key)")}));

        // Editing a row of the index opens the whole item, read from the table.
        items->view()->selectRow(0);
        items->editSelected();
        ItemEditorDialog* editor = nullptr;
        QTRY_VERIFY((editor = items->findChild<ItemEditorDialog*>()));
        QString error;
        const Json full = editor->currentItem(&error);
        JCOMPARE(full["note"], J(R"({"S": "n11"})"));
        editor->reject();

        // Deleting it deletes the table item by its table key.
        items->deleteRows({0});
        QTRY_COMPARE(model->rowCount(), 7);
        const Json gone = e.ok(
            "GetItem", {{"TableName", "orders"},
                        {"Key", {{"customer", {{"S", "c1"}}}, {"date", {{"S", "2026-01-21"}}}}}});
        QVERIFY(!gone.contains("Item"));
    }

    void scansAnLsiWithItsProjection() {
        WidgetEngine e;
        fillOrders(e);
        MainWindow window(*e.bridge);
        ItemsTab* items = window.itemsTab();
        QTRY_COMPARE(items->model()->rowCount(), 12);
        items->queryForm()->setIndexName(QStringLiteral("byTotal"));  // a Scan runs at once
        QTRY_COMPARE(items->model()->operation(), QStringLiteral("Scan"));
        QTRY_COMPARE(items->model()->rowCount(), 12);
        ItemsModel* model = items->model();
        QStringList columns;
        for (int c = 0; c < model->columnCount(); ++c)
            columns << model->headerData(c, Qt::Horizontal).toString();
        QCOMPARE(columns, (QStringList{QStringLiteral("customer (index partition key)"),
                                       QStringLiteral("total (index sort key)"),
                                       QStringLiteral("date (sort key)"), QStringLiteral("note")}));
        // Within a customer, the LSI orders by total.
        for (int r = 1; r < model->rowCount(); ++r) {
            const Json a = model->item(r - 1), b = model->item(r);
            if (a["customer"] == b["customer"])
                QVERIFY(std::stoi(a["total"]["N"].get<std::string>()) <
                        std::stoi(b["total"]["N"].get<std::string>()));
        }
    }
};

QTEST_MAIN(TstWidgetsIndexes)
#include "tst_widgets_indexes.moc"
