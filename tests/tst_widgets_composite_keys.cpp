// Multi-attribute (composite) GSI keys in the console: the create-table and create-index
// dialogs add partition and sort key attributes (checked as typed) and send a KeySchema
// of HASH then RANGE attributes; the details and the Indexes tab list every key
// attribute; the Items tab queries such an index with a value per partition attribute
// and sort attributes left to right, refuses an empty partition value before sending,
// and edits and deletes the rows it reads by the table key.

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>

#include "items/item_editor_dialog.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "items/query_form.h"
#include "tables/create_index_dialog.h"
#include "tables/create_table_dialog.h"
#include "tables/index_editor.h"
#include "tables/index_panel.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "widget_fixture.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
// Events by tenant and zone (HASH) and by day and sequence number (RANGE), keys only.
const char* kEvents = R"({
    "TableName": "events", "BillingMode": "PAY_PER_REQUEST",
    "AttributeDefinitions": [
        {"AttributeName": "id", "AttributeType": "S"},
        {"AttributeName": "tenant", "AttributeType": "S"},
        {"AttributeName": "zone", "AttributeType": "N"},
        {"AttributeName": "day", "AttributeType": "S"},
        {"AttributeName": "seq", "AttributeType": "N"}],
    "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
    "GlobalSecondaryIndexes": [{"IndexName": "byTenantDay",
        "KeySchema": [{"AttributeName": "tenant", "KeyType": "HASH"},
                      {"AttributeName": "zone", "KeyType": "HASH"},
                      {"AttributeName": "day", "KeyType": "RANGE"},
                      {"AttributeName": "seq", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "KEYS_ONLY"}}]})";

const char* kFourKeys = R"([{"AttributeName": "tenant", "KeyType": "HASH"},
    {"AttributeName": "zone", "KeyType": "HASH"},
    {"AttributeName": "day", "KeyType": "RANGE"},
    {"AttributeName": "seq", "KeyType": "RANGE"}])";

