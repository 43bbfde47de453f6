#include <map>
#include <optional>
#include <string>

#include <QString>
#include <QTest>

#include "expr/expressions.h"
#include "tablespan/error.h"
#include "tablespan/json_codec.h"

using namespace tablespan;
using namespace tablespan::expr;

namespace {

using Names = std::map<std::string, std::string>;

Item item_from(const char* json) {
    return decode_item(Json::parse(json));
}

QByteArray dump(const Item& item) {
    return QByteArray::fromStdString(encode_item(item).dump());
}
QByteArray dump(const char* json) {
    return QByteArray::fromStdString(Json::parse(json).dump());
}

// The placeholders every row may use; rows that test unused placeholders bring their own.
const Names& sample_names() {
    static const Names names = {{"#st", "status"}, {"#a", "a"}, {"#pk", "pk"}, {"#k", "k"}};
    return names;
}

const AttributeMap& sample_values() {
    static const AttributeMap values = decode_item(Json::parse(R"({
        ":abc": {"S": "abc"}, ":ab": {"S": "ab"}, ":abd": {"S": "abd"}, ":x": {"S": "x"},
        ":a": {"S": "a"}, ":v": {"S": "v"}, ":found": {"S": "found"}, ":active": {"S": "active"},
        ":five_s": {"S": "5"}, ":empty": {"S": ""}, ":badtype": {"S": "STRING"},
        ":tS": {"S": "S"}, ":tNULL": {"S": "NULL"}, ":tSS": {"S": "SS"}, ":tL": {"S": "L"},
        ":n1": {"N": "1"}, ":n2": {"N": "2"}, ":n3": {"N": "3"}, ":n5": {"N": "5"},
        ":n10": {"N": "10"}, ":b1": {"B": "AQ=="}, ":b12": {"B": "AQI="},
        ":true": {"BOOL": true}, ":null": {"NULL": true},
        ":l": {"L": [{"S": "x"}, {"N": "1"}, {"M": {"k": {"S": "v"}}}]},
        ":ld": {"L": [{"S": "d"}]}, ":map": {"M": {"k": {"S": "v"}}},
        ":ssab": {"SS": ["b", "a"]}, ":ssc": {"SS": ["c"]}, ":ns23": {"NS": ["2", "3"]},
        ":big": {"N": "99999999999999999999999999999999999999"}
    })"));
    return values;
}

// An item with one attribute of every type, nested documents and a reserved word.
const Item& sample_item() {
    static const Item item = item_from(R"({
        "s": {"S": "abc"}, "n": {"N": "5"}, "b": {"B": "AQID"}, "t": {"BOOL": true},
        "z": {"NULL": true}, "u": {"S": "h\u00e9llo"}, "status": {"S": "active"},
        "l": {"L": [{"S": "x"}, {"N": "1"}, {"M": {"k": {"S": "v"}}}]},
        "m": {"M": {"k": {"S": "v"}, "deep": {"L": [{"N": "1"}, {"M": {"c": {"S": "found"}}}]}}},
        "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2"]}, "bs": {"BS": ["AQ=="]}
    })");
    return item;
}

// Parses `text` as the given kind of expression with the sample placeholders; returns
// the error it raised, or nothing.
std::optional<Error> parse_error(const QString& kind, const std::string& text,
                                 AttributeValue::Type sort_type = AttributeValue::Type::N) {
    ExpressionContext ctx(&sample_names(), &sample_values());
    try {
        if (kind == QLatin1String("condition")) {
            Condition::parse(text, ctx);
        } else if (kind == QLatin1String("filter")) {
            Condition::parse(text, ctx, "FilterExpression");
        } else if (kind == QLatin1String("update")) {
            UpdateExpression::parse(text, ctx);
        } else if (kind == QLatin1String("projection")) {
            Projection::parse(text, ctx);
        } else {
            KeyCondition::parse(text, ctx, "pk", AttributeValue::Type::S, std::string("sk"),
                                sort_type);
        }
    } catch (const ApiError& e) {
        return e.error();
    }
    return std::nullopt;
}

std::string repeated(const std::string& head, const std::string& part, int count,
                     const std::string& tail) {
    std::string out = head;
    for (int i = 0; i < count; ++i) out += part;
    return out + tail;
}

}  // namespace

class TestExpressions : public QObject {
    Q_OBJECT

private slots:
    void parseErrors_data();
    void parseErrors();
    void unusedPlaceholders_data();
    void unusedPlaceholders();
    void contextValidation();
    void conditionTruth_data();
    void conditionTruth();
    void conditionWithoutItem();
    void updates_data();
    void updates();
    void updateErrors_data();
    void updateErrors();
    void updateNumberOverflow();
    void updatePaths();
    void keyConditions_data();
    void keyConditions();
    void projections_data();
    void projections();
};

