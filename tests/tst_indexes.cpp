// Secondary indexes: CreateTable's checks and texts, DescribeTable's index shapes, Query
// and Scan on GSIs and LSIs (sparse, ordered, paginated), writes that keep indexes exact
// or are refused for a bad index key, and indexes after a restart.
//
// Texts and order: ../shared/reference/dynamodb-data-plane.md §1 (dynalite's tests and
// Alternator's test_gsi.py / test_lsi.py, both run against the service, and the ACK
// controller's live probes).

#include <QTest>

#include <set>

#include "engine_fixture.h"

using tablespan::Json;

namespace {
// orders by customer, a GSI by status (INCLUDE total) and an LSI by date (KEYS_ONLY).
const char* kOrders = R"({
    "TableName": "Orders", "BillingMode": "PAY_PER_REQUEST",
    "AttributeDefinitions": [
        {"AttributeName": "customer", "AttributeType": "S"},
        {"AttributeName": "order", "AttributeType": "S"},
        {"AttributeName": "status", "AttributeType": "S"},
        {"AttributeName": "placed", "AttributeType": "N"},
        {"AttributeName": "date", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"},
                  {"AttributeName": "order", "KeyType": "RANGE"}],
    "GlobalSecondaryIndexes": [{"IndexName": "byStatus",
        "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
                      {"AttributeName": "placed", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["total", "note"]}}],
    "LocalSecondaryIndexes": [{"IndexName": "byDate",
        "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"},
                      {"AttributeName": "date", "KeyType": "RANGE"}],
        "Projection": {"ProjectionType": "KEYS_ONLY"}}]})";

Json order(const std::string& customer, const std::string& id, const char* status, int placed,
           const std::string& date, int total) {
    Json item = {{"customer", {{"S", customer}}},
                 {"order", {{"S", id}}},
                 {"date", {{"S", date}}},
                 {"total", {{"N", std::to_string(total)}}},
                 {"secret", {{"S", "not projected"}}}};
    if (status) {
        item["status"] = {{"S", status}};
        item["placed"] = {{"N", std::to_string(placed)}};
    }
    return item;
}

std::vector<std::string> orders_of(const Json& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.at("order").at("S"));
    return out;
}
}  // namespace

class TestIndexes : public QObject {
    Q_OBJECT

