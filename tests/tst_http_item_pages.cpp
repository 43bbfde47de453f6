// Scan and Query pages at the endpoint, whose Items the engine writes straight to JSON
// text (CallOptions::items_as_text) instead of building a document per item: every page
// a client reads over HTTP must be the page the console reads from the engine, for the
// base table, both kinds of index, filters, projections, COUNT, parallel scans and
// pagination, and PartiQL's reads must keep their own Items.

#include <QTest>

#include "http_test_fixture.h"

using namespace http_test;

namespace {
const char* kRegion = "us-west-2";

Json orderItem(int i) {
    Json item = {
        {"customer", {{"S", "c" + std::to_string(i % 4)}}},
        {"order", {{"N", std::to_string(i)}}},
        {"status", {{"S", i % 3 ? "open" : "shipped"}}},
        {"total", {{"N", std::to_string(i * 7 % 50) + ".25"}}},
        {"note", {{"S", "quote \" backslash \\ newline \n tab \t ✓ " + std::to_string(i)}}}};
    if (i % 5 == 0) item["tags"] = {{"SS", {"gift", "rush"}}};
    if (i % 6 == 0) item["parts"] = {{"L", {{{"M", {{"sku", {{"S", "x"}}}}}}, {{"NULL", true}}}}};
    return item;
}
}  // namespace

class TstHttpItemPages : public HttpServerTestBase {
    Q_OBJECT

    // The same request through the endpoint and from the engine: the same answer, in
    // `page`. On a difference, says what it is and returns false.
    bool samePage(const std::string& operation, const Json& request, Json* page) {
        Client client(m_server->port());
        const Response res = client.call(operation, request, kRegion);
        const tablespan::Result embedded = m_engine->call_sync(kRegion, operation, request);
        if (res.result_int() != 200u || !embedded.ok()) {
            qWarning("not answered: %s", res.body().c_str());
            return false;
        }
        if (str(res["x-amz-crc32"]) != std::to_string(referenceCrc32(res.body()))) {
            qWarning("x-amz-crc32 is not the body's");
            return false;
        }
        *page = bodyOf(res);
        if (*page != embedded.body) {
            qWarning("endpoint: %s\nengine: %s", page->dump().c_str(),
                     embedded.body.dump().c_str());
            return false;
        }
        return true;
    }

    // Pages through `request` at the endpoint, each page checked against the engine's.
    bool allPages(const std::string& operation, Json request, std::vector<Json>* pages) {
        pages->clear();
        for (int guard = 0; guard < 100; ++guard) {
            Json page;
            if (!samePage(operation, request, &page)) return false;
            pages->push_back(page);
            if (!page.contains("LastEvaluatedKey")) return true;
            request["ExclusiveStartKey"] = page["LastEvaluatedKey"];
        }
        return false;
    }

