#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <QByteArray>
#include <QTest>

#include "tablespan/number.h"

using tablespan::Number;

namespace {

QByteArray bytes(const std::string& s) {
    return QByteArray::fromStdString(s);
}

Number num(const QByteArray& text) {
    std::string error;
    auto n = Number::parse(text.toStdString(), &error);
    if (!n) qFatal("test input %s does not parse: %s", text.constData(), error.c_str());
    return *n;
}

const char* const kOverflow =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
const char* const kUnderflow =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";
const char* const kPrecision = "Attempting to store more than 38 significant digits in a Number";

std::string zeros(std::size_t n) {
    return std::string(n, '0');
}

// Ascending, pairwise distinct.
const std::vector<const char*> kAscending = {
    "-9.9999999999999999999999999999999999999E+125",
    "-1e125",
    "-100",
    "-99.9",
    "-2",
    "-1.0000000000000000000000000000000000001",
    "-1",
    "-0.123",
    "-0.12",
    "-0.1",
    "-0.0001",
    "-1e-130",
    "0",
    "1e-130",
    "1.5e-130",
    "0.0001",
    "0.1",
    "0.101",
    "0.12",
    "0.123",
    "0.99999999999999999999999999999999999999",
    "1",
    "1.0000000000000000000000000000000000001",
    "1.01",
    "1.1",
    "2",
    "10",
    "99.9",
    "100",
    "101",
    "1e38",
    "1e125",
    "9.9999999999999999999999999999999999999E+125",
};

}  // namespace

class TestNumber : public QObject {
    Q_OBJECT

private slots:
    void parse_valid_data();
    void parse_valid();
    void parse_invalid_data();
    void parse_invalid();
    void equal_representations_data();
    void equal_representations();
    void from_integer_data();
    void from_integer();
    void add_data();
    void add();
    void subtract_data();
    void subtract();
    void arithmetic_errors_data();
    void arithmetic_errors();
    void arithmetic_matches_integer_reference();
    void ordering_of_known_values();
    void encode_ordered_round_trips();
    void decode_ordered_rejects_garbage_data();
    void decode_ordered_rejects_garbage();
    void negated();
};

void TestNumber::parse_valid_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("canonical");
    QTest::addColumn<int>("digits");
    QTest::addColumn<bool>("negative");

    QTest::newRow("zero") << QByteArray("0") << QByteArray("0") << 0 << false;
    QTest::newRow("negative zero") << QByteArray("-0") << QByteArray("0") << 0 << false;
    QTest::newRow("zero with fraction") << QByteArray("0.000") << QByteArray("0") << 0 << false;
    QTest::newRow("zero with huge exponent")
        << QByteArray("0e1000") << QByteArray("0") << 0 << false;
    QTest::newRow("integer") << QByteArray("3") << QByteArray("3") << 1 << false;
    QTest::newRow("plus sign") << QByteArray("+3") << QByteArray("3") << 1 << false;
    QTest::newRow("leading point") << QByteArray(".123") << QByteArray("0.123") << 3 << false;
    QTest::newRow("plus leading point") << QByteArray("+.5") << QByteArray("0.5") << 1 << false;
    QTest::newRow("trailing point") << QByteArray("1.") << QByteArray("1") << 1 << false;
    QTest::newRow("leading zeros") << QByteArray("0001.23") << QByteArray("1.23") << 3 << false;
    QTest::newRow("trailing zeros") << QByteArray("-12.50") << QByteArray("-12.5") << 3 << true;
    QTest::newRow("integer zeros") << QByteArray("100") << QByteArray("100") << 1 << false;
    QTest::newRow("small negative") << QByteArray("-0.001") << QByteArray("-0.001") << 1 << true;
    QTest::newRow("exponent plus") << QByteArray("1e+5") << QByteArray("100000") << 1 << false;
    QTest::newRow("exponent") << QByteArray("-17e5") << QByteArray("-1700000") << 2 << true;
    QTest::newRow("capital exponent")
        << QByteArray("-17.4E37") << bytes("-174" + zeros(36)) << 3 << true;
    QTest::newRow("negative exponent")
        << QByteArray("12.5e-3") << QByteArray("0.0125") << 3 << false;
    QTest::newRow("exponent inside digits")
        << QByteArray("1234e-2") << QByteArray("12.34") << 4 << false;
    QTest::newRow("smallest") << QByteArray("1e-130") << bytes("0." + zeros(129) + "1") << 1
                              << false;
    QTest::newRow("smallest negative")
        << QByteArray("-1E-130") << bytes("-0." + zeros(129) + "1") << 1 << true;
    QTest::newRow("largest") << QByteArray("9.9999999999999999999999999999999999999E+125")
                             << bytes(std::string(38, '9') + zeros(88)) << 38 << false;
    QTest::newRow("38 digits pi") << QByteArray("3.1415926535897932384626433832795028841")
                                  << QByteArray("3.1415926535897932384626433832795028841") << 38
                                  << false;
    QTest::newRow("38 digits mid point")
        << QByteArray("314159265358979323846.26433832795028841")
        << QByteArray("314159265358979323846.26433832795028841") << 38 << false;
    QTest::newRow("38 digits times 1e30")
        << QByteArray("31415926535897932384626433832795028841e30")
        << bytes("31415926535897932384626433832795028841" + zeros(30)) << 38 << false;
    QTest::newRow("zeros are not significant")
        << bytes("1" + zeros(60)) << bytes("1" + zeros(60)) << 1 << false;
    QTest::newRow("fraction zeros are not significant")
        << bytes("0." + zeros(60) + "1" + zeros(40)) << bytes("0." + zeros(60) + "1") << 1 << false;
    QTest::newRow("many leading zeros with 38 digits")
        << bytes(zeros(50) + std::string(38, '7')) << bytes(std::string(38, '7')) << 38 << false;
}