    // A table with orders in three states; o5 has no status (not in the GSI).
    void fill(TestEngine& t) {
        t.ok("CreateTable", J(kOrders));
        t.engine->advance(60'000);
        const std::vector<Json> items = {
            order("alice", "o1", "SHIPPED", 30, "2026-01-03", 10),
            order("alice", "o2", "PENDING", 10, "2026-01-01", 20),
            order("bob", "o3", "PENDING", 20, "2026-01-02", 30),
            order("bob", "o4", "PENDING", 10, "2026-01-05", 40),
            order("carol", "o5", nullptr, 0, "2026-01-04", 50),
        };
        for (const auto& item : items) t.ok("PutItem", {{"TableName", "Orders"}, {"Item", item}});
    }

    Json query_status(TestEngine& t, const char* status, Json extra = Json::object()) {
        Json r = {{"TableName", "Orders"},
                  {"IndexName", "byStatus"},
                  {"KeyConditionExpression", "#s = :s"},
                  {"ExpressionAttributeNames", {{"#s", "status"}}},
                  {"ExpressionAttributeValues", {{":s", {{"S", status}}}}}};
        r.update(extra);
        return t.ok("Query", r);
    }

private slots:
    void createTableErrors_data() {
        QTest::addColumn<QString>("change");  // a JSON merge patch applied to kOrders
        QTest::addColumn<QString>("message");
        QTest::newRow("unused definition")
            << R"({"AttributeDefinitions": [{"AttributeName": "customer", "AttributeType": "S"},
                   {"AttributeName": "order", "AttributeType": "S"},
                   {"AttributeName": "status", "AttributeType": "S"},
                   {"AttributeName": "placed", "AttributeType": "N"},
                   {"AttributeName": "date", "AttributeType": "S"},
                   {"AttributeName": "extra", "AttributeType": "S"}]})"
            << "One or more parameter values were invalid: Some AttributeDefinitions are not "
               "used. AttributeDefinitions: [customer, order, status, placed, date, extra], keys "
               "used: [customer, order, date, status, placed]";
        QTest::newRow("index key not defined")
            << R"({"GlobalSecondaryIndexes": [{"IndexName": "byStatus",
                   "KeySchema": [{"AttributeName": "state", "KeyType": "HASH"}],
                   "Projection": {"ProjectionType": "ALL"}}]})"
            << "One or more parameter values were invalid: Some AttributeDefinitions are not "
               "used. AttributeDefinitions: [customer, order, status, placed, date], keys used: "
               "[customer, order, date, state]";
        QTest::newRow("empty GSI list")
            << R"({"GlobalSecondaryIndexes": [],
                   "AttributeDefinitions": [{"AttributeName": "customer", "AttributeType": "S"},
                   {"AttributeName": "order", "AttributeType": "S"},
                   {"AttributeName": "date", "AttributeType": "S"}]})"
            << "One or more parameter values were invalid: List of GlobalSecondaryIndexes is "
               "empty";
        QTest::newRow("LSI with another hash key")
            << R"({"LocalSecondaryIndexes": [{"IndexName": "byDate",
                   "KeySchema": [{"AttributeName": "date", "KeyType": "HASH"},
                                 {"AttributeName": "customer", "KeyType": "RANGE"}],
                   "Projection": {"ProjectionType": "KEYS_ONLY"}}]})"
            << "One or more parameter values were invalid: Index KeySchema does not have the "
               "same leading hash key as table KeySchema for index: byDate. index hash key: "
               "date, table hash key: customer";
        QTest::newRow("LSI without range key")
            << R"({"LocalSecondaryIndexes": [{"IndexName": "byDate",
                   "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"}],
                   "Projection": {"ProjectionType": "KEYS_ONLY"}},
                   {"IndexName": "byDate2",
                   "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"},
                                 {"AttributeName": "date", "KeyType": "RANGE"}],
                   "Projection": {"ProjectionType": "KEYS_ONLY"}}]})"
            << "One or more parameter values were invalid: Index KeySchema does not have a "
               "range key for index: byDate";
        QTest::newRow("no projection type")
            << R"({"GlobalSecondaryIndexes": [{"IndexName": "byStatus",
                   "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
                                 {"AttributeName": "placed", "KeyType": "RANGE"}],
                   "Projection": {}}]})"
            << "One or more parameter values were invalid: Unknown ProjectionType: null";
        QTest::newRow("non-key attributes with ALL")
            << R"({"GlobalSecondaryIndexes": [{"IndexName": "byStatus",
                   "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
                                 {"AttributeName": "placed", "KeyType": "RANGE"}],
                   "Projection": {"ProjectionType": "ALL", "NonKeyAttributes": ["x"]}}]})"
            << "One or more parameter values were invalid: ProjectionType is ALL, but "
               "NonKeyAttributes is specified";
        QTest::newRow("INCLUDE without non-key attributes")
            << R"({"GlobalSecondaryIndexes": [{"IndexName": "byStatus",
                   "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
                                 {"AttributeName": "placed", "KeyType": "RANGE"}],
                   "Projection": {"ProjectionType": "INCLUDE"}}]})"
            << "One or more parameter values were invalid: ProjectionType is INCLUDE, but "
               "NonKeyAttributes is not specified";
        QTest::newRow("duplicate non-key attribute")
            << R"({"GlobalSecondaryIndexes": [{"IndexName": "byStatus",
                   "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
                                 {"AttributeName": "placed", "KeyType": "RANGE"}],
                   "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["a", "a"]}}]})"
            << "One or more parameter values were invalid: Duplicate element in NonKeyAttributes: "
               "a";
        QTest::newRow("GSI named like the LSI")
            << R"({"GlobalSecondaryIndexes": [{"IndexName": "byDate",
                   "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
                                 {"AttributeName": "placed", "KeyType": "RANGE"}],
                   "Projection": {"ProjectionType": "ALL"}}]})"
            << "One or more parameter values were invalid: Duplicate index name: byDate";
        QTest::newRow("GSI throughput on an on-demand table")
            << R"({"GlobalSecondaryIndexes": [{"IndexName": "byStatus",
                   "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"},
                                 {"AttributeName": "placed", "KeyType": "RANGE"}],
                   "Projection": {"ProjectionType": "ALL"},
                   "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}}]})"
            << "One or more parameter values were invalid: ProvisionedThroughput should not be "
               "specified for index: byStatus when BillingMode is PAY_PER_REQUEST";
        QTest::newRow("provisioned GSI without throughput")
            << R"({"BillingMode": "PROVISIONED",
                   "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}})"
            << "One or more parameter values were invalid: ProvisionedThroughput is not "
               "specified for index: byStatus";
        QTest::newRow("GSI range key first")
            << R"({"GlobalSecondaryIndexes": [{"IndexName": "byStatus",
                   "KeySchema": [{"AttributeName": "placed", "KeyType": "RANGE"},
                                 {"AttributeName": "status", "KeyType": "HASH"}],
                   "Projection": {"ProjectionType": "ALL"}}]})"
            << "Invalid KeySchema: The first KeySchemaElement is not a HASH key type";
        QTest::newRow("LSI on a table without sort key")
            << R"({"KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"}],
                   "AttributeDefinitions": [{"AttributeName": "customer", "AttributeType": "S"},
                   {"AttributeName": "status", "AttributeType": "S"},
                   {"AttributeName": "placed", "AttributeType": "N"},
                   {"AttributeName": "date", "AttributeType": "S"}]})"
            << "One or more parameter values were invalid: Table KeySchema does not have a range "
               "key, which is required when specifying a LocalSecondaryIndex";
    }

    void createTableErrors() {
        QFETCH(QString, change);
        QFETCH(QString, message);
        TestEngine t;
        Json request = J(kOrders);
        request.merge_patch(J(change.toStdString()));
        auto r = t.call("CreateTable", request);
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error->type), QStringLiteral("ValidationException"));
        QCOMPARE(QString::fromStdString(r.error->message), message);
        QVERIFY(!t.call("DescribeTable", {{"TableName", "Orders"}}).ok());
    }

    void tooManyIndexes() {
        TestEngine t;
        Json request = J(kOrders);
        Json gsis = Json::array();
        for (int i = 0; i < 21; ++i) {
            Json g = request["GlobalSecondaryIndexes"][0];
            g["IndexName"] = "g" + std::to_string(100 + i);
            gsis.push_back(g);
        }
        request["GlobalSecondaryIndexes"] = gsis;
        auto r = t.call("CreateTable", request);
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error->message),
                 QStringLiteral("One or more parameter values were invalid: GlobalSecondaryIndex "
                                "count exceeds the per-table limit of 20"));
    }

    void describeShowsIndexes() {
        TestEngine t;
        fill(t);
        Json d = t.ok("DescribeTable", {{"TableName", "Orders"}}).at("Table");
        const std::string arn = d.at("TableArn");
        Json gsi = d.at("GlobalSecondaryIndexes").at(0);
        QCOMPARE(gsi.at("IndexName").get<std::string>(), std::string("byStatus"));
        QCOMPARE(gsi.at("IndexStatus").get<std::string>(), std::string("ACTIVE"));
        QCOMPARE(gsi.at("IndexArn").get<std::string>(), arn + "/index/byStatus");
        QVERIFY(!gsi.contains("Backfilling"));  // only for GSIs added by UpdateTable
        JCOMPARE(gsi.at("Projection"),
                 J(R"({"ProjectionType": "INCLUDE", "NonKeyAttributes": ["note", "total"]})"));
        QCOMPARE(gsi.at("ItemCount").get<int>(), 4);  // o5 has no status
        QVERIFY(gsi.at("IndexSizeBytes").get<int>() > 0);
        JCOMPARE(gsi.at("ProvisionedThroughput"),
                 J(R"({"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 0,
                       "WriteCapacityUnits": 0})"));
        Json lsi = d.at("LocalSecondaryIndexes").at(0);
        QCOMPARE(lsi.at("ItemCount").get<int>(), 5);
        QVERIFY(!lsi.contains("IndexStatus"));
        QVERIFY(!lsi.contains("ProvisionedThroughput"));
        QCOMPARE(lsi.at("IndexArn").get<std::string>(), arn + "/index/byDate");
    }

    void queryGsiInIndexOrderWithProjection() {
        TestEngine t;
        fill(t);
        Json r = query_status(t, "PENDING");
        // Ordered by the index sort key (placed 10, 10, 20); equal keys in a stable order.
        QCOMPARE(r.at("Count").get<int>(), 3);
        auto ids = orders_of(r.at("Items"));
        QCOMPARE(ids.back(), std::string("o3"));
        QCOMPARE(std::set<std::string>(ids.begin(), ids.begin() + 2),
                 (std::set<std::string>{"o2", "o4"}));
        // INCLUDE: the keys and the included attribute, not the others.
        Json first = r.at("Items").at(0);
        QVERIFY(first.contains("total"));
        QVERIFY(first.contains("customer") && first.contains("order"));
        QVERIFY(!first.contains("secret"));
        QVERIFY(!first.contains("date"));

        Json backwards = query_status(t, "PENDING", {{"ScanIndexForward", false}});
        QCOMPARE(orders_of(backwards.at("Items")).front(), std::string("o3"));

        Json ranged = query_status(
            t, "PENDING",
            {{"KeyConditionExpression", "#s = :s AND placed > :p"},
             {"ExpressionAttributeValues", {{":s", {{"S", "PENDING"}}}, {":p", {{"N", "15"}}}}}});
        QCOMPARE(orders_of(ranged.at("Items")), (std::vector<std::string>{"o3"}));
    }

    void gsiPagesCarryIndexAndTableKeys() {
        TestEngine t;
        fill(t);
        std::vector<std::string> all;
        Json start;
        int pages = 0;
        do {
            Json extra = {{"Limit", 1}};
            if (!start.is_null()) extra["ExclusiveStartKey"] = start;
            Json r = query_status(t, "PENDING", extra);
            for (const auto& id : orders_of(r.at("Items"))) all.push_back(id);
            start = r.contains("LastEvaluatedKey") ? r.at("LastEvaluatedKey") : Json();
            if (!start.is_null()) {
                std::set<std::string> names;
                for (auto it = start.begin(); it != start.end(); ++it) names.insert(it.key());
                QCOMPARE(names, (std::set<std::string>{"customer", "order", "placed", "status"}));
            }
            QVERIFY(++pages < 10);
        } while (!start.is_null());
        QCOMPARE(orders_of(query_status(t, "PENDING").at("Items")), all);

        auto bad = t.call("Query", {{"TableName", "Orders"},
                                    {"IndexName", "byStatus"},
                                    {"KeyConditionExpression", "#s = :s"},
                                    {"ExpressionAttributeNames", {{"#s", "status"}}},
                                    {"ExpressionAttributeValues", {{":s", {{"S", "PENDING"}}}}},
                                    {"ExclusiveStartKey", J(R"({"customer": {"S": "bob"},
                                                               "order": {"S": "o3"}})")}});
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error->message, std::string("The provided starting key is invalid"));
    }

    void lsiFetchesWhatItDoesNotProject() {
        TestEngine t;
        fill(t);
        Json base = {{"TableName", "Orders"},
                     {"IndexName", "byDate"},
                     {"KeyConditionExpression", "customer = :c"},
                     {"ExpressionAttributeValues", {{":c", {{"S", "alice"}}}}},
                     {"ReturnConsumedCapacity", "INDEXES"}};
        Json keys_only = t.ok("Query", base);
        // By date: o2 (01-01) before o1 (01-03); KEYS_ONLY holds the keys alone.
        QCOMPARE(orders_of(keys_only.at("Items")), (std::vector<std::string>{"o2", "o1"}));
        QVERIFY(!keys_only.at("Items").at(0).contains("total"));
        JCOMPARE(keys_only.at("ConsumedCapacity"),
                 J(R"({"TableName": "Orders", "CapacityUnits": 0.5, "Table": {"CapacityUnits": 0.0},
                       "LocalSecondaryIndexes": {"byDate": {"CapacityUnits": 0.5}}})"));
        Json all = base;
        all["Select"] = "ALL_ATTRIBUTES";
        Json fetched = t.ok("Query", all);
        QCOMPARE(fetched.at("Items").at(0).at("secret").at("S").get<std::string>(),
                 std::string("not projected"));
        QCOMPARE(fetched.at("ConsumedCapacity").at("Table").at("CapacityUnits").get<double>(), 0.5);
    }

    void readErrors() {
        TestEngine t;
        fill(t);
        auto expect = [&](const Json& extra, const std::string& message) {
            Json r = {{"TableName", "Orders"},
                      {"IndexName", "byStatus"},
                      {"KeyConditionExpression", "#s = :s"},
                      {"ExpressionAttributeNames", {{"#s", "status"}}},
                      {"ExpressionAttributeValues", {{":s", {{"S", "PENDING"}}}}}};
            r.update(extra);
            auto res = t.call("Query", r);
            QVERIFY(!res.ok());
            QCOMPARE(res.error->type, std::string("ValidationException"));
            QCOMPARE(res.error->message, message);
        };
        expect({{"IndexName", "nope"}}, "The table does not have the specified index: nope");
        expect({{"ConsistentRead", true}},
               "Consistent reads are not supported on global secondary indexes");
        expect({{"Select", "ALL_ATTRIBUTES"}},
               "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
               "supported for global secondary index byStatus because its projection type is not "
               "ALL");
        auto missing = t.call("Query", {{"TableName", "Nope"},
                                        {"IndexName", "byStatus"},
                                        {"KeyConditionExpression", "a = :a"},
                                        {"ExpressionAttributeValues", {{":a", {{"S", "x"}}}}}});
        QCOMPARE(missing.error->type, std::string("ResourceNotFoundException"));
    }

    void scanIndexHoldsOnlyIndexedItems() {
        TestEngine t;
        fill(t);
        Json all = t.ok("Scan", {{"TableName", "Orders"}, {"IndexName", "byStatus"}});
        QCOMPARE(all.at("Count").get<int>(), 4);
        std::set<std::string> segmented;
        for (int s = 0; s < 3; ++s) {
            Json r = t.ok("Scan", {{"TableName", "Orders"},
                                   {"IndexName", "byStatus"},
                                   {"Segment", s},
                                   {"TotalSegments", 3}});
            for (const auto& id : orders_of(r.at("Items"))) QVERIFY(segmented.insert(id).second);
        }
        QCOMPARE(segmented, (std::set<std::string>{"o1", "o2", "o3", "o4"}));
    }

    void writesKeepIndexesExact() {
        TestEngine t;
        fill(t);
        // o2 ships: it leaves PENDING and joins SHIPPED.
        t.ok("UpdateItem", J(R"({"TableName": "Orders",
                 "Key": {"customer": {"S": "alice"}, "order": {"S": "o2"}},
                 "UpdateExpression": "SET \u0023s = :s", "ExpressionAttributeNames": {"\u0023s": "status"},
                 "ExpressionAttributeValues": {":s": {"S": "SHIPPED"}}})"));
        QCOMPARE(orders_of(query_status(t, "PENDING").at("Items")),
                 (std::vector<std::string>{"o4", "o3"}));
        QCOMPARE(query_status(t, "SHIPPED").at("Count").get<int>(), 2);
        // Removing the index key takes the item out of the index.
        t.ok("UpdateItem", J(R"({"TableName": "Orders",
                 "Key": {"customer": {"S": "bob"}, "order": {"S": "o4"}},
                 "UpdateExpression": "REMOVE \u0023s", "ExpressionAttributeNames": {"\u0023s": "status"}})"));
        t.ok("DeleteItem", J(R"({"TableName": "Orders",
                 "Key": {"customer": {"S": "bob"}, "order": {"S": "o3"}}})"));
        QCOMPARE(query_status(t, "PENDING").at("Count").get<int>(), 0);
        Json d = t.ok("DescribeTable", {{"TableName", "Orders"}}).at("Table");
        QCOMPARE(d.at("GlobalSecondaryIndexes").at(0).at("ItemCount").get<int>(), 2);
        QCOMPARE(d.at("LocalSecondaryIndexes").at(0).at("ItemCount").get<int>(), 4);
    }

    void badIndexKeysAreRefused() {
        TestEngine t;
        fill(t);
        auto refused = [&](const std::string& op, const Json& request, const std::string& message) {
            auto r = t.call(op, request);
            QVERIFY2(!r.ok(), op.c_str());
            QCOMPARE(r.error->type, std::string("ValidationException"));
            QCOMPARE(r.error->message, message);
        };
        Json wrong_type = order("dave", "o9", "PENDING", 1, "2026-02-01", 1);
        wrong_type["placed"] = {{"S", "soon"}};
        refused("PutItem", {{"TableName", "Orders"}, {"Item", wrong_type}},
                "One or more parameter values were invalid: Type mismatch for Index Key placed "
                "Expected: N Actual: S IndexName: byStatus");
        Json empty = order("dave", "o9", "", 1, "2026-02-01", 1);
        refused("PutItem", {{"TableName", "Orders"}, {"Item", empty}},
                "One or more parameter values are not valid. A value specified for a secondary "
                "index key is not supported. The AttributeValue for a key attribute cannot "
                "contain an empty string value. IndexName: byStatus, IndexKey: status");
        refused("UpdateItem", J(R"({"TableName": "Orders",
                 "Key": {"customer": {"S": "alice"}, "order": {"S": "o1"}},
                 "UpdateExpression": "SET \u0023d = :d", "ExpressionAttributeNames": {"\u0023d": "date"},
                 "ExpressionAttributeValues": {":d": {"S": ""}}})"),
                "One or more parameter values are not valid. The update expression attempted to "
                "update a secondary index key to a value that is not supported. The "
                "AttributeValue for a key attribute cannot contain an empty string value.");
        // One bad item refuses the whole batch.
        Json good = order("dave", "o8", "PENDING", 1, "2026-02-01", 1);
        refused(
            "BatchWriteItem",
            {{"RequestItems",
              {{"Orders",
                {{{"PutRequest", {{"Item", good}}}}, {{"PutRequest", {{"Item", wrong_type}}}}}}}}},
            "One or more parameter values were invalid: Type mismatch for Index Key placed "
            "Expected: N Actual: S IndexName: byStatus");
        Json got = t.ok("GetItem", J(R"({"TableName": "Orders",
                 "Key": {"customer": {"S": "dave"}, "order": {"S": "o8"}}})"));
        QVERIFY(!got.contains("Item"));
        QCOMPARE(query_status(t, "PENDING").at("Count").get<int>(), 3);
    }

    void itemCollectionMetricsOnTablesWithAnLsi() {
        TestEngine t;
        fill(t);
        Json put = t.ok("PutItem", {{"TableName", "Orders"},
                                    {"Item", order("alice", "o9", "PENDING", 5, "2026-03-01", 1)},
                                    {"ReturnItemCollectionMetrics", "SIZE"}});
        JCOMPARE(put.at("ItemCollectionMetrics"),
                 J(R"({"ItemCollectionKey": {"customer": {"S": "alice"}},
                       "SizeEstimateRangeGB": [0.0, 1.0]})"));
        Json batch = t.ok("BatchWriteItem",
                          {{"RequestItems",
                            {{"Orders", {{{"DeleteRequest", {{"Key", J(R"({"customer": {"S": "bob"},
                                                         "order": {"S": "o3"}})")}}}}}}}},
                           {"ReturnItemCollectionMetrics", "SIZE"}});
        JCOMPARE(batch.at("ItemCollectionMetrics").at("Orders").at(0).at("ItemCollectionKey"),
                 J(R"({"customer": {"S": "bob"}})"));
        // Not asked for, or no LSI: none (the API model: only for tables with an LSI).
        QVERIFY(!t.ok("PutItem", {{"TableName", "Orders"},
                                  {"Item", order("alice", "o9", "PENDING", 5, "2026-03-01", 1)}})
                     .contains("ItemCollectionMetrics"));
        t.create_table("Plain", "pk", "S");
        QVERIFY(!t.ok("PutItem", {{"TableName", "Plain"},
                                  {"Item", {{"pk", {{"S", "a"}}}}},
                                  {"ReturnItemCollectionMetrics", "SIZE"}})
                     .contains("ItemCollectionMetrics"));
    }

    void indexesSurviveARestart() {
        TestEngine t;
        fill(t);
        t.reopen();
        QCOMPARE(orders_of(query_status(t, "SHIPPED").at("Items")), std::vector<std::string>{"o1"});
        t.ok("DeleteItem", J(R"({"TableName": "Orders",
                 "Key": {"customer": {"S": "alice"}, "order": {"S": "o1"}}})"));
        QCOMPARE(query_status(t, "SHIPPED").at("Count").get<int>(), 0);
        Json d = t.ok("DescribeTable", {{"TableName", "Orders"}}).at("Table");
        QCOMPARE(d.at("GlobalSecondaryIndexes").at(0).at("ItemCount").get<int>(), 3);
    }
};

QTEST_APPLESS_MAIN(TestIndexes)
#include "tst_indexes.moc"