void fillEvents(WidgetEngine& e) {
    e.ok("CreateTable", J(kEvents));
    e.advance(60'000);
    // (id, tenant, zone, day, seq); ("a", 9) sorts before ("ab", 0): by tuple, not text.
    const struct {
        const char* id;
        const char* tenant;
        int zone;
        const char* day;
        int seq;
    } events[] = {{"e1", "acme", 1, "ab", 1}, {"e2", "acme", 1, "a", 9}, {"e3", "acme", 1, "a", 10},
                  {"e4", "acme", 1, "b", 2},  {"e5", "acme", 2, "a", 1}, {"e6", "zeta", 1, "a", 1},
                  {"e9", "acme", 1, "ab", 0}};
    for (const auto& ev : events)
        e.ok("PutItem", {{"TableName", "events"},
                         {"Item",
                          {{"id", {{"S", ev.id}}},
                           {"tenant", {{"S", ev.tenant}}},
                           {"zone", {{"N", std::to_string(ev.zone)}}},
                           {"day", {{"S", ev.day}}},
                           {"seq", {{"N", std::to_string(ev.seq)}}},
                           {"note", {{"S", std::string("note of ") + ev.id}}}}}});
}

QPushButton* okButton(QDialog* dialog) {
    return dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

template <typename T>
T* child(QObject* parent, const QString& name) {
    T* found = parent->findChild<T*>(name);
    if (!found) qWarning("no %s", qPrintable(name));
    return found;
}

void type(QWidget* parent, const QString& name, const QString& text) {
    auto* edit = child<QLineEdit>(parent, name);
    edit->clear();
    QTest::keyClicks(edit, text);
}

void pick(QWidget* parent, const QString& name, const QString& data) {
    auto* box = child<QComboBox>(parent, name);
    box->setCurrentIndex(box->findData(data));
}

QString details(MainWindow& window) {
    return window.findChild<QTextBrowser*>(QStringLiteral("tableDetails"))->toPlainText();
}

QString cell(IndexPanel* panel, const QString& index, int column) {
    QTableWidget* list = panel->list();
    for (int row = 0; row < list->rowCount(); ++row)
        if (list->item(row, IndexPanel::Name)->text() == index)
            return list->item(row, column)->text();
    return {};
}

// "e1 e2" as a list.
QStringList words(const char* text) {
    return QString::fromLatin1(text).split(QLatin1Char(' '));
}

QStringList ids(ItemsModel* model) {
    QStringList list;
    for (int r = 0; r < model->rowCount(); ++r)
        list << QString::fromStdString(model->item(r)["id"]["S"].get<std::string>());
    return list;
}

// The Items tab of a console on the events table, reading its composite index.
struct ItemsConsole {
    WidgetEngine e;
    std::unique_ptr<MainWindow> window;
    ItemsTab* items = nullptr;
    QueryForm* form = nullptr;

    bool open() {
        fillEvents(e);
        window = std::make_unique<MainWindow>(*e.bridge);
        window->show();
        items = window->itemsTab();
        window->tabs()->setCurrentWidget(items);
        form = items->queryForm();
        if (!QTest::qWaitFor([this] { return items->model()->rowCount() == 7; })) return false;
        form->setIndexName(QStringLiteral("byTenantDay"));  // a Scan of it runs at once
        if (!QTest::qWaitFor([this] {
                return items->model()->indexName() == QLatin1String("byTenantDay") &&
                       !items->model()->isLoading();
            }))
            return false;
        form->setQueryMode(true);
        return true;
    }
};
}  // namespace

class TstWidgetsCompositeKeys : public QObject {
    Q_OBJECT

private slots:
    void createTableDialogAddsACompositeGsi() {
        WidgetEngine e;
        CreateTableDialog dialog(*e.bridge, QStringLiteral("us-west-2"));
        dialog.show();
        type(&dialog, QStringLiteral("tableName"), QStringLiteral("events"));
        type(&dialog, QStringLiteral("partitionKey"), QStringLiteral("id"));
        IndexEditor* editor = dialog.indexEditor();
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("addGlobalIndex")),
                          Qt::LeftButton);
        type(editor, QStringLiteral("indexName0"), QStringLiteral("byTenantDay"));
        type(editor, QStringLiteral("indexPartitionKey0"), QStringLiteral("tenant"));

        // A second partition key attribute, a Number; first named as the table's String
        // key, then as the index's own first attribute.
        auto* addPartition = child<QPushButton>(editor, QStringLiteral("addPartitionAttribute0"));
        QTRY_VERIFY(addPartition->isVisible());
        QCOMPARE(addPartition->text(), QStringLiteral("Add partition key attribute"));
        QTest::mouseClick(addPartition, Qt::LeftButton);
        QVERIFY2(dialog.errorText().contains(
                     QLatin1String("byTenantDay: enter the name of partition key attribute 2.")),
                 qPrintable(dialog.errorText()));
        QVERIFY(!okButton(&dialog)->isEnabled());
        pick(editor, QStringLiteral("indexPartitionType0_1"), QStringLiteral("N"));
        type(editor, QStringLiteral("indexPartitionKey0_1"), QStringLiteral("id"));
        QVERIFY2(dialog.errorText().contains(
                     QLatin1String("Attribute id is given two types: String and Number.")),
                 qPrintable(dialog.errorText()));
        type(editor, QStringLiteral("indexPartitionKey0_1"), QStringLiteral("tenant"));
        QVERIFY2(dialog.errorText().contains(QLatin1String(
                     "byTenantDay: attribute tenant is in the key twice: use it once.")),
                 qPrintable(dialog.errorText()));
        type(editor, QStringLiteral("indexPartitionKey0_1"), QStringLiteral("zone"));
        QCOMPARE(dialog.errorText(), QString());

        // Four at most: the button says no more once there are four.
        QTest::mouseClick(addPartition, Qt::LeftButton);
        QTest::mouseClick(addPartition, Qt::LeftButton);
        QVERIFY(!addPartition->isEnabled());
        QCOMPARE(addPartition->toolTip(),
                 QStringLiteral("A partition key has at most 4 attributes."));
        // Typed in elsewhere (setIndex, as pasted), a fifth is refused in words.
        IndexSpec five = editor->indexes().at(0);
        five.morePartitionKeys = {{QStringLiteral("a"), QStringLiteral("S")},
                                  {QStringLiteral("b"), QStringLiteral("S")},
                                  {QStringLiteral("c"), QStringLiteral("S")},
                                  {QStringLiteral("d"), QStringLiteral("S")}};
        editor->setIndex(0, five);
        QVERIFY2(dialog.errorText().contains(
                     QLatin1String("byTenantDay: a partition key has at most 4 attributes.")),
                 qPrintable(dialog.errorText()));
        // Removed again, down to two.
        for (int n = 4; n >= 2; --n)
            QTest::mouseClick(
                child<QLineEdit>(editor, QStringLiteral("indexPartitionKey0_%1").arg(n))
                    ->parentWidget()
                    ->findChild<QToolButton*>(),
                Qt::LeftButton);
        QTRY_VERIFY(!editor->findChild<QLineEdit*>(QStringLiteral("indexPartitionKey0_2")));
        five = editor->indexes().at(0);
        five.morePartitionKeys[0] = {QStringLiteral("zone"), QStringLiteral("N")};
        editor->setIndex(0, five);
        QVERIFY(addPartition->isEnabled());
        QCOMPARE(dialog.errorText(), QString());

        // Two sort key attributes; the button waits for the sort key.
        auto* addSort = child<QPushButton>(editor, QStringLiteral("addSortAttribute0"));
        QVERIFY(!addSort->isEnabled());
        child<QCheckBox>(editor, QStringLiteral("indexHasSortKey0"))->setChecked(true);
        QVERIFY(addSort->isEnabled());
        type(editor, QStringLiteral("indexSortKey0"), QStringLiteral("day"));
        QTest::mouseClick(addSort, Qt::LeftButton);
        type(editor, QStringLiteral("indexSortKey0_1"), QStringLiteral("seq"));
        pick(editor, QStringLiteral("indexSortType0_1"), QStringLiteral("N"));
        pick(editor, QStringLiteral("indexProjection0"), QStringLiteral("KEYS_ONLY"));
        QCOMPARE(dialog.errorText(), QString());
        QVERIFY(okButton(&dialog)->isEnabled());

        // An LSI keeps the table's HASH and one RANGE: no more attributes offered.
        dialog.findChild<QCheckBox*>(QStringLiteral("hasSortKey"))->setChecked(true);
        type(&dialog, QStringLiteral("sortKey"), QStringLiteral("at"));
        editor->addIndex(true);
        QVERIFY(!child<QPushButton>(editor, QStringLiteral("addPartitionAttribute1"))
                     ->isVisibleTo(editor));
        QVERIFY(
            !child<QPushButton>(editor, QStringLiteral("addSortAttribute1"))->isVisibleTo(editor));
        editor->removeIndex(1);
        dialog.findChild<QCheckBox*>(QStringLiteral("hasSortKey"))->setChecked(false);

        // HASH attributes first, then RANGE, each defined once with its type.
        const Json request = createTableRequest(dialog.spec());
        JCOMPARE(request["GlobalSecondaryIndexes"][0]["KeySchema"], J(kFourKeys));
        JCOMPARE(request["AttributeDefinitions"], J(R"([
            {"AttributeName": "id", "AttributeType": "S"},
            {"AttributeName": "tenant", "AttributeType": "S"},
            {"AttributeName": "zone", "AttributeType": "N"},
            {"AttributeName": "day", "AttributeType": "S"},
            {"AttributeName": "seq", "AttributeType": "N"}])"));

        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_VERIFY(!dialog.isVisible());
        const Json table = e.ok("DescribeTable", {{"TableName", "events"}})["Table"];
        JCOMPARE(table["GlobalSecondaryIndexes"][0]["KeySchema"], J(kFourKeys));
    }

    void createIndexDialogAddsACompositeGsi() {
        WidgetEngine e;
        e.create_table("events", "id", "S");
        e.advance(60'000);
        MainWindow window(*e.bridge);
        window.show();
        TablesTab* tables = window.tablesTab();
        QTRY_COMPARE(tables->model()->rowCount(), 1);
        tables->selectTable(QStringLiteral("events"));
        QTRY_VERIFY(details(window).contains(QLatin1String("events")));
        tables->createIndex();
        QPointer<CreateIndexDialog> dialog;
        QTRY_VERIFY((dialog = tables->findChild<CreateIndexDialog*>()));
        IndexEditor* editor = dialog->indexEditor();
        type(editor, QStringLiteral("indexName0"), QStringLiteral("byTenantDay"));
        type(editor, QStringLiteral("indexPartitionKey0"), QStringLiteral("tenant"));
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("addPartitionAttribute0")),
                          Qt::LeftButton);
        type(editor, QStringLiteral("indexPartitionKey0_1"), QStringLiteral("zone"));
        pick(editor, QStringLiteral("indexPartitionType0_1"), QStringLiteral("N"));
        child<QCheckBox>(editor, QStringLiteral("indexHasSortKey0"))->setChecked(true);
        type(editor, QStringLiteral("indexSortKey0"), QStringLiteral("day"));
        QTest::mouseClick(child<QPushButton>(editor, QStringLiteral("addSortAttribute0")),
                          Qt::LeftButton);
        // The table's id is a String: as a Number sort attribute it is refused as typed.
        type(editor, QStringLiteral("indexSortKey0_1"), QStringLiteral("id"));
        pick(editor, QStringLiteral("indexSortType0_1"), QStringLiteral("N"));
        QVERIFY2(dialog->errorText().contains(
                     QLatin1String("Attribute id is given two types: String and Number.")),
                 qPrintable(dialog->errorText()));
        QVERIFY(!okButton(dialog)->isEnabled());
        type(editor, QStringLiteral("indexSortKey0_1"), QStringLiteral("seq"));
        QCOMPARE(dialog->errorText(), QString());
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_VERIFY(!dialog);

        const Json table = e.ok("DescribeTable", {{"TableName", "events"}})["Table"];
        JCOMPARE(table["GlobalSecondaryIndexes"][0]["KeySchema"], J(kFourKeys));
        // The Indexes tab and the overview list every key attribute, in key order.
        IndexPanel* panel = tables->indexPanel();
        QTRY_COMPARE(cell(panel, QStringLiteral("byTenantDay"), IndexPanel::PartitionKey),
                     QStringLiteral("tenant (S) + zone (N)"));
        QCOMPARE(cell(panel, QStringLiteral("byTenantDay"), IndexPanel::SortKey),
                 QStringLiteral("day (S) + seq (N)"));
        QTRY_VERIFY2(details(window).contains(
                         QLatin1String("byTenantDay\nGSI\ntenant (S) + zone (N)\nday (S) + seq (N)"
                                       "\nAll attributes\nCreating")),
                     qPrintable(details(window)));

        // A further index is checked against the composite one's types.
        QVERIFY(e.advanceUntil(
            [&] {
                return cell(panel, QStringLiteral("byTenantDay"), IndexPanel::Status) ==
                       QLatin1String("Active");
            },
            5'000, 40));
        tables->createIndex();
        QPointer<CreateIndexDialog> next;
        QTRY_VERIFY((next = tables->findChild<CreateIndexDialog*>()));
        type(next->indexEditor(), QStringLiteral("indexName0"), QStringLiteral("bySeq"));
        type(next->indexEditor(), QStringLiteral("indexPartitionKey0"), QStringLiteral("seq"));
        QVERIFY2(next->errorText().contains(
                     QLatin1String("Attribute seq is given two types: String and Number.")),
                 qPrintable(next->errorText()));
        next->reject();
    }

    void detailsListEveryKeyAttribute() {
        WidgetEngine e;
        fillEvents(e);
        MainWindow window(*e.bridge);
        window.show();
        QTRY_COMPARE(window.tablesModel()->rowCount(), 1);
        window.tablesTab()->selectTable(QStringLiteral("events"));
        QTRY_VERIFY(details(window).contains(QLatin1String("byTenantDay")));
        const QString text = details(window);
        QVERIFY2(text.contains(QLatin1String("byTenantDay\nGSI\ntenant (S) + zone (N)\n"
                                             "day (S) + seq (N)\nKeys only\nActive\n7")),
                 qPrintable(text));
        QCOMPARE(cell(window.tablesTab()->indexPanel(), QStringLiteral("byTenantDay"),
                      IndexPanel::PartitionKey),
                 QStringLiteral("tenant (S) + zone (N)"));
    }

    void queryFormQueriesACompositeIndex() {
        ItemsConsole c;
        QVERIFY(c.open());
        ItemsModel* model = c.items->model();
        // A value per partition attribute, the sort attributes in key order.
        auto* zoneLabel = child<QLineEdit>(c.form, QStringLiteral("partitionValue1"));
        QVERIFY(zoneLabel && zoneLabel->isVisible());
        QStringList labels;
        for (auto* label : c.form->findChildren<QLabel*>())
            if (label->isVisible() && label->text().contains(QLatin1Char('(')))
                labels << label->text();
        for (const char* label : {"tenant (S) =", "zone (N) =", "day (S)", "seq (N)"})
            QVERIFY2(labels.contains(QLatin1String(label)), qPrintable(labels.join(u'|')));
        // The second sort attribute waits for the first by equality.
        auto* seqOp = child<QComboBox>(c.form, QStringLiteral("sortOp1"));
        QVERIFY(!seqOp->isEnabled());

        // Both partition attributes: every day and sequence of acme in zone 1, by tuple.
        type(c.form, QStringLiteral("partitionValue"), QStringLiteral("acme"));
        type(c.form, QStringLiteral("partitionValue1"), QStringLiteral("1"));
        c.items->run();
        QTRY_COMPARE(model->operation(), QStringLiteral("Query"));
        QTRY_VERIFY(!model->isLoading());
        QCOMPARE(ids(model), words("e2 e3 e9 e1 e4"));
        QStringList headers;
        for (int col = 0; col < 5; ++col)
            headers << model->headerData(col, Qt::Horizontal).toString();
        QCOMPARE(headers, (QStringList{QStringLiteral("tenant (index partition key)"),
                                       QStringLiteral("zone (index partition key)"),
                                       QStringLiteral("day (index sort key)"),
                                       QStringLiteral("seq (index sort key)"),
                                       QStringLiteral("id (partition key)")}));

        // day = "a", then a range on seq, the last one given.
        pick(c.form, QStringLiteral("sortOp"), QStringLiteral("="));
        type(c.form, QStringLiteral("sortValue"), QStringLiteral("a"));
        QVERIFY(seqOp->isEnabled());
        pick(c.form, QStringLiteral("sortOp1"), QStringLiteral(">"));
        type(c.form, QStringLiteral("sortValue1"), QStringLiteral("9"));
        QString error;
        const Json request = QueryBuilder::build(c.form->spec(), &error);
        QCOMPARE(QString::fromStdString(request["KeyConditionExpression"]),
                 QStringLiteral("#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 > :v3"));
        JCOMPARE(request["ExpressionAttributeNames"],
                 J(R"({"#n0": "tenant", "#n1": "zone", "#n2": "day", "#n3": "seq"})"));
        JCOMPARE(request["ExpressionAttributeValues"],
                 J(R"({":v0": {"S": "acme"}, ":v1": {"N": "1"}, ":v2": {"S": "a"},
                       ":v3": {"N": "9"}})"));
        c.items->run();
        QTRY_COMPARE(ids(model), words("e3"));
        // begins_with on day alone (seq is let go), descending.
        pick(c.form, QStringLiteral("sortOp"), QStringLiteral("begins_with"));
        QVERIFY(!seqOp->isEnabled());
        QCOMPARE(seqOp->currentData().toString(), QString());
        for (auto* box : c.form->findChildren<QCheckBox*>())
            if (box->text() == QLatin1String("Descending")) box->setChecked(true);
        c.items->run();
        QTRY_COMPARE(ids(model), words("e1 e9 e3 e2"));

        // An empty partition value: said in words, and nothing is sent.
        QSignalSpy resets(model, &QAbstractItemModel::modelReset);
        child<QLineEdit>(c.form, QStringLiteral("partitionValue1"))->clear();
        c.items->run();
        QCOMPARE(c.items->errorText(),
                 QStringLiteral("Enter a value for every partition key attribute (missing: "
                                "zone)."));
        QCOMPARE(resets.count(), 0);
        QVERIFY(!model->isLoading());
        QCOMPARE(ids(model), words("e1 e9 e3 e2"));
    }

    void builderRefusesSortAttributesOutOfOrder() {
        QuerySpec spec;
        spec.query = true;
        spec.partitionKey = QStringLiteral("tenant");
        spec.partitionType = QStringLiteral("S");
        spec.sortType = QStringLiteral("S");
        spec.partitionValue = QStringLiteral("acme");
        spec.morePartition = {{QStringLiteral("zone"), QStringLiteral("N"), {}, {}, {}}};
        spec.sortKey = QStringLiteral("day");
        spec.moreSort = {{QStringLiteral("seq"),
                          QStringLiteral("N"),
                          QStringLiteral(">"),
                          QStringLiteral("1"),
                          {}}};
        QString error;
        QVERIFY(QueryBuilder::build(spec, &error).is_null());
        QCOMPARE(error, QStringLiteral("Enter a value for every partition key attribute "
                                       "(missing: zone)."));
        spec.morePartition[0].value = QStringLiteral("1");
        QVERIFY(QueryBuilder::build(spec, &error).is_null());
        QCOMPARE(error, QStringLiteral(
                            "Give the sort key attributes from the left: enter day before seq."));
        spec.sortOp = QStringLiteral("<");
        spec.sortValue = QStringLiteral("b");
        QVERIFY(QueryBuilder::build(spec, &error).is_null());
        QCOMPARE(error, QStringLiteral("Only the last sort key attribute given may use <: day "
                                       "needs = because seq follows it."));
        spec.sortOp = QStringLiteral("=");
        const Json ok = QueryBuilder::build(spec, &error);
        QVERIFY2(!ok.is_null(), qPrintable(error));
        QCOMPARE(QString::fromStdString(ok["KeyConditionExpression"]),
                 QStringLiteral("#n0 = :v0 AND #n1 = :v1 AND #n2 = :v2 AND #n3 > :v3"));
    }

    void rowsOfACompositeIndexEditAndDeleteByTheTableKey() {
        ItemsConsole c;
        QVERIFY(c.open());
        ItemsModel* model = c.items->model();
        type(c.form, QStringLiteral("partitionValue"), QStringLiteral("acme"));
        type(c.form, QStringLiteral("partitionValue1"), QStringLiteral("1"));
        c.items->run();
        QTRY_COMPARE(ids(model), words("e2 e3 e9 e1 e4"));
        // Keys only in the index: the editor opens the whole item, read by its table key.
        c.items->view()->selectRow(2);
        c.items->editSelected();
        ItemEditorDialog* editor = nullptr;
        QTRY_VERIFY((editor = c.items->findChild<ItemEditorDialog*>()));
        QString error;
        JCOMPARE(editor->currentItem(&error)["note"], J(R"({"S": "note of e9"})"));
        editor->reject();

        c.items->deleteRows({2});
        QTRY_COMPARE(ids(model), words("e2 e3 e1 e4"));
        QCOMPARE(c.items->errorText(), QString());
        const Json gone =
            c.e.ok("GetItem", {{"TableName", "events"}, {"Key", {{"id", {{"S", "e9"}}}}}});
        QVERIFY(!gone.contains("Item"));
        const Json kept =
            c.e.ok("GetItem", {{"TableName", "events"}, {"Key", {{"id", {{"S", "e1"}}}}}});
        QVERIFY(kept.contains("Item"));
    }
};

QTEST_MAIN(TstWidgetsCompositeKeys)
#include "tst_widgets_composite_keys.moc"