    static long countOf(const std::vector<Json>& pages) {
        long n = 0;
        for (const Json& p : pages) n += p["Count"].get<long>();
        return n;
    }

private slots:
    void initTestCase() {
        startServer();
        Client client(m_server->port());
        const Json create = {
            {"TableName", "Orders"},
            {"AttributeDefinitions",
             {{{"AttributeName", "customer"}, {"AttributeType", "S"}},
              {{"AttributeName", "order"}, {"AttributeType", "N"}},
              {{"AttributeName", "status"}, {"AttributeType", "S"}},
              {{"AttributeName", "total"}, {"AttributeType", "N"}}}},
            {"KeySchema",
             {{{"AttributeName", "customer"}, {"KeyType", "HASH"}},
              {{"AttributeName", "order"}, {"KeyType", "RANGE"}}}},
            {"GlobalSecondaryIndexes",
             {{{"IndexName", "byStatus"},
               {"KeySchema",
                {{{"AttributeName", "status"}, {"KeyType", "HASH"}},
                 {{"AttributeName", "order"}, {"KeyType", "RANGE"}}}},
               {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}}},
            {"LocalSecondaryIndexes",
             {{{"IndexName", "byTotal"},
               {"KeySchema",
                {{{"AttributeName", "customer"}, {"KeyType", "HASH"}},
                 {{"AttributeName", "total"}, {"KeyType", "RANGE"}}}},
               {"Projection", {{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", {"note"}}}}}}},
            {"BillingMode", "PAY_PER_REQUEST"}};
        QCOMPARE(client.call("CreateTable", create, kRegion).result_int(), 200u);
        QVERIFY(m_active->wait(kRegion, "Orders"));
        for (int i = 0; i < 60; ++i)
            QCOMPARE(
                client.call("PutItem", {{"TableName", "Orders"}, {"Item", orderItem(i)}}, kRegion)
                    .result_int(),
                200u);
    }
    void cleanupTestCase() { stopServer(); }

    void scanPagesAreTheEnginesPages() {
        std::vector<Json> pages;
        QVERIFY(allPages("Scan", {{"TableName", "Orders"}, {"Limit", 7}}, &pages));
        QCOMPARE(pages.size(), 9u);  // eight pages of 7 and one of 4
        // Written as text, the Items come first (dump() would sort them after "Count").
        Client client(m_server->port());
        const Response res = client.call("Scan", {{"TableName", "Orders"}, {"Limit", 2}}, kRegion);
        QCOMPARE(res.body().substr(0, 11), std::string(R"({"Items":[{)"));
        QCOMPARE(countOf(pages), 60L);
        QCOMPARE(pages.front()["Items"].size(), 7u);
        // The text an SDK reads holds the escapes, and parses back to the stored strings.
        bool sawNote = false;
        for (const Json& item : pages.front()["Items"])
            sawNote = sawNote || item["note"]["S"].get<std::string>().find(
                                     "quote \" backslash \\ "
                                     "newline \n tab \t ✓") == 0;
        QVERIFY(sawNote);
    }

    void filterProjectionAndCapacity() {
        std::vector<Json> pages;
        QVERIFY(allPages("Scan",
                         {{"TableName", "Orders"},
                          {"Limit", 11},
                          {"FilterExpression", "#s = :open AND attribute_exists(tags)"},
                          {"ProjectionExpression", "customer, #o, tags, parts[0].sku"},
                          {"ExpressionAttributeNames", {{"#s", "status"}, {"#o", "order"}}},
                          {"ExpressionAttributeValues", {{":open", {{"S", "open"}}}}},
                          {"ReturnConsumedCapacity", "TOTAL"}},
                         &pages));
        QCOMPARE(countOf(pages), 8L);  // i % 5 == 0 and i % 3 != 0 below 60
        for (const Json& page : pages) {
            QVERIFY(page.contains("ConsumedCapacity"));
            for (const Json& item : page["Items"]) QVERIFY(!item.contains("note"));
        }
    }

    void countOnlyAndEmptyPages() {
        Json count;
        QVERIFY(samePage("Scan", {{"TableName", "Orders"}, {"Select", "COUNT"}}, &count));
        QVERIFY(!count.contains("Items"));
        QCOMPARE(count["Count"].get<int>(), 60);
        Json none;
        QVERIFY(samePage("Scan",
                         {{"TableName", "Orders"},
                          {"FilterExpression", "#o > :n"},
                          {"ExpressionAttributeNames", {{"#o", "order"}}},
                          {"ExpressionAttributeValues", {{":n", {{"N", "1000"}}}}}},
                         &none));
        QVERIFY(none["Items"].is_array());
        QCOMPARE(none["Items"].size(), 0u);
        QCOMPARE(none["ScannedCount"].get<int>(), 60);
        Json empty;
        QVERIFY(samePage("Query",
                         {{"TableName", "Orders"},
                          {"KeyConditionExpression", "customer = :c"},
                          {"ExpressionAttributeValues", {{":c", {{"S", "nobody"}}}}}},
                         &empty));
        QVERIFY(empty["Items"].is_array());
        QCOMPARE(empty["Count"].get<int>(), 0);
        // A hash-only table asked for the page after its one item: an empty page at once.
        Json after;
        QVERIFY(samePage("Query",
                         {{"TableName", "Courses"},
                          {"KeyConditionExpression", "pk = :k"},
                          {"ExpressionAttributeValues", {{":k", {{"S", "a"}}}}},
                          {"ExclusiveStartKey", {{"pk", {{"S", "a"}}}}}},
                         &after));
        QVERIFY(after["Items"].is_array());
        QVERIFY(after["Items"].empty());
    }

    void queryBackwardsAcrossPages() {
        std::vector<Json> pages;
        QVERIFY(
            allPages("Query",
                     {{"TableName", "Orders"},
                      {"KeyConditionExpression", "customer = :c AND #o > :n"},
                      {"ExpressionAttributeNames", {{"#o", "order"}}},
                      {"ExpressionAttributeValues", {{":c", {{"S", "c1"}}}, {":n", {{"N", "10"}}}}},
                      {"ScanIndexForward", false},
                      {"Limit", 4}},
                     &pages));
        QCOMPARE(countOf(pages), 12L);  // 13, 17, …, 57
        QCOMPARE(pages.front()["Items"][0]["order"]["N"].get<std::string>(), "57");
    }

    void globalIndexPagesCarryTheIndexKey() {
        std::vector<Json> pages;
        QVERIFY(allPages("Query",
                         {{"TableName", "Orders"},
                          {"IndexName", "byStatus"},
                          {"KeyConditionExpression", "#s = :s"},
                          {"ExpressionAttributeNames", {{"#s", "status"}}},
                          {"ExpressionAttributeValues", {{":s", {{"S", "shipped"}}}}},
                          {"Limit", 6},
                          {"ReturnConsumedCapacity", "INDEXES"}},
                         &pages));
        QCOMPARE(countOf(pages), 20L);
        QVERIFY(pages.front()["LastEvaluatedKey"].contains("status"));
        QCOMPARE(pages.front()["Items"][0].size(), 3u);  // KEYS_ONLY: table and index keys
        std::vector<Json> scanned;
        QVERIFY(allPages(
            "Scan", {{"TableName", "Orders"}, {"IndexName", "byStatus"}, {"Limit", 25}}, &scanned));
        QCOMPARE(countOf(scanned), 60L);
    }

    void localIndexFetchesFromTheTable() {
        std::vector<Json> pages;
        QVERIFY(allPages("Query",
                         {{"TableName", "Orders"},
                          {"IndexName", "byTotal"},
                          {"KeyConditionExpression", "customer = :c"},
                          {"ExpressionAttributeValues", {{":c", {{"S", "c2"}}}}},
                          {"Select", "ALL_ATTRIBUTES"},
                          {"Limit", 5},
                          {"ReturnConsumedCapacity", "INDEXES"}},
                         &pages));
        QCOMPARE(countOf(pages), 15L);
        QVERIFY(pages.front()["Items"][0].contains("status"));  // not projected: fetched
        std::vector<Json> projected;
        QVERIFY(allPages("Query",
                         {{"TableName", "Orders"},
                          {"IndexName", "byTotal"},
                          {"KeyConditionExpression", "customer = :c"},
                          {"ExpressionAttributeValues", {{":c", {{"S", "c2"}}}}},
                          {"Limit", 5}},
                         &projected));
        QCOMPARE(countOf(projected), 15L);
        QVERIFY(!projected.front()["Items"][0].contains("status"));
    }

    void parallelScanSegments() {
        long total = 0;
        for (int segment = 0; segment < 3; ++segment) {
            std::vector<Json> pages;
            QVERIFY(allPages(
                "Scan",
                {{"TableName", "Orders"}, {"Segment", segment}, {"TotalSegments", 3}, {"Limit", 9}},
                &pages));
            total += countOf(pages);
        }
        QCOMPARE(total, 60L);
    }

    // PartiQL reads run Scan and Query inside the engine: their Items stay in the answer.
    void partiqlReadsKeepTheirItems() {
        Json scanned;
        QVERIFY(samePage("ExecuteStatement",
                         {{"Statement", "SELECT * FROM Orders WHERE \"status\" = 'open'"}},
                         &scanned));
        QCOMPARE(scanned["Items"].size(), 40u);
        Json queried;
        QVERIFY(samePage("ExecuteStatement",
                         {{"Statement", "SELECT * FROM Orders WHERE customer = 'c3'"}}, &queried));
        QCOMPARE(queried["Items"].size(), 15u);
    }
};

QTEST_GUILESS_MAIN(TstHttpItemPages)
#include "tst_http_item_pages.moc"
