// Multi-attribute (composite) GSI keys: up to four HASH and four RANGE attributes, each
// with its own type. CreateTable's and UpdateTable's checks, the Query rules (every HASH
// attribute by equality; RANGE attributes left to right, only the last one with a range
// condition), tuple order, sparseness, pagination, backfill and a restart.
//
// Behaviour: ../shared/reference/dynamodb-data-plane.md §1.8, from the ACK controller's
// live probes (CreateTable texts), moto's aws_verified test_dynamodb_multi_attribute_gsi.py
// and Alternator's test_gsi_composite_keys.py (both run against the service).

#include <QTest>

#include "engine_fixture.h"

using tablespan::Json;

namespace {
// Events by tenant and region (HASH) and by day and sequence number (RANGE).
const char* kEvents = R"({
    "TableName": "Events", "BillingMode": "PAY_PER_REQUEST",
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

Json make_event(const std::string& id, const char* tenant, int zone, const char* day, int seq) {
    Json item = {{"id", {{"S", id}}}, {"note", {{"S", "not projected"}}}};
    if (tenant) item["tenant"] = {{"S", tenant}};
    if (zone >= 0) item["zone"] = {{"N", std::to_string(zone)}};
    if (day) item["day"] = {{"S", day}};
    if (seq >= 0) item["seq"] = {{"N", std::to_string(seq)}};
    return item;
}

std::vector<std::string> ids_of(const Json& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.at("id").at("S"));
    return out;
}

using Ids = std::vector<std::string>;
}  // namespace

class TestIndexCompositeKeys : public QObject {
    Q_OBJECT

