#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QString>
#include <QTest>

#include "api/model/java_regex.h"
#include "api/model/value_text.h"
#include "api/request_validator.h"
#include "tablespan/error.h"

using nlohmann::json;

namespace {

const char* const kSerialization = "SerializationException";
const char* const kValidation = "ValidationException";
const char* const kParameterized =
    "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class "
    "java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and "
    "java.lang.Class are in module java.base of loader 'bootstrap')";
const char* const kStartOfStructure = "Start of structure or map found where not expected";
const char* const kReturnValues = "[NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]";

// "Value <value> at '<path>' failed to satisfy constraint: <constraint>"
std::string violation(const std::string& value, const std::string& path,
                      const std::string& constraint) {
    return "Value " + value + " at '" + path + "' failed to satisfy constraint: " + constraint;
}

std::string not_null(const std::string& path) {
    return violation("null", path, "Member must not be null");
}

std::string errors(std::initializer_list<std::string> list) {
    std::string out = std::to_string(list.size()) + " validation error";
    if (list.size() > 1) out += 's';
    out += " detected: ";
    bool first = true;
    for (const auto& e : list) {
        if (!first) out += "; ";
        out += e;
        first = false;
    }
    return out;
}

void row(const char* name, const char* operation, const std::string& request, const char* type = "",
         const std::string& message = {}) {
    QTest::newRow(name) << QByteArray(operation) << QByteArray::fromStdString(request)
                        << QByteArray(type) << QByteArray::fromStdString(message);
}

void serialization(const char* name, const char* operation, const std::string& request,
                   const std::string& message) {
    row(name, operation, request, kSerialization, message);
}

void invalid(const char* name, const char* operation, const std::string& request,
             const std::string& message) {
    row(name, operation, request, kValidation, message);
}

std::string repeat(std::string_view unit, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += unit;
    return out;
}

// A PutItem with an item of about 1 KB: the engine's hot path.
json typical_put_item() {
    json item = {
        {"pk", {{"S", "customer#000123"}}},
        {"sk", {{"S", "order#2024-05-01T10:00:00Z"}}},
        {"status", {{"S", "SHIPPED"}}},
        {"total", {{"N", "1234.56"}}},
        {"items", {{"N", "3"}}},
        {"gift", {{"BOOL", false}}},
        {"note", {{"NULL", true}}},
        {"tags", {{"SS", {"fragile", "express", "insured"}}}},
        {"scores", {{"NS", {"1", "2.5", "-3"}}}},
        {"thumbnail", {{"B", "aGVsbG8gd29ybGQgaGVsbG8gd29ybGQ="}}},
        {"address",
         {{"M",
           {{"street", {{"S", "221B Baker Street"}}},
            {"city", {{"S", "London"}}},
            {"zip", {{"S", "NW1 6XE"}}},
            {"geo", {{"L", {{{"N", "51.5237"}}, {{"N", "-0.1585"}}}}}}}}}},
        {"lines",
         {{"L",
           {{{"M", {{"sku", {{"S", "A-1"}}}, {"qty", {{"N", "1"}}}, {"price", {{"N", "9.99"}}}}}},
            {{"M", {{"sku", {{"S", "B-2"}}}, {"qty", {{"N", "2"}}}, {"price", {{"N", "19.5"}}}}}},
            {{"M",
              {{"sku", {{"S", "C-3"}}}, {"qty", {{"N", "7"}}}, {"price", {{"N", "0.25"}}}}}}}}}},
        {"description", {{"S", repeat("lorem ipsum ", 30)}}},
    };
    return {{"TableName", "Orders"},
            {"Item", item},
            {"ConditionExpression", "attribute_not_exists(#pk)"},
            {"ExpressionAttributeNames", {{"#pk", "pk"}}},
            {"ReturnValues", "NONE"},
            {"ReturnConsumedCapacity", "TOTAL"}};
}

}  // namespace

class TestRequestValidator : public QObject {
    Q_OBJECT

private slots:
    void validates_data();
    void validates();
    void renders_long_values_data();
    void renders_long_values();
    void knows_operations();
    void translates_java_patterns_data();
    void translates_java_patterns();
    void prints_numbers_as_javascript_data();
    void prints_numbers_as_javascript();
    void validates_typical_put_item_fast();
};