void TestNumber::parse_valid() {
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, canonical);
    QFETCH(int, digits);
    QFETCH(bool, negative);

    std::string error;
    const auto n = Number::parse(text.toStdString(), &error);
    QVERIFY2(n.has_value(), error.c_str());
    QCOMPARE(bytes(n->to_string()), canonical);
    QCOMPARE(n->significant_digits(), static_cast<std::size_t>(digits));
    QCOMPARE(n->is_negative(), negative);
    QCOMPARE(n->is_zero(), digits == 0);
    // The canonical text parses back to the same number.
    const auto again = Number::parse(n->to_string());
    QVERIFY(again.has_value());
    QVERIFY(*again == *n);
}

void TestNumber::parse_invalid_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("message");

    const QByteArray syntax = "The parameter cannot be converted to a numeric value";
    QTest::newRow("empty") << QByteArray("") << syntax;
    for (const char* bad :
         {"dog",   "-dog",  "NaN", "-NaN", "Infinity", "-Infinity", " 1",   "1 ",    "1e",
          "e5",    ".",     "-",   "+",    "+-1",      "--1",       "1..2", "1.2.3", "0x10",
          "1e5.5", "1,000", "1e+", "1e-",  "١٢",       "1_000",     ".e1"}) {
        QTest::newRow(bad) << QByteArray(bad) << syntax + ": " + bad;
    }
    QTest::newRow("1e126") << QByteArray("1e126") << QByteArray(kOverflow);
    QTest::newRow("11e125") << QByteArray("11e125") << QByteArray(kOverflow);
    QTest::newRow("-1e126") << QByteArray("-1e126") << QByteArray(kOverflow);
    QTest::newRow("plain 127 digits") << bytes("1" + zeros(126)) << QByteArray(kOverflow);
    QTest::newRow("huge exponent") << QByteArray("1e99999999999999999999") << QByteArray(kOverflow);
    QTest::newRow("1e-131") << QByteArray("1e-131") << QByteArray(kUnderflow);
    QTest::newRow("0.9e-130") << QByteArray("0.9e-130") << QByteArray(kUnderflow);
    QTest::newRow("-1e-131") << QByteArray("-1e-131") << QByteArray(kUnderflow);
    QTest::newRow("tiny exponent")
        << QByteArray("1e-99999999999999999999") << QByteArray(kUnderflow);
    QTest::newRow("39 digits") << QByteArray("3.14159265358979323846264338327950288419")
                               << QByteArray(kPrecision);
    QTest::newRow("39 digits mid point")
        << QByteArray("314159265358979323846.264338327950288419") << QByteArray(kPrecision);
    QTest::newRow("39 digits times 1e30")
        << QByteArray("314159265358979323846264338327950288419e30") << QByteArray(kPrecision);
    QTest::newRow("39 digits spread out") << bytes("1" + zeros(37) + "1") << QByteArray(kPrecision);
    QTest::newRow("range before precision")
        << QByteArray("3.14159265358979323846264338327950288419e200") << QByteArray(kOverflow);
}

