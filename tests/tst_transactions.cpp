// TransactWriteItems and TransactGetItems: all or nothing, the service's order of checks,
// cancellation reasons and texts, ClientRequestToken idempotency on engine time (a
// ManualClock), doubled capacity, and the indexes and stream a transaction writes.
//
// Behaviour: ../shared/reference/dynamodb-data-plane.md §2 (Alternator's and moto's tests
// run against the service; wire bodies captured from the service).

#include <QTest>

#include "engine_fixture.h"

using tablespan::Json;

namespace {
Json key(const std::string& id) {
    return {{"id", {{"S", id}}}};
}

Json account(const std::string& id, int balance) {
    return {{"id", {{"S", id}}}, {"balance", {{"N", std::to_string(balance)}}}};
}

// Moves `amount` from one account to another if the first has enough.
Json transfer(const std::string& from, const std::string& to, int amount) {
    const Json n = {{"N", std::to_string(amount)}};
    return {{"TransactItems",
             Json::array({{{"Update",
                            {{"TableName", "Accounts"},
                             {"Key", key(from)},
                             {"UpdateExpression", "SET balance = balance - :n"},
                             {"ConditionExpression", "balance >= :n"},
                             {"ExpressionAttributeValues", {{":n", n}}},
                             {"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}}}},
                          {{"Update",
                            {{"TableName", "Accounts"},
                             {"Key", key(to)},
                             {"UpdateExpression", "SET balance = balance + :n"},
                             {"ConditionExpression", "attribute_exists(id)"},
                             {"ExpressionAttributeValues", {{":n", n}}}}}}})}};
}
}  // namespace

class TestTransactions : public QObject {
    Q_OBJECT

    TestEngine t;

    int balance(const std::string& id) {
        Json got = t.ok("GetItem", {{"TableName", "Accounts"}, {"Key", key(id)}});
        return got.contains("Item") ? std::stoi(got["Item"]["balance"]["N"].get<std::string>())
                                    : -1;
    }

    tablespan::Error error_of(const std::string& op, const Json& request) {
        auto r = t.call(op, request);
        if (r.ok()) {
            QTest::qFail("the request succeeded", __FILE__, __LINE__);
            return {};
        }
        return *r.error;
    }

private slots:
    void init() {
        t.reopen();
        t.ok("CreateTable", J(R"({"TableName": "Accounts", "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                                     {"AttributeName": "owner", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "GlobalSecondaryIndexes": [{"IndexName": "byOwner",
                "KeySchema": [{"AttributeName": "owner", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"}}],
            "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "NEW_IMAGE"}})"));
        t.engine->advance(60'000);
    }
    void cleanup() {
        const Json names = t.ok("ListTables", Json::object())["TableNames"];
        for (const auto& name : names) t.ok("DeleteTable", {{"TableName", name}});
        t.engine->advance(60'000);
    }

    void aTransferCommitsWhole() {
        t.ok("PutItem", {{"TableName", "Accounts"}, {"Item", account("a", 100)}});
        t.ok("PutItem", {{"TableName", "Accounts"}, {"Item", account("b", 5)}});
        JCOMPARE(t.ok("TransactWriteItems", transfer("a", "b", 30)), Json::object());
        QCOMPARE(balance("a"), 70);
        QCOMPARE(balance("b"), 35);
    }

    void aFailedConditionCancelsEverything() {
        t.ok("PutItem", {{"TableName", "Accounts"}, {"Item", account("a", 10)}});
        t.ok("PutItem", {{"TableName", "Accounts"}, {"Item", account("b", 5)}});
        auto e = error_of("TransactWriteItems", transfer("a", "b", 30));
        QCOMPARE(QString::fromStdString(e.type), QStringLiteral("TransactionCanceledException"));
        QCOMPARE(QString::fromStdString(e.message),
                 QStringLiteral("Transaction cancelled, please refer cancellation reasons for "
                                "specific reasons [ConditionalCheckFailed, None]"));
        JCOMPARE(e.extra["CancellationReasons"],
                 Json::array({{{"Code", "ConditionalCheckFailed"},
                               {"Message", "The conditional request failed"},
                               {"Item", account("a", 10)}},
                              {{"Code", "None"}}}));
        QCOMPARE(balance("a"), 10);
        QCOMPARE(balance("b"), 5);
        // Every failed condition is reported; a missing item carries no Item.
        e = error_of("TransactWriteItems", J(R"j({"TransactItems": [
            {"ConditionCheck": {"TableName": "Accounts", "Key": {"id": {"S": "a"}},
                                "ConditionExpression": "balance > :big",
                                "ExpressionAttributeValues": {":big": {"N": "1000"}}}},
            {"Put": {"TableName": "Accounts", "Item": {"id": {"S": "c"}}}},
            {"ConditionCheck": {"TableName": "Accounts", "Key": {"id": {"S": "nobody"}},
                                "ConditionExpression": "attribute_exists(id)",
                                "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}]})j"));
        QCOMPARE(QString::fromStdString(e.message),
                 QStringLiteral("Transaction cancelled, please refer cancellation reasons for "
                                "specific reasons [ConditionalCheckFailed, None, "
                                "ConditionalCheckFailed]"));
        QVERIFY(!e.extra["CancellationReasons"][2].contains("Item"));
        QCOMPARE(balance("c"), -1);
        // Crediting an account that does not exist: the update itself fails, an item-level
        // error (the service's text, GH aws/aws-sdk-net#1292).
        e = error_of("TransactWriteItems", transfer("a", "nobody", 5));
        JCOMPARE(e.extra["CancellationReasons"],
                 J(R"([{"Code": "None"}, {"Code": "ValidationError", "Message":
                        "The provided expression refers to an attribute that does not exist in the item"}])"));
        QCOMPARE(balance("a"), 10);
        QCOMPARE(balance("nobody"), -1);
    }

    void anItemErrorIsTheOnlyReason() {
        // ALT: only the first item-level error is reported; the condition that would
        // fail in the first action shows None.
        t.ok("PutItem", {{"TableName", "Accounts"}, {"Item", account("a", 10)}});
        Json request = transfer("a", "b", 30);
        request["TransactItems"][1]["Update"]["Key"] = {{"id", {{"N", "1"}}}};
        auto e = error_of("TransactWriteItems", request);
        QCOMPARE(QString::fromStdString(e.type), QStringLiteral("TransactionCanceledException"));
        JCOMPARE(e.extra["CancellationReasons"][0], Json({{"Code", "None"}}));
        QCOMPARE(e.extra["CancellationReasons"][1]["Code"].get<std::string>(),
                 std::string("ValidationError"));
        QCOMPARE(e.extra["CancellationReasons"][1]["Message"].get<std::string>(),
                 std::string("The provided key element does not match the schema"));
    }

    void requestProblemsFailTheWholeRequest_data() {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QString>("message");
        QTest::newRow("same item twice")
            << QByteArray(R"j({"TransactItems": [
                {"ConditionCheck": {"TableName": "Accounts", "Key": {"id": {"S": "a"}},
                                    "ConditionExpression": "attribute_exists(id)"}},
                {"Delete": {"TableName": "Accounts", "Key": {"id": {"S": "a"}}}}]})j")
            << QStringLiteral("Transaction request cannot include multiple operations on one item");
        QTest::newRow("two actions in one")
            << QByteArray(R"({"TransactItems": [
                {"Delete": {"TableName": "Accounts", "Key": {"id": {"S": "a"}}},
                 "Put": {"TableName": "Accounts", "Item": {"id": {"S": "a"}}}}]})")
            << QStringLiteral("TransactItems can only contain one of Check, Put, Update or Delete");
        QTest::newRow("unused name")
            << QByteArray(R"j({"TransactItems": [
                {"Put": {"TableName": "Accounts", "Item": {"id": {"S": "a"}},
                         "ConditionExpression": "attribute_not_exists(id)",
                         "ExpressionAttributeNames": {"\u0023count": "count"}}}]})j")
            << QStringLiteral("Value provided in ExpressionAttributeNames unused in expressions: "
                              "keys: {\u0023count}");
        QTest::newRow("no actions") << QByteArray(R"({"TransactItems": []})")
                                    << QStringLiteral("*");
    }
    void requestProblemsFailTheWholeRequest() {
        QFETCH(QByteArray, request);
        QFETCH(QString, message);
        auto e = error_of("TransactWriteItems", J(request.toStdString()));
        QCOMPARE(QString::fromStdString(e.type), QStringLiteral("ValidationException"));
        if (message != QStringLiteral("*")) QCOMPARE(QString::fromStdString(e.message), message);
        QVERIFY(!e.extra.contains("CancellationReasons"));
    }

    void aTokenReplaysTheFirstAnswerForTenMinutes() {
        t.ok("PutItem", {{"TableName", "Accounts"}, {"Item", account("a", 100)}});
        t.ok("PutItem", {{"TableName", "Accounts"}, {"Item", account("b", 0)}});
        Json request = transfer("a", "b", 10);
        request["ClientRequestToken"] = "transfer-1";
        t.ok("TransactWriteItems", request);
        t.engine->advance(9 * 60 * 1000);
        t.ok("TransactWriteItems", request);  // replayed: nothing moves again
        QCOMPARE(balance("a"), 90);
        Json other = transfer("a", "b", 20);
        other["ClientRequestToken"] = "transfer-1";
        QCOMPARE(QString::fromStdString(error_of("TransactWriteItems", other).type),
                 QStringLiteral("IdempotentParameterMismatchException"));
        t.reopen();  // tokens are stored with their transaction
        t.ok("TransactWriteItems", request);
        QCOMPARE(balance("a"), 90);
        t.engine->advance(60 * 1000 + 1);
        t.ok("TransactWriteItems", other);  // the token has expired: a new transaction
        QCOMPARE(balance("a"), 70);
        QCOMPARE(balance("b"), 30);
    }

    void capacityIsDoubled() {
        t.ok("PutItem", {{"TableName", "Accounts"}, {"Item", account("a", 100)}});
        t.ok("PutItem", {{"TableName", "Accounts"}, {"Item", account("b", 0)}});
        Json request = transfer("a", "b", 10);
        request["ReturnConsumedCapacity"] = "TOTAL";
        JCOMPARE(t.ok("TransactWriteItems", request)["ConsumedCapacity"],
                 J(R"([{"TableName": "Accounts", "CapacityUnits": 4.0}])"));
        Json get = J(R"({"ReturnConsumedCapacity": "TOTAL", "TransactItems": [
            {"Get": {"TableName": "Accounts", "Key": {"id": {"S": "a"}}}},
            {"Get": {"TableName": "Accounts", "Key": {"id": {"S": "zz"}},
                     "ProjectionExpression": "balance"}}]})");
        Json got = t.ok("TransactGetItems", get);
        JCOMPARE(got["Responses"], Json::array({{{"Item", account("a", 90)}}, Json::object()}));
        JCOMPARE(got["ConsumedCapacity"], J(R"([{"TableName": "Accounts", "CapacityUnits": 4.0}])"));
    }

    void aReplicaSeesATransactionItemByItem() {
        // ACID in the region that runs it; its writes replicate as individual changes, so
        // another region can see part of it (dynamodb-semantics.md §3.2). Two tables: each
        // ships on its own link, with its own pipeline delay. (An engine of its own: a
        // replica's source cannot be deleted for 24 hours, so cleanup() could not.)
        TestEngine g;
        for (const char* table : {"Orders", "Payments"}) {
            g.ok("CreateTable", {{"TableName", table},
                                 {"BillingMode", "PAY_PER_REQUEST"},
                                 {"AttributeDefinitions", J(R"([{"AttributeName": "id", "AttributeType": "S"}])")},
                                 {"KeySchema", J(R"([{"AttributeName": "id", "KeyType": "HASH"}])")}});
            g.engine->advance(60'000);
            g.ok("UpdateTable", {{"TableName", table},
                                 {"ReplicaUpdates", J(R"([{"Create": {"RegionName": "eu-west-1"}}])")}});
        }
        for (int i = 0; i < 120; ++i) g.engine->advance(1'000);
        g.ok("TransactWriteItems", J(R"({"TransactItems": [
            {"Put": {"TableName": "Orders", "Item": {"id": {"S": "o1"}}}},
            {"Put": {"TableName": "Payments", "Item": {"id": {"S": "p1"}}}}]})"));
        auto in_dublin = [&](const char* table, const char* id) {
            return g.ok("GetItem", {{"TableName", table}, {"Key", key(id)}}, "eu-west-1")
                .contains("Item");
        };
        bool partial = false;
        for (int ms = 0; ms < 5'000 && !(in_dublin("Orders", "o1") && in_dublin("Payments", "p1"));
             ++ms) {
            partial = partial || in_dublin("Orders", "o1") != in_dublin("Payments", "p1");
            g.engine->advance(1);
        }
        QVERIFY(in_dublin("Orders", "o1") && in_dublin("Payments", "p1"));
        QVERIFY2(partial, "Dublin never showed half of the transaction");
    }

    void indexesAndStreamSeeTheWholeTransaction() {
        Json request = J(R"({"TransactItems": [
            {"Put": {"TableName": "Accounts",
                     "Item": {"id": {"S": "a"}, "owner": {"S": "ann"}, "balance": {"N": "1"}}}},
            {"Put": {"TableName": "Accounts",
                     "Item": {"id": {"S": "b"}, "owner": {"S": "ann"}, "balance": {"N": "2"}}}}]})");
        t.ok("TransactWriteItems", request);
        Json q = t.ok("Query", J(R"({"TableName": "Accounts", "IndexName": "byOwner",
            "KeyConditionExpression": "\u0023o = :o", "ExpressionAttributeNames": {"\u0023o": "owner"},
            "ExpressionAttributeValues": {":o": {"S": "ann"}}})"));
        QCOMPARE(q["Count"].get<int>(), 2);
        const std::string arn =
            t.ok("DescribeTable", {{"TableName", "Accounts"}})["Table"]["LatestStreamArn"];
        const Json shard = t.ok("DescribeStream", {{"StreamArn", arn}})["StreamDescription"]["Shards"][0];
        const std::string it = t.ok("GetShardIterator", {{"StreamArn", arn},
                                                         {"ShardId", shard["ShardId"]},
                                                         {"ShardIteratorType", "TRIM_HORIZON"}})
                                   ["ShardIterator"];
        Json records = t.ok("GetRecords", {{"ShardIterator", it}})["Records"];
        QCOMPARE(records.size(), 2u);
        // A cancelled transaction leaves no record and no entry.
        request["TransactItems"][0]["Put"]["ConditionExpression"] = "attribute_not_exists(id)";
        request["TransactItems"][0]["Put"]["Item"]["id"]["S"] = "c";
        request["TransactItems"][1]["Put"]["ConditionExpression"] = "attribute_not_exists(id)";
        error_of("TransactWriteItems", request);
        QCOMPARE(t.ok("GetRecords", {{"ShardIterator", it}})["Records"].size(), 2u);
        QCOMPARE(balance("c"), -1);
    }
};

QTEST_APPLESS_MAIN(TestTransactions)
#include "tst_transactions.moc"
