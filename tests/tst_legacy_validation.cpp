// The legacy (non-expression) request parameters' validation texts, in the order the
// service checks them: ../shared/reference/dynamodb-data-plane.md §7 (dynalite's tests,
// run against the service). Their behaviour against expressions: tst_legacy_params.

#include <QTest>

#include <memory>

#include "legacy_fixture.h"

using namespace legacy_test;

class TstLegacyValidation : public QObject {
    Q_OBJECT

    // The seeded tables for the tests that only read, or fail before writing.
    std::unique_ptr<TestEngine> shared_;

private slots:
    void initTestCase() {
        shared_ = std::make_unique<TestEngine>();
        seed(*shared_);
    }

    void validationTexts_data() {
        QTest::addColumn<QByteArray>("op");
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QString>("message");
        auto row = [](const char* name, const char* op, const char* request, const QString& m) {
            QTest::newRow(name) << QByteArray(op) << QByteArray(request) << m;
        };

        // §7.2 ComparisonOperator rules (ScanFilter, QueryFilter, KeyConditions).
        row("EQ without value", "Scan",
            R"j({"TableName": "Tab", "ScanFilter": {"a": {"ComparisonOperator": "EQ"}}})j",
            invalid("Invalid number of argument(s) for the EQ ComparisonOperator"));
        row("NULL with a value", "Scan",
            R"j({"TableName": "Tab", "ScanFilter": {"a": {"ComparisonOperator": "NULL", "AttributeValueList": [{"S": "x"}]}}})j",
            invalid("Invalid number of argument(s) for the NULL ComparisonOperator"));
        row("BETWEEN with one value", "Scan",
            R"j({"TableName": "Tab", "ScanFilter": {"a": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "1"}]}}})j",
            invalid("Invalid number of argument(s) for the BETWEEN ComparisonOperator"));
        row("LT on a set", "Scan",
            R"j({"TableName": "Tab", "ScanFilter": {"a": {"ComparisonOperator": "LT", "AttributeValueList": [{"SS": ["x"]}]}}})j",
            invalid("ComparisonOperator LT is not valid for SS AttributeValue type"));
        row("CONTAINS a set", "Query",
            R"j({"TableName": "Tab", "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}}, "QueryFilter": {"a": {"ComparisonOperator": "CONTAINS", "AttributeValueList": [{"NS": ["1"]}]}}})j",
            invalid("ComparisonOperator CONTAINS is not valid for NS AttributeValue type"));
        row("BEGINS_WITH a number", "Scan",
            R"j({"TableName": "Tab", "ScanFilter": {"a": {"ComparisonOperator": "BEGINS_WITH", "AttributeValueList": [{"N": "1"}]}}})j",
            invalid("ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type"));
        row("IN of mixed types", "Scan",
            R"j({"TableName": "Tab", "ScanFilter": {"a": {"ComparisonOperator": "IN", "AttributeValueList": [{"S": "1"}, {"N": "1"}]}}})j",
            invalid("AttributeValues inside AttributeValueList must be of same type"));
        row("IN of booleans", "Scan",
            R"j({"TableName": "Tab", "ScanFilter": {"a": {"ComparisonOperator": "IN", "AttributeValueList": [{"BOOL": true}]}}})j",
            invalid("ComparisonOperator IN is not valid for BOOL AttributeValue type"));
        row("BETWEEN reversed", "Scan",
            R"j({"TableName": "Tab", "ScanFilter": {"a": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "5"}, {"N": "1"}]}}})j",
            QStringLiteral("The BETWEEN condition was provided a range where the lower bound is "
                           "greater than the upper bound"));
        row("empty value", "Scan",
            R"j({"TableName": "Tab", "ScanFilter": {"a": {"ComparisonOperator": "EQ", "AttributeValueList": [{}]}}})j",
            QStringLiteral("Supplied AttributeValue is empty, must contain exactly one of the "
                           "supported datatypes"));
        row("duplicate AttributesToGet", "Scan",
            R"j({"TableName": "Tab", "AttributesToGet": ["a", "b", "a"]})j",
            invalid("Duplicate value in attribute name: a"));
        row("duplicate AttributesToGet (GetItem)", "GetItem",
            R"j({"TableName": "Tab", "Key": {"pk": {"S": "p"}, "sk": {"N": "1"}}, "AttributesToGet": ["a", "a"]})j",
            invalid("Duplicate value in attribute name: a"));
        row("AttributesToGet with ALL_ATTRIBUTES", "Scan",
            R"j({"TableName": "Tab", "AttributesToGet": ["a"], "Select": "ALL_ATTRIBUTES"})j",
            QStringLiteral(
                "Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES"));
        row("AttributesToGet with COUNT", "Query",
            R"j({"TableName": "Tab", "AttributesToGet": ["a"], "Select": "COUNT", "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}}})j",
            QStringLiteral("1 validation error detected: Cannot specify the AttributesToGet when "
                           "choosing to get only the Count"));

        // §7.1 mixing.
        row("ScanFilter and FilterExpression", "Scan",
            R"j({"TableName": "Tab", "ScanFilter": {"a": {"ComparisonOperator": "NULL"}}, "FilterExpression": "attribute_exists(a)"})j",
            QStringLiteral("Can not use both expression and non-expression parameters in the same "
                           "request: Non-expression parameters: {ScanFilter} Expression "
                           "parameters: {FilterExpression}"));
        row("Query with everything", "Query",
            R"j({"TableName": "Tab", "AttributesToGet": ["a"], "QueryFilter": {"a": {"ComparisonOperator": "NULL"}}, "ConditionalOperator": "OR", "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}}, "ProjectionExpression": "a", "FilterExpression": "attribute_exists(a)", "KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "p"}}})j",
            QStringLiteral(
                "Can not use both expression and non-expression parameters in the same request: "
                "Non-expression parameters: {AttributesToGet, QueryFilter, ConditionalOperator, "
                "KeyConditions} Expression parameters: {ProjectionExpression, FilterExpression, "
                "KeyConditionExpression}"));
        row("UpdateItem with everything", "UpdateItem",
            R"j({"TableName": "Tab", "Key": {"pk": {"S": "p"}, "sk": {"N": "1"}}, "AttributeUpdates": {}, "Expected": {"a": {"Exists": false}}, "UpdateExpression": "REMOVE a", "ConditionExpression": "attribute_exists(a)"})j",
            QStringLiteral("Can not use both expression and non-expression parameters in the same "
                           "request: Non-expression parameters: {AttributeUpdates, Expected} "
                           "Expression parameters: {UpdateExpression, ConditionExpression}"));
        row("names without expressions", "Scan",
            R"j({"TableName": "Tab", "ScanFilter": {"a": {"ComparisonOperator": "NULL"}}, "ExpressionAttributeNames": {"\u0023a": "a"}})j",
            QStringLiteral(
                "ExpressionAttributeNames can only be specified when using expressions"));

        row("values without expressions", "Scan",
            R"j({"TableName": "Tab", "ScanFilter": {"a": {"ComparisonOperator": "NULL"}}, "ExpressionAttributeValues": {":a": {"S": "a"}}})j",
            QStringLiteral("ExpressionAttributeValues can only be specified when using "
                           "expressions: FilterExpression is null"));

        // Order: the legacy checks come before Scan's Segment checks and Query's
        // KeyConditions check (dynalite's validations/scan.js and query.js).
        row("ScanFilter before Segment", "Scan",
            R"j({"TableName": "Tab", "Segment": 1, "ScanFilter": {"a": {"ComparisonOperator": "EQ"}}})j",
            invalid("Invalid number of argument(s) for the EQ ComparisonOperator"));
        row("QueryFilter before KeyConditions", "Query",
            R"j({"TableName": "Tab", "QueryFilter": {"a": {"ComparisonOperator": "EQ"}}})j",
            invalid("Invalid number of argument(s) for the EQ ComparisonOperator"));
        row("AttributesToGet before KeyConditions", "Query",
            R"j({"TableName": "Tab", "AttributesToGet": ["a", "a"]})j",
            invalid("Duplicate value in attribute name: a"));
        row("AttributeUpdates before Expected", "UpdateItem",
            R"j({"TableName": "Tab", "Key": {"pk": {"S": "p"}, "sk": {"N": "1"}}, "AttributeUpdates": {"a": {"Action": "ADD", "Value": {"S": "x"}}}, "Expected": {"a": {}}})j",
            invalid("ADD action is not supported for the type S"));
        row("ReturnValues before Expected", "PutItem",
            R"j({"TableName": "Tab", "Item": {"pk": {"S": "p"}, "sk": {"N": "9"}}, "ReturnValues": "ALL_NEW", "Expected": {"a": {}}})j",
            QStringLiteral("ReturnValues can only be ALL_OLD or NONE"));
        row("Item before Expected", "PutItem",
            R"j({"TableName": "Tab", "Item": {"pk": {"S": "p"}, "sk": {"N": "9"}, "v": {"SS": ["x", "x"]}}, "Expected": {"a": {}}})j",
            invalid("Input collection [x, x] contains duplicates."));
        row("KeyConditions counted before the table", "Query",
            R"j({"TableName": "Nowhere", "KeyConditions": {}})j",
            QStringLiteral("Conditions can be of length 1 or 2 only"));

        // §7.2 KeyConditions.
        row("no hash condition", "Query",
            R"j({"TableName": "Tab", "KeyConditions": {"sk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "1"}]}}})j",
            QStringLiteral("Query condition missed key schema element: pk"));
        row("hash and a non-key", "Query",
            R"j({"TableName": "Tab", "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}, "c": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "x"}]}}})j",
            QStringLiteral("Query condition missed key schema element: sk"));
        row("hash not EQ", "Query",
            R"j({"TableName": "Tab", "KeyConditions": {"pk": {"ComparisonOperator": "GT", "AttributeValueList": [{"S": "p"}]}}})j",
            QStringLiteral("Query key condition not supported"));
        row("range NE", "Query",
            R"j({"TableName": "Tab", "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}, "sk": {"ComparisonOperator": "NE", "AttributeValueList": [{"N": "1"}]}}})j",
            QStringLiteral("Attempted conditional constraint is not an indexable operation"));
        row("range NULL", "Query",
            R"j({"TableName": "Tab", "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}, "sk": {"ComparisonOperator": "NULL"}}})j",
            QStringLiteral("Attempted conditional constraint is not an indexable operation"));
        row("three conditions", "Query",
            R"j({"TableName": "Tab", "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}, "sk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "1"}]}, "c": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "x"}]}}})j",
            QStringLiteral("Conditions can be of length 1 or 2 only"));
        row("two conditions on a hash table", "Query",
            R"j({"TableName": "Hash", "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}, "c": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "x"}]}}})j",
            QStringLiteral("Query key condition not supported"));
        row("hash of the wrong type", "Query",
            R"j({"TableName": "Tab", "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "1"}]}}})j",
            invalid("Condition parameter type does not match schema type"));
        row("QueryFilter on the sort key", "Query",
            R"j({"TableName": "Tab", "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}}, "QueryFilter": {"sk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "1"}]}}})j",
            QStringLiteral("QueryFilter can only contain non-primary key attributes: Primary key "
                           "attribute: sk"));

        // §7.2 Expected.
        row("Value missing, Exists null", "PutItem",
            R"j({"TableName": "Tab", "Item": {"pk": {"S": "p"}, "sk": {"N": "9"}}, "Expected": {"a": {}}})j",
            invalid("Value must be provided when Exists is null for Attribute: a"));
        row("Value missing, Exists true", "DeleteItem",
            R"j({"TableName": "Tab", "Key": {"pk": {"S": "p"}, "sk": {"N": "9"}}, "Expected": {"a": {"Exists": true}}})j",
            invalid("Value must be provided when Exists is true for Attribute: a"));
        row("Value with Exists false", "PutItem",
            R"j({"TableName": "Tab", "Item": {"pk": {"S": "p"}, "sk": {"N": "9"}}, "Expected": {"a": {"Exists": false, "Value": {"S": "x"}}}})j",
            invalid("Value cannot be used when Exists is false for Attribute: a"));
        row("operator without values", "PutItem",
            R"j({"TableName": "Tab", "Item": {"pk": {"S": "p"}, "sk": {"N": "9"}}, "Expected": {"a": {"ComparisonOperator": "LT"}}})j",
            invalid("Value or AttributeValueList must be used with ComparisonOperator: LT for "
                    "Attribute: a"));
        row("Exists and operator", "PutItem",
            R"j({"TableName": "Tab", "Item": {"pk": {"S": "p"}, "sk": {"N": "9"}}, "Expected": {"a": {"Exists": true, "ComparisonOperator": "NULL"}}})j",
            invalid("Exists and ComparisonOperator cannot be used together for Attribute: a"));
        row("Value and AttributeValueList", "PutItem",
            R"j({"TableName": "Tab", "Item": {"pk": {"S": "p"}, "sk": {"N": "9"}}, "Expected": {"a": {"ComparisonOperator": "EQ", "Value": {"S": "x"}, "AttributeValueList": [{"S": "x"}]}}})j",
            invalid("Value and AttributeValueList cannot be used together for Attribute: a"));
        row("AttributeValueList without operator", "PutItem",
            R"j({"TableName": "Tab", "Item": {"pk": {"S": "p"}, "sk": {"N": "9"}}, "Expected": {"a": {"AttributeValueList": [{"S": "x"}]}}})j",
            invalid("AttributeValueList can only be used with a ComparisonOperator for "
                    "Attribute: a"));
        row("Expected IN of mixed types", "PutItem",
            R"j({"TableName": "Tab", "Item": {"pk": {"S": "p"}, "sk": {"N": "9"}}, "Expected": {"a": {"ComparisonOperator": "IN", "AttributeValueList": [{"S": "x"}, {"N": "1"}]}}})j",
            invalid("AttributeValues inside AttributeValueList must be of same type"));
        row("ConditionalOperator without Expected", "PutItem",
            R"j({"TableName": "Tab", "Item": {"pk": {"S": "p"}, "sk": {"N": "9"}}, "ConditionalOperator": "OR"})j",
            QStringLiteral("ConditionalOperator cannot be used without Filter or Expected"));
        row("Expected and ConditionExpression", "DeleteItem",
            R"j({"TableName": "Tab", "Key": {"pk": {"S": "p"}, "sk": {"N": "9"}}, "Expected": {"a": {"Exists": false}}, "ConditionExpression": "attribute_exists(a)"})j",
            QStringLiteral("Can not use both expression and non-expression parameters in the same "
                           "request: Non-expression parameters: {Expected} Expression parameters: "
                           "{ConditionExpression}"));

        // §7.2 AttributeUpdates.
        row("PUT without value", "UpdateItem",
            R"j({"TableName": "Tab", "Key": {"pk": {"S": "p"}, "sk": {"N": "1"}}, "AttributeUpdates": {"a": {"Action": "PUT"}}})j",
            invalid("Only DELETE action is allowed when no attribute value is specified"));
        row("DELETE of a string", "UpdateItem",
            R"j({"TableName": "Tab", "Key": {"pk": {"S": "p"}, "sk": {"N": "1"}}, "AttributeUpdates": {"a": {"Action": "DELETE", "Value": {"S": "x"}}}})j",
            invalid("DELETE action with value is not supported for the type S"));
        row("ADD of a string", "UpdateItem",
            R"j({"TableName": "Tab", "Key": {"pk": {"S": "p"}, "sk": {"N": "1"}}, "AttributeUpdates": {"a": {"Action": "ADD", "Value": {"S": "x"}}}})j",
            invalid("ADD action is not supported for the type S"));
        row("ADD of a binary", "UpdateItem",
            R"j({"TableName": "Tab", "Key": {"pk": {"S": "p"}, "sk": {"N": "1"}}, "AttributeUpdates": {"a": {"Action": "ADD", "Value": {"B": "AAEC"}}}})j",
            invalid("ADD action is not supported for the type B"));
        row("PUT of a key attribute", "UpdateItem",
            R"j({"TableName": "Tab", "Key": {"pk": {"S": "p"}, "sk": {"N": "1"}}, "AttributeUpdates": {"sk": {"Action": "PUT", "Value": {"N": "2"}}}})j",
            invalid("Cannot update attribute sk. This attribute is part of the key"));
        row("DELETE of a key attribute", "UpdateItem",
            R"j({"TableName": "Tab", "Key": {"pk": {"S": "p"}, "sk": {"N": "1"}}, "AttributeUpdates": {"pk": {"Action": "DELETE"}}})j",
            invalid("Cannot update attribute pk. This attribute is part of the key"));
        row("ADD a number to a string", "UpdateItem",
            R"j({"TableName": "Tab", "Key": {"pk": {"S": "p"}, "sk": {"N": "1"}}, "AttributeUpdates": {"s": {"Action": "ADD", "Value": {"N": "1"}}}})j",
            QStringLiteral("Type mismatch for attribute to update"));
        row("DELETE a number set from a string set", "UpdateItem",
            R"j({"TableName": "Tab", "Key": {"pk": {"S": "p"}, "sk": {"N": "1"}}, "AttributeUpdates": {"ss": {"Action": "DELETE", "Value": {"NS": ["1"]}}}})j",
            QStringLiteral("Type mismatch for attribute to update"));
    }

    void validationTexts() {
        QFETCH(QByteArray, op);
        QFETCH(QByteArray, request);
        QFETCH(QString, message);
        auto r = shared_->call(op.toStdString(), J(request.toStdString()));
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error->type), QStringLiteral("ValidationException"));
        QCOMPARE(QString::fromStdString(r.error->message), message);
    }
};

QTEST_APPLESS_MAIN(TstLegacyValidation)
#include "tst_legacy_validation.moc"
