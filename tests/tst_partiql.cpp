// ExecuteStatement: SELECT as Query or Scan with the same results as the expression API,
// INSERT / UPDATE / DELETE with the service's existence rules and RETURNING, `?`
// parameters, paging by NextToken, ORDER BY, indexes, global tables and a restart.
//
// Behaviour: ../shared/reference/dynamodb-data-plane.md §6; DynamoDB Local's recorded
// answers (xo/dbimp's dynamodb notes) and an SDK suite characterised against the service
// in eu-west-2 (RETURNING, DELETE of a missing item), both quoted in the comments below.

#include <QTest>

#include <algorithm>

#include "engine_fixture.h"

using tablespan::Json;

namespace {
// Items sorted by their serialised form, so results compare whatever order they came in.
Json sorted(Json items) {
    std::sort(items.begin(), items.end(),
              [](const Json& a, const Json& b) { return a.dump() < b.dump(); });
    return items;
}
}  // namespace

class TestPartiql : public QObject {
    Q_OBJECT

    TestEngine t;

    Json run(const std::string& statement, const Json& parameters = nullptr,
             const std::string& region = "us-west-2") {
        Json request = {{"Statement", statement}};
        if (!parameters.is_null()) request["Parameters"] = parameters;
        return t.ok("ExecuteStatement", request, region);
    }
    tablespan::Error error_of(const std::string& statement, const Json& parameters = nullptr) {
        Json request = {{"Statement", statement}};
        if (!parameters.is_null()) request["Parameters"] = parameters;
        auto r = t.call("ExecuteStatement", request);
        if (r.ok()) {
            QTest::qFail(("succeeded: " + statement).c_str(), __FILE__, __LINE__);
            return {};
        }
        return *r.error;
    }
    // Every page of a statement, following NextToken.
    Json all_pages(const std::string& statement, int limit, int* pages = nullptr) {
        Json items = Json::array();
        Json request = {{"Statement", statement}, {"Limit", limit}};
        int n = 0;
        for (;;) {
            Json page = t.ok("ExecuteStatement", request);
            ++n;
            for (const auto& i : page["Items"]) items.push_back(i);
            if (!page.contains("NextToken")) break;
            request["NextToken"] = page["NextToken"];
            if (n > 1000) break;
        }
        if (pages) *pages = n;
        return items;
    }

private slots:
    void init() {
        t.reopen();
        t.ok("CreateTable", J(R"({"TableName": "Music", "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": "Artist", "AttributeType": "S"},
                                     {"AttributeName": "SongTitle", "AttributeType": "S"},
                                     {"AttributeName": "Genre", "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": "Artist", "KeyType": "HASH"},
                          {"AttributeName": "SongTitle", "KeyType": "RANGE"}],
            "GlobalSecondaryIndexes": [{"IndexName": "byGenre",
                "KeySchema": [{"AttributeName": "Genre", "KeyType": "HASH"}],
                "Projection": {"ProjectionType": "ALL"}}]})"));
        t.engine->advance(60'000);
        const char* artists[] = {"Acme Band", "No One You Know", "The Pigeons"};
        for (int a = 0; a < 3; ++a)
            for (int s = 0; s < 4; ++s) {
                Json item = {{"Artist", {{"S", artists[a]}}},
                             {"SongTitle", {{"S", "Song " + std::to_string(s)}}},
                             {"Year", {{"N", std::to_string(2000 + s * 3 + a)}}},
                             {"Tags", {{"SS", Json::array({"live", s % 2 ? "odd" : "even"})}}}};
                if (s != 3) item["Genre"] = {{"S", s % 2 ? "Rock" : "Pop"}};
                t.ok("PutItem", {{"TableName", "Music"}, {"Item", item}});
            }
    }
    void cleanup() {
        const Json names = t.ok("ListTables", Json::object())["TableNames"];
        for (const auto& name : names) t.ok("DeleteTable", {{"TableName", name}});
        t.engine->advance(60'000);
    }

    void selectsMatchTheExpressionApi_data() {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("request");
        // Query when WHERE pins the partition key with = or IN, or an OR of equalities;
        // otherwise a Scan (DG:ql-reference.select, quoted in the reference §6.2).
        QTest::newRow("partition")
            << R"(SELECT * FROM "Music" WHERE Artist = 'Acme Band')"
            << "Query"
            << R"j({"KeyConditionExpression": "Artist = :a", "ExpressionAttributeValues": {":a": {"S": "Acme Band"}}})j";
        QTest::newRow("sort range")
            << R"(SELECT * FROM Music WHERE Artist = 'Acme Band' AND SongTitle BETWEEN 'Song 1' AND 'Song 2')"
            << "Query"
            << R"j({"KeyConditionExpression": "Artist = :a AND SongTitle BETWEEN :l AND :h", "ExpressionAttributeValues": {":a": {"S": "Acme Band"}, ":l": {"S": "Song 1"}, ":h": {"S": "Song 2"}}})j";
        QTest::newRow("begins_with and filter")
            << R"(SELECT * FROM Music WHERE Artist = 'The Pigeons' AND begins_with(SongTitle, 'Song') AND "Year" > 2005)"
            << "Query"
            << R"j({"KeyConditionExpression": "Artist = :a AND begins_with(SongTitle, :p)", "FilterExpression": "\u0023y > :y", "ExpressionAttributeNames": {"\u0023y": "Year"}, "ExpressionAttributeValues": {":a": {"S": "The Pigeons"}, ":p": {"S": "Song"}, ":y": {"N": "2005"}}})j";
        QTest::newRow("non-key scan")
            << R"(SELECT * FROM Music WHERE "Year" >= 2006 AND contains(Tags, 'odd'))"
            << "Scan"
            << R"j({"FilterExpression": "\u0023y >= :y AND contains(Tags, :t)", "ExpressionAttributeNames": {"\u0023y": "Year"}, "ExpressionAttributeValues": {":y": {"N": "2006"}, ":t": {"S": "odd"}}})j";
        QTest::newRow("missing") << R"(SELECT * FROM Music WHERE Genre IS MISSING)"
                                 << "Scan"
                                 << R"j({"FilterExpression": "attribute_not_exists(Genre)"})j";
        QTest::newRow("not missing and type")
            << R"(SELECT * FROM Music WHERE Genre IS NOT MISSING AND attribute_type(Tags, 'SS'))"
            << "Scan"
            << R"j({"FilterExpression": "attribute_exists(Genre) AND attribute_type(Tags, :t)", "ExpressionAttributeValues": {":t": {"S": "SS"}}})j";
        QTest::newRow("or across keys scans")
            << R"(SELECT * FROM Music WHERE Artist = 'Acme Band' OR Genre = 'Rock')"
            << "Scan"
            << R"j({"FilterExpression": "Artist = :a OR Genre = :g", "ExpressionAttributeValues": {":a": {"S": "Acme Band"}, ":g": {"S": "Rock"}}})j";
        QTest::newRow("not in")
            << R"(SELECT * FROM Music WHERE NOT Genre IN ['Pop', 'Jazz'])"
            << "Scan"
            << R"j({"FilterExpression": "NOT Genre IN (:p, :j)", "ExpressionAttributeValues": {":p": {"S": "Pop"}, ":j": {"S": "Jazz"}}})j";
        QTest::newRow("size")
            << R"(SELECT * FROM Music WHERE size(Tags) = 2 AND SongTitle <> 'Song 0')"
            << "Scan"
            << R"j({"FilterExpression": "size(Tags) = :n AND SongTitle <> :s", "ExpressionAttributeValues": {":n": {"N": "2"}, ":s": {"S": "Song 0"}}})j";
        QTest::newRow("index")
            << R"(SELECT * FROM "Music"."byGenre" WHERE Genre = 'Rock')"
            << "Query"
            << R"j({"IndexName": "byGenre", "KeyConditionExpression": "Genre = :g", "ExpressionAttributeValues": {":g": {"S": "Rock"}}})j";
        QTest::newRow("whole index is sparse") << R"(SELECT * FROM "Music"."byGenre")"
                                               << "Scan"
                                               << R"j({"IndexName": "byGenre"})j";
    }
    void selectsMatchTheExpressionApi() {
        QFETCH(QString, statement);
        QFETCH(QString, operation);
        QFETCH(QString, request);
        Json expected_request = J(request.toStdString());
        expected_request["TableName"] = "Music";
        const Json expected = t.ok(operation.toStdString(), expected_request)["Items"];
        QVERIFY(!expected.empty());
        JCOMPARE(sorted(run(statement.toStdString())["Items"]), sorted(expected));
    }

    void aKeyInListQueriesEachPartition() {
        // IN and ORed equalities on the partition key read those partitions only.
        Json got = run(
            R"(SELECT SongTitle FROM Music WHERE Artist IN ['Acme Band', 'The Pigeons'] AND SongTitle = 'Song 1')");
        JCOMPARE(got["Items"],
                 J(R"([{"SongTitle": {"S": "Song 1"}}, {"SongTitle": {"S": "Song 1"}}])"));
        got = run(
            R"(SELECT "Year" FROM Music WHERE (Artist = 'Acme Band' OR Artist = 'No One You Know') AND SongTitle = 'Song 2' ORDER BY Artist DESC)");
        JCOMPARE(got["Items"], J(R"([{"Year": {"N": "2007"}}, {"Year": {"N": "2006"}}])"));
    }

    void projectionsNameTheLastStep() {
        // DynamoDB Local's recordings: a nested path comes back under its last part; an
        // item without the attribute gives {}.
        t.ok("PutItem",
             J(R"({"TableName": "Music", "Item": {"Artist": {"S": "X"}, "SongTitle": {"S": "Y"},
            "m": {"M": {"k": {"L": [{"N": "1"}, {"N": "2"}]}, "z": {"S": "zed"}}}}})"));
        Json got =
            run(R"(SELECT m.k[1], m.z, nothing FROM Music WHERE Artist = 'X' AND SongTitle = 'Y')");
        JCOMPARE(got["Items"], J(R"([{"k[1]": {"N": "2"}, "z": {"S": "zed"}}])"));
        got = run(R"(SELECT nothing FROM Music WHERE Artist = 'X')");
        JCOMPARE(got["Items"], J("[{}]"));
        QCOMPARE(error_of("SELECT m.z, z FROM Music").message,
                 std::string("Duplicate identifiers in select clause: z"));
    }

