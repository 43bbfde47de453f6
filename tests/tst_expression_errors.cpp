// Expression parse errors and placeholder checks: the service's exact messages.

#include <QTest>

#include "expression_samples.h"

class TestExpressionErrors : public QObject {
    Q_OBJECT

private slots:
    void parseErrors_data();
    void parseErrors();
    void unusedPlaceholders_data();
    void unusedPlaceholders();
    void contextValidation();
};

void TestExpressionErrors::parseErrors_data() {
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

void TestExpressionErrors::parseErrors() {
    QFETCH(QString, kind);
    QFETCH(QString, text);
    QFETCH(QString, message);
    const auto error = parse_error(kind, text.toStdString());
    QVERIFY2(error.has_value(), "the expression was accepted");
    QCOMPARE(QString::fromStdString(error->type), QStringLiteral("ValidationException"));
    QCOMPARE(QString::fromStdString(error->message), message);
}

void TestExpressionErrors::unusedPlaceholders_data() {
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

void TestExpressionErrors::unusedPlaceholders() {
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

void TestExpressionErrors::contextValidation() {
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

QTEST_APPLESS_MAIN(TestExpressionErrors)
#include "tst_expression_errors.moc"