    // "a" < "ab" as a first element must win over the second element: ("a", 9) sorts
    // before ("ab", 1), which a plain concatenation of the two would get wrong.
    void fill(TestEngine& t) {
        t.ok("CreateTable", J(kEvents));
        t.engine->advance(60'000);
        const std::vector<Json> items = {
            make_event("e1", "acme", 1, "ab", 1),    make_event("e2", "acme", 1, "a", 9),
            make_event("e3", "acme", 1, "a", 10),    make_event("e4", "acme", 1, "b", 2),
            make_event("e5", "acme", 2, "a", 1),     make_event("e6", "zeta", 1, "a", 1),
            make_event("e7", "acme", 1, nullptr, 3),  // no day: not in the index
            make_event("e8", "acme", -1, "a", 4),     // no zone: not in the index
            make_event("e9", "acme", 1, "ab", 0),
        };
        for (const auto& item : items) t.ok("PutItem", {{"TableName", "Events"}, {"Item", item}});
    }

    Json query(TestEngine& t, const std::string& condition, Json values,
               Json extra = Json::object()) {
        values[":t"] = {{"S", "acme"}};
        values[":z"] = {{"N", "1"}};
        Json r = {{"TableName", "Events"},
                  {"IndexName", "byTenantDay"},
                  {"KeyConditionExpression", "tenant = :t AND #z = :z" + condition},
                  {"ExpressionAttributeNames", {{"#z", "zone"}}},
                  {"ExpressionAttributeValues", values}};
        r.update(extra);
        return t.ok("Query", r);
    }

private slots:
    void createAndDescribe() {
        TestEngine t;
        Json created = t.ok("CreateTable", J(kEvents)).at("TableDescription");
        JCOMPARE(created.at("GlobalSecondaryIndexes").at(0).at("KeySchema"),
                 J(kEvents).at("GlobalSecondaryIndexes").at(0).at("KeySchema"));
        t.engine->advance(60'000);
        Json d = t.ok("DescribeTable", {{"TableName", "Events"}}).at("Table");
        JCOMPARE(d.at("GlobalSecondaryIndexes").at(0).at("KeySchema"),
                 J(kEvents).at("GlobalSecondaryIndexes").at(0).at("KeySchema"));
        QCOMPARE(d.at("GlobalSecondaryIndexes").at(0).at("IndexStatus").get<std::string>(),
                 std::string("ACTIVE"));

        // The most there may be: four of each.
        Json most = J(kEvents);
        most["TableName"] = "Most";
        Json defs = Json::array({{{"AttributeName", "id"}, {"AttributeType", "S"}}});
        Json keys = Json::array();
        for (int i = 0; i < 8; ++i) {
            const std::string name = "k" + std::to_string(i);
            defs.push_back({{"AttributeName", name}, {"AttributeType", i % 2 ? "N" : "B"}});
            keys.push_back({{"AttributeName", name}, {"KeyType", i < 4 ? "HASH" : "RANGE"}});
        }
        most["AttributeDefinitions"] = defs;
        most["GlobalSecondaryIndexes"][0]["KeySchema"] = keys;
        t.ok("CreateTable", most);
    }

    void createErrors_data() {
        QTest::addColumn<QString>("keySchema");  // the GSI's, or the table's with "table:"
        QTest::addColumn<QString>("message");
        QTest::newRow("five HASH")
            << R"([{"AttributeName": "tenant", "KeyType": "HASH"},
                   {"AttributeName": "zone", "KeyType": "HASH"},
                   {"AttributeName": "day", "KeyType": "HASH"},
                   {"AttributeName": "seq", "KeyType": "HASH"},
                   {"AttributeName": "x1", "KeyType": "HASH"}])"
            << "The KeySchema exceeds the maximum allowed number of HASH key attributes";
        QTest::newRow("five RANGE")
            << R"([{"AttributeName": "tenant", "KeyType": "HASH"},
                   {"AttributeName": "zone", "KeyType": "RANGE"},
                   {"AttributeName": "day", "KeyType": "RANGE"},
                   {"AttributeName": "seq", "KeyType": "RANGE"},
                   {"AttributeName": "x1", "KeyType": "RANGE"},
                   {"AttributeName": "x2", "KeyType": "RANGE"}])"
            << "The KeySchema exceeds the maximum allowed number of RANGE key attributes";
        QTest::newRow("HASH after RANGE")
            << R"([{"AttributeName": "tenant", "KeyType": "HASH"},
                   {"AttributeName": "day", "KeyType": "RANGE"},
                   {"AttributeName": "zone", "KeyType": "HASH"}])"
            << "All HASH key attributes must precede RANGE key attributes in the KeySchema";
        QTest::newRow("RANGE first")
            << R"([{"AttributeName": "day", "KeyType": "RANGE"},
                   {"AttributeName": "tenant", "KeyType": "HASH"},
                   {"AttributeName": "zone", "KeyType": "HASH"}])"
            << "Invalid KeySchema: The first KeySchemaElement is not a HASH key type";
        QTest::newRow("same attribute twice")
            << R"([{"AttributeName": "tenant", "KeyType": "HASH"},
                   {"AttributeName": "zone", "KeyType": "HASH"},
                   {"AttributeName": "tenant", "KeyType": "RANGE"}])"
            << "The KeySchema contains multiple key attributes with the same name";
        QTest::newRow("table key of three")
            << R"(table:[{"AttributeName": "id", "KeyType": "HASH"},
                   {"AttributeName": "day", "KeyType": "RANGE"},
                   {"AttributeName": "seq", "KeyType": "RANGE"}])"
            << "1 validation error detected: Value '[{\"AttributeName\":\"id\",\"KeyType\":"
               "\"HASH\"}, {\"AttributeName\":\"day\",\"KeyType\":\"RANGE\"}, "
               "{\"AttributeName\":\"seq\",\"KeyType\":\"RANGE\"}]' at 'keySchema' failed to "
               "satisfy constraint: Member must have length less than or equal to 2";
    }

    void createErrors() {
        QFETCH(QString, keySchema);
        QFETCH(QString, message);
        TestEngine t;
        Json request = J(kEvents);
        request["AttributeDefinitions"].push_back(
            {{"AttributeName", "x1"}, {"AttributeType", "S"}});
        request["AttributeDefinitions"].push_back(
            {{"AttributeName", "x2"}, {"AttributeType", "S"}});
        if (keySchema.startsWith(QStringLiteral("table:"))) {
            request["KeySchema"] = J(keySchema.mid(6).toStdString());
            request.erase("GlobalSecondaryIndexes");
        } else {
            request["GlobalSecondaryIndexes"][0]["KeySchema"] = J(keySchema.toStdString());
            // Every definition used, so that the key schema's own checks are reached.
            Json used = Json::array();
            for (const auto& d : request["AttributeDefinitions"]) {
                const std::string name = d.at("AttributeName");
                bool in = name == "id";
                for (const auto& k : request["GlobalSecondaryIndexes"][0]["KeySchema"])
                    in = in || k.at("AttributeName") == name;
                if (in) used.push_back(d);
            }
            request["AttributeDefinitions"] = used;
        }
        auto r = t.call("CreateTable", request);
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error->type), QStringLiteral("ValidationException"));
        QCOMPARE(QString::fromStdString(r.error->message), message);
        QVERIFY(!t.call("DescribeTable", {{"TableName", "Events"}}).ok());
    }

    void lsiKeepsTwoElements() {
        TestEngine t;
        Json request = J(R"({"TableName": "L", "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "p", "AttributeType": "S"},
                {"AttributeName": "c", "AttributeType": "S"},
                {"AttributeName": "l", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "p", "KeyType": "HASH"},
                          {"AttributeName": "c", "KeyType": "RANGE"}],
            "LocalSecondaryIndexes": [{"IndexName": "lsi",
                "KeySchema": [{"AttributeName": "p", "KeyType": "HASH"},
                              {"AttributeName": "c", "KeyType": "RANGE"},
                              {"AttributeName": "l", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "ALL"}}]})");
        auto r = t.call("CreateTable", request);
        QVERIFY(!r.ok());
        QVERIFY2(r.error->message.find("at 'localSecondaryIndexes.1.member.keySchema' failed to "
                                       "satisfy constraint: Member must have length less than or "
                                       "equal to 2") != std::string::npos,
                 r.error->message.c_str());
    }

    void queryInTupleOrder() {
        TestEngine t;
        fill(t);
        // The whole partition: by day, then numerically by seq.
        QCOMPARE(ids_of(query(t, "", Json::object()).at("Items")),
                 (Ids{"e2", "e3", "e9", "e1", "e4"}));
        QCOMPARE(ids_of(query(t, "", Json::object(), {{"ScanIndexForward", false}}).at("Items")),
                 (Ids{"e4", "e1", "e9", "e3", "e2"}));
        // KEYS_ONLY: the table key and every index key attribute.
        JCOMPARE(query(t, "", Json::object()).at("Items").at(0),
                 J(R"({"id": {"S": "e2"}, "tenant": {"S": "acme"}, "zone": {"N": "1"},
                       "day": {"S": "a"}, "seq": {"N": "9"}})"));
        // Another HASH tuple is another partition.
        Json other =
            query(t, "", Json::object(),
                  {{"ExpressionAttributeValues", {{":t", {{"S", "acme"}}}, {":z", {{"N", "2"}}}}}});
        QCOMPARE(ids_of(other.at("Items")), (Ids{"e5"}));
    }

    void rangeConditions_data() {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QString>("values");
        QTest::addColumn<QString>("ids");  // in result order, comma-separated
        auto row = [](const char* name, const char* condition, const char* values,
                      const char* ids) {
            QTest::newRow(name) << QString::fromUtf8(condition) << QString::fromUtf8(values)
                                << QString::fromUtf8(ids);
        };
        row("first = ", " AND #d = :a", R"({":a": {"S": "a"}})", "e2,e3");
        row("first <", " AND #d < :a", R"({":a": {"S": "ab"}})", "e2,e3");
        row("first <=", " AND #d <= :a", R"({":a": {"S": "ab"}})", "e2,e3,e9,e1");
        row("first >", " AND #d > :a", R"({":a": {"S": "a"}})", "e9,e1,e4");
        row("first >=", " AND #d >= :a", R"({":a": {"S": "ab"}})", "e9,e1,e4");
        row("first BETWEEN", " AND #d BETWEEN :a AND :b",
            R"({":a": {"S": "a"}, ":b": {"S": "ab"}})", "e2,e3,e9,e1");
        row("first begins_with", " AND begins_with(#d, :a)", R"({":a": {"S": "a"}})",
            "e2,e3,e9,e1");
        row("both =", " AND #d = :a AND seq = :s", R"({":a": {"S": "a"}, ":s": {"N": "10"}})",
            "e3");
        row("last >", " AND #d = :a AND seq > :s", R"({":a": {"S": "a"}, ":s": {"N": "9"}})", "e3");
        row("last <", " AND #d = :a AND seq < :s", R"({":a": {"S": "ab"}, ":s": {"N": "1"}})",
            "e9");
        row("last BETWEEN", " AND #d = :a AND seq BETWEEN :s AND :u",
            R"({":a": {"S": "a"}, ":s": {"N": "9"}, ":u": {"N": "9.5"}})", "e2");
        row("written in another order", " AND seq >= :s AND #d = :a",
            R"({":a": {"S": "ab"}, ":s": {"N": "1"}})", "e1");
    }

    void rangeConditions() {
        QFETCH(QString, condition);
        QFETCH(QString, values);
        QFETCH(QString, ids);
        TestEngine t;
        fill(t);
        Json r = query(t, condition.toStdString(), J(values.toStdString()),
                       {{"ExpressionAttributeNames", {{"#z", "zone"}, {"#d", "day"}}}});
        Ids expected;
        for (const auto& id : ids.split(QLatin1Char(','))) expected.push_back(id.toStdString());
        QCOMPARE(ids_of(r.at("Items")), expected);
    }

    void queryErrors_data() {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<QString>("message");
        QTest::newRow("a HASH attribute missing")
            << "tenant = :t"
            << "Query key condition not supported: every HASH key attribute needs an equality "
               "condition. Key: zone";
        QTest::newRow("a HASH attribute by range")
            << "tenant = :t AND #z > :z"
            << "Query key condition not supported: every HASH key attribute needs an equality "
               "condition. Key: zone";
        QTest::newRow("a RANGE attribute skipped")
            << "tenant = :t AND #z = :z AND seq > :s"
            << "Query key condition not supported: RANGE key attributes must be given left to "
               "right, each with an equality condition but the last. Key: day";
        QTest::newRow("a range condition before the last")
            << "tenant = :t AND #z = :z AND #d > :a AND seq = :s"
            << "Query key condition not supported: RANGE key attributes must be given left to "
               "right, each with an equality condition but the last. Key: day";
        QTest::newRow("a condition on another attribute") << "tenant = :t AND #z = :z AND note = :a"
                                                          << "Query key condition not supported";
    }

    void queryErrors() {
        QFETCH(QString, condition);
        QFETCH(QString, message);
        TestEngine t;
        fill(t);
        Json values = {{":t", {{"S", "acme"}}},
                       {":z", {{"N", "1"}}},
                       {":a", {{"S", "a"}}},
                       {":s", {{"N", "1"}}}};
        Json names = {{"#z", "zone"}, {"#d", "day"}};
        // Only what the condition uses may be given.
        Json used_values = Json::object(), used_names = Json::object();
        for (auto it = values.begin(); it != values.end(); ++it)
            if (condition.contains(QString::fromStdString(it.key())))
                used_values[it.key()] = it.value();
        for (auto it = names.begin(); it != names.end(); ++it)
            if (condition.contains(QString::fromStdString(it.key())))
                used_names[it.key()] = it.value();
        Json r = {{"TableName", "Events"},
                  {"IndexName", "byTenantDay"},
                  {"KeyConditionExpression", condition.toStdString()},
                  {"ExpressionAttributeValues", used_values}};
        if (!used_names.empty()) r["ExpressionAttributeNames"] = used_names;
        auto res = t.call("Query", r);
        QVERIFY(!res.ok());
        QCOMPARE(QString::fromStdString(res.error->type), QStringLiteral("ValidationException"));
        QCOMPARE(QString::fromStdString(res.error->message), message);
    }

    void filterMayNotReadIndexKeys() {
        TestEngine t;
        fill(t);
        Json r = {{"TableName", "Events"},
                  {"IndexName", "byTenantDay"},
                  {"KeyConditionExpression", "tenant = :t AND #z = :z"},
                  {"FilterExpression", "seq > :s"},
                  {"ExpressionAttributeNames", {{"#z", "zone"}}},
                  {"ExpressionAttributeValues",
                   {{":t", {{"S", "acme"}}}, {":z", {{"N", "1"}}}, {":s", {{"N", "1"}}}}}};
        auto res = t.call("Query", r);
        QVERIFY(!res.ok());
        QCOMPARE(res.error->message,
                 std::string("Filter Expression can only contain non-primary key attributes: "
                             "Primary key attribute: seq"));
        // The table's key is not the index's: a filter may read it.
        r["FilterExpression"] = "id = :s";
        r["ExpressionAttributeValues"][":s"] = {{"S", "e4"}};
        QCOMPARE(ids_of(t.ok("Query", r).at("Items")), (Ids{"e4"}));
    }

    void pagesCarryEveryKeyAttribute() {
        TestEngine t;
        fill(t);
        Ids seen;
        Json start;
        for (int page = 0; page < 10; ++page) {
            Json extra = {{"Limit", 2}};
            if (!start.is_null()) extra["ExclusiveStartKey"] = start;
            Json r = query(t, "", Json::object(), extra);
            for (const auto& id : ids_of(r.at("Items"))) seen.push_back(id);
            if (!r.contains("LastEvaluatedKey")) break;
            start = r.at("LastEvaluatedKey");
            for (const char* k : {"id", "tenant", "zone", "day", "seq"})
                QVERIFY2(start.contains(k), start.dump().c_str());
            QCOMPARE(start.size(), std::size_t(5));
        }
        QCOMPARE(seen, (Ids{"e2", "e3", "e9", "e1", "e4"}));
    }

    void sparseAndKeptExact() {
        TestEngine t;
        fill(t);
        // e7 gains its day and enters the index; e2 loses its zone and leaves it.
        t.ok("UpdateItem", J(R"({"TableName": "Events", "Key": {"id": {"S": "e7"}},
                 "UpdateExpression": "SET \u0023d = :d", "ExpressionAttributeNames": {"\u0023d": "day"},
                 "ExpressionAttributeValues": {":d": {"S": "c"}}})"));
        t.ok("UpdateItem", J(R"({"TableName": "Events", "Key": {"id": {"S": "e2"}},
                 "UpdateExpression": "REMOVE \u0023z", "ExpressionAttributeNames": {"\u0023z": "zone"}})"));
        QCOMPARE(ids_of(query(t, "", Json::object()).at("Items")),
                 (Ids{"e3", "e9", "e1", "e4", "e7"}));
        Json d = t.ok("DescribeTable", {{"TableName", "Events"}}).at("Table");
        QCOMPARE(d.at("GlobalSecondaryIndexes").at(0).at("ItemCount").get<int>(), 7);
        // A wrong type in any component is refused, and nothing is written.
        auto bad = t.call("PutItem", {{"TableName", "Events"},
                                      {"Item", J(R"({"id": {"S": "e1"}, "tenant": {"S": "acme"},
                                          "zone": {"N": "1"}, "day": {"S": "ab"},
                                          "seq": {"S": "one"}})")}});
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error->message,
                 std::string("One or more parameter values were invalid: Type mismatch for Index "
                             "Key seq Expected: N Actual: S IndexName: byTenantDay"));
        QCOMPARE(ids_of(query(t, "", Json::object()).at("Items")),
                 (Ids{"e3", "e9", "e1", "e4", "e7"}));
    }

    void addedToALoadedTableAndRestarted() {
        TestEngine t;
        t.create_table("Plain", "id", "S");
        for (int i = 0; i < 30; ++i)
            t.ok("PutItem", {{"TableName", "Plain"},
                             {"Item", make_event("p" + std::to_string(100 + i), "acme", i % 2,
                                                 i % 3 ? "x" : "y", i)}});
        t.ok("UpdateTable", J(R"({"TableName": "Plain",
            "AttributeDefinitions": [{"AttributeName": "tenant", "AttributeType": "S"},
                {"AttributeName": "zone", "AttributeType": "N"},
                {"AttributeName": "day", "AttributeType": "S"},
                {"AttributeName": "seq", "AttributeType": "N"}],
            "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "byTenantDay",
                "KeySchema": [{"AttributeName": "tenant", "KeyType": "HASH"},
                              {"AttributeName": "zone", "KeyType": "HASH"},
                              {"AttributeName": "day", "KeyType": "RANGE"},
                              {"AttributeName": "seq", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "ALL"}}}]})"));
        t.engine->advance(30'000);  // allocation
        t.engine->advance(30'000);  // backfill
        Json d = t.ok("DescribeTable", {{"TableName", "Plain"}}).at("Table");
        QCOMPARE(d.at("GlobalSecondaryIndexes").at(0).at("IndexStatus").get<std::string>(),
                 std::string("ACTIVE"));
        QCOMPARE(d.at("GlobalSecondaryIndexes").at(0).at("ItemCount").get<int>(), 30);
        t.reopen();
        Json r = t.ok("Query", J(R"({"TableName": "Plain", "IndexName": "byTenantDay",
            "KeyConditionExpression": "tenant = :t AND \u0023z = :z AND \u0023d = :d AND seq > :s",
            "ExpressionAttributeNames": {"\u0023z": "zone", "\u0023d": "day"},
            "ExpressionAttributeValues": {":t": {"S": "acme"}, ":z": {"N": "1"},
                ":d": {"S": "y"}, ":s": {"N": "3"}}})"));
        // Odd i (zone 1), i divisible by 3 (day y), i > 3: 9, 15, 21, 27.
        QCOMPARE(ids_of(r.at("Items")), (Ids{"p109", "p115", "p121", "p127"}));
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "Plain"}})
                     .at("Table")
                     .at("GlobalSecondaryIndexes")
                     .at(0)
                     .at("KeySchema"),
                 J(R"([{"AttributeName": "tenant", "KeyType": "HASH"},
                       {"AttributeName": "zone", "KeyType": "HASH"},
                       {"AttributeName": "day", "KeyType": "RANGE"},
                       {"AttributeName": "seq", "KeyType": "RANGE"}])"));
    }

    void binaryComponentsWithZeroBytes() {
        TestEngine t;
        t.ok("CreateTable", J(R"({"TableName": "Bin", "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                {"AttributeName": "h", "AttributeType": "S"},
                {"AttributeName": "b", "AttributeType": "B"},
                {"AttributeName": "n", "AttributeType": "N"}],
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "GlobalSecondaryIndexes": [{"IndexName": "gix",
                "KeySchema": [{"AttributeName": "h", "KeyType": "HASH"},
                              {"AttributeName": "b", "KeyType": "RANGE"},
                              {"AttributeName": "n", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"}}]})"));
        t.engine->advance(60'000);
        // b as bytes: 00 | 00 00 | 00 01 | 01 (base64 AA==, AAA=, AAE=, AQ==).
        const std::vector<std::pair<const char*, const char*>> rows = {
            {"AAA=", "1"}, {"AQ==", "0"}, {"AA==", "5"}, {"AAE=", "2"}, {"AA==", "-1"}};
        int i = 0;
        for (const auto& [b, n] : rows)
            t.ok("PutItem", {{"TableName", "Bin"},
                             {"Item",
                              {{"id", {{"S", "r" + std::to_string(i++)}}},
                               {"h", {{"S", "x"}}},
                               {"b", {{"B", b}}},
                               {"n", {{"N", n}}}}}});
        Json r = t.ok("Query", J(R"({"TableName": "Bin", "IndexName": "gix",
            "KeyConditionExpression": "h = :h",
            "ExpressionAttributeValues": {":h": {"S": "x"}}})"));
        QCOMPARE(ids_of(r.at("Items")), (Ids{"r4", "r2", "r0", "r3", "r1"}));
        r = t.ok("Query", J(R"j({"TableName": "Bin", "IndexName": "gix",
            "KeyConditionExpression": "h = :h AND begins_with(b, :p)",
            "ExpressionAttributeValues": {":h": {"S": "x"}, ":p": {"B": "AA=="}}})j"));
        QCOMPARE(ids_of(r.at("Items")), (Ids{"r4", "r2", "r0", "r3"}));
        r = t.ok("Query", J(R"({"TableName": "Bin", "IndexName": "gix",
            "KeyConditionExpression": "h = :h AND b = :b AND n > :n",
            "ExpressionAttributeValues": {":h": {"S": "x"}, ":b": {"B": "AA=="},
                ":n": {"N": "0"}}})"));
        QCOMPARE(ids_of(r.at("Items")), (Ids{"r2"}));
    }
};

QTEST_APPLESS_MAIN(TestIndexCompositeKeys)
#include "tst_index_composite_keys.moc"
