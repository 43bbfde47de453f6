// The item API end to end through the engine: what a client of the service notices.

#include <QTest>

#include <set>

#include "engine_fixture.h"

using tablespan::Json;

namespace {
Json put(const std::string& table, const Json& item) {
    return {{"TableName", table}, {"Item", item}};
}
}  // namespace

class TstItems : public QObject {
    Q_OBJECT

private slots:
    void aLimitPastInt64IsALargeLimit() {
        // Not a negative one after wrapping, which read nothing (found by the fuzzer).
        TestEngine t;
        t.create_table("Tab", "pk", "S");
        for (const char* k : {"a", "b", "c"})
            t.ok("PutItem", put("Tab", {{"pk", {{"S", k}}}}));
        for (const char* limit : {"10000000000000000000", "1e20", "9.3e18"}) {
            Json request = {{"TableName", "Tab"}, {"Limit", Json::parse(limit)}};
            QCOMPARE(t.ok("Scan", request)["Count"].get<int>(), 3);
        }
    }

    void putThenGetReturnsEveryTypeExactly() {
        TestEngine t;
        t.create_table("Tab", "pk", "S");
        Json item = J(
            R"({"pk": {"S": "k"}, "s": {"S": ""}, "n": {"N": "123456789012345678901234567890.12345678"},
            "b": {"B": "AAEC"}, "t": {"BOOL": true}, "z": {"NULL": true},
            "ss": {"SS": ["x", "y"]}, "ns": {"NS": ["1", "2.5"]}, "bs": {"BS": ["AQ=="]},
            "l": {"L": [{"S": "a"}, {"N": "1"}, {"M": {"deep": {"L": []}}}]},
            "m": {"M": {"a": {"M": {"b": {"S": "c"}}}}}})");
        t.ok("PutItem", put("Tab", item));
        Json got =
            t.ok("GetItem",
                 J(R"({"TableName": "Tab", "Key": {"pk": {"S": "k"}}, "ConsistentRead": true})"));
        JCOMPARE(got["Item"], item);

        // Numbers come back in the service's canonical form.
        t.ok("PutItem", put("Tab", J(R"({"pk": {"S": "n"}, "v": {"N": "001.500e2"}})")));
        JCOMPARE(t.ok("GetItem",
                      J(R"({"TableName": "Tab", "Key": {"pk": {"S": "n"}}})"))["Item"]["v"]["N"],
                 "150");