void TestNumber::parse_invalid() {
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, message);

    std::string error;
    const auto n = Number::parse(text.toStdString(), &error);
    QVERIFY(!n.has_value());
    QCOMPARE(bytes(error), message);
    // No error out-parameter: still rejected, and no crash.
    QVERIFY(!Number::parse(text.toStdString()).has_value());
}

void TestNumber::equal_representations_data() {
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::newRow("trailing zero") << QByteArray("1.0") << QByteArray("1");
    QTest::newRow("exponent") << QByteArray("100") << QByteArray("1e2");
    QTest::newRow("fraction exponent") << QByteArray("0.05") << QByteArray("5E-2");
    QTest::newRow("signed zeros") << QByteArray("-0.0") << QByteArray("+0e5");
    QTest::newRow("leading zeros") << QByteArray("-007.50") << QByteArray("-7.5");
}

void TestNumber::equal_representations() {
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    const Number x = num(a), y = num(b);
    QVERIFY(x == y);
    QVERIFY((x <=> y) == 0);
    QCOMPARE(bytes(x.encode_ordered()), bytes(y.encode_ordered()));
    QCOMPARE(bytes(x.to_string()), bytes(y.to_string()));
}

void TestNumber::from_integer_data() {
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QByteArray>("canonical");
    QTest::newRow("0") << qint64(0) << QByteArray("0");
    QTest::newRow("7") << qint64(7) << QByteArray("7");
    QTest::newRow("-120") << qint64(-120) << QByteArray("-120");
    QTest::newRow("max") << qint64(INT64_MAX) << QByteArray("9223372036854775807");
    QTest::newRow("min") << qint64(INT64_MIN) << QByteArray("-9223372036854775808");
}

void TestNumber::from_integer() {
    QFETCH(qint64, value);
    QFETCH(QByteArray, canonical);
    const Number n = Number::from_integer(value);
    QCOMPARE(bytes(n.to_string()), canonical);
    QVERIFY(n == num(canonical));
}

void TestNumber::add_data() {
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<QByteArray>("sum");

    QTest::newRow("exact, beyond double")
        << QByteArray("1") << QByteArray("10000000000000000000000")
        << QByteArray("10000000000000000000001");
    QTest::newRow("decimal fractions")
        << QByteArray("0.1") << QByteArray("0.2") << QByteArray("0.3");
    QTest::newRow("mixed signs") << QByteArray("-5") << QByteArray("3") << QByteArray("-2");
    QTest::newRow("mixed signs positive") << QByteArray("5") << QByteArray("-3") << QByteArray("2");
    QTest::newRow("cancel") << QByteArray("5.25") << QByteArray("-5.25") << QByteArray("0");
    QTest::newRow("fraction borrow")
        << QByteArray("1.5") << QByteArray("-0.25") << QByteArray("1.25");
    QTest::newRow("both negative") << QByteArray("-1.5") << QByteArray("-2.5") << QByteArray("-4");
    QTest::newRow("carry into new digit")
        << QByteArray("99") << QByteArray("1") << QByteArray("100");
    QTest::newRow("carry to integer")
        << QByteArray("0.999") << QByteArray("0.001") << QByteArray("1");
    QTest::newRow("zero left") << QByteArray("0") << QByteArray("-7.5") << QByteArray("-7.5");
    QTest::newRow("zero right") << QByteArray("1e125") << QByteArray("0")
                                << bytes("1" + zeros(125));
    QTest::newRow("38 digits") << QByteArray("12345678901234567890123456789012345678")
                               << QByteArray("1")
                               << QByteArray("12345678901234567890123456789012345679");
    QTest::newRow("38 nines plus one")
        << bytes(std::string(38, '9')) << QByteArray("1") << bytes("1" + zeros(38));
    QTest::newRow("borrow across zeros")
        << QByteArray("1000") << QByteArray("-0.001") << QByteArray("999.999");
    QTest::newRow("small magnitudes")
        << QByteArray("1e-130") << QByteArray("2e-130") << bytes("0." + zeros(129) + "3");
    QTest::newRow("large magnitudes")
        << QByteArray("-9e125") << QByteArray("5e125") << bytes("-4" + zeros(125));
}

