// Copying a table between any two regions, embedded or remote: the destination gets the
// source's keys and indexes and its items, with progress; a sample takes the first items
// only; an existing destination is refused in the destination's own words; a cancelled
// copy keeps what it wrote.

#include <QAction>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "common/context_menu.h"
#include "common/engine_bridge.h"
#include "remote/copy_table_dialog.h"
#include "remote/table_copy.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "tablespan/http_server.h"
#include "tablespan/remote_client.h"
#include "remote_lab_fixture.h"
#include "widget_fixture.h"

using tablespan::Json;

namespace {
const QString kLab = QStringLiteral("eu-west-1@lab");
const QString kLocal = QStringLiteral("us-west-2");

// Orders (customer, order) with the GSI ByStatus (status; INCLUDE total) and the LSI
// ByDate (customer, date; KEYS_ONLY).
Json ordersTable(const std::string& name) {
    return {{"TableName", name},
            {"AttributeDefinitions",
             {{{"AttributeName", "customer"}, {"AttributeType", "S"}},
              {{"AttributeName", "order"}, {"AttributeType", "N"}},
              {{"AttributeName", "status"}, {"AttributeType", "S"}},
              {{"AttributeName", "date"}, {"AttributeType", "S"}}}},
            {"KeySchema",
             {{{"AttributeName", "customer"}, {"KeyType", "HASH"}},
              {{"AttributeName", "order"}, {"KeyType", "RANGE"}}}},
            {"GlobalSecondaryIndexes",
             {{{"IndexName", "ByStatus"},
               {"KeySchema", {{{"AttributeName", "status"}, {"KeyType", "HASH"}}}},
               {"Projection", {{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", {"total"}}}}}}},
            {"LocalSecondaryIndexes",
             {{{"IndexName", "ByDate"},
               {"KeySchema",
                {{{"AttributeName", "customer"}, {"KeyType", "HASH"}},
                 {{"AttributeName", "date"}, {"KeyType", "RANGE"}}}},
               {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}}},
            {"BillingMode", "PAY_PER_REQUEST"}};
}

// `n` orders, a third of them of each status ("open", "shipped", "closed").
std::vector<Json> orders(int n) {
    static const char* const kStatus[] = {"open", "shipped", "closed"};
    std::vector<Json> items;
    for (int i = 0; i < n; ++i)
        items.push_back({{"customer", {{"S", "c-" + std::to_string(i % 17)}}},
                         {"order", {{"N", std::to_string(i)}}},
                         {"status", {{"S", kStatus[i % 3]}}},
                         {"date", {{"S", "2026-01-" + std::to_string(10 + i % 20)}}},
                         {"total", {{"N", std::to_string(i * 3)}}}});
    return items;
}

// Writes `items` with BatchWriteItem through `call` (an engine's call_sync).
template <typename Call>
void putAll(Call&& call, const std::string& table, const std::vector<Json>& items) {
    for (std::size_t i = 0; i < items.size(); i += 25) {
        Json batch = Json::array();
        for (std::size_t j = i; j < std::min(items.size(), i + 25); ++j)
            batch.push_back({{"PutRequest", {{"Item", items[j]}}}});
        call("BatchWriteItem", Json{{"RequestItems", {{table, batch}}}});
    }
}

// The local console engine with Orders (300 items) in us-west-2.
void createLocalOrders(WidgetEngine& e, int n) {
    e.ok("CreateTable", ordersTable("Orders"));
    e.advance(60'000);
    putAll([&e](const std::string& op, const Json& r) { e.ok(op, r); }, "Orders", orders(n));
}

QStringList attributeNames(const Json& definitions) {
    QStringList names;
    for (const Json& d : definitions)
        names << QString::fromStdString(d["AttributeName"].get<std::string>());
    names.sort();
    return names;
}
}  // namespace

class TstWidgetsTableCopy : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<QList<RequestRecord>>(); }

    // From the Tables tab's context menu to a remote lab: the lab gets the same keys,
    // the GSI and the LSI, on demand, and all 300 items, found through the GSI too; the
    // progress reaches 300 of 300 and the tab reports the outcome.
    void anEmbeddedTableIsCopiedToARemoteRegion() {
        RemoteLab lab;
        WidgetEngine e;
        createLocalOrders(e, 300);
        e.bridge->addConnection(QStringLiteral("lab"), {QStringLiteral("eu-west-1")}, lab.client());
        TablesTab tab(*e.bridge);
        tab.resize(800, 600);
        tab.show();
        tab.setRegion(kLocal);
        QTRY_VERIFY(tab.model()->rowOf(QStringLiteral("Orders")) >= 0);
        tab.selectTable(QStringLiteral("Orders"));
        QSignalSpy messages(&tab, &TablesTab::message);

        const QPoint pos = tab.view()->visualRect(tab.model()->index(0, 0)).center();
        std::unique_ptr<QMenu> menu(ContextMenu::build(tab.view(), pos));
        QAction* action = nullptr;
        for (QAction* a : menu->actions())
            if (a->objectName() == QLatin1String("copyTableAction")) action = a;
        QVERIFY(action);
        QVERIFY(action->isEnabled());
        action->trigger();
        auto* dialog = tab.findChild<CopyTableDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->offeredRegions().contains(kLab));
        QVERIFY(dialog->offeredRegions().contains(QStringLiteral("eu-central-1")));
        // From an embedded region, the connection's region is offered first.
        QCOMPARE(dialog->destinationRegion(), kLab);
        QCOMPARE(dialog->destinationTable(), QStringLiteral("Orders"));

        auto* start = dialog->findChild<QPushButton*>(QStringLiteral("startCopy"));
        QVERIFY(start->isEnabled());
        start->click();
        QVERIFY(dialog->isRunning());
        QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("closeCopy"))->isEnabled());
        QSignalSpy progress(dialog->job(), &TableCopy::progress);
        QSignalSpy finished(dialog->job(), &TableCopy::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30'000);
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(progress.last().at(0).toLongLong(), 300);
        QCOMPARE(progress.last().at(1).toLongLong(), 300);
        QVERIFY(dialog->statusText().contains(
            QLatin1String("Copied 300 item(s) from Orders in US West (Oregon) to Orders in Europe "
                          "(Ireland) on lab.")));
        QVERIFY(dialog->findChild<QPushButton*>(QStringLiteral("closeCopy"))->isEnabled());
        QCOMPARE(messages.count(), 1);
        QCOMPARE(messages.first().at(0).toString(), finished.first().at(1).toString());

        QCOMPARE(lab.count("Orders"), 300);
        const Json table = lab.ok("DescribeTable", {{"TableName", "Orders"}})["Table"];
        const Json source = e.ok("DescribeTable", {{"TableName", "Orders"}})["Table"];
        JCOMPARE(table["KeySchema"], source["KeySchema"]);
        QCOMPARE(attributeNames(table["AttributeDefinitions"]),
                 (QStringList{QStringLiteral("customer"), QStringLiteral("date"),
                              QStringLiteral("order"), QStringLiteral("status")}));
        QCOMPARE(table["BillingModeSummary"]["BillingMode"].get<std::string>(),
                 std::string("PAY_PER_REQUEST"));
        QCOMPARE(table["GlobalSecondaryIndexes"].size(), std::size_t{1});
        JCOMPARE(table["GlobalSecondaryIndexes"][0]["KeySchema"],
                 source["GlobalSecondaryIndexes"][0]["KeySchema"]);
        JCOMPARE(table["GlobalSecondaryIndexes"][0]["Projection"],
                 J(R"({"ProjectionType":"INCLUDE","NonKeyAttributes":["total"]})"));
        QCOMPARE(table["LocalSecondaryIndexes"].size(), std::size_t{1});
        JCOMPARE(table["LocalSecondaryIndexes"][0]["KeySchema"],
                 source["LocalSecondaryIndexes"][0]["KeySchema"]);
        JCOMPARE(table["LocalSecondaryIndexes"][0]["Projection"],
                 J(R"({"ProjectionType":"KEYS_ONLY"})"));
        // The items are in the index, as the service's GSIs see them.
        const auto openOrders = [&lab] {
            return lab
                .ok("Query", {{"TableName", "Orders"},
                              {"IndexName", "ByStatus"},
                              {"KeyConditionExpression", "#s = :s"},
                              {"ExpressionAttributeNames", {{"#s", "status"}}},
                              {"ExpressionAttributeValues", {{":s", {{"S", "open"}}}}},
                              {"Select", "COUNT"}})["Count"]
                .get<int>();
        };
        QTRY_COMPARE(openOrders(), 100);
    }

    // From the lab into an embedded region, only the first 50 items of the source's
    // Scan: exactly those arrive, and the progress counts to 50 of 50.
    void aSampleOfARemoteTableIsCopiedIntoAnEmbeddedRegion() {
        RemoteLab lab;
        lab.ok("CreateTable", ordersTable("Orders"));
        QTRY_COMPARE(QString::fromStdString(
                         lab.ok("DescribeTable", {{"TableName", "Orders"}})["Table"]["TableStatus"]
                             .get<std::string>()),
                     QStringLiteral("ACTIVE"));
        putAll([&lab](const std::string& op, const Json& r) { lab.ok(op, r); }, "Orders",
               orders(120));
        WidgetEngine e;
        e.bridge->addConnection(QStringLiteral("lab"), {QStringLiteral("eu-west-1")}, lab.client());

        TableCopy copy(*e.bridge, kLab, QStringLiteral("Orders"), kLocal,
                       QStringLiteral("OrdersSample"));
        copy.setLimit(50);
        QSignalSpy progress(&copy, &TableCopy::progress);
        QSignalSpy finished(&copy, &TableCopy::finished);
        copy.start();
        // The embedded table is CREATING until engine time passes.
        QVERIFY(e.advanceUntil([&finished] { return !finished.isEmpty(); }, 1000, 1500));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(progress.last().at(0).toLongLong(), 50);
        QCOMPARE(progress.last().at(1).toLongLong(), 50);

        // The first 50 items of the lab's Scan order, and no others.
        const auto keys = [](const Json& items) {
            QStringList out;
            for (const Json& item : items)
                out << QString::fromStdString(item["customer"]["S"].get<std::string>() + "/" +
                                              item["order"]["N"].get<std::string>());
            out.sort();
            return out;
        };
        const Json first = lab.ok("Scan", {{"TableName", "Orders"}, {"Limit", 50}})["Items"];
        const Json copied = e.ok("Scan", {{"TableName", "OrdersSample"}})["Items"];
        QCOMPARE(copied.size(), std::size_t{50});
        QCOMPARE(keys(copied), keys(first));
        QCOMPARE(
            e.ok("DescribeTable",
                 {{"TableName", "OrdersSample"}})["Table"]["GlobalSecondaryIndexes"][0]["IndexName"]
                .get<std::string>(),
            std::string("ByStatus"));
    }

    // A destination that takes 10 writes a second (an on-demand maximum) throttles the
    // copy: what it leaves unprocessed or refuses is sent again after a pause, and every
    // item arrives; the refusals show in the Activity dock's records.
    void aThrottledDestinationSetsThePace() {
        RemoteLab lab;
        lab.ok("CreateTable", ordersTable("Orders"));
        QTRY_COMPARE(QString::fromStdString(
                         lab.ok("DescribeTable", {{"TableName", "Orders"}})["Table"]["TableStatus"]
                             .get<std::string>()),
                     QStringLiteral("ACTIVE"));
        putAll([&lab](const std::string& op, const Json& r) { lab.ok(op, r); }, "Orders",
               orders(100));
        WidgetEngine e;
        e.bridge->addConnection(QStringLiteral("lab"), {QStringLiteral("eu-west-1")}, lab.client());
        TableCopy copy(*e.bridge, kLab, QStringLiteral("Orders"), kLocal, QStringLiteral("Slow"));
        connect(&copy, &TableCopy::stageChanged, &copy, [&e](TableCopy::Stage stage) {
            if (stage == TableCopy::Stage::Copying)
                e.ok("UpdateTable", {{"TableName", "Slow"},
                                     {"OnDemandThroughput", {{"MaxWriteRequestUnits", 10}}}});
        });
        QSignalSpy progress(&copy, &TableCopy::progress);
        QSignalSpy finished(&copy, &TableCopy::finished);
        QSignalSpy requests(e.bridge.get(), &EngineBridge::requestsCompleted);
        copy.start();
        QVERIFY(e.advanceUntil([&finished] { return !finished.isEmpty(); }, 1000, 3000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(progress.last().at(0).toLongLong(), 100);
        QCOMPARE(e.ok("Scan", {{"TableName", "Slow"}, {"Select", "COUNT"}})["Count"].get<int>(),
                 100);
        int throttled = 0;
        for (const auto& args : requests)
            for (const RequestRecord& r : args.at(0).value<QList<RequestRecord>>())
                if (r.operation == QLatin1String("BatchWriteItem") &&
                    r.errorType == QLatin1String("ThrottlingException"))
                    ++throttled;
        QVERIFY(throttled > 0);
    }

    // A destination table of that name exists: the copy fails with the destination's
    // own ResourceInUseException and writes nothing into it.
    void anExistingDestinationIsRefusedInTheServicesWords() {
        RemoteLab lab;
        lab.ok("CreateTable", ordersTable("Orders"));
        WidgetEngine e;
        createLocalOrders(e, 30);
        e.bridge->addConnection(QStringLiteral("lab"), {QStringLiteral("eu-west-1")}, lab.client());
        const Json source = e.ok("DescribeTable", {{"TableName", "Orders"}})["Table"];
        const tablespan::Result refusal =
            lab.call("CreateTable", TableCopy::createRequest(source, QStringLiteral("Orders")));
        QVERIFY(!refusal.ok());
        QCOMPARE(refusal.error->type, std::string("ResourceInUseException"));

        CopyTableDialog dialog(*e.bridge, kLocal, QStringLiteral("Orders"));
        dialog.setDestination(kLab, QStringLiteral("Orders"));
        dialog.start();
        QVERIFY(dialog.job());
        QSignalSpy finished(dialog.job(), &TableCopy::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30'000);
        QVERIFY(!finished.first().at(0).toBool());
        QCOMPARE(finished.first().at(1).toString(), EngineBridge::errorText(refusal));
        QCOMPARE(dialog.errorText(), EngineBridge::errorText(refusal));
        QCOMPARE(lab.count("Orders"), 0);
        // The dialog refuses to copy a table onto itself before asking anyone.
        dialog.setDestination(kLocal, QStringLiteral("Orders"));
        QVERIFY(!dialog.validationText().isEmpty());
        QVERIFY(!dialog.findChild<QPushButton*>(QStringLiteral("startCopy"))->isEnabled());
        dialog.setDestination(kLab, QStringLiteral("x"));
        QVERIFY(!dialog.validationText().isEmpty());
        dialog.setDestination(kLab, QStringLiteral("Orders.copy-2"));
        QVERIFY(dialog.validationText().isEmpty());
    }

    // Cancelled after the first batch: the writes in flight finish, nothing more is
    // sent, and the message says the copied items stay; the lab holds exactly those.
    void aCancelledCopyKeepsWhatItWrote() {
        RemoteLab lab;
        WidgetEngine e;
        createLocalOrders(e, 300);
        e.bridge->addConnection(QStringLiteral("lab"), {QStringLiteral("eu-west-1")}, lab.client());
        CopyTableDialog dialog(*e.bridge, kLocal, QStringLiteral("Orders"));
        dialog.setDestination(kLab, QStringLiteral("OrdersCopy"));
        dialog.start();
        TableCopy* copy = dialog.job();
        QSignalSpy finished(copy, &TableCopy::finished);
        connect(copy, &TableCopy::progress, &dialog, [&dialog](qint64 copied) {
            if (copied > 0) dialog.cancelCopy();
        });
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30'000);
        QVERIFY(!finished.first().at(0).toBool());
        const QString message = finished.first().at(1).toString();
        QVERIFY2(message.startsWith(QLatin1String("Cancelled: ")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("%1 item(s) were copied").arg(copy->copied())),
                 qPrintable(message));
        QVERIFY(copy->copied() > 0);
        QVERIFY(copy->copied() < 300);
        QCOMPARE(qint64{lab.count("OrdersCopy")}, copy->copied());
        QCOMPARE(dialog.statusText(), message);
        QVERIFY(dialog.errorText().isEmpty());
        QVERIFY(!dialog.isRunning());
    }
};

QTEST_MAIN(TstWidgetsTableCopy)
#include "tst_widgets_table_copy.moc"