void TestRequestValidator::validates_data() {
    QTest::addColumn<QByteArray>("operation");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("error_type");
    QTest::addColumn<QByteArray>("message");

    // Valid requests.
    row("put item", "PutItem",
        R"({"TableName":"t","Item":{"pk":{"S":"a"},"n":{"N":"1"},"b":{"B":"YQ=="},
            "m":{"M":{"l":{"L":[{"BOOL":true},{"NULL":true},{"SS":["x"]},{"NS":["1"]},
            {"BS":["YWI="]}]}}}},"ReturnValues":"ALL_OLD"})");
    row("create table", "CreateTable",
        R"({"TableName":"abc","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"S"}],
            "KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST",
            "GlobalSecondaryIndexes":[{"IndexName":"by-a","KeySchema":[{"AttributeName":"a",
            "KeyType":"HASH"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["x"]}}]})");
    row("query", "Query",
        R"({"TableName":"t","KeyConditionExpression":"#k = :v","ExpressionAttributeNames":
            {"#k":"pk"},"ExpressionAttributeValues":{":v":{"S":"x"}},"Limit":10,
            "ScanIndexForward":false,"ConsistentRead":true})");
    row("batch write", "BatchWriteItem",
        R"({"RequestItems":{"t":[{"PutRequest":{"Item":{"a":{"S":"x"}}}},
            {"DeleteRequest":{"Key":{"a":{"S":"y"}}}}]}})");
    row("no input members", "DescribeLimits", "{}");
    row("unknown members are ignored", "GetItem",
        R"({"TableName":"t","Key":{},"Bogus":[1,{"x":2}],"tablename":5})");
    row("null is absent", "GetItem", R"({"TableName":"t","Key":{},"ConsistentRead":null})");
    row("null list element of a simple type is skipped", "BatchGetItem",
        R"({"RequestItems":{"t":{"Keys":[{"k":{"S":"a"}}],"AttributesToGet":[null,"a"]}}})");
    row("unknown operation", "Bogus", R"({"TableName":5})");
    row("booleans as text", "Scan",
        R"({"TableName":"t","ConsistentRead":"yes","Limit":1.9,"ExpressionAttributeValues":
            {":a":{"BOOL":"FALSE"},":b":{"BOOL":"1"},":c":{"NULL":"No"},":d":{"BOOL":"true"}}})");
    row("code points, not bytes", "GetItem",
        R"({"Key":{},"TableName":")" + repeat("\u00e9", 1024) + R"("})");
    row("print class", "UpdateTableReplicaAutoScaling",
        R"({"TableName":"t","ProvisionedWriteCapacityAutoScalingUpdate":{"AutoScalingRoleArn":
            "arn:\ud83d\ude00","ScalingPolicyUpdate":{"PolicyName":"p ~!",
            "TargetTrackingScalingPolicyConfiguration":{"TargetValue":70.5}}}})");

    // Wrong JSON types: SerializationException, raised at once.
    serialization("number for String", "GetItem", R"({"TableName":1})",
                  "NUMBER_VALUE cannot be converted to String");
    serialization("whole decimal for String", "GetItem", R"({"TableName":2.0})",
                  "NUMBER_VALUE cannot be converted to String");
    serialization("decimal for String", "GetItem", R"({"TableName":1.5})",
                  "DECIMAL_VALUE cannot be converted to String");
    serialization("true for String", "GetItem", R"({"TableName":true})",
                  "TRUE_VALUE cannot be converted to String");
    serialization("false for String", "GetItem", R"({"TableName":false})",
                  "FALSE_VALUE cannot be converted to String");
    serialization("list for String", "GetItem", R"({"TableName":["t"]})",
                  "Unrecognized collection type class java.lang.String");
    serialization("object for String", "GetItem", R"({"TableName":{}})", kStartOfStructure);
    serialization("text for Long", "CreateTable",
                  R"({"ProvisionedThroughput":{"ReadCapacityUnits":"1"}})",
                  "STRING_VALUE cannot be converted to Long");
    serialization("boolean for Long", "CreateTable",
                  R"({"ProvisionedThroughput":{"WriteCapacityUnits":true}})",
                  "TRUE_VALUE cannot be converted to Long");
    serialization("text for Integer", "Scan", R"({"Limit":"5"})",
                  "STRING_VALUE cannot be converted to Integer");
    serialization("list for Integer", "Scan", R"({"Limit":[5]})",
                  "Unrecognized collection type class java.lang.Integer");
    serialization("object for Integer", "Scan", R"({"Limit":{}})", kStartOfStructure);
    serialization("text for Double", "UpdateTableReplicaAutoScaling",
                  R"({"ProvisionedWriteCapacityAutoScalingUpdate":{"ScalingPolicyUpdate":
                      {"TargetTrackingScalingPolicyConfiguration":{"TargetValue":"70"}}}})",
                  "STRING_VALUE cannot be converted to Double");
    serialization("number for Boolean", "GetItem", R"({"ConsistentRead":1})",
                  "NUMBER_VALUE cannot be converted to Boolean");
    serialization("decimal for Boolean", "GetItem", R"({"ConsistentRead":0.5})",
                  "DECIMAL_VALUE cannot be converted to Boolean");
    serialization("other text for Boolean", "GetItem", R"({"ConsistentRead":"maybe"})",
                  "Unexpected token received from parser");
    serialization("list for Boolean", "GetItem", R"({"ConsistentRead":[]})",
                  "Unrecognized collection type class java.lang.Boolean");
    serialization("text for timestamp", "RestoreTableToPointInTime",
                  R"({"RestoreDateTime":"2024-01-01T00:00:00Z"})",
                  "STRING_VALUE cannot be converted to Date");
    serialization("list for structure", "CreateTable", R"({"ProvisionedThroughput":[]})",
                  "Unrecognized collection type class "
                  "com.amazonaws.dynamodb.v20120810.ProvisionedThroughput");
    serialization("scalar for structure member", "CreateTable", R"({"ProvisionedThroughput":5})",
                  "Unexpected field type");
    serialization("scalar for list element structure", "CreateTable", R"({"KeySchema":["a"]})",
                  "Unexpected value type in payload");
    serialization("list for list element structure", "CreateTable", R"({"KeySchema":[[]]})",
                  "Unrecognized collection type class "
                  "com.amazonaws.dynamodb.v20120810.KeySchemaElement");
    serialization("object for list", "CreateTable", R"({"KeySchema":{}})", kStartOfStructure);
    serialization("scalar for list", "CreateTable", R"({"KeySchema":"a"})",
                  "Unexpected field type");
    serialization("list for attribute map", "PutItem", R"({"Item":[]})",
                  "Unrecognized collection type java.util.Map<java.lang.String, "
                  "com.amazonaws.dynamodb.v20120810.AttributeValue>");
    serialization("list for string map", "Query", R"({"ExpressionAttributeNames":[]})",
                  "Unrecognized collection type java.util.Map<java.lang.String, "
                  "java.lang.String>");
    serialization("scalar for map", "PutItem", R"({"Item":true})", "Unexpected field type");
    serialization("list for map of lists", "BatchWriteItem", R"({"RequestItems":[]})",
                  "Unrecognized collection type java.util.Map<java.lang.String, "
                  "java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>>");
    serialization("scalar for list in map", "BatchWriteItem", R"({"RequestItems":{"t":1}})",
                  kParameterized);
    serialization("object for list in map", "BatchWriteItem", R"({"RequestItems":{"t":{}}})",
                  kStartOfStructure);
    serialization("scalar for map in list", "BatchGetItem",
                  R"({"RequestItems":{"t":{"Keys":["k"]}}})", kParameterized);
    serialization("list for map in list", "BatchGetItem", R"({"RequestItems":{"t":{"Keys":[[]]}}})",
                  "Unrecognized collection type java.util.Map<java.lang.String, "
                  "com.amazonaws.dynamodb.v20120810.AttributeValue>");
    serialization("scalar for attribute value", "PutItem", R"({"Item":{"a":"x"}})",
                  "Unexpected value type in payload");
    serialization("list for attribute value", "PutItem", R"({"Item":{"a":[]}})",
                  "Unrecognized collection type class "
                  "com.amazonaws.dynamodb.v20120810.AttributeValue");
    serialization("number for S", "PutItem", R"({"Item":{"a":{"S":1}}})",
                  "NUMBER_VALUE cannot be converted to String");
    serialization("number for N", "PutItem", R"({"Item":{"a":{"N":1}}})",
                  "NUMBER_VALUE cannot be converted to String");
    serialization("deep in M and L", "PutItem",
                  R"({"Item":{"a":{"M":{"b":{"L":[{"S":"ok"},{"N":false}]}}}}})",
                  "FALSE_VALUE cannot be converted to String");
    serialization("scalar for SS", "PutItem", R"({"Item":{"a":{"SS":"x"}}})",
                  "Unexpected field type");
    serialization("number in SS", "PutItem", R"({"Item":{"a":{"SS":["x",2]}}})",
                  "NUMBER_VALUE cannot be converted to String");
    serialization("scalar in L", "PutItem", R"({"Item":{"a":{"L":["x"]}}})",
                  "Unexpected value type in payload");
    serialization("text for BOOL", "PutItem", R"({"Item":{"a":{"BOOL":"nope"}}})",
                  "Unexpected token received from parser");
    serialization("base64 length", "PutItem", R"({"Item":{"a":{"B":"abc"}}})",
                  "Base64 encoded length is expected a multiple of 4 bytes but found: 3");
    serialization("base64 unused bits", "PutItem", R"({"Item":{"a":{"B":"YR=="}}})",
                  "Invalid last non-pad Base64 character dectected");
    serialization("base64 alphabet", "PutItem", R"({"Item":{"a":{"BS":["YQ==","a-b_"]}}})",
                  "Invalid last non-pad Base64 character dectected");
    serialization("number for blob", "PutItem", R"({"Item":{"a":{"B":12}}})",
                  "only base-64-encoded strings are convertible to bytes");
    serialization("list for blob", "PutItem", R"({"Item":{"a":{"B":["YQ=="]}}})",
                  "Unrecognized collection type class java.nio.ByteBuffer");
    serialization("list for request", "PutItem", "[]",
                  "Unrecognized collection type class "
                  "com.amazonaws.dynamodb.v20120810.PutItemInput");
    serialization("first in model order, not in JSON order", "PutItem",
                  R"({"Item":[],"TableName":true})", "TRUE_VALUE cannot be converted to String");
    serialization("before any constraint", "PutItem",
                  R"({"TableName":"","ReturnValues":"BAD","Item":{"a":{"S":5}}})",
                  "NUMBER_VALUE cannot be converted to String");

    // Constraints: ValidationException listing every violation.
    invalid("required members", "PutItem", "{}", errors({not_null("tableName"), not_null("item")}));
    invalid("null request reads as empty", "PutItem", "null",
            errors({not_null("tableName"), not_null("item")}));
    invalid("null member", "GetItem", R"({"TableName":null,"Key":{}})",
            errors({not_null("tableName")}));
    invalid("min length", "GetItem", R"({"TableName":"","Key":{}})",
            errors({violation("''", "tableName",
                              "Member must have length greater than or equal to 1")}));
    invalid("max length counts code points", "GetItem",
            R"({"Key":{},"TableName":")" + repeat("\u20ac", 1025) + R"("})",
            errors({violation("'" + repeat("\u20ac", 1025) + "'", "tableName",
                              "Member must have length less than or equal to 1024")}));
    invalid(
        "pattern before length, then range", "ListTables",
        R"({"Limit":0,"ExclusiveStartTableName":"a;"})",
        errors({violation("'a;'", "exclusiveStartTableName",
                          "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"),
                violation("'a;'", "exclusiveStartTableName",
                          "Member must have length greater than or equal to 3"),
                violation("'0'", "limit", "Member must have value greater than or equal to 1")}));
    invalid("max value", "ListTables", R"({"Limit":2147483647})",
            errors({violation("'2147483647'", "limit",
                              "Member must have value less than or equal to 100")}));
    invalid(
        "Integer is read whole", "Scan", R"({"TableName":"t","Limit":0.5})",
        errors({violation("'0'", "limit", "Member must have value greater than or equal to 1")}));
    invalid(
        "enum", "PutItem", R"({"TableName":"t","Item":{},"ReturnValues":"ALL"})",
        errors({violation("'ALL'", "returnValues",
                          std::string("Member must satisfy enum value set: ") + kReturnValues)}));
    invalid("pattern over code points", "UpdateTableReplicaAutoScaling",
            R"({"TableName":"t","ProvisionedWriteCapacityAutoScalingUpdate":{"AutoScalingRoleArn":
                "a\u0001","ScalingPolicyUpdate":{"PolicyName":"caf\u00e9"}}})",
            errors({violation(
                        "'a\x01'", "provisionedWriteCapacityAutoScalingUpdate.autoScalingRoleArn",
                        "Member must satisfy regular expression pattern: "
                        "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*"),
                    violation("'caf\u00e9'",
                              "provisionedWriteCapacityAutoScalingUpdate.scalingPolicyUpdate."
                              "policyName",
                              "Member must satisfy regular expression pattern: \\p{Print}+"),
                    not_null("provisionedWriteCapacityAutoScalingUpdate.scalingPolicyUpdate."
                             "targetTrackingScalingPolicyConfiguration")}));
    invalid("nested structure", "CreateTable", R"({"TableName":"abc","ProvisionedThroughput":{}})",
            errors({not_null("provisionedThroughput.readCapacityUnits"),
                    not_null("provisionedThroughput.writeCapacityUnits")}));
    invalid("nested values", "CreateTable",
            R"({"TableName":"abc","ProvisionedThroughput":{"ReadCapacityUnits":-1,
                "WriteCapacityUnits":0}})",
            errors({violation("'-1'", "provisionedThroughput.readCapacityUnits",
                              "Member must have value greater than or equal to 1"),
                    violation("'0'", "provisionedThroughput.writeCapacityUnits",
                              "Member must have value greater than or equal to 1")}));
    invalid("empty list", "CreateTable", R"({"TableName":"abc","KeySchema":[]})",
            errors({violation("'[]'", "keySchema",
                              "Member must have length greater than or equal to 1")}));
    invalid("key schema elements", "CreateTable",
            R"({"TableName":"abc","AttributeDefinitions":[{"AttributeType":"SS"}],
                "KeySchema":[{"KeyType":"HASH"},{"AttributeName":"a"},
                {"KeyType":"Woop","AttributeName":""}]})",
            errors({not_null("attributeDefinitions.1.member.attributeName"),
                    violation("'SS'", "attributeDefinitions.1.member.attributeType",
                              "Member must satisfy enum value set: [S, N, B]"),
                    // A table's key schema keeps its two elements although the model's
                    // KeySchema shape no longer says so (dynalite's "key element names").
                    violation(R"('[{"KeyType":"HASH"}, {"AttributeName":"a"}, )"
                              R"({"AttributeName":"","KeyType":"Woop"}]')",
                              "keySchema", "Member must have length less than or equal to 2"),
                    not_null("keySchema.1.member.attributeName"),
                    not_null("keySchema.2.member.keyType"),
                    violation("''", "keySchema.3.member.attributeName",
                              "Member must have length greater than or equal to 1"),
                    violation("'Woop'", "keySchema.3.member.keyType",
                              "Member must satisfy enum value set: [HASH, RANGE]")}));
    invalid("index names and list of strings", "CreateTable",
            R"({"TableName":"abc","LocalSecondaryIndexes":[{"IndexName":"h;","KeySchema":[],
                "Projection":{"NonKeyAttributes":["a",""]}}]})",
            errors({violation("'h;'", "localSecondaryIndexes.1.member.indexName",
                              "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"),
                    violation("'h;'", "localSecondaryIndexes.1.member.indexName",
                              "Member must have length greater than or equal to 3"),
                    violation("'[]'", "localSecondaryIndexes.1.member.keySchema",
                              "Member must have length greater than or equal to 1"),
                    violation("''",
                              "localSecondaryIndexes.1.member.projection.nonKeyAttributes.2."
                              "member",
                              "Member must have length greater than or equal to 1")}));
    invalid("at most ten listed", "CreateTable",
            R"({"TableName":"abc","LocalSecondaryIndexes":[{},{},{},{},{}]})",
            errors({not_null("localSecondaryIndexes.1.member.indexName"),
                    not_null("localSecondaryIndexes.1.member.keySchema"),
                    not_null("localSecondaryIndexes.1.member.projection"),
                    not_null("localSecondaryIndexes.2.member.indexName"),
                    not_null("localSecondaryIndexes.2.member.keySchema"),
                    not_null("localSecondaryIndexes.2.member.projection"),
                    not_null("localSecondaryIndexes.3.member.indexName"),
                    not_null("localSecondaryIndexes.3.member.keySchema"),
                    not_null("localSecondaryIndexes.3.member.projection"),
                    not_null("localSecondaryIndexes.4.member.indexName")}));
    invalid("empty map", "BatchWriteItem", R"({"RequestItems":{}})",
            errors({violation("'{}'", "requestItems",
                              "Member must have length greater than or equal to 1")}));
    invalid(
        "map keys", "BatchWriteItem",
        R"({"RequestItems":{"":[{"PutRequest":{"Item":{"a":{"S":"x"},"b":{"BOOL":"yes"}}},
                "Bogus":1}]}})",
        errors({violation(R"('{"":[{"PutRequest":{"Item":{"a":{"S":"x"},"b":{"BOOL":true}}}}]}')",
                          "requestItems",
                          "Map keys must satisfy constraint: [Member must have length less "
                          "than or equal to 1024, Member must have length greater than or "
                          "equal to 1]")}));
    invalid("map values", "BatchWriteItem",
            R"({"RequestItems":{"a":[],"b":[{"DeleteRequest":{"Key":{}}}]}})",
            errors({violation(R"('{"a":[],"b":[{"DeleteRequest":{"Key":{}}}]}')", "requestItems",
                              "Map value must satisfy constraint: [Member must have length less "
                              "than or equal to 25, Member must have length greater than or "
                              "equal to 1]")}));
    invalid("inside map entries", "BatchWriteItem",
            R"({"RequestItems":{"t":[{"PutRequest":{}},{"DeleteRequest":{"Key":null}}]},
                "ReturnConsumedCapacity":"ALL"})",
            errors({not_null("requestItems.t.member.1.member.putRequest.item"),
                    not_null("requestItems.t.member.2.member.deleteRequest.key"),
                    violation("'ALL'", "returnConsumedCapacity",
                              "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]")}));
    invalid("list in map in structure in map", "BatchGetItem",
            R"({"RequestItems":{"t":{"Keys":[]}}})",
            errors({violation("'[]'", "requestItems.t.member.keys",
                              "Member must have length greater than or equal to 1")}));
    // A null structure in a list or map reads as an empty one (these were internal errors
    // in the handlers).
    invalid("null structure in a list", "CreateTable",
            R"({"TableName":"t","KeySchema":[null],"AttributeDefinitions":[]})",
            errors({not_null("keySchema.1.member.attributeName"),
                    not_null("keySchema.1.member.keyType")}));
    invalid("null structure in a map", "BatchGetItem",
            R"({"RequestItems":{"t":null,"u":{"Keys":[{"k":{"S":"a"}}]}}})",
            errors({not_null("requestItems.t.member.keys")}));
    invalid(
        "attribute values are not descended", "PutItem",
        R"({"TableName":"t","Item":{"a":{"S":"","M":{"":{"L":[]}}}},"ReturnValues":"x"})",
        errors({violation("'x'", "returnValues",
                          std::string("Member must satisfy enum value set: ") + kReturnValues)}));
}