void TestNumber::add() {
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(QByteArray, sum);
    std::string error;
    const auto ab = Number::add(num(a), num(b), &error);
    QVERIFY2(ab.has_value(), error.c_str());
    QCOMPARE(bytes(ab->to_string()), sum);
    const auto ba = Number::add(num(b), num(a));
    QVERIFY(ba.has_value());
    QVERIFY(*ba == *ab);
    // a + b - b == a
    const auto back = Number::subtract(*ab, num(b));
    QVERIFY(back.has_value());
    QVERIFY(*back == num(a));
}

void TestNumber::subtract_data() {
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<QByteArray>("difference");
    QTest::newRow("exact, beyond double")
        << QByteArray("10000000000000000000000") << QByteArray("1")
        << QByteArray("9999999999999999999999");
    QTest::newRow("to negative") << QByteArray("1") << QByteArray("3.5") << QByteArray("-2.5");
    QTest::newRow("minus negative") << QByteArray("1") << QByteArray("-3.5") << QByteArray("4.5");
    QTest::newRow("equal") << QByteArray("-12.5") << QByteArray("-12.50") << QByteArray("0");
    QTest::newRow("from zero") << QByteArray("0") << QByteArray("0.01") << QByteArray("-0.01");
}

void TestNumber::subtract() {
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(QByteArray, difference);
    std::string error;
    const auto d = Number::subtract(num(a), num(b), &error);
    QVERIFY2(d.has_value(), error.c_str());
    QCOMPARE(bytes(d->to_string()), difference);
}

void TestNumber::arithmetic_errors_data() {
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("subtract");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("9e125 + 9e125")
        << QByteArray("9e125") << QByteArray("9e125") << false << QByteArray(kOverflow);
    QTest::newRow("9e125 - -9e125")
        << QByteArray("9e125") << QByteArray("-9e125") << true << QByteArray(kOverflow);
    QTest::newRow("-9e125 - 9e125")
        << QByteArray("-9e125") << QByteArray("9e125") << true << QByteArray(kOverflow);
    // The service reports a sum that needs more than 38 digits as an overflow.
    QTest::newRow("1e50 + 1") << QByteArray("1e50") << QByteArray("1") << false
                              << QByteArray(kOverflow);
    QTest::newRow("1e50 - 1") << QByteArray("1e50") << QByteArray("1") << true
                              << QByteArray(kOverflow);
    QTest::newRow("0.1 + 1e-40") << QByteArray("0.1") << QByteArray("1e-40") << false
                                 << QByteArray(kOverflow);
    QTest::newRow("38 nines + 0.1")
        << bytes(std::string(38, '9')) << QByteArray("0.1") << false << QByteArray(kOverflow);
    QTest::newRow("underflow") << QByteArray("2e-130") << QByteArray("1.5e-130") << true
                               << QByteArray(kUnderflow);
}

void TestNumber::arithmetic_errors() {
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, subtract);
    QFETCH(QByteArray, message);
    std::string error;
    const auto r =
        subtract ? Number::subtract(num(a), num(b), &error) : Number::add(num(a), num(b), &error);
    QVERIFY(!r.has_value());
    QCOMPARE(bytes(error), message);
}