        QVERIFY(!t.ok("GetItem", J(R"({"TableName": "Tab", "Key": {"pk": {"S": "missing"}}})"))
                     .contains("Item"));
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "Tab"}})["Table"]["ItemCount"], 2);
    }

    void projectionPicksNestedPaths() {
        TestEngine t;
        t.create_table("Tab", "pk", "S");
        t.ok(
            "PutItem",
            put("Tab",
                J(R"({"pk": {"S": "k"}, "a": {"M": {"b": {"S": "x"}, "c": {"S": "y"}}}, "l": {"L": [{"N": "1"}, {"N": "2"}, {"N": "3"}]}, "other": {"S": "o"}})")));
        Json got = t.ok(
            "GetItem",
            J(R"({"TableName": "Tab", "Key": {"pk": {"S": "k"}}, "ProjectionExpression": "a.b, l[2], \u0023o", "ExpressionAttributeNames": {"\u0023o": "other"}})"));
        JCOMPARE(
            got["Item"],
            J(R"({"a": {"M": {"b": {"S": "x"}}}, "l": {"L": [{"N": "3"}]}, "other": {"S": "o"}})"));

        // A name mapped to null is no name (it was an internal error).
        auto unnamed = t.call(
            "GetItem",
            J(R"({"TableName": "Tab", "Key": {"pk": {"S": "k"}}, "ProjectionExpression": "\u0023o", "ExpressionAttributeNames": {"\u0023o": null}})"));
        QVERIFY(!unnamed.ok());
        JCOMPARE(unnamed.error->type, "ValidationException");
        JCOMPARE(unnamed.error->message,
                 "Invalid ProjectionExpression: An expression attribute name used in the document "
                 "path is not defined; attribute name: #o");

        // GetItem and BatchGetItem take no ExpressionAttributeValues: like any member their
        // input does not have, it is ignored, whatever it holds (it was an internal error).
        for (const Json& values : {Json(1), Json(true), J(R"({":v": {"S": "x"}})")}) {
            Json request = J(
                R"({"TableName": "Tab", "Key": {"pk": {"S": "k"}}, "ProjectionExpression": "\u0023o", "ExpressionAttributeNames": {"\u0023o": "other"}})");
            request["ExpressionAttributeValues"] = values;
            JCOMPARE(t.ok("GetItem", request)["Item"], J(R"({"other": {"S": "o"}})"));
            Json keys = {{"Keys", {{{"pk", {{"S", "k"}}}}}}, {"ExpressionAttributeValues", values}};
            JCOMPARE(t.ok("BatchGetItem", {{"RequestItems", {{"Tab", keys}}}})["Responses"]["Tab"]
                         .size(),
                     std::size_t{1});
        }
    }

    // A request nested a hundred thousand levels deep (about a megabyte, well within the
    // request size limit) is refused, as the service's JSON reader refuses it. It used to
    // overflow the engine thread's stack in the validator and end the process.
    void deepNestingIsRefused() {
        TestEngine t;
        t.create_table("Tab", "pk", "S");
        for (const auto& [open, close] :
             {std::pair{R"({"M": {"a": )", "}}"}, std::pair{R"({"L": [)", "]}"}}) {
            std::string value;
            for (int i = 0; i < 100000; ++i) value += open;
            value += R"({"S": "x"})";
            for (int i = 0; i < 100000; ++i) value += close;
            // Moved, not copied: a copy of the document would recurse as deep as it nests.
            auto r = t.engine->call_sync(
                "us-west-2", "PutItem",
                J(R"({"TableName": "Tab", "Item": {"pk": {"S": "k"}, "v": )" + value + "}}"));
            QVERIFY(!r.ok());
            JCOMPARE(r.error->type, "SerializationException");
            JCOMPARE(r.error->message, "Document nesting depth exceeds the maximum allowed (1000)");
        }
        QVERIFY(!t.ok("GetItem", J(R"({"TableName": "Tab", "Key": {"pk": {"S": "k"}}})"))
                     .contains("Item"));
        // Deep, but within the reader's limit: the item's own limit of 32 levels answers.
        std::string value = R"({"S": "x"})";
        for (int i = 0; i < 400; ++i) value = R"({"M": {"a": )" + value + "}}";
        auto r = t.call("PutItem", J(R"({"TableName": "Tab", "Item": {"pk": {"S": "k"}, "v": )" +
                                     value + "}}"));
        QVERIFY(!r.ok());
        JCOMPARE(r.error->type, "ValidationException");
        JCOMPARE(
            r.error->message,
            "Nesting Levels have exceeded supported limits: Attributes in the item have nested "
            "levels beyond supported limit");
    }

    void failedConditionChangesNothing() {
        TestEngine t;
        t.create_table("Tab", "pk", "S");
        t.ok("PutItem", put("Tab", J(R"({"pk": {"S": "k"}, "v": {"N": "1"}})")));
        auto r = t.call("PutItem", {{"TableName", "Tab"},
                                    {"Item", J(R"({"pk": {"S": "k"}, "v": {"N": "2"}})")},
                                    {"ConditionExpression", "attribute_not_exists(pk)"},
                                    {"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}});
        JCOMPARE(r.error->type, "ConditionalCheckFailedException");
        JCOMPARE(r.error->message, "The conditional request failed");
        JCOMPARE(r.error->extra["Item"], J(R"({"pk": {"S": "k"}, "v": {"N": "1"}})"));
        JCOMPARE(t.ok("GetItem",
                      J(R"({"TableName": "Tab", "Key": {"pk": {"S": "k"}}})"))["Item"]["v"]["N"],
                 "1");

        auto del = t.call("DeleteItem", J(R"({"TableName": "Tab", "Key": {"pk": {"S": "k"}},
            "ConditionExpression": "v > :x", "ExpressionAttributeValues": {":x": {"N": "5"}}})"));
        JCOMPARE(del.error->type, "ConditionalCheckFailedException");
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "Tab"}})["Table"]["ItemCount"], 1);
    }

    void returnValuesOfPutAndDelete() {
        TestEngine t;
        t.create_table("Tab", "pk", "S");
        Json first = t.ok("PutItem", {{"TableName", "Tab"},
                                      {"Item", J(R"({"pk": {"S": "k"}, "v": {"N": "1"}})")},
                                      {"ReturnValues", "ALL_OLD"}});
        QVERIFY(!first.contains("Attributes"));
        Json second = t.ok("PutItem", {{"TableName", "Tab"},
                                       {"Item", J(R"({"pk": {"S": "k"}, "v": {"N": "2"}})")},
                                       {"ReturnValues", "ALL_OLD"}});
        JCOMPARE(second["Attributes"]["v"]["N"], "1");
        auto bad = t.call("PutItem", {{"TableName", "Tab"},
                                      {"Item", J(R"({"pk": {"S": "k"}})")},
                                      {"ReturnValues", "ALL_NEW"}});
        JCOMPARE(bad.error->message, "ReturnValues can only be ALL_OLD or NONE");
        Json gone = t.ok(
            "DeleteItem",
            J(R"({"TableName": "Tab", "Key": {"pk": {"S": "k"}}, "ReturnValues": "ALL_OLD"})"));
        JCOMPARE(gone["Attributes"]["v"]["N"], "2");
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "Tab"}})["Table"]["ItemCount"], 0);
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "Tab"}})["Table"]["TableSizeBytes"], 0);
    }

    void updateItemAppliesEveryClause() {
        TestEngine t;
        t.create_table("Tab", "pk", "S");
        Json up = t.ok(
            "UpdateItem",
            J(R"({"TableName": "Tab", "Key": {"pk": {"S": "k"}}, "UpdateExpression": "SET \u0023c = if_not_exists(\u0023c, :zero) + :one, tags = :tags, l = list_append(if_not_exists(l, :empty), :l) ADD seen :s", "ExpressionAttributeNames": {"\u0023c": "count"}, "ExpressionAttributeValues": {":zero": {"N": "0"}, ":one": {"N": "1"}, ":tags": {"M": {"a": {"S": "b"}}}, ":empty": {"L": []}, ":l": {"L": [{"S": "x"}]}, ":s": {"SS": ["red"]}}, "ReturnValues": "ALL_NEW"})"));
        JCOMPARE(up["Attributes"],
                 J(R"({"pk": {"S": "k"}, "count": {"N": "1"}, "tags": {"M": {"a": {"S": "b"}}},
            "l": {"L": [{"S": "x"}]}, "seen": {"SS": ["red"]}})"));

        Json again = t.ok(
            "UpdateItem",
            J(R"({"TableName": "Tab", "Key": {"pk": {"S": "k"}}, "UpdateExpression": "SET \u0023c = \u0023c + :one, tags.a = :v REMOVE l[0] DELETE seen :s", "ExpressionAttributeNames": {"\u0023c": "count"}, "ExpressionAttributeValues": {":one": {"N": "1"}, ":v": {"S": "z"}, ":s": {"SS": ["red"]}}, "ReturnValues": "UPDATED_NEW"})"));
        JCOMPARE(again["Attributes"],
                 J(R"({"count": {"N": "2"}, "tags": {"M": {"a": {"S": "z"}}}})"));
        Json item =
            t.ok("GetItem", J(R"({"TableName": "Tab", "Key": {"pk": {"S": "k"}}})"))["Item"];
        JCOMPARE(item["l"], J(R"({"L": []})"));
        QVERIFY(!item.contains("seen"));  // the emptied set disappears

        auto key = t.call("UpdateItem", J(R"({"TableName": "Tab", "Key": {"pk": {"S": "k"}},
            "UpdateExpression": "SET pk = :v", "ExpressionAttributeValues": {":v": {"S": "x"}}})"));
        JCOMPARE(key.error->message,
                 "One or more parameter values were invalid: Cannot update attribute pk. This "
                 "attribute is part of the key");
        auto type = t.call(
            "UpdateItem",
            J(R"({"TableName": "Tab", "Key": {"pk": {"S": "k"}}, "UpdateExpression": "SET \u0023c = \u0023c + :v", "ExpressionAttributeNames": {"\u0023c": "count"}, "ExpressionAttributeValues": {":v": {"S": "x"}}})"));
        JCOMPARE(type.error->type, "ValidationException");
        JCOMPARE(
            t.ok("GetItem",
                 J(R"({"TableName": "Tab", "Key": {"pk": {"S": "k"}}})"))["Item"]["count"]["N"],
            "2");
    }

    void keyErrors_data() {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("request");
        QTest::addColumn<QString>("message");
        QTest::newRow("put missing key")
            << "PutItem"
            << R"({"TableName": "Tab", "Item": {"x": {"S": "1"}}})"
            << "One or more parameter values were invalid: Missing the key pk in the item";
        QTest::newRow("put wrong key type") << "PutItem"
                                            << R"({"TableName": "Tab", "Item": {"pk": {"N": "1"}}})"
                                            << "One or more parameter values were invalid: Type "
                                               "mismatch for key pk expected: S actual: N";
        QTest::newRow("put empty key")
            << "PutItem"
            << R"({"TableName": "Tab", "Item": {"pk": {"S": ""}}})"
            << "One or more parameter values are not valid. The AttributeValue for a key attribute "
               "cannot contain an empty string value. Key: pk";
        QTest::newRow("get extra key")
            << "GetItem"
            << R"({"TableName": "Tab", "Key": {"pk": {"S": "a"}, "x": {"S": "b"}}})"
            << "The provided key element does not match the schema";
        QTest::newRow("get wrong key type") << "GetItem"
                                            << R"({"TableName": "Tab", "Key": {"pk": {"N": "1"}}})"
                                            << "The provided key element does not match the schema";
        QTest::newRow("empty string set")
            << "PutItem"
            << R"({"TableName": "Tab", "Item": {"pk": {"S": "a"}, "s": {"SS": []}}})"
            << "One or more parameter values were invalid: An string set  may not be empty";
        QTest::newRow("unused value")
            << "PutItem"
            << R"~({"TableName": "Tab", "Item": {"pk": {"S": "a"}}, "ConditionExpression": "attribute_exists(pk)", "ExpressionAttributeValues": {":x": {"S": "1"}}})~"
            << "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}";
        QTest::newRow("values without expression")
            << "PutItem"
            << R"({"TableName": "Tab", "Item": {"pk": {"S": "a"}}, "ExpressionAttributeValues": {":x": {"S": "1"}}})"
            << "ExpressionAttributeValues can only be specified when using expressions: "
               "ConditionExpression is null";
        QTest::newRow("oversized hash key")
            << "PutItem"
            << QStringLiteral(R"({"TableName": "Tab", "Item": {"pk": {"S": "%1"}}})")
                   .arg(QString(2049, QLatin1Char('k')))
            << "One or more parameter values were invalid: Size of hashkey has exceeded the "
               "maximum size limit of2048 bytes";
        QTest::newRow("item over 400 KB")
            << "PutItem"
            << QStringLiteral(
                   R"({"TableName": "Tab", "Item": {"pk": {"S": "a"}, "big": {"S": "%1"}}})")
                   .arg(QString(400 * 1024, QLatin1Char('x')))
            << "Item size has exceeded the maximum allowed size";
        QTest::newRow("missing table") << "GetItem"
                                       << R"({"TableName": "Nope", "Key": {"pk": {"S": "a"}}})"
                                       << "Requested resource not found";
    }

    void keyErrors() {
        QFETCH(QString, operation);
        QFETCH(QString, request);
        QFETCH(QString, message);
        TestEngine t;
        t.create_table("Tab", "pk", "S");
        auto r = t.call(operation.toStdString(), Json::parse(request.toStdString()));
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error->message), message);
        JCOMPARE(t.ok("DescribeTable", {{"TableName", "Tab"}})["Table"]["ItemCount"], 0);
    }

    void queryRangesOrderAndPages() {
        TestEngine t;
        t.create_table("Qry", "pk", "S", "sk", "N");
        for (int i = -5; i <= 20; ++i)
            t.ok("PutItem", put("Qry", {{"pk", {{"S", "p"}}},
                                        {"sk", {{"N", std::to_string(i)}}},
                                        {"odd", {{"BOOL", i % 2 != 0}}}}));
        t.ok("PutItem", put("Qry", J(R"({"pk": {"S": "other"}, "sk": {"N": "1"}})")));

        auto sks = [](const Json& r) {
            std::vector<std::string> out;
            for (const auto& i : r["Items"]) out.push_back(i["sk"]["N"]);
            return out;
        };
        auto q = [&](const char* cond, const Json& values, Json extra = Json::object()) {
            Json req = {{"TableName", "Qry"},
                        {"KeyConditionExpression", cond},
                        {"ExpressionAttributeValues", values}};
            req.update(extra);
            return t.ok("Query", req);
        };
        JCOMPARE(sks(q("pk = :p AND sk BETWEEN :a AND :b",
                       J(R"({":p": {"S": "p"}, ":a": {"N": "-2"}, ":b": {"N": "2"}})"))),
                 (std::vector<std::string>{"-2", "-1", "0", "1", "2"}));
        JCOMPARE(sks(q("pk = :p AND sk < :a", J(R"({":p": {"S": "p"}, ":a": {"N": "-3"}})"))),
                 (std::vector<std::string>{"-5", "-4"}));
        JCOMPARE(sks(q("pk = :p AND sk >= :a", J(R"({":p": {"S": "p"}, ":a": {"N": "19"}})"),
                       {{"ScanIndexForward", false}})),
                 (std::vector<std::string>{"20", "19"}));

        // Limit counts items evaluated before the filter; pages resume exactly.
        std::vector<std::string> all;
        Json start;
        int pages = 0;
        do {
            Json extra = {{"Limit", 4}, {"FilterExpression", "odd = :t"}};
            Json values = J(R"({":p": {"S": "p"}, ":t": {"BOOL": true}})");
            if (!start.is_null()) extra["ExclusiveStartKey"] = start;
            Json r = q("pk = :p", values, extra);
            QVERIFY(r["ScannedCount"].get<int>() <= 4);
            for (auto& s : sks(r)) all.push_back(s);
            start = r.contains("LastEvaluatedKey") ? r["LastEvaluatedKey"] : Json();
            ++pages;
        } while (!start.is_null());
        JCOMPARE(pages, 7);  // 26 items: six full pages of 4, then 2
        JCOMPARE(all.size(), std::size_t{13});
        JCOMPARE(all.front(), "-5");

        Json count = q("pk = :p", J(R"({":p": {"S": "p"}})"), {{"Select", "COUNT"}});
        JCOMPARE(count["Count"], 26);
        QVERIFY(!count.contains("Items"));
    }

    void queryStopsAtOneMegabyte() {
        TestEngine t;
        t.create_table("Big", "pk", "S", "sk", "N");
        const std::string blob(100 * 1024, 'x');
        for (int i = 0; i < 25; ++i)
            t.ok("PutItem", put("Big", {{"pk", {{"S", "p"}}},
                                        {"sk", {{"N", std::to_string(i)}}},
                                        {"blob", {{"S", blob}}}}));
        Json r = t.ok(
            "Query",
            J(R"({"TableName": "Big", "KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "p"}}})"));
        JCOMPARE(r["Count"], 11);  // the page closes on the item that reaches 1 MB
        JCOMPARE(r["LastEvaluatedKey"]["sk"]["N"], "10");
    }

    void scanSegmentsCoverEveryItemOnce() {
        TestEngine t;
        t.create_table("Scn", "pk", "N");
        for (int i = 0; i < 200; ++i)
            t.ok("PutItem", put("Scn", {{"pk", {{"N", std::to_string(i)}}}}));
        std::multiset<std::string> seen;
        for (int segment = 0; segment < 4; ++segment) {
            Json start;
            do {
                Json req = {{"TableName", "Scn"},
                            {"Segment", segment},
                            {"TotalSegments", 4},
                            {"Limit", 17}};
                if (!start.is_null()) req["ExclusiveStartKey"] = start;
                Json r = t.ok("Scan", req);
                for (const auto& i : r["Items"]) seen.insert(i["pk"]["N"].get<std::string>());
                start = r.contains("LastEvaluatedKey") ? r["LastEvaluatedKey"] : Json();
            } while (!start.is_null());
        }
        JCOMPARE(seen.size(), std::size_t{200});
        JCOMPARE(std::set<std::string>(seen.begin(), seen.end()).size(), std::size_t{200});
        auto bad = t.call("Scan", J(R"({"TableName": "Scn", "Segment": 4, "TotalSegments": 4})"));
        JCOMPARE(bad.error->message,
                 "The Segment parameter is zero-based and must be less than parameter "
                 "TotalSegments: Segment: 4 is not less than TotalSegments: 4");
    }

    void batchWriteAndGet() {
        TestEngine t;
        t.create_table("Alpha", "pk", "S");
        t.create_table("Beta", "id", "N");
        Json writes = {{"Alpha", Json::array()}, {"Beta", Json::array()}};
        for (int i = 0; i < 20; ++i)
            writes["Alpha"].push_back(
                {{"PutRequest", {{"Item", {{"pk", {{"S", "a" + std::to_string(i)}}}}}}}});
        for (int i = 0; i < 5; ++i)
            writes["Beta"].push_back(
                {{"PutRequest", {{"Item", {{"id", {{"N", std::to_string(i)}}}}}}}});
        JCOMPARE(t.ok("BatchWriteItem", {{"RequestItems", writes}})["UnprocessedItems"],
                 Json::object());

        writes["Beta"].push_back({{"DeleteRequest", {{"Key", {{"id", {{"N", "0"}}}}}}}});
        auto tooMany = t.call("BatchWriteItem", {{"RequestItems", writes}});
        JCOMPARE(tooMany.error->message, "Too many items requested for the BatchWriteItem call");

        Json dup = J(
            R"({"Alpha": [{"PutRequest": {"Item": {"pk": {"S": "new"}}}}, {"DeleteRequest": {"Key": {"pk": {"S": "new"}}}}]})");
        JCOMPARE(t.call("BatchWriteItem", {{"RequestItems", dup}}).error->message,
                 "Provided list of item keys contains duplicates");
        QVERIFY(!t.ok("GetItem", J(R"({"TableName": "Alpha", "Key": {"pk": {"S": "new"}}})"))
                     .contains("Item"));

        Json gets = J(
            R"({"Alpha": {"Keys": [{"pk": {"S": "a1"}}, {"pk": {"S": "a2"}}, {"pk": {"S": "zz"}}]},
                          "Beta": {"Keys": [{"id": {"N": "4"}}], "ProjectionExpression": "id"}})");
        Json got = t.ok("BatchGetItem", {{"RequestItems", gets}});
        JCOMPARE(got["Responses"]["Alpha"].size(), std::size_t{2});
        JCOMPARE(got["Responses"]["Beta"], J(R"([{"id": {"N": "4"}}])"));
        JCOMPARE(got["UnprocessedKeys"], Json::object());

        // A batch naming a missing table writes nothing at all.
        Json mixed = J(
            R"({"Alpha": [{"PutRequest": {"Item": {"pk": {"S": "fresh"}}}}], "Missing": [{"PutRequest": {"Item": {"pk": {"S": "x"}}}}]})");
        JCOMPARE(t.call("BatchWriteItem", {{"RequestItems", mixed}}).error->type,
                 "ResourceNotFoundException");
        QVERIFY(!t.ok("GetItem", J(R"({"TableName": "Alpha", "Key": {"pk": {"S": "fresh"}}})"))
                     .contains("Item"));
    }
};

QTEST_APPLESS_MAIN(TstItems)
#include "tst_items.moc"