void TestExpressions::parseErrors_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    auto row = [](const char* name, const char* kind, const std::string& text,
                  const char* message) {
        QTest::newRow(name) << QString::fromLatin1(kind) << QString::fromStdString(text)
                            << QString::fromUtf8(message);
    };
    // Text and syntax.
    row("empty", "condition", "", "Invalid ConditionExpression: The expression can not be empty;");
    row("blank", "condition", "   ",
        "Invalid ConditionExpression: The expression can not be empty;");
    row("too long", "condition", "a = :abc" + std::string(4089, ' '),
        "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; "
        "expression size: 4097");
    row("missing operand", "condition",
        "a =", "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
    row("minus", "condition", "a-b",
        "Invalid ConditionExpression: Syntax error; token: \"-\", near: \"a-b\"");
    row("dangling AND", "condition", "a = :abc AND",
        "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
    row("NOT path", "condition", "attribute_exists(a) AND NOT #a",
        "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"#a\"");
    row("extra token", "condition", "a = :abc b",
        "Invalid ConditionExpression: Syntax error; token: \"b\", near: \":abc b\"");
    row("empty parens", "condition", "()",
        "Invalid ConditionExpression: Syntax error; token: \")\", near: \"()\"");
    row("double equals", "condition", "a == :abc",
        "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"== :abc\"");
    row("bad character", "condition", "a = :abc !",
        "Invalid ConditionExpression: Syntax error; token: \"!\", near: \":abc !\"");
    row("keyword as name", "condition", "and = :abc",
        "Invalid ConditionExpression: Syntax error; token: \"and\", near: \"and =\"");
    row("chained comparison", "condition", "a < b < :n1",
        "Invalid ConditionExpression: Syntax error; token: \"<\", near: \"b < :n1\"");
    // Both readings of "(" are tried; this must not take quadratic time or worse.
    row("unclosed parentheses", "condition", std::string(4000, '('),
        "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"(\"");
    row("filter prefix", "filter",
        "a =", "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
    row("redundant parens", "condition", "((a = :abc))",
        "Invalid ConditionExpression: The expression has redundant parentheses;");
    row("redundant operand parens", "condition", "((a)) = :abc",
        "Invalid ConditionExpression: The expression has redundant parentheses;");
    // Names and placeholders.
    row("reserved word", "condition", "status = :abc",
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: "
        "status");
    row("reserved nested", "condition", "a.Status = :abc",
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: "
        "Status");
    row("undefined name", "condition", "#x = :abc",
        "Invalid ConditionExpression: An expression attribute name used in the document path is "
        "not defined; attribute name: #x");
    row("undefined value", "condition", "a = :nope",
        "Invalid ConditionExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :nope");
    row("index range", "condition", "a[99999999999] = :abc",
        "Invalid ConditionExpression: List index is not within the allowable range; index: "
        "[99999999999]");
    row("nesting", "condition", repeated("a", ".b", 32, " = :abc"),
        "Invalid ConditionExpression: The document path has too many nesting levels; nesting "
        "levels: 33");
    // Functions.
    row("operand count", "condition", "begins_with(a)",
        "Invalid ConditionExpression: Incorrect number of operands for operator or function; "
        "operator or function: begins_with, number of operands: 1");
    row("unknown function", "condition", "foo(a)",
        "Invalid ConditionExpression: Invalid function name; function: foo");
    row("function names are case sensitive", "condition", "ATTRIBUTE_EXISTS(a)",
        "Invalid ConditionExpression: Invalid function name; function: ATTRIBUTE_EXISTS");
    row("size as condition", "condition", "size(a)",
        "Invalid ConditionExpression: The function is not allowed to be used this way in an "
        "expression; function: size");
    row("condition as operand", "condition", "begins_with(a, :ab) = :true",
        "Invalid ConditionExpression: The function is not allowed to be used this way in an "
        "expression; function: begins_with");
    row("update function", "condition", "if_not_exists(a, :abc)",
        "Invalid ConditionExpression: The function is not allowed in a condition expression; "
        "function: if_not_exists");
    row("needs a path", "condition", "attribute_exists(:abc)",
        "Invalid ConditionExpression: Operator or function requires a document path; operator or "
        "function: attribute_exists");
    row("begins_with number", "condition", "begins_with(a, :n1)",
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator "
        "or function: begins_with, operand type: N");
    row("size of number", "condition", "size(:n1) = :n1",
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator "
        "or function: size, operand type: N");
    row("attribute_type name", "condition", "attribute_type(a, :badtype)",
        "Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid "
        "types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}");
    row("attribute_type number", "condition", "attribute_type(a, :n1)",
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator "
        "or function: attribute_type, operand type: N");
    row("same operands", "condition", "a = a",
        "Invalid ConditionExpression: The first operand must be distinct from the remaining "
        "operands for this operator or function; operator: =, first operand: [a]");
    row("same nested operands", "condition", "#a.b = a.b",
        "Invalid ConditionExpression: The first operand must be distinct from the remaining "
        "operands for this operator or function; operator: =, first operand: [a, b]");
    row("ordering a boolean", "condition", "a < :true",
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator "
        "or function: <, operand type: BOOL");
    row("between reversed", "condition", "a BETWEEN :n10 AND :n1",
        "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater "
        "than or equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound "
        "operand: AttributeValue: {N:1}");
    row("between types", "condition", "a BETWEEN :abc AND :n1",
        "Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and "
        "upper bounds; lower bound operand: AttributeValue: {S:abc}, upper bound operand: "
        "AttributeValue: {N:1}");
    row("IN limit", "condition", repeated("a IN (:n1", ", :n1", 100, ")"),
        "Invalid ConditionExpression: The IN operator is provided with too many operands; number "
        "of operands: 101");
    // Update expressions.
    row("update empty", "update", "", "Invalid UpdateExpression: The expression can not be empty;");
    row("update bare SET", "update", "SET",
        "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"SET\"");
    row("update no keyword", "update", "INVALID SYNTAX HERE",
        "Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"");
    row("update dangling plus", "update", "SET a = :n1 +",
        "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"+\"");
    row("update division", "update", "SET numx = numx / :n1",
        "Invalid UpdateExpression: Syntax error; token: \"/\", near: \"numx / :n1\"");
    row("update trailing comma", "update", "SET a = :abc,",
        "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \",\"");
    row("update section twice", "update", "SET a = :abc SET b = :abc",
        "Invalid UpdateExpression: The \"SET\" section can only be used once in an update "
        "expression;");
    row("update overlap", "update", "SET a = :abc, a.b = :abc",
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of these paths; path one: [a], path two: [a, b]");
    row("update same path", "update", "SET #a = :abc REMOVE a",
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of these paths; path one: [a], path two: [a]");
    row("update conflict", "update", "SET a[0] = :abc REMOVE a.b",
        "Invalid UpdateExpression: Two document paths conflict with each other; must remove or "
        "rewrite one of these paths; path one: [a, [0]], path two: [a, b]");
    row("ADD string", "update", "ADD a :abc",
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: "
        "ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
    row("DELETE number", "update", "DELETE a :n1",
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: "
        "DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND");
    row("plus string", "update", "SET a = :abc + :n1",
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or "
        "function: +, operand type: S");
    row("list_append string", "update", "SET a = list_append(:abc, :l)",
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or "
        "function: list_append, operand type: S");
    row("if_not_exists value", "update", "SET a = if_not_exists(:abc, :abc)",
        "Invalid UpdateExpression: Operator or function requires a document path; operator or "
        "function: if_not_exists");
    row("if_not_exists count", "update", "SET a = if_not_exists(b)",
        "Invalid UpdateExpression: Incorrect number of operands for operator or function; "
        "operator or function: if_not_exists, number of operands: 1");
    row("size in update", "update", "SET a = size(b)",
        "Invalid UpdateExpression: The function is not allowed in an update expression; "
        "function: size");
    row("update unknown function", "update", "SET a = foo(b)",
        "Invalid UpdateExpression: Invalid function name; function: foo");
    row("update reserved", "update", "SET status = :abc",
        "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status");
    row("update undefined name", "update", "REMOVE #x",
        "Invalid UpdateExpression: An expression attribute name used in the document path is not "
        "defined; attribute name: #x");
    row("update undefined value", "update", "SET a = :nope",
        "Invalid UpdateExpression: An expression attribute value used in expression is not "
        "defined; attribute value: :nope");
    // Projections.
    row("projection empty", "projection", "",
        "Invalid ProjectionExpression: The expression can not be empty;");
    row("projection overlap", "projection", "a, a.b",
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or "
        "rewrite one of these paths; path one: [a], path two: [a, b]");
    row("projection space", "projection", "a b",
        "Invalid ProjectionExpression: Syntax error; token: \"b\", near: \"a b\"");
    row("projection trailing comma", "projection", "a,",
        "Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
    row("projection bad characters", "projection", "!!",
        "Invalid ProjectionExpression: Syntax error; token: \"!\", near: \"!!\"");
    row("projection reserved", "projection", "name",
        "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: "
        "name");
    row("projection undefined", "projection", "#x",
        "Invalid ProjectionExpression: An expression attribute name used in the document path is "
        "not defined; attribute name: #x");
    // Key conditions (table pk S, sk N).
    row("key syntax", "key",
        "pk =", "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
    row("key OR", "key", "pk = :abc OR sk = :n1",
        "Invalid operator used in KeyConditionExpression: OR");
    row("key NOT", "key", "NOT pk = :abc", "Invalid operator used in KeyConditionExpression: NOT");
    row("key IN", "key", "pk = :abc AND sk IN (:n1, :n2)",
        "Invalid operator used in KeyConditionExpression: IN");
    row("key not equal", "key", "pk = :abc AND sk <> :n1",
        "Invalid operator used in KeyConditionExpression: <>");
    row("key function", "key", "pk = :abc AND attribute_exists(sk)",
        "Invalid operator used in KeyConditionExpression: attribute_exists");
    row("key size", "key", "pk = :abc AND size(sk) = :n1",
        "KeyConditionExpressions cannot contain nested operations");
    row("key between order", "key", "pk = :abc AND :n1 BETWEEN sk AND :n2",
        "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key "
        "attribute as its first operand");
    row("key two names", "key", "pk = :abc AND sk = pk",
        "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
        "condition");
    row("key no name", "key", ":abc = :five_s",
        "Invalid condition in KeyConditionExpression: No key attribute specified");
    row("key twice", "key", "pk = :abc AND pk = :ab",
        "KeyConditionExpressions must only contain one condition per key");
    row("key missing partition", "key", "sk = :n1",
        "Query condition missed key schema element: pk");
    row("key non-key attribute", "key", "pk = :abc AND extra = :n1",
        "Query condition missed key schema element: sk");
    row("key partition range", "key", "pk < :abc", "Query key condition not supported");
    row("key partition type", "key", "pk = :n1",
        "One or more parameter values were invalid: Condition parameter type does not match "
        "schema type");
    row("key sort type", "key", "pk = :abc AND sk = :abc",
        "One or more parameter values were invalid: Condition parameter type does not match "
        "schema type");
    row("key empty string", "key", "pk = :empty",
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: pk");
    row("key nested", "key", "pk.x = :abc",
        "Key attributes must be scalars; list random access '[]' and map lookup '.' are not "
        "allowed: Key: pk");
    row("key begins_with number", "key", "pk = :abc AND begins_with(sk, :n1)",
        "Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
        "operator or function: begins_with, operand type: N");
}

void TestExpressions::parseErrors() {
    QFETCH(QString, kind);
    QFETCH(QString, text);
    QFETCH(QString, message);
    const auto error = parse_error(kind, text.toStdString());
    QVERIFY2(error.has_value(), "the expression was accepted");
    QCOMPARE(QString::fromStdString(error->type), QStringLiteral("ValidationException"));
    QCOMPARE(QString::fromStdString(error->message), message);
}

void TestExpressions::unusedPlaceholders_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("names");
    QTest::addColumn<QString>("values");
    QTest::addColumn<QString>("message");
    QTest::newRow("unused value") << "a = :a"
                                  << "{}"
                                  << R"({":a": {"S": "1"}, ":x": {"S": "2"}})"
                                  << "Value provided in ExpressionAttributeValues unused in "
                                     "expressions: keys: {:x}";
    QTest::newRow("unused name") << "#a = :a"
                                 << R"({"#a": "a", "#b": "b"})"
                                 << R"({":a": {"S": "1"}})"
                                 << "Value provided in ExpressionAttributeNames unused in "
                                    "expressions: keys: {#b}";
    QTest::newRow("names before values")
        << "a = :a"
        << R"({"#b": "b"})"
        << R"({":a": {"S": "1"}, ":x": {"S": "2"}})"
        << "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}";
    QTest::newRow("several in hash order")
        << "a = :a"
        << "{}"
        << R"({":a": {"S": "1"}, ":c": {"S": "2"}, ":b": {"S": "2"}, ":aa": {"S": "3"}})"
        << "Value provided in ExpressionAttributeValues unused in expressions: keys: {:b, :c, :aa}";
    QTest::newRow("all used") << "#a = :a"
                              << R"({"#a": "a"})"
                              << R"({":a": {"S": "1"}})"
                              << "";
}

void TestExpressions::unusedPlaceholders() {
    QFETCH(QString, expression);
    QFETCH(QString, names);
    QFETCH(QString, values);
    QFETCH(QString, message);
    const Names name_map = Json::parse(names.toStdString()).get<Names>();
    const AttributeMap value_map = decode_item(Json::parse(values.toStdString()));
    ExpressionContext ctx(&name_map, &value_map);
    Condition::parse(expression.toStdString(), ctx);
    QString actual;
    try {
        ctx.check_all_used();
    } catch (const ApiError& e) {
        actual = QString::fromStdString(e.error().message);
    }
    QCOMPARE(actual, message);
}

void TestExpressions::contextValidation() {
    auto error_of = [](const Names* names, const AttributeMap* values) {
        try {
            ExpressionContext(names, values).validate();
        } catch (const ApiError& e) {
            return QString::fromStdString(e.error().message);
        }
        return QString();
    };
    const Names empty_names;
    const Names bad_key = {{"a", "a"}};
    const Names empty_name = {{"#a", ""}};
    const AttributeMap empty_values;
    QCOMPARE(error_of(&empty_names, nullptr),
             QStringLiteral("ExpressionAttributeNames must not be empty"));
    QCOMPARE(
        error_of(&bad_key, nullptr),
        QStringLiteral("ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\""));
    QCOMPARE(error_of(&empty_name, nullptr),
             QStringLiteral("ExpressionAttributeNames contains invalid value: Empty attribute name "
                            "for key #a"));
    QCOMPARE(error_of(nullptr, &empty_values),
             QStringLiteral("ExpressionAttributeValues must not be empty"));
    QCOMPARE(error_of(&sample_names(), &sample_values()), QString());
}

void TestExpressions::conditionTruth_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("expected");
    auto row = [](const char* expression, bool expected) {
        QTest::newRow(expression) << QString::fromLatin1(expression) << expected;
    };
    row("s = :abc", true);
    row("s = :ab", false);
    row("s <> :ab", true);
    row("s <> :abc", false);
    row("s < :abd", true);
    row("s > :ab", true);
    row("s >= :abc", true);
    row("s <= :ab", false);
    row("n = :n5", true);
    row("n = :five_s", false);
    row("n <> :five_s", true);
    row("n < :five_s", false);
    row("n > :five_s", false);
    row("n > :n10", false);
    row("n BETWEEN :n1 AND :n10", true);
    row("n BETWEEN :n1 AND :n3", false);
    row("n BETWEEN :n5 AND :n5", true);
    row("s BETWEEN :ab AND :abd", true);
    row("absent = :n5", false);
    row("absent <> :n5", true);
    row("absent < :n5", false);
    row("absent BETWEEN :n1 AND :n10", false);
    row("n IN (:n1, :n5)", true);
    row("n IN (:n1, :n2)", false);
    row("s IN (:five_s, :abc)", true);
    row("attribute_exists(s)", true);
    row("attribute_exists(absent)", false);
    row("attribute_not_exists(absent)", true);
    row("attribute_not_exists(s)", false);
    row("attribute_exists(m.k)", true);
    row("attribute_exists(m.nope)", false);
    row("attribute_exists(l[2].k)", true);
    row("attribute_exists(l[3])", false);
    row("attribute_exists(s.k)", false);
    row("attribute_exists(m[0])", false);
    row("attribute_type(s, :tS)", true);
    row("attribute_type(n, :tS)", false);
    row("attribute_type(z, :tNULL)", true);
    row("attribute_type(ss, :tSS)", true);
    row("attribute_type(l, :tL)", true);
    row("attribute_type(absent, :tS)", false);
    row("begins_with(s, :ab)", true);
    row("begins_with(s, :abd)", false);
    row("begins_with(n, :ab)", false);
    row("begins_with(b, :b12)", true);
    row("begins_with(b, :b1)", true);
    row("begins_with(s, :b1)", false);
    row("contains(s, :ab)", true);
    row("contains(s, :x)", false);
    row("contains(ss, :a)", true);
    row("contains(ss, :x)", false);
    row("contains(ns, :n2)", true);
    row("contains(ns, :five_s)", false);
    row("contains(bs, :b1)", true);
    row("contains(l, :x)", true);
    row("contains(l, :n1)", true);
    row("contains(l, :map)", true);
    row("contains(l, :v)", false);
    row("contains(n, :n5)", false);
    row("size(s) = :n3", true);
    row("size(u) = :n5", true);
    row("size(b) = :n3", true);
    row("size(l) = :n3", true);
    row("size(m) = :n2", true);
    row("size(ss) = :n2", true);
    row("size(n) = :n1", false);
    row("size(absent) < :n10", false);
    row("size(l) > n", false);
    row("size(l) < n", true);
    row("m.deep[1].c = :found", true);
    row("m.deep[0] = :n1", true);
    row("#st = :active", true);
    row("#a = :active", false);
    row("t = :true", true);
    row("z = :null", true);
    row("ss = :ssab", true);
    row("l = :l", true);
    row("m.k = :v", true);
    row("l[0] = :x", true);
    row("(n) = :n5", true);
    row("n = (:n5)", true);
    row("NOT s = :abc", false);
    row("NOT NOT s = :abc", true);
    row("s = :abc AND n = :n1", false);
    row("s = :abc OR n = :n1", true);
    // AND binds tighter than OR; NOT tighter than AND.
    row("s = :ab OR s = :abc AND n = :n5", true);
    row("s = :abc OR s = :abc AND n = :n1", true);
    row("(s = :abc OR s = :abc) AND n = :n1", false);
    row("NOT s = :ab AND n = :n1", false);
    row("NOT (s = :ab AND n = :n1)", true);
    row("s = :ab AND n = :n5 OR t = :true", true);
    row("attribute_exists(s) and not attribute_exists(absent)", true);
}

void TestExpressions::conditionTruth() {
    QFETCH(QString, expression);
    QFETCH(bool, expected);
    ExpressionContext ctx(&sample_names(), &sample_values());
    const Condition condition = Condition::parse(expression.toStdString(), ctx);
    QCOMPARE(condition.evaluate(&sample_item()), expected);
}

void TestExpressions::conditionWithoutItem() {
    ExpressionContext ctx(&sample_names(), &sample_values());
    QVERIFY(Condition::parse("attribute_not_exists(pk)", ctx).evaluate(nullptr));
    QVERIFY(!Condition::parse("attribute_exists(pk)", ctx).evaluate(nullptr));
    QVERIFY(!Condition::parse("pk = :abc", ctx).evaluate(nullptr));
    QVERIFY(Condition::parse("pk <> :abc", ctx).evaluate(nullptr));
    QVERIFY(Condition::parse(":abc = :abc", ctx).evaluate(nullptr));
}

void TestExpressions::updates_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QByteArray>("expected");
    auto row = [](const char* expression, const char* expected) {
        QTest::newRow(expression) << QString::fromLatin1(expression) << dump(expected);
    };
    // Start: {"pk": "k", "n": 5, "l": [a, b, c], "m": {"x": 1}, "ss": <<a, b>>, "ns": <<1, 2>>}
    row("SET a = :v",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},"a":{"S":"v"}})");
    row("SET #a = :v, n = :abc",
        R"({"pk":{"S":"k"},"n":{"S":"abc"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},"a":{"S":"v"}})");
    row("SET n = n + :n1",
        R"({"pk":{"S":"k"},"n":{"N":"6"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("SET n = :n1 - n",
        R"({"pk":{"S":"k"},"n":{"N":"-4"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("SET c = m.x + n",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},"c":{"N":"6"}})");
    row("SET c = if_not_exists(c, :n1), n = if_not_exists(n, :n1)",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},"c":{"N":"1"}})");
    row("SET l = list_append(l, :ld)",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"},{"S":"d"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("SET l = list_append(:ld, l)",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"d"},{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("SET l = list_append(if_not_exists(l, :ld), :ld)",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"},{"S":"d"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("SET l[1] = :v",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"v"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("SET l[10] = :v",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"},{"S":"v"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("SET l[9] = :v, l[4] = :n1",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"},{"N":"1"},{"S":"v"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("SET m.y = :v",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"},"y":{"S":"v"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("REMOVE l[0], l[2]",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"b"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("REMOVE l[0] SET l[1] = :v",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"v"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("REMOVE l[7]",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("REMOVE m.x, n",
        R"({"pk":{"S":"k"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("REMOVE absent",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("ADD n :n2",
        R"({"pk":{"S":"k"},"n":{"N":"7"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("ADD newn :n2, m.x :n1",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"2"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},"newn":{"N":"2"}})");
    row("ADD ss :ssc, ns :ns23",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b","c"]},"ns":{"NS":["1","2","3"]}})");
    row("ADD newss :ssc",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},"newss":{"SS":["c"]}})");
    row("DELETE ss :ssc, ns :ns23",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1"]}})");
    row("DELETE ss :ssab",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ns":{"NS":["1","2"]}})");
    row("DELETE nothing :ssc",
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    row("set a = :v remove n add c :n1 delete ss :ssab",
        R"({"pk":{"S":"k"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ns":{"NS":["1","2"]},"a":{"S":"v"},"c":{"N":"1"}})");
    // Every value is read from the item as it was before the update.
    row("SET a = n, n = :n1",
        R"({"pk":{"S":"k"},"n":{"N":"1"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]},"a":{"N":"5"}})");
}

void TestExpressions::updates() {
    QFETCH(QString, expression);
    QFETCH(QByteArray, expected);
    Item item = item_from(
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]},"ns":{"NS":["1","2"]}})");
    ExpressionContext ctx(&sample_names(), &sample_values());
    const UpdateExpression update = UpdateExpression::parse(expression.toStdString(), ctx);
    update.apply(item);
    QCOMPARE(dump(item), expected);
}

void TestExpressions::updateErrors_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");
    const QString absent = QStringLiteral(
        "The provided expression refers to an attribute that does not exist in the item");
    const QString type =
        QStringLiteral("An operand in the update expression has an incorrect data type");
    const QString path =
        QStringLiteral("The document path provided in the update expression is invalid for update");
    QTest::newRow("missing operand") << "SET n = s + :n1" << absent;
    QTest::newRow("missing if_not_exists default") << "SET a = if_not_exists(x, y)" << absent;
    QTest::newRow("plus list") << "SET x = l + :n1" << type;
    QTest::newRow("list_append number") << "SET l = list_append(n, :ld)" << type;
    QTest::newRow("ADD number to set") << "ADD ss :n1" << type;
    QTest::newRow("ADD set to number") << "ADD n :ssc" << type;
    QTest::newRow("DELETE set from number") << "DELETE n :ssc" << type;
    QTest::newRow("DELETE other set type") << "DELETE ss :ns23" << type;
    QTest::newRow("SET under absent") << "SET absent.x = :v" << path;
    QTest::newRow("SET under number") << "SET n.x = :v" << path;
    QTest::newRow("index into map") << "SET m[0] = :v" << path;
    QTest::newRow("REMOVE under absent") << "REMOVE absent.x" << path;
    QTest::newRow("type before absent") << "SET a = nope, b = l + :n1" << type;
}

void TestExpressions::updateErrors() {
    QFETCH(QString, expression);
    QFETCH(QString, message);
    const char* start =
        R"({"pk":{"S":"k"},"n":{"N":"5"},"l":{"L":[{"S":"a"}]},"m":{"M":{"x":{"N":"1"}}},"ss":{"SS":["a","b"]}})";
    Item item = item_from(start);
    ExpressionContext ctx(&sample_names(), &sample_values());
    const UpdateExpression update = UpdateExpression::parse(expression.toStdString(), ctx);
    try {
        update.apply(item);
        QFAIL("the update was applied");
    } catch (const ApiError& e) {
        QCOMPARE(QString::fromStdString(e.error().type), QStringLiteral("ValidationException"));
        QCOMPARE(QString::fromStdString(e.error().message), message);
    }
    QCOMPARE(dump(item), dump(start));
}

void TestExpressions::updateNumberOverflow() {
    const AttributeMap& values = sample_values();
    std::string expected;
    QVERIFY(!Number::add(values.at(":big").as_number(), values.at(":big").as_number(), &expected));
    Item item = item_from(R"({"n":{"N":"99999999999999999999999999999999999999"}})");
    ExpressionContext ctx(&sample_names(), &values);
    for (const char* text : {"ADD n :big", "SET n = n + :big"}) {
        const UpdateExpression update = UpdateExpression::parse(text, ctx);
        try {
            update.apply(item);
            QFAIL("the overflowing update was applied");
        } catch (const ApiError& e) {
            QCOMPARE(e.error().message, expected);
        }
        QCOMPARE(item.at("n").as_number(), values.at(":big").as_number());
    }
}

void TestExpressions::updatePaths() {
    ExpressionContext ctx(&sample_names(), &sample_values());
    const UpdateExpression update =
        UpdateExpression::parse("SET a.b = :v, #k = :v REMOVE l[1], a.c ADD n :n1", ctx);
    QCOMPARE(update.top_level_names(), (std::vector<std::string>{"a", "k", "l", "n"}));
    QCOMPARE(update.paths().size(), std::size_t(5));
    QCOMPARE(update.paths()[2].size(), std::size_t(2));
    QCOMPARE(update.paths()[2][1].index, 1L);
    QCOMPARE(update.paths()[1][0].name, std::string("k"));
}

void TestExpressions::keyConditions_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<int>("sortType");
    QTest::addColumn<int>("op");
    QTest::addColumn<QByteArray>("partition");
    QTest::addColumn<QByteArray>("value1");
    QTest::addColumn<QByteArray>("value2");
    using Op = KeyCondition::SortOp;
    const int n = int(AttributeValue::Type::N);
    const int s = int(AttributeValue::Type::S);
    const QByteArray abc = R"({"S":"abc"})";
    const QByteArray null = R"({"NULL":true})";
    QTest::newRow("partition only") << "pk = :abc" << n << int(Op::None) << abc << null << null;
    QTest::newRow("flipped partition") << ":abc = pk" << n << int(Op::None) << abc << null << null;
    QTest::newRow("placeholder names") << "#pk = :abc AND sk = :n1" << n << int(Op::EQ) << abc
                                       << QByteArray(R"({"N":"1"})") << null;
    QTest::newRow("greater") << "pk = :abc AND sk > :n1" << n << int(Op::GT) << abc
                             << QByteArray(R"({"N":"1"})") << null;
    QTest::newRow("flipped less") << ":n1 < sk AND pk = :abc" << n << int(Op::GT) << abc
                                  << QByteArray(R"({"N":"1"})") << null;
    QTest::newRow("flipped greater or equal") << "pk = :abc AND :n5 >= sk" << n << int(Op::LE)
                                              << abc << QByteArray(R"({"N":"5"})") << null;
    QTest::newRow("less or equal") << "pk = :abc AND sk <= :n5" << n << int(Op::LE) << abc
                                   << QByteArray(R"({"N":"5"})") << null;
    QTest::newRow("less") << "pk = :abc AND sk < :n5" << n << int(Op::LT) << abc
                          << QByteArray(R"({"N":"5"})") << null;
    QTest::newRow("parenthesized") << "(pk = :abc) AND (sk >= :n1)" << n << int(Op::GE) << abc
                                   << QByteArray(R"({"N":"1"})") << null;
    QTest::newRow("between") << "pk = :abc AND sk BETWEEN :n1 AND :n10" << n << int(Op::BETWEEN)
                             << abc << QByteArray(R"({"N":"1"})") << QByteArray(R"({"N":"10"})");
    QTest::newRow("begins_with") << "pk = :abc AND begins_with(sk, :ab)" << s
                                 << int(Op::BEGINS_WITH) << abc << QByteArray(R"({"S":"ab"})")
                                 << null;
}

