// BatchExecuteStatement and ExecuteTransaction: a batch answers each statement on its
// own (HTTP 200, an Error per failed statement); a transaction of statements is all or
// nothing, with cancellation reasons in statement order, ClientRequestToken replays, and
// EXISTS(SELECT …) as a condition.
//
// Behaviour: ../shared/reference/dynamodb-data-plane.md §6.3; DynamoDB Local's
// recordings (xo/dbimp's dynamodb notes) and its TransactionProcessor (decompiled in
// public repositories) for the texts the reference leaves open.

#include <QTest>

#include "engine_fixture.h"

using tablespan::Json;

class TestPartiqlStatements : public QObject {
    Q_OBJECT

    TestEngine t;

    static Json statement(const std::string& text) { return {{"Statement", text}}; }

    Json balance(const std::string& id) {
        Json got = t.ok("GetItem", {{"TableName", "Accounts"}, {"Key", {{"id", {{"S", id}}}}}});
        return got.contains("Item") ? got["Item"]["balance"] : Json();
    }

private slots:
    void init() {
        t.reopen();
        t.create_table("Accounts", "id", "S");
        for (const char* id : {"a", "b"})
            t.ok("PutItem", {{"TableName", "Accounts"},
                             {"Item", {{"id", {{"S", id}}}, {"balance", {{"N", "100"}}}}}});
    }
    void cleanup() {
        const Json names = t.ok("ListTables", Json::object())["TableNames"];
        for (const auto& name : names) t.ok("DeleteTable", {{"TableName", name}});
        t.engine->advance(60'000);
    }

    void aBatchAnswersEachStatement() {
        Json got = t.ok(
            "BatchExecuteStatement",
            {{"Statements",
              Json::array({statement("UPDATE Accounts SET balance = balance - 10 WHERE id = 'a'"),
                           statement("INSERT INTO Accounts VALUE {'id': 'b'}"),
                           statement("UPDATE Accounts SET balance = 1 WHERE id = 'zz'"),
                           statement("INSERT INTO Nowhere VALUE {'id': 'x'}"),
                           statement("INSERT INTO Accounts VALUES {'id': 'x'}"),
                           statement("DELETE FROM Accounts WHERE id = 'b'")})}});
        JCOMPARE(got["Responses"], J(R"([
            {"TableName": "Accounts"},
            {"TableName": "Accounts", "Error": {"Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"}},
            {"TableName": "Accounts", "Error": {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"}},
            {"Error": {"Code": "ResourceNotFound", "Message": "Requested resource not found"}},
            {"Error": {"Code": "ValidationError", "Message": "Statement wasn't well formed, can't be processed: Unexpected keyword at line 1, column 22"}},
            {"TableName": "Accounts"}])"));
        JCOMPARE(balance("a"), J(R"({"N": "90"})"));
        QVERIFY(balance("b").is_null());
    }

    void aBatchReadNamesWholeKeys() {
        Json got = t.ok("BatchExecuteStatement",
                        {{"Statements",
                          Json::array({statement("SELECT balance FROM Accounts WHERE id = 'a'"),
                                       statement("SELECT * FROM Accounts WHERE id = 'none'"),
                                       statement("SELECT * FROM Accounts WHERE balance = 100")})}});
        JCOMPARE(got["Responses"], J(R"([
            {"TableName": "Accounts", "Item": {"balance": {"N": "100"}}},
            {"TableName": "Accounts"},
            {"TableName": "Accounts", "Error": {"Code": "ValidationError",
             "Message": "Select statements within BatchExecuteStatement must specify the primary key in the where clause."}}])"));
        auto mixed = t.call(
            "BatchExecuteStatement",
            {{"Statements", Json::array({statement("SELECT * FROM Accounts WHERE id = 'a'"),
                                         statement("DELETE FROM Accounts WHERE id = 'a'")})}});
        QVERIFY(!mixed.ok());
        QCOMPARE(mixed.error->type, std::string("ValidationException"));
    }

    void aTransactionIsAllOrNothing() {
        Json transfer = {
            {"TransactStatements",
             Json::array(
                 {{{"Statement",
                    "UPDATE Accounts SET balance = balance - ? WHERE id = 'a' AND balance >= ?"},
                   {"Parameters", J(R"([{"N": "30"}, {"N": "30"}])")}},
                  {{"Statement", "UPDATE Accounts SET balance = balance + ? WHERE id = 'b'"},
                   {"Parameters", J(R"([{"N": "30"}])")}},
                  statement("INSERT INTO Accounts VALUE {'id': 'log1', 'amount': 30}")})}};
        JCOMPARE(t.ok("ExecuteTransaction", transfer), Json::object());
        JCOMPARE(balance("a"), J(R"({"N": "70"})"));
        JCOMPARE(balance("b"), J(R"({"N": "130"})"));
        // The same log entry again, and more than a has: nothing changes; the reasons
        // come in statement order, an INSERT's as DynamoDB Local words it.
        transfer["TransactStatements"][0]["Parameters"] = J(R"([{"N": "500"}, {"N": "500"}])");
        transfer["TransactStatements"][0]["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD";
        auto r = t.call("ExecuteTransaction", transfer);
        QVERIFY(!r.ok());
        QCOMPARE(r.error->type, std::string("TransactionCanceledException"));
        QCOMPARE(r.error->message,
                 std::string("Transaction cancelled, please refer cancellation reasons for "
                             "specific reasons [ConditionalCheckFailed, None, ValidationError]"));
        JCOMPARE(r.error->extra["CancellationReasons"], J(R"([
            {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed",
             "Item": {"id": {"S": "a"}, "balance": {"N": "70"}}},
            {"Code": "None"},
            {"Code": "ValidationError", "Message": "Duplicate primary key exists in table"}])"));
        JCOMPARE(balance("a"), J(R"({"N": "70"})"));
        JCOMPARE(balance("b"), J(R"({"N": "130"})"));
    }

    void existsIsACondition() {
        Json request = {
            {"TransactStatements",
             Json::array(
                 {statement("EXISTS(SELECT * FROM Accounts WHERE id = 'a' AND balance > 1000)"),
                  statement("DELETE FROM Accounts WHERE id = 'b'")})}};
        auto r = t.call("ExecuteTransaction", request);
        QVERIFY(!r.ok());
        JCOMPARE(r.error->extra["CancellationReasons"][0]["Code"], "ConditionalCheckFailed");
        QVERIFY(!balance("b").is_null());
        request["TransactStatements"][0] =
            statement("EXISTS(SELECT * FROM Accounts WHERE id = 'a' AND balance > 10)");
        t.ok("ExecuteTransaction", request);
        QVERIFY(balance("b").is_null());
    }

    void aReadTransactionReturnsEachItem() {
        Json got = t.ok("ExecuteTransaction",
                        {{"TransactStatements",
                          Json::array({statement("SELECT balance FROM Accounts WHERE id = 'a'"),
                                       statement("SELECT * FROM Accounts WHERE id = 'nobody'")})}});
        JCOMPARE(got["Responses"], J(R"([{"Item": {"balance": {"N": "100"}}}, {}])"));
    }

    void transactionErrors_data() {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("message");
        const QString ok = QStringLiteral("DELETE FROM Accounts WHERE id = 'b'");
        QTest::newRow("read and write")
            << "SELECT * FROM Accounts WHERE id = 'a'" << ok << "ValidationException"
            << "ExecuteTransaction API does not support both read and write operations in the same "
               "request.";
        QTest::newRow("returning") << "UPDATE Accounts SET x = 1 WHERE id = 'a' RETURNING ALL NEW *"
                                   << ok << "ValidationException"
                                   << "Validation failed in TransactStatements[0]: RETURNING "
                                      "clause is not supported in ExecuteTransaction.";
        QTest::newRow("read without key")
            << "SELECT * FROM Accounts WHERE id = 'a'"
            << "SELECT * FROM Accounts WHERE balance = 1"
            << "ValidationException"
            << "Validation failed in TransactStatements[1]: Select statements within "
               "ExecuteTransaction must specify the primary key in the where clause.";
        QTest::newRow("unknown table")
            << "DELETE FROM Nope WHERE id = 'a'" << ok << "ResourceNotFoundException"
            << "Requested resource not found";
        QTest::newRow("key type") << ok << "DELETE FROM Accounts WHERE id = 1"
                                  << "TransactionCanceledException"
                                  << "Transaction cancelled, please refer cancellation reasons for "
                                     "specific reasons [None, ValidationError]";
        QTest::newRow("one item twice")
            << ok << "UPDATE Accounts SET x = 1 WHERE id = 'b'"
            << "ValidationException"
            << "Transaction request cannot include multiple operations on one item";
    }
    void transactionErrors() {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(QString, type);
        QFETCH(QString, message);
        auto r = t.call("ExecuteTransaction",
                        {{"TransactStatements", Json::array({statement(first.toStdString()),
                                                             statement(second.toStdString())})}});
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error->type), type);
        QCOMPARE(QString::fromStdString(r.error->message), message);
        QVERIFY(!balance("b").is_null());
    }

    void requestsNameTheirStatementsTables() {
        // Activity lists a statement under the table it names, a batch or transaction
        // under each of its tables, once.
        std::vector<std::string> tables;
        const int id = t.engine->events().subscribe([&](const tablespan::EngineEvent& e) {
            if (auto* r = std::get_if<tablespan::RequestCompleted>(&e)) tables.push_back(r->table);
        });
        t.ok("ExecuteStatement", statement(R"(SELECT * FROM "Accounts" WHERE id = 'a')"));
        QCOMPARE(tables.back(), std::string("Accounts"));
        t.create_table("Orders", "id", "S");
        tables.clear();
        t.ok("BatchExecuteStatement",
             {{"Statements", Json::array({statement("UPDATE Orders SET x = 1 WHERE id = 'o'"),
                                          statement("INSERT INTO Accounts VALUE {'id': 'c'}"),
                                          statement("DELETE FROM Orders WHERE id = 'p'")})}});
        t.ok("ExecuteTransaction",
             {{"TransactStatements",
               Json::array({statement("SELECT * FROM Accounts WHERE id = 'a'")})}});
        t.ok("TransactWriteItems", J(R"j({"TransactItems": [
            {"Put": {"TableName": "Orders", "Item": {"id": {"S": "o"}}}},
            {"ConditionCheck": {"TableName": "Accounts", "Key": {"id": {"S": "a"}},
                                "ConditionExpression": "attribute_exists(id)"}},
            {"Delete": {"TableName": "Orders", "Key": {"id": {"S": "p"}}}}]})j"));
        t.engine->events().unsubscribe(id);
        QCOMPARE(tables,
                 (std::vector<std::string>{"Orders, Accounts", "Accounts", "Orders, Accounts"}));
    }

    void aTokenReplaysTheFirstAnswer() {
        Json request = {
            {"ClientRequestToken", "once"},
            {"TransactStatements",
             Json::array({statement("UPDATE Accounts SET balance = balance + 1 WHERE id = 'a'")})}};
        t.ok("ExecuteTransaction", request);
        t.ok("ExecuteTransaction", request);
        JCOMPARE(balance("a"), J(R"({"N": "101"})"));
        request["TransactStatements"][0] =
            statement("UPDATE Accounts SET balance = balance + 2 WHERE id = 'a'");
        auto r = t.call("ExecuteTransaction", request);
        QVERIFY(!r.ok());
        QCOMPARE(r.error->type, std::string("IdempotentParameterMismatchException"));
    }
};

QTEST_GUILESS_MAIN(TestPartiqlStatements)
#include "tst_partiql_statements.moc"