    void pagesVisitEveryItemOnce() {
        const Json everything = t.ok("Scan", {{"TableName", "Music"}})["Items"];
        int pages = 0;
        JCOMPARE(sorted(all_pages("SELECT * FROM Music", 5, &pages)), sorted(everything));
        QCOMPARE(pages, 3);
        // Limit counts items read, not matched (DynamoDB Local's recordings).
        Json first =
            t.ok("ExecuteStatement",
                 {{"Statement", R"(SELECT * FROM Music WHERE "Year" > 3000)"}, {"Limit", 4}});
        JCOMPARE(first["Items"], Json::array());
        QVERIFY(first.contains("NextToken"));
        QVERIFY(first.contains("LastEvaluatedKey"));
        // Across the partitions of an IN list, in the order written.
        Json songs = all_pages(
            R"(SELECT SongTitle, Artist FROM Music WHERE Artist IN ['The Pigeons', 'Acme Band'])",
            3, &pages);
        QCOMPARE(songs.size(), 8u);
        QCOMPARE(songs[0]["Artist"]["S"].get<std::string>(), std::string("The Pigeons"));
        QCOMPARE(songs[7]["Artist"]["S"].get<std::string>(), std::string("Acme Band"));
        QCOMPARE(pages, 3);
        auto bad = t.call("ExecuteStatement",
                          {{"Statement", "SELECT * FROM Music"}, {"NextToken", "bm9wZQ=="}});
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error->message, std::string("Invalid NextToken"));
    }

    void orderByFollowsTheKeys() {
        Json got = run(
            R"(SELECT SongTitle FROM Music WHERE Artist = 'Acme Band' ORDER BY SongTitle DESC)");
        JCOMPARE(got["Items"], J(R"([{"SongTitle": {"S": "Song 3"}}, {"SongTitle": {"S": "Song 2"}},
                                     {"SongTitle": {"S": "Song 1"}}, {"SongTitle": {"S": "Song 0"}}])"));
        QCOMPARE(
            error_of("SELECT * FROM Music ORDER BY SongTitle").message,
            std::string("Must have WHERE clause in the statement when using ORDER BY clause."));
        QCOMPARE(error_of(R"(SELECT * FROM Music WHERE "Year" = 1 ORDER BY SongTitle)").message,
                 std::string("Must have at least one non-optional hash key condition in WHERE "
                             "clause when using ORDER BY clause."));
        QCOMPARE(error_of(R"(SELECT * FROM Music WHERE Artist = 'a' ORDER BY "Year")").message,
                 std::string(
                     "Variable reference Year in ORDER BY clause must be part of the primary key"));
        QCOMPARE(error_of(R"(SELECT * FROM Music WHERE Artist IN ['a', 'b'] ORDER BY SongTitle)")
                     .message,
                 std::string("Must have hash key in ORDER BY clause when more than one hash key "
                             "condition specified in WHERE clause."));
    }

    void insertNeverOverwrites() {
        Json got = run(
            R"(INSERT INTO Music VALUE {'Artist': 'New', 'SongTitle': 'One', 'Plays': 1, 'Live': true, 'Notes': NULL, 'Tags': <<'a', 'b'>>, 'Credits': ['x', {'role': 'bass'}]})");
        JCOMPARE(got, J(R"({"Items": []})"));
        Json item = t.ok(
            "GetItem",
            J(R"({"TableName": "Music", "Key": {"Artist": {"S": "New"}, "SongTitle": {"S": "One"}}})"))
                        ["Item"];
        JCOMPARE(
            item,
            J(R"({"Artist": {"S": "New"}, "SongTitle": {"S": "One"}, "Plays": {"N": "1"}, "Live": {"BOOL": true},
            "Notes": {"NULL": true}, "Tags": {"SS": ["a", "b"]}, "Credits": {"L": [{"S": "x"}, {"M": {"role": {"S": "bass"}}}]}})"));
        auto dup = error_of(R"(INSERT INTO Music VALUE {'Artist': 'New', 'SongTitle': 'One'})");
        QCOMPARE(dup.type, std::string("DuplicateItemException"));
        QCOMPARE(dup.message, std::string("Duplicate primary key exists in table"));
        QCOMPARE(error_of(R"(INSERT INTO Music VALUE {'Artist': 'New'})").message,
                 std::string("Key attribute should be present in the item: Key SongTitle"));
        QCOMPARE(error_of(R"(INSERT INTO Music VALUE {'Artist': 1, 'SongTitle': 'x'})").message,
                 std::string("Key attribute's data type should match its data type in table's "
                             "schema: Key Artist"));
    }

    void updateNeverCreates() {
        auto missing = error_of(
            R"(UPDATE Music SET Plays = 1 WHERE Artist = 'Nobody' AND SongTitle = 'None')");
        QCOMPARE(missing.type, std::string("ConditionalCheckFailedException"));
        run(R"(UPDATE Music SET "Year" = "Year" + 10, Extra = list_append([0], [1]) SET Tags = set_add(Tags, <<'new'>>) REMOVE Genre WHERE Artist = 'Acme Band' AND SongTitle = 'Song 0')");
        Json item = t.ok(
            "GetItem",
            J(R"({"TableName": "Music", "Key": {"Artist": {"S": "Acme Band"}, "SongTitle": {"S": "Song 0"}}})"))
                        ["Item"];
        QCOMPARE(item["Year"]["N"].get<std::string>(), std::string("2010"));
        JCOMPARE(item["Extra"], J(R"({"L": [{"N": "0"}, {"N": "1"}]})"));
        JCOMPARE(item["Tags"], J(R"({"SS": ["live", "even", "new"]})"));
        QVERIFY(!item.contains("Genre"));
        // An extra condition must hold.
        QCOMPARE(
            error_of(
                R"(UPDATE Music SET x = 1 WHERE Artist = 'Acme Band' AND SongTitle = 'Song 1' AND "Year" < 0)")
                .type,
            std::string("ConditionalCheckFailedException"));
        QCOMPARE(error_of(R"(UPDATE Music SET x = 1 WHERE Artist = 'Acme Band')").message,
                 std::string(
                     "Where clause does not contain a mandatory equality on all key attributes"));
    }

    void returningGivesTheItem() {
        // The SDK suite characterised against the service (eu-west-2): ALL returns the
        // item, MODIFIED only what changed, nothing when that is empty.
        const std::string where = " WHERE Artist = 'The Pigeons' AND SongTitle = 'Song 1'";
        Json got = run("UPDATE Music SET Plays = 5" + where + " RETURNING MODIFIED NEW *");
        JCOMPARE(got["Items"], J(R"([{"Plays": {"N": "5"}}])"));
        got = run("UPDATE Music SET Plays = 6" + where + " RETURNING MODIFIED OLD *");
        JCOMPARE(got["Items"], J(R"([{"Plays": {"N": "5"}}])"));
        got = run("UPDATE Music REMOVE Plays" + where + " RETURNING MODIFIED NEW *");
        JCOMPARE(got["Items"], Json::array());
        got = run("UPDATE Music SET Plays = 1" + where + " RETURNING ALL NEW *");
        QCOMPARE(got["Items"][0]["Genre"]["S"].get<std::string>(), std::string("Rock"));
        got = run("DELETE FROM Music" + where + " RETURNING ALL OLD *");
        QCOMPARE(got["Items"][0]["Plays"]["N"].get<std::string>(), std::string("1"));
        got = run("DELETE FROM Music" + where + " RETURNING ALL OLD *");
        JCOMPARE(got["Items"], Json::array());
        QCOMPARE(error_of("DELETE FROM Music" + where + " RETURNING ALL NEW *").message,
                 std::string("Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL "
                             "OLD * is allowed in DELETE statements."));
    }

    void deleteOfAMissingItemIsANoOp() {
        // Characterised against the service: a missing key is a silent no-op even with a
        // non-key predicate; an existing item whose predicate is false is not deleted.
        JCOMPARE(
            run(R"(DELETE FROM Music WHERE Artist = 'Nobody' AND SongTitle = 'x' AND "Year" = 1)"),
            J(R"({"Items": []})"));
        QCOMPARE(
            error_of(
                R"(DELETE FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Song 2' AND "Year" = 1)")
                .type,
            std::string("ConditionalCheckFailedException"));
        run(R"(DELETE FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Song 2' AND NOT begins_with(Genre, 'Ro'))");
        QCOMPARE(run(R"(SELECT * FROM Music WHERE Artist = 'Acme Band')")["Items"].size(), 3u);
    }

    void parametersBindInOrder() {
        run("INSERT INTO Music VALUE {'Artist': ?, 'SongTitle': ?, 'Payload': ?}",
            J(R"([{"S": "P"}, {"S": "Q"}, {"B": "AAEC"}])"));
        Json got = run("SELECT Payload FROM Music WHERE Artist = ? AND SongTitle = ?",
                       J(R"([{"S": "P"}, {"S": "Q"}])"));
        JCOMPARE(got["Items"], J(R"([{"Payload": {"B": "AAEC"}}])"));
        QCOMPARE(
            error_of("SELECT * FROM Music WHERE Artist = ? AND SongTitle = ?", J(R"([{"S": "P"}])"))
                .message,
            std::string("Number of parameters in request and statement don't match."));
        QCOMPARE(error_of("SELECT * FROM Music WHERE Artist = ?", J(R"([{"N": "1"}])")).message,
                 std::string("Key attribute's data type should match its data type in table's "
                             "schema: Key Artist"));
    }

    void errorsAreTheServices_data() {
        QTest::addColumn<QString>("statement");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("message");
        const QString v = QStringLiteral("ValidationException");
        QTest::newRow("values") << "INSERT INTO Music VALUES ('a', 'b')" << v
                                << "Statement wasn't well formed, can't be processed: Unexpected "
                                   "keyword at line 1, column 19";
        QTest::newRow("hyphen") << "UPDATE my-table SET a = 1 WHERE b = 2" << v
                                << "Statement wasn't well formed, can't be processed: Expected "
                                   "data manipulation at line 1, column 10";
        QTest::newRow("second line") << "SELECT *\nFROM Music\nWHERE = 3" << v
                                     << "Statement wasn't well formed, can't be processed: "
                                        "Unexpected token at line 3, column 7";
        QTest::newRow("reserved name") << "SELECT * FROM Music WHERE pad = 'none'" << v
                                       << "Statement wasn't well formed, can't be processed: "
                                          "Unexpected keyword at line 1, column 27";
        QTest::newRow("end") << "SELECT * FROM" << v
                             << "Statement wasn't well formed, can't be processed: Unexpected end "
                                "of statement at line 1, column 14";
        QTest::newRow("string") << "SELECT * FROM Music WHERE a = 'open" << v
                                << "Statement wasn't well formed, can't be processed: Unterminated "
                                   "string literal at line 1, column 31";
        QTest::newRow("unknown table") << "SELECT * FROM Nope"
                                       << "ResourceNotFoundException"
                                       << "Requested resource not found";
        QTest::newRow("unknown index") << R"(SELECT * FROM "Music"."nope")" << v
                                       << "The table does not have the specified index";
        QTest::newRow("limit") << "SELECT * FROM Music LIMIT 3" << v << "Unsupported clause: LIMIT";
        QTest::newRow("missing compare") << "SELECT * FROM Music WHERE a = MISSING" << v
                                         << "MISSING must be compared using IS operator";
        QTest::newRow("exists")
            << "EXISTS(SELECT * FROM Music WHERE Artist = 'a' AND SongTitle = 'b')" << v
            << "EXISTS can only be used in ExecuteTransaction write requests.";
        QTest::newRow("empty bag")
            << "INSERT INTO Music VALUE {'Artist': 'a', 'SongTitle': 'b', 's': <<>>}" << v
            << "Empty bags are not supported";
        QTest::newRow("mixed bag")
            << "INSERT INTO Music VALUE {'Artist': 'a', 'SongTitle': 'b', 's': <<1, 'x'>>}" << v
            << "Unsupported data type in Bag. DynamoDB only supports either numbers or strings in "
               "bags";
        QTest::newRow("two items")
            << "INSERT INTO Music VALUE << {'a': 1} >>" << v
            << R"(Unsupported operation: Inserting multiple items in a single statement is not supported, use "INSERT INTO tableName VALUE item" instead)";
        QTest::newRow("star and more")
            << "SELECT *, a FROM Music" << v
            << "Other attributes should not be present in the projection when '*' is used.";
        QTest::newRow("function") << "SELECT * FROM Music WHERE upper(a) = 'A'" << v
                                  << "Unrecognized function: upper";
        QTest::newRow("is type")
            << "SELECT * FROM Music WHERE a IS DATE" << v
            << "Unsupported data type for IS operator: DATE. Supported data types are [MISSING, "
               "NULL, BOOLEAN, BLOB, STRING, NUMERIC, STRUCT, TUPLE, LIST]";
        QTest::newRow("gsi consistent")
            << R"(SELECT * FROM "Music"."byGenre" WHERE Genre = 'Pop')" << v << "";
    }
    void errorsAreTheServices() {
        QFETCH(QString, statement);
        QFETCH(QString, type);
        QFETCH(QString, message);
        Json request = {{"Statement", statement.toStdString()}};
        if (QByteArray(QTest::currentDataTag()) == "gsi consistent") {
            request["ConsistentRead"] = true;
            message = QStringLiteral(
                "Strongly consistent read is not supported on Global Secondary Indexes");
        }
        auto r = t.call("ExecuteStatement", request);
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error->type), type);
        QCOMPARE(QString::fromStdString(r.error->message), message);
    }

    void aLongStatementIsNotAnExpressionsLimit() {
        // A statement may hold 8192 characters [M]; the expressions Tablespan writes from
        // it are not held to the 4 KB a client's expression may have.
        std::string where = "Artist = 'Acme Band'";
        for (int i = 0; where.size() < 7000; ++i)
            where += " AND (\"Year\" <> " + std::to_string(i) + " OR Tags IS MISSING)";
        Json got = run("SELECT SongTitle FROM Music WHERE " + where);
        QCOMPARE(got["Items"].size(), 4u);
        got = run("UPDATE Music SET x = 1 WHERE SongTitle = 'Song 0' AND " + where +
                  " RETURNING MODIFIED NEW *");
        JCOMPARE(got["Items"], J(R"([{"x": {"N": "1"}}])"));
    }

    void writesSurviveARestart() {
        run(R"(UPDATE Music SET Plays = 9 WHERE Artist = 'Acme Band' AND SongTitle = 'Song 3')");
        t.reopen();
        Json got =
            run(R"(SELECT Plays FROM Music WHERE Artist = 'Acme Band' AND SongTitle = 'Song 3')");
        JCOMPARE(got["Items"], J(R"([{"Plays": {"N": "9"}}])"));
    }

    void aGlobalTableReplicatesStatements() {
        TestEngine g;
        g.create_table("Orders", "id", "S");
        g.ok("UpdateTable",
             {{"TableName", "Orders"},
              {"ReplicaUpdates", J(R"([{"Create": {"RegionName": "eu-west-1"}}])")}});
        for (int i = 0; i < 120; ++i) g.engine->advance(1'000);
        g.ok("ExecuteStatement", {{"Statement", "INSERT INTO Orders VALUE {'id': 'o1', 'n': 1}"}});
        g.ok("ExecuteStatement", {{"Statement", "UPDATE Orders SET n = n + 1 WHERE id = 'o1'"}});
        for (int i = 0; i < 10; ++i) g.engine->advance(1'000);
        Json there = g.ok("ExecuteStatement",
                          {{"Statement", "SELECT n FROM Orders WHERE id = 'o1'"}}, "eu-west-1");
        JCOMPARE(there["Items"], J(R"([{"n": {"N": "2"}}])"));
        // A write in the replica comes back.
        g.ok("ExecuteStatement", {{"Statement", "DELETE FROM Orders WHERE id = 'o1'"}},
             "eu-west-1");
        for (int i = 0; i < 10; ++i) g.engine->advance(1'000);
        JCOMPARE(g.ok("ExecuteStatement", {{"Statement", "SELECT * FROM Orders"}})["Items"],
                 Json::array());
    }
};

QTEST_GUILESS_MAIN(TestPartiql)
#include "tst_partiql.moc"