// Random fixed-point values a·10^-s and b·10^-s added through Number must match the
// sum computed exactly in 64-bit integers.
void TestNumber::arithmetic_matches_integer_reference() {
    const auto seed = std::random_device{}();
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::int64_t> value(-(INT64_C(1) << 61), INT64_C(1) << 61);
    std::uniform_int_distribution<int> scale(0, 40);
    std::uniform_int_distribution<int> digits(1, 18);
    for (int i = 0; i < 5000; ++i) {
        std::int64_t modulus = 1;
        for (int d = digits(rng); d > 0; --d) modulus *= 10;
        const std::int64_t x = value(rng) % modulus;
        const std::int64_t y = value(rng) % modulus;
        const std::string suffix = "e-" + std::to_string(scale(rng));
        const Number a = *Number::parse(std::to_string(x) + suffix);
        const Number b = *Number::parse(std::to_string(y) + suffix);
        const Number expected_sum = *Number::parse(std::to_string(x + y) + suffix);
        const Number expected_difference = *Number::parse(std::to_string(x - y) + suffix);
        const auto sum = Number::add(a, b);
        const auto difference = Number::subtract(a, b);
        const QByteArray context = "seed " + QByteArray::number(seed) + ", " +
                                   QByteArray::number(qint64(x)) + " and " +
                                   QByteArray::number(qint64(y)) + " " + bytes(suffix);
        QVERIFY2(sum && *sum == expected_sum, context.constData());
        QVERIFY2(difference && *difference == expected_difference, context.constData());
        QVERIFY2((a <=> b) == (x <=> y), context.constData());
    }
}

void TestNumber::ordering_of_known_values() {
    std::vector<Number> values;
    for (const char* text : kAscending) values.push_back(num(text));
    for (std::size_t i = 0; i < values.size(); ++i) {
        for (std::size_t j = 0; j < values.size(); ++j) {
            const QByteArray context = QByteArray(kAscending[i]) + " vs " + kAscending[j];
            QVERIFY2((values[i] <=> values[j]) == (i <=> j), context.constData());
            QVERIFY2((values[i] == values[j]) == (i == j), context.constData());
            const int c = values[i].encode_ordered().compare(values[j].encode_ordered());
            QVERIFY2((c <=> 0) == (i <=> j), context.constData());
        }
    }
}

void TestNumber::encode_ordered_round_trips() {
    for (const char* text : kAscending) {
        const Number n = num(text);
        const auto decoded = Number::decode_ordered(n.encode_ordered());
        QVERIFY2(decoded.has_value(), text);
        QVERIFY2(*decoded == n, text);
        QCOMPARE(bytes(decoded->to_string()), bytes(n.to_string()));
    }
}

void TestNumber::decode_ordered_rejects_garbage_data() {
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("unknown sign") << QByteArray("\x04", 1);
    QTest::newRow("zero with tail") << QByteArray("\x02\x00", 2);
    QTest::newRow("positive without digits") << QByteArray("\x03\x81\x00", 3);
    QTest::newRow("positive without terminator") << QByteArray("\x03\x81\x02", 3);
    QTest::newRow("digit pair out of range") << QByteArray("\x03\x81\x70\x00", 4);
    QTest::newRow("leading zero digit") << QByteArray("\x03\x81\x02\x00", 4);
    const std::string valid = num("12.5").encode_ordered();
    QTest::newRow("truncated") << bytes(valid.substr(0, valid.size() - 1));
    QTest::newRow("extended") << bytes(valid + '\x05');
}

void TestNumber::decode_ordered_rejects_garbage() {
    QFETCH(QByteArray, encoded);
    QVERIFY(!Number::decode_ordered(encoded.toStdString()).has_value());
}

void TestNumber::negated() {
    QCOMPARE(bytes(num("1.5").negated().to_string()), QByteArray("-1.5"));
    QCOMPARE(bytes(num("-1.5").negated().to_string()), QByteArray("1.5"));
    QVERIFY(!num("0").negated().is_negative());
    QVERIFY(num("0").negated() == Number{});
}

QTEST_APPLESS_MAIN(TestNumber)
#include "tst_number.moc"