void TestExpressions::keyConditions() {
    QFETCH(QString, expression);
    QFETCH(int, sortType);
    QFETCH(int, op);
    QFETCH(QByteArray, partition);
    QFETCH(QByteArray, value1);
    QFETCH(QByteArray, value2);
    ExpressionContext ctx(&sample_names(), &sample_values());
    const KeyCondition key =
        KeyCondition::parse(expression.toStdString(), ctx, "pk", AttributeValue::Type::S,
                            std::string("sk"), AttributeValue::Type(sortType));
    QCOMPARE(int(key.sort_op), op);
    QCOMPARE(QByteArray::fromStdString(encode_value(key.partition_value).dump()),
             dump(partition.constData()));
    QCOMPARE(QByteArray::fromStdString(encode_value(key.sort_value1).dump()),
             dump(value1.constData()));
    QCOMPARE(QByteArray::fromStdString(encode_value(key.sort_value2).dump()),
             dump(value2.constData()));
}

void TestExpressions::projections_data() {
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QByteArray>("expected");
    auto row = [](const char* expression, const char* expected) {
        QTest::newRow(expression) << QString::fromLatin1(expression) << dump(expected);
    };
    row("a", R"({"a":{"S":"1"}})");
    row("#a, absent", R"({"a":{"S":"1"}})");
    row("b.c", R"({"b":{"M":{"c":{"S":"2"}}}})");
    row("b.c, b.d", R"({"b":{"M":{"c":{"S":"2"},"d":{"S":"3"}}}})");
    row("l[2].k, l[0]", R"({"l":{"L":[{"S":"x"},{"M":{"k":{"S":"z"}}}]}})");
    row("l[1]", R"({"l":{"L":[{"S":"y"}]}})");
    row("l[5], b.nope", R"({})");
    row("a.x, l.k", R"({})");
    row("l, a",
        R"({"a":{"S":"1"},"l":{"L":[{"S":"x"},{"S":"y"},{"M":{"j":{"S":"w"},"k":{"S":"z"}}}]}})");
}

void TestExpressions::projections() {
    QFETCH(QString, expression);
    QFETCH(QByteArray, expected);
    const Item item = item_from(
        R"({"a":{"S":"1"},"b":{"M":{"c":{"S":"2"},"d":{"S":"3"}}},"l":{"L":[{"S":"x"},{"S":"y"},{"M":{"k":{"S":"z"},"j":{"S":"w"}}}]}})");
    ExpressionContext ctx(&sample_names(), &sample_values());
    const Projection projection = Projection::parse(expression.toStdString(), ctx);
    QCOMPARE(dump(projection.apply(item)), expected);
}

QTEST_APPLESS_MAIN(TestExpressions)
#include "tst_expressions.moc"
