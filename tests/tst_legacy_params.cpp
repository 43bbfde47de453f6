// The legacy (non-expression) request parameters — AttributesToGet, KeyConditions,
// QueryFilter, ScanFilter, ConditionalOperator, Expected, AttributeUpdates — as
// ../shared/reference/dynamodb-data-plane.md §7 describes them (dynalite's tests, run
// against the service): each legacy request against its expression equivalent on the
// same data (same items, same failed condition, same item after an update). The
// validation texts: tst_legacy_validation.

#include <QTest>

#include <memory>

#include "legacy_fixture.h"

using namespace legacy_test;

class TstLegacyParams : public QObject {
    Q_OBJECT

    // The seeded tables for the tests that only read, or fail before writing.
    std::unique_ptr<TestEngine> shared_;

private slots:
    void initTestCase() {
        shared_ = std::make_unique<TestEngine>();
        seed(*shared_);
    }

    // Each ScanFilter / QueryFilter / KeyConditions / AttributesToGet request returns what
    // its expression equivalent returns; `count` keeps the comparison from being vacuous.
    void readsMatchExpressions_data() {
        QTest::addColumn<QByteArray>("op");
        QTest::addColumn<QByteArray>("legacy");
        QTest::addColumn<QByteArray>("expression");
        QTest::addColumn<int>("count");
        auto scan = [](const char* name, const char* filter, const char* expression,
                       const char* values, int count) {
            QTest::newRow(name) << QByteArray("Scan")
                                << QByteArray(R"j({"TableName": "Tab", "ScanFilter": )j") + filter +
                                       "}"
                                << QByteArray("{\"TableName\": \"Tab\", \"FilterExpression\": \"") +
                                       expression + "\"" + with_values(values) + "}"
                                << count;
        };
        scan("EQ", R"j({"n": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "1"}]}})j",
             "n = :v", R"j({":v": {"N": "1"}})j", 1);
        scan("EQ is type-strict",
             R"j({"n": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "3"}]}})j",
             "n = :v", R"j({":v": {"N": "3"}})j", 0);
        scan("NE", R"j({"n": {"ComparisonOperator": "NE", "AttributeValueList": [{"N": "1"}]}})j",
             "n <> :v", R"j({":v": {"N": "1"}})j", 5);
        scan("LT", R"j({"n": {"ComparisonOperator": "LT", "AttributeValueList": [{"N": "6"}]}})j",
             "n < :v", R"j({":v": {"N": "6"}})j", 3);
        scan("GE", R"j({"s": {"ComparisonOperator": "GE", "AttributeValueList": [{"S": "b"}]}})j",
             "s >= :v", R"j({":v": {"S": "b"}})j", 2);
        scan(
            "BETWEEN",
            R"j({"n": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "1"}, {"N": "5"}]}})j",
            "n BETWEEN :a AND :b", R"j({":a": {"N": "1"}, ":b": {"N": "5"}})j", 3);
        scan(
            "IN",
            R"j({"s": {"ComparisonOperator": "IN", "AttributeValueList": [{"S": "apple"}, {"S": "6"}]}})j",
            "s IN (:a, :b)", R"j({":a": {"S": "apple"}, ":b": {"S": "6"}})j", 2);
        scan(
            "BEGINS_WITH",
            R"j({"s": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"S": "ap"}]}})j",
            "begins_with(s, :v)", R"j({":v": {"S": "ap"}})j", 2);
        scan("CONTAINS a substring",
             R"j({"s": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"S": "an"}]}})j",
             "contains(s, :v)", R"j({":v": {"S": "an"}})j", 1);
        scan("CONTAINS a set member",
             R"j({"ss": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"S": "a"}]}})j",
             "contains(ss, :v)", R"j({":v": {"S": "a"}})j", 1);
        scan("CONTAINS a number",
             R"j({"ns": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"N": "2"}]}})j",
             "contains(ns, :v)", R"j({":v": {"N": "2"}})j", 1);
        scan("CONTAINS a list element",
             R"j({"l": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"S": "a"}]}})j",
             "contains(l, :v)", R"j({":v": {"S": "a"}})j", 1);
        // A missing attribute does not pass NOT_CONTAINS.
        scan(
            "NOT_CONTAINS",
            R"j({"s": {"ComparisonOperator": "NOT_CONTAINS", "AttributeValueList": [{"S": "an"}]}})j",
            "attribute_exists(s) AND NOT contains(s, :v)", R"j({":v": {"S": "an"}})j", 4);
        // NULL and NOT_NULL test existence, not the NULL type.
        scan("NULL", R"j({"s": {"ComparisonOperator": "NULL"}})j", "attribute_not_exists(s)", "",
             1);
        scan("NOT_NULL of a NULL", R"j({"z": {"ComparisonOperator": "NOT_NULL"}})j",
             "attribute_exists(z)", "", 1);
        scan(
            "EQ of a set in another order",
            R"j({"ss": {"ComparisonOperator": "EQ", "AttributeValueList": [{"SS": ["b", "a"]}]}})j",
            "ss = :v", R"j({":v": {"SS": ["b", "a"]}})j", 1);
        scan(
            "AND of two",
            R"j({"s": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"S": "ap"}]}, "n": {"ComparisonOperator": "LT", "AttributeValueList": [{"N": "3"}]}})j",
            "begins_with(s, :a) AND n < :b", R"j({":a": {"S": "ap"}, ":b": {"N": "3"}})j", 1);

        QTest::newRow("OR of two")
            << QByteArray("Scan")
            << QByteArray(
                   R"j({"TableName": "Tab", "ConditionalOperator": "OR", "ScanFilter": {"s": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"S": "ap"}]}, "n": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "5"}]}}})j")
            << QByteArray(
                   R"j({"TableName": "Tab", "FilterExpression": "begins_with(s, :a) OR n > :b", "ExpressionAttributeValues": {":a": {"S": "ap"}, ":b": {"N": "5"}}})j")
            << 4;
        QTest::newRow("AttributesToGet")
            << QByteArray("Scan")
            << QByteArray(R"j({"TableName": "Tab", "AttributesToGet": ["s", "n", "nothing"]})j")
            << QByteArray(R"j({"TableName": "Tab", "ProjectionExpression": "s, n, nothing"})j")
            << 6;
        QTest::newRow("Query on the hash key")
            << QByteArray("Query")
            << QByteArray(
                   R"j({"TableName": "Tab", "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}}})j")
            << QByteArray(
                   R"j({"TableName": "Tab", "KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "p"}}})j")
            << 5;
        QTest::newRow("Query BETWEEN, backwards, with a filter")
            << QByteArray("Query")
            << QByteArray(
                   R"j({"TableName": "Tab", "ScanIndexForward": false, "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}, "sk": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "2"}, {"N": "4"}]}}, "QueryFilter": {"s": {"ComparisonOperator": "NOT_NULL"}}})j")
            << QByteArray(
                   R"j({"TableName": "Tab", "ScanIndexForward": false, "KeyConditionExpression": "pk = :p AND sk BETWEEN :a AND :b", "FilterExpression": "attribute_exists(s)", "ExpressionAttributeValues": {":p": {"S": "p"}, ":a": {"N": "2"}, ":b": {"N": "4"}}})j")
            << 2;
        QTest::newRow("Query GT with AttributesToGet")
            << QByteArray("Query")
            << QByteArray(
                   R"j({"TableName": "Tab", "AttributesToGet": ["sk"], "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}, "sk": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "3"}]}}})j")
            << QByteArray(
                   R"j({"TableName": "Tab", "ProjectionExpression": "sk", "KeyConditionExpression": "pk = :p AND sk > :v", "ExpressionAttributeValues": {":p": {"S": "p"}, ":v": {"N": "3"}}})j")
            << 2;
    }

    void readsMatchExpressions() {
        QFETCH(QByteArray, op);
        QFETCH(QByteArray, legacy);
        QFETCH(QByteArray, expression);
        QFETCH(int, count);
        const Json legacy_result = outcome(*shared_, op.toStdString(), J(legacy.toStdString()));
        const Json expression_result =
            outcome(*shared_, op.toStdString(), J(expression.toStdString()));
        JCOMPARE(legacy_result, expression_result);
        JCOMPARE(legacy_result["Count"], count);
    }

    // KeyConditions and QueryFilter on a GSI apply to the index's keys (§7.2).
    void indexQueryMatchesExpressions() {
        TestEngine t;
        t.ok("CreateTable", J(R"j({"TableName": "Idx", "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "g", "AttributeType": "S"}, {"AttributeName": "n", "AttributeType": "N"}],
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "GlobalSecondaryIndexes": [{"IndexName": "byG", "Projection": {"ProjectionType": "ALL"},
                "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"},
                              {"AttributeName": "n", "KeyType": "RANGE"}]}]})j"));
        t.engine->advance(60'000);
        for (int i = 0; i < 6; ++i)
            t.ok("PutItem", {{"TableName", "Idx"},
                             {"Item",
                              {{"pk", {{"S", "k" + std::to_string(i)}}},
                               {"g", {{"S", i % 2 ? "odd" : "even"}}},
                               {"n", {{"N", std::to_string(i)}}},
                               {"x", {{"N", std::to_string(i % 3)}}}}}});
        const Json legacy = outcome(
            t, "Query",
            J(R"j({"TableName": "Idx", "IndexName": "byG", "KeyConditions": {"g": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "even"}]}, "n": {"ComparisonOperator": "GE", "AttributeValueList": [{"N": "2"}]}}, "QueryFilter": {"x": {"ComparisonOperator": "NE", "AttributeValueList": [{"N": "1"}]}}})j"));
        const Json expression = outcome(
            t, "Query",
            J(R"j({"TableName": "Idx", "IndexName": "byG", "KeyConditionExpression": "g = :g AND n >= :n", "FilterExpression": "x <> :x", "ExpressionAttributeValues": {":g": {"S": "even"}, ":n": {"N": "2"}, ":x": {"N": "1"}}})j"));
        JCOMPARE(legacy, expression);
        JCOMPARE(legacy["Count"], 1);
        JCOMPARE(legacy["ScannedCount"], 2);

        const Json missed = outcome(
            t, "Query",
            J(R"j({"TableName": "Idx", "IndexName": "byG", "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "k1"}]}}})j"));
        JCOMPARE(missed["message"], "Query condition missed key schema element: g");
        const Json on_key = outcome(
            t, "Query",
            J(R"j({"TableName": "Idx", "IndexName": "byG", "KeyConditions": {"g": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "odd"}]}}, "QueryFilter": {"n": {"ComparisonOperator": "NOT_NULL"}}})j"));
        JCOMPARE(on_key["message"],
                 "QueryFilter can only contain non-primary key attributes: Primary key "
                 "attribute: n");
    }

    // The text written for legacy parameters is not held to the limits on what a client
    // writes: 4 KB of expression text, 100 IN operands.
    void largeLegacyRequests() {
        Json in = Json::array();
        for (int i = 0; i < 150; ++i) in.push_back({{"N", std::to_string(i)}});
        Json filter = {{"n", {{"ComparisonOperator", "IN"}, {"AttributeValueList", in}}}};
        for (int i = 0; i < 120; ++i)
            filter["attribute_with_a_long_name_" + std::to_string(i)] = {
                {"ComparisonOperator", "NULL"}};
        const Json scan = shared_->ok("Scan", {{"TableName", "Tab"}, {"ScanFilter", filter}});
        JCOMPARE(scan["Count"], 5);  // every item whose n is a number

        Json attributes = Json::array();
        for (int i = 0; i < 255; ++i) attributes.push_back("attribute_name_" + std::to_string(i));
        attributes.back() = "s";
        const Json got =
            shared_->ok("GetItem", {{"TableName", "Tab"},
                                    {"Key", J(R"j({"pk": {"S": "p"}, "sk": {"N": "1"}})j")},
                                    {"AttributesToGet", attributes}});
        JCOMPARE(got["Item"], J(R"j({"s": {"S": "apple"}})j"));
    }

    // GetItem and BatchGetItem with AttributesToGet.
    void getItemAttributesToGet() {
        TestEngine t;
        seed(t);
        const Json key = J(R"j({"pk": {"S": "p"}, "sk": {"N": "1"}})j");
        const Json got = t.ok(
            "GetItem", {{"TableName", "Tab"}, {"Key", key}, {"AttributesToGet", {"s", "l", "x"}}});
        JCOMPARE(got["Item"],
                 J(R"j({"s": {"S": "apple"}, "l": {"L": [{"S": "a"}, {"N": "1"}]}})j"));
        const Json keys = {{"Keys", {key}}, {"AttributesToGet", {"n"}}};
        const Json batch = t.ok("BatchGetItem", {{"RequestItems", {{"Tab", keys}}}});
        JCOMPARE(batch["Responses"]["Tab"], J(R"j([{"n": {"N": "1"}}])j"));
    }

    // Each Expected request has its ConditionExpression's outcome, and leaves the same item.
    void writesMatchExpressions_data() {
        QTest::addColumn<QByteArray>("op");
        QTest::addColumn<QByteArray>("legacy");
        QTest::addColumn<QByteArray>("expression");
        QTest::addColumn<bool>("passes");
        auto row = [](const char* name, const char* op, const char* target, const char* expected,
                      const char* condition, const char* values, bool passes) {
            const QByteArray body = QByteArray(R"j("TableName": "Tab", )j") + target;
            QTest::newRow(name) << QByteArray(op) << QByteArray("{") + body + ", " + expected + "}"
                                << QByteArray("{") + body + ", \"ConditionExpression\": \"" +
                                       condition + "\"" + with_values(values) + "}"
                                << passes;
        };
        const char* put = R"j("Item": {"pk": {"S": "p"}, "sk": {"N": "1"}, "new": {"S": "yes"}})j";
        const char* del = R"j("Key": {"pk": {"S": "p"}, "sk": {"N": "1"}})j";
        const char* missing = R"j("Item": {"pk": {"S": "p"}, "sk": {"N": "9"}})j";
        row("Value equal", "PutItem", put, R"j("Expected": {"s": {"Value": {"S": "apple"}}})j",
            "s = :v", R"j({":v": {"S": "apple"}})j", true);
        row("Value not equal", "PutItem", put,
            R"j("Expected": {"s": {"Value": {"S": "pear"}, "Exists": true}})j", "s = :v",
            R"j({":v": {"S": "pear"}})j", false);
        row("Exists false, absent", "DeleteItem", del, R"j("Expected": {"zz": {"Exists": false}})j",
            "attribute_not_exists(zz)", "", true);
        row("Exists false, present", "DeleteItem", del, R"j("Expected": {"s": {"Exists": false}})j",
            "attribute_not_exists(s)", "", false);
        row("GT", "PutItem", put,
            R"j("Expected": {"n": {"ComparisonOperator": "GT", "AttributeValueList": [{"N": "0"}]}})j",
            "n > :v", R"j({":v": {"N": "0"}})j", true);
        row("GT of another type", "PutItem", put,
            R"j("Expected": {"n": {"ComparisonOperator": "GT", "Value": {"S": "0"}}})j", "n > :v",
            R"j({":v": {"S": "0"}})j", false);
        row("CONTAINS in a set", "DeleteItem", del,
            R"j("Expected": {"ss": {"ComparisonOperator": "CONTAINS", "Value": {"S": "b"}}})j",
            "contains(ss, :v)", R"j({":v": {"S": "b"}})j", true);
        row("NOT_CONTAINS on a missing item", "PutItem", missing,
            R"j("Expected": {"s": {"ComparisonOperator": "NOT_CONTAINS", "Value": {"S": "x"}}})j",
            "attribute_exists(s) AND NOT contains(s, :v)", R"j({":v": {"S": "x"}})j", false);
        row("NULL on a missing item", "PutItem", missing,
            R"j("Expected": {"s": {"ComparisonOperator": "NULL"}})j", "attribute_not_exists(s)", "",
            true);
        row("IN", "DeleteItem", del,
            R"j("Expected": {"n": {"ComparisonOperator": "IN", "AttributeValueList": [{"N": "7"}, {"N": "1"}]}})j",
            "n IN (:a, :b)", R"j({":a": {"N": "7"}, ":b": {"N": "1"}})j", true);
        row("OR, one passes", "PutItem", put,
            R"j("ConditionalOperator": "OR", "Expected": {"s": {"Value": {"S": "pear"}}, "n": {"Value": {"N": "1"}}})j",
            "s = :a OR n = :b", R"j({":a": {"S": "pear"}, ":b": {"N": "1"}})j", true);
        row("AND, one fails", "PutItem", put,
            R"j("ConditionalOperator": "AND", "Expected": {"s": {"Value": {"S": "pear"}}, "n": {"Value": {"N": "1"}}})j",
            "s = :a AND n = :b", R"j({":a": {"S": "pear"}, ":b": {"N": "1"}})j", false);
        row("UpdateItem BETWEEN", "UpdateItem", del,
            R"j("Expected": {"n": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "0"}, {"N": "1"}]}})j",
            "n BETWEEN :a AND :b", R"j({":a": {"N": "0"}, ":b": {"N": "1"}})j", true);
    }

    void writesMatchExpressions() {
        QFETCH(QByteArray, op);
        QFETCH(QByteArray, legacy);
        QFETCH(QByteArray, expression);
        QFETCH(bool, passes);
        const Json key = J(R"j({"pk": {"S": "p"}, "sk": {"N": "1"}})j");
        const Json missing_key = J(R"j({"pk": {"S": "p"}, "sk": {"N": "9"}})j");
        Json results[2], items[2], missing_items[2];
        const QByteArray requests[2] = {legacy, expression};
        for (int i = 0; i < 2; ++i) {
            TestEngine t;
            seed(t);
            Json request = J(requests[i].toStdString());
            request["ReturnValues"] = op == "UpdateItem" ? "ALL_NEW" : "ALL_OLD";
            results[i] = outcome(t, op.toStdString(), request);
            items[i] = item_at(t, key);
            missing_items[i] = item_at(t, missing_key);
        }
        JCOMPARE(results[0], results[1]);
        JCOMPARE(items[0], items[1]);
        JCOMPARE(missing_items[0], missing_items[1]);
        QCOMPARE(!results[0].contains("error"), passes);
        if (!passes) JCOMPARE(results[0]["error"], "ConditionalCheckFailedException");
    }

    // Each AttributeUpdates request leaves the item its UpdateExpression leaves, and
    // returns the same UPDATED_NEW attributes.
    void updatesMatchExpressions_data() {
        QTest::addColumn<QByteArray>("updates");
        QTest::addColumn<QByteArray>("expression");
        QTest::addColumn<QByteArray>("values");
        auto row = [](const char* name, const char* updates, const char* expression,
                      const char* values) {
            QTest::newRow(name) << QByteArray(updates) << QByteArray(expression)
                                << QByteArray(values);
        };
        row("PUT", R"j({"s": {"Action": "PUT", "Value": {"S": "pear"}}})j", "SET s = :v",
            R"j({":v": {"S": "pear"}})j");
        row("PUT by default", R"j({"m": {"Value": {"M": {"x": {"N": "1"}}}}})j", "SET m = :v",
            R"j({":v": {"M": {"x": {"N": "1"}}}})j");
        row("DELETE an attribute", R"j({"s": {"Action": "DELETE"}, "gone": {"Action": "DELETE"}})j",
            "REMOVE s, gone", "");
        row("DELETE from a set", R"j({"ss": {"Action": "DELETE", "Value": {"SS": ["a", "x"]}}})j",
            "DELETE ss :v", R"j({":v": {"SS": ["a", "x"]}})j");
        row("DELETE a whole set", R"j({"ss": {"Action": "DELETE", "Value": {"SS": ["a", "b"]}}})j",
            "DELETE ss :v", R"j({":v": {"SS": ["a", "b"]}})j");
        row("ADD to a number", R"j({"n": {"Action": "ADD", "Value": {"N": "2.5"}}})j", "ADD n :v",
            R"j({":v": {"N": "2.5"}})j");
        row("ADD a new number", R"j({"c": {"Action": "ADD", "Value": {"N": "-3"}}})j", "ADD c :v",
            R"j({":v": {"N": "-3"}})j");
        row("ADD to a set", R"j({"ss": {"Action": "ADD", "Value": {"SS": ["c", "a"]}}})j",
            "ADD ss :v", R"j({":v": {"SS": ["c", "a"]}})j");
        row("ADD a list",
            R"j({"l": {"Action": "ADD", "Value": {"L": [{"S": "z"}]}}, "l2": {"Action": "ADD", "Value": {"L": [{"N": "1"}]}}})j",
            "SET l = list_append(l, :a), l2 = :b",
            R"j({":a": {"L": [{"S": "z"}]}, ":b": {"L": [{"N": "1"}]}})j");
        row("all at once",
            R"j({"s": {"Action": "DELETE"}, "n": {"Action": "ADD", "Value": {"N": "1"}}, "t": {"Value": {"BOOL": false}}})j",
            "REMOVE s SET t = :t ADD n :n", R"j({":t": {"BOOL": false}, ":n": {"N": "1"}})j");
    }

    void updatesMatchExpressions() {
        QFETCH(QByteArray, updates);
        QFETCH(QByteArray, expression);
        QFETCH(QByteArray, values);
        const Json key = J(R"j({"pk": {"S": "p"}, "sk": {"N": "1"}})j");
        Json legacy = {{"TableName", "Tab"},
                       {"Key", key},
                       {"ReturnValues", "ALL_NEW"},
                       {"AttributeUpdates", J(updates.toStdString())}};
        Json modern = {{"TableName", "Tab"},
                       {"Key", key},
                       {"ReturnValues", "ALL_NEW"},
                       {"UpdateExpression", expression.toStdString()}};
        if (!values.isEmpty()) modern["ExpressionAttributeValues"] = J(values.toStdString());
        Json results[2], items[2];
        const Json requests[2] = {legacy, modern};
        for (int i = 0; i < 2; ++i) {
            TestEngine t;
            seed(t);
            results[i] = outcome(t, "UpdateItem", requests[i]);
            items[i] = item_at(t, key);
        }
        QVERIFY(!results[0].contains("error"));
        JCOMPARE(results[0], results[1]);
        JCOMPARE(items[0], items[1]);
        legacy["ReturnValues"] = "UPDATED_NEW";
        modern["ReturnValues"] = "UPDATED_NEW";
        TestEngine a, b;
        seed(a);
        seed(b);
        JCOMPARE(outcome(a, "UpdateItem", legacy), outcome(b, "UpdateItem", modern));
    }

    // An absent item: PUT and ADD create it, DELETE alone does not, and an empty
    // AttributeUpdates writes the key only (§7.2).
    void updatesOfAMissingItem() {
        TestEngine t;
        seed(t);
        auto update = [&](const char* sk, const char* updates) {
            Json key = {{"pk", {{"S", "new"}}}, {"sk", {{"N", sk}}}};
            t.ok("UpdateItem",
                 {{"TableName", "Tab"}, {"Key", key}, {"AttributeUpdates", J(updates)}});
            return item_at(t, key);
        };
        JCOMPARE(update("1", R"j({"a": {"Action": "DELETE"}})j"), Json());
        JCOMPARE(update("2", R"j({"a": {"Action": "DELETE", "Value": {"SS": ["x"]}}})j"), Json());
        JCOMPARE(update("3", R"j({"a": {"Action": "ADD", "Value": {"N": "2"}}})j"),
                 J(R"j({"pk": {"S": "new"}, "sk": {"N": "3"}, "a": {"N": "2"}})j"));
        JCOMPARE(
            update("4",
                   R"j({"a": {"Action": "PUT", "Value": {"S": "x"}}, "b": {"Action": "DELETE"}})j"),
            J(R"j({"pk": {"S": "new"}, "sk": {"N": "4"}, "a": {"S": "x"}})j"));
        JCOMPARE(update("5", "{}"), J(R"j({"pk": {"S": "new"}, "sk": {"N": "5"}})j"));
        // DELETE alone on a present item still writes it.
        JCOMPARE(update("5", R"j({"other": {"Action": "DELETE"}})j"),
                 J(R"j({"pk": {"S": "new"}, "sk": {"N": "5"}})j"));
    }

    // Expected with AttributeUpdates: the condition reads the item before the update.
    void expectedGuardsAttributeUpdates() {
        TestEngine t;
        seed(t);
        const Json key = J(R"j({"pk": {"S": "p"}, "sk": {"N": "2"}})j");
        const Json request = {
            {"TableName", "Tab"},
            {"Key", key},
            {"AttributeUpdates", J(R"j({"n": {"Action": "ADD", "Value": {"N": "1"}}})j")},
            {"Expected", J(R"j({"n": {"Value": {"N": "2"}}})j")}};
        t.ok("UpdateItem", request);
        JCOMPARE(item_at(t, key)["n"], J(R"j({"N": "3"})j"));
        auto again = t.call("UpdateItem", request);
        QVERIFY(!again.ok());
        JCOMPARE(again.error->type, "ConditionalCheckFailedException");
        JCOMPARE(again.error->message, "The conditional request failed");
        JCOMPARE(item_at(t, key)["n"], J(R"j({"N": "3"})j"));

        // ReturnValuesOnConditionCheckFailure works with Expected as with a condition.
        Json with_old = request;
        with_old["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD";
        auto refused = t.call("UpdateItem", with_old);
        QVERIFY(!refused.ok());
        JCOMPARE(refused.error->extra["Item"], item_at(t, key));
    }
};

QTEST_APPLESS_MAIN(TstLegacyParams)
#include "tst_legacy_params.moc"