void TestRequestValidator::validates() {
    QFETCH(QByteArray, operation);
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, error_type);
    QFETCH(QByteArray, message);

    const json body = json::parse(request.toStdString());
    try {
        tablespan::api::validate_request(operation.toStdString(), body);
        QVERIFY2(error_type.isEmpty(), "no error was raised");
    } catch (const tablespan::ApiError& e) {
        QCOMPARE(QByteArray::fromStdString(e.error().type), error_type);
        QCOMPARE(QByteArray::fromStdString(e.error().message), message);
        QCOMPARE(e.error().http_status, 400);
    }
}

void TestRequestValidator::renders_long_values_data() {
    QTest::addColumn<QByteArray>("operation");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("error_type");
    QTest::addColumn<QByteArray>("message");

    std::string names;
    std::string shown;
    for (int i = 1; i <= 21; ++i) {
        names += (i > 1 ? ",\"n" : "\"n") + std::to_string(i) + "\"";
        shown += (i > 1 ? ", n" : "n") + std::to_string(i);
    }
    invalid("list of strings", "CreateTable",
            R"({"TableName":"abc","GlobalSecondaryIndexes":[{"IndexName":"abc","KeySchema":
                [{"AttributeName":"a","KeyType":"HASH"}],"Projection":{"NonKeyAttributes":[)" +
                names + "]}}]}",
            errors({violation("'[" + shown + "]'",
                              "globalSecondaryIndexes.1.member.projection.nonKeyAttributes",
                              "Member must have length less than or equal to 20")}));

    std::string writes;
    std::string writes_shown;
    for (int i = 0; i < 26; ++i) {
        writes += std::string(i > 0 ? "," : "") + R"({"DeleteRequest":{"Key":{"k":{"N":"1"}}}})";
        writes_shown +=
            std::string(i > 0 ? "," : "") + R"({"DeleteRequest":{"Key":{"k":{"N":"1"}}}})";
    }
    invalid("too many writes", "BatchWriteItem", R"({"RequestItems":{"t":[)" + writes + "]}}",
            errors({violation(R"('{"t":[)" + writes_shown + "]}'", "requestItems",
                              "Map value must satisfy constraint: [Member must have length less "
                              "than or equal to 25, Member must have length greater than or "
                              "equal to 1]")}));

    const std::string long_name = repeat("x", 65536);
    invalid("attribute name too long", "PutItem",
            R"({"TableName":"t","Item":{")" + long_name + R"(":{"S":"v"}}})",
            errors({violation(R"('{")" + long_name + R"(":{"S":"v"}}')", "item",
                              "Map keys must satisfy constraint: [Member must have length less "
                              "than or equal to 65535]")}));
}

void TestRequestValidator::renders_long_values() {
    validates();
}

void TestRequestValidator::knows_operations() {
    QVERIFY(tablespan::api::model_has_operation("PutItem"));
    QVERIFY(tablespan::api::model_has_operation("TransactWriteItems"));
    QVERIFY(tablespan::api::model_has_operation("DescribeLimits"));
    QVERIFY(!tablespan::api::model_has_operation("putItem"));
    QVERIFY(!tablespan::api::model_has_operation("DropTable"));
}

void TestRequestValidator::translates_java_patterns_data() {
    QTest::addColumn<QString>("java");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("matches");

    QTest::newRow("print") << QStringLiteral("\\p{Print}+") << QStringLiteral("a b~") << true;
    QTest::newRow("print, not latin-1")
        << QStringLiteral("\\p{Print}+") << QStringLiteral("caf\u00e9") << false;
    QTest::newRow("print, not empty") << QStringLiteral("\\p{Print}+") << QString() << false;
    const QString role =
        QStringLiteral("[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\r\\n\\t]*");
    QTest::newRow("supplementary") << role << QStringLiteral("a\U0001F600\n") << true;
    QTest::newRow("control") << role << QStringLiteral("a\u0001") << false;
    const QString rule = QStringLiteral("[A-Za-z0-9][A-Za-z0-9\\-\\_\\.]{0,126}[A-Za-z0-9]");
    QTest::newRow("escaped underscore") << rule << QStringLiteral("a_b-c.d") << true;
    QTest::newRow("escaped underscore, bad") << rule << QStringLiteral("a_b/c") << false;
    QTest::newRow("anchors") << QStringLiteral("^[^\\$]+$") << QStringLiteral("ab") << true;
    QTest::newRow("anchors, bad") << QStringLiteral("^[^\\$]+$") << QStringLiteral("a$") << false;
    QTest::newRow("whole string") << QStringLiteral("[0-9]{12}") << QStringLiteral("1234567890123")
                                  << false;
}

void TestRequestValidator::translates_java_patterns() {
    QFETCH(QString, java);
    QFETCH(QString, text);
    QFETCH(bool, matches);
    const std::wregex re = tablespan::api::validation::compile_java_pattern(java.toStdString());
    QCOMPARE(std::regex_match(text.toStdWString(), re), matches);
}

void TestRequestValidator::prints_numbers_as_javascript_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0.0 << QStringLiteral("0");
    QTest::newRow("whole") << 100.0 << QStringLiteral("100");
    QTest::newRow("negative") << -2.5 << QStringLiteral("-2.5");
    QTest::newRow("small") << 0.000001 << QStringLiteral("0.000001");
    QTest::newRow("tiny") << 1e-7 << QStringLiteral("1e-7");
    QTest::newRow("large") << 1e21 << QStringLiteral("1e+21");
    QTest::newRow("below exponent")
        << 123456789012345680000.0 << QStringLiteral("123456789012345680000");
    QTest::newRow("fraction digits") << 1.2345e-3 << QStringLiteral("0.0012345");
    QTest::newRow("exponent digits") << 1.25e30 << QStringLiteral("1.25e+30");
}

void TestRequestValidator::prints_numbers_as_javascript() {
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(tablespan::api::validation::js_number(value)), text);
}

void TestRequestValidator::validates_typical_put_item_fast() {
    const json request = typical_put_item();
    QVERIFY(request.dump().size() > 900);
    tablespan::api::validate_request("PutItem", request);
    QBENCHMARK {
        tablespan::api::validate_request("PutItem", request);
    }
}

QTEST_APPLESS_MAIN(TestRequestValidator)

#include "tst_request_validator.moc"
