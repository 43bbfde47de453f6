// Expression evaluation: conditions, updates, key conditions and projections.

#include <QTest>

#include "expression_samples.h"

class TestExpressions : public QObject {
    Q_OBJECT

private slots:
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
