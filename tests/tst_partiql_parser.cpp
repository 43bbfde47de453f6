// The PartiQL parser on its own: what it accepts, where its errors point, and a fuzz
// run that mutates valid statements. Whatever the input, the parser and the
// translation into expressions either succeed or throw a ValidationException; nothing
// crashes, hangs or throws anything else.

#include <QTest>

#include <random>

#include "partiql/expression_builder.h"
#include "partiql/parser.h"
#include "tablespan/error.h"

using tablespan::ApiError;
using tablespan::Json;
namespace partiql = tablespan::partiql;

namespace {
// Statements of every form, the seeds of the fuzz run.
const char* const kSeeds[] = {
    R"(SELECT * FROM "Music" WHERE Artist = 'Acme Band' AND SongTitle BETWEEN 'a' AND 'z')",
    R"(SELECT a, b.c[2], "d e" FROM t."idx" WHERE x IN [1, 2, 3] OR NOT (y <> 'q') ORDER BY a DESC)",
    R"(SELECT * FROM t WHERE size(l) >= 2 AND begins_with(s, 'pre') AND attribute_type(m, 'M'))",
    R"(SELECT * FROM t WHERE n IS NOT MISSING AND o IS NULL AND p IS STRING -- comment)",
    R"(INSERT INTO t VALUE {'pk': 'a', 'n': -1.5e3, 'l': [1, 'x', {'m': true}], 's': <<'a', 'b'>>, 'z': NULL})",
    R"(UPDATE t SET a = a + 1, b = list_append(b, [?]) SET c = set_add(c, <<1, 2>>) REMOVE d, e[1] WHERE pk = ? AND v > 3 RETURNING ALL NEW *)",
    R"(DELETE FROM "t" WHERE pk = 'a' AND sk = 2 AND contains(tags, 'x') RETURNING ALL OLD *;)",
    R"(EXISTS(SELECT * FROM t WHERE pk = 'a' AND /* inline */ balance >= 10))",
};

// Runs what ExecuteStatement runs before it reaches a table: parse, then build the
// expressions of the WHERE and the update.
void parse_and_build(const std::string& text, const Json& parameters) {
    partiql::Statement s = partiql::parse(text, &parameters);
    partiql::ExpressionBuilder b;
    if (s.where) b.condition(*s.where);
    if (!s.updates.empty()) b.update(s.updates);
}
}  // namespace

class TestPartiqlParser : public QObject {
    Q_OBJECT

private slots:
    void seedsParse() {
        const Json parameters = Json::array({{{"N", "1"}}, {{"S", "k"}}});
        for (const char* seed : kSeeds) {
            partiql::Statement s = partiql::parse(seed, &parameters);
            partiql::ExpressionBuilder b;
            if (s.where) QVERIFY(!b.condition(*s.where).empty());
            if (!s.updates.empty()) QVERIFY(!b.update(s.updates).empty());
        }
    }

    void statementsBecomeExpressions() {
        const Json parameters = Json::array({{{"N", "7"}}});
        partiql::Statement s = partiql::parse(
            R"(UPDATE t SET a = a + ?, "b c" = list_append(x, [1]) SET s = set_delete(s, <<'x'>>) REMOVE m.n[2] WHERE pk = 'k' AND NOT (q IS MISSING OR r BETWEEN 1 AND 2))",
            &parameters);
        partiql::ExpressionBuilder b;
        QCOMPARE(b.update(s.updates), std::string("SET #n0 = #n0 + :v0, #n1 = list_append(#n2, "
                                                  ":v1) REMOVE #n4.#n5[2] DELETE #n3 :v2"));
        QCOMPARE(b.condition(*s.where),
                 std::string("(#n6 = :v3) AND (NOT ((attribute_not_exists(#n7)) OR (#n8 BETWEEN "
                             ":v4 AND :v5)))"));
        Json request = Json::object();
        b.add_to(request);
        QCOMPARE(request["ExpressionAttributeNames"]["#n1"].get<std::string>(), std::string("b c"));
        QCOMPARE(request["ExpressionAttributeValues"][":v0"]["N"].get<std::string>(),
                 std::string("7"));
        QCOMPARE(request["ExpressionAttributeValues"][":v2"].dump(),
                 std::string(R"({"SS":["x"]})"));
    }

    void errorsPointAtTheirPlace() {
        auto message = [](const std::string& text) {
            try {
                partiql::parse(text, nullptr);
            } catch (const ApiError& e) {
                return e.error().message;
            }
            return std::string("(parsed)");
        };
        const std::string prefix = "Statement wasn't well formed, can't be processed: ";
        QCOMPARE(message("SELECT * FROM t WHERE a = 1 b = 2"),
                 prefix + "Unexpected token at line 1, column 29");
        QCOMPARE(message("SELECT *\n  FROM t\n  WHERE a === 1"),
                 prefix + "Unexpected token at line 3, column 12");
        QCOMPARE(message("SELECT * FROM t WHERE a = 'é' AND ~"),
                 prefix + "Invalid character at line 1, column 35");
        QCOMPARE(message("DELETE t WHERE a = 1"), prefix + "Unexpected token at line 1, column 8");
        QCOMPARE(message("/* open"), prefix + "Unterminated comment at line 1, column 1");
        QCOMPARE(message(""), prefix + "Unexpected end of statement at line 1, column 1");
        QCOMPARE(message("SELECT * FROM t; SELECT * FROM u"),
                 prefix + "Unexpected keyword at line 1, column 18");
        QCOMPARE(message("SELECT * FROM t WHERE " + std::string(300, '(') + "a = 1" +
                         std::string(300, ')'))
                     .substr(0, prefix.size() + 26),
                 prefix + "Expression nesting exceeds");
    }

    void fuzzNeverCrashes() {
        std::mt19937 random(20261207);
        const std::string alphabet = "'\"()[]{}<>=!?.,;:*+-/ \n0123456789eE_aAzZ$SELECTWHERE";
        const Json parameters = Json::array({{{"S", "p"}}, {{"N", "2"}}, {{"L", Json::array()}}});
        int accepted = 0, refused = 0;
        for (int round = 0; round < 20000; ++round) {
            std::string text = kSeeds[random() % std::size(kSeeds)];
            const int edits = 1 + static_cast<int>(random() % 4);
            for (int e = 0; e < edits && !text.empty(); ++e) {
                const std::size_t at = random() % text.size();
                switch (random() % 5) {
                    case 0:
                        text.erase(at, 1 + random() % 8);
                        break;
                    case 1:
                        text.insert(at, 1, alphabet[random() % alphabet.size()]);
                        break;
                    case 2:
                        text[at] = alphabet[random() % alphabet.size()];
                        break;
                    case 3:
                        text = text.substr(0, at);
                        break;
                    default:
                        text.insert(at, text.substr(random() % text.size(), 1 + random() % 12));
                }
            }
            try {
                parse_and_build(text, parameters);
                ++accepted;
            } catch (const ApiError& e) {
                QCOMPARE(e.error().type, std::string("ValidationException"));
                QVERIFY(!e.error().message.empty());
                ++refused;
            }
        }
        // Both outcomes occur, so the run exercised the parser past its first token.
        QVERIFY(accepted > 100);
        QVERIFY(refused > 100);
    }
};

QTEST_GUILESS_MAIN(TestPartiqlParser)
#include "tst_partiql_parser.moc"
