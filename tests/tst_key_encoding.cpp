#include <algorithm>
#include <compare>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <QByteArray>
#include <QTest>

#include "tablespan/json_codec.h"

using namespace tablespan;

namespace {

// A decimal built independently of Number: sign, significant digits d1d2… (d1 != 0) and
// the exponent x of d1.d2… × 10^x.
struct Decimal {
    bool negative = false;
    std::string digits;  // empty for zero
    int exponent = 0;

    std::string text() const {
        if (digits.empty()) return "0";
        std::string t = negative ? "-" : "";
        t += digits.substr(0, 1);
        if (digits.size() > 1) t += "." + digits.substr(1);
        return t + "e" + std::to_string(exponent);
    }

    // Fixed-point text on a common grid: 126 integer digits, 170 fraction digits.
    std::string fixed_magnitude() const {
        std::string grid(126 + 170, '0');
        for (std::size_t i = 0; i < digits.size(); ++i) {
            const long position = 125 - exponent + static_cast<long>(i);
            grid[static_cast<std::size_t>(position)] = digits[i];
        }
        return grid;
    }
};

int sign_of(const Decimal& d) {
    return d.digits.empty() ? 0 : d.negative ? -1 : 1;
}

// The reference order: signs first, then fixed-point magnitudes (reversed when negative).
int reference_compare(const Decimal& a, const Decimal& b) {
    const int sa = sign_of(a), sb = sign_of(b);
    if (sa != sb) return sa < sb ? -1 : 1;
    if (sa == 0) return 0;
    const int c = a.fixed_magnitude().compare(b.fixed_magnitude());
    const int magnitude = c < 0 ? -1 : c > 0 ? 1 : 0;
    return sa > 0 ? magnitude : -magnitude;
}

// DynamoDB orders S and B by unsigned bytes.
int reference_bytes_compare(const std::string& a, const std::string& b) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        const auto x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
        if (x != y) return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : a.size() < b.size() ? -1 : 1;
}

int memcmp_order(const std::string& a, const std::string& b) {
    const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
    if (c != 0) return c < 0 ? -1 : 1;
    return a.size() == b.size() ? 0 : a.size() < b.size() ? -1 : 1;
}

int to_int(std::strong_ordering o) {
    return o < 0 ? -1 : o > 0 ? 1 : 0;
}

unsigned seed_from_environment() {
    if (const char* s = std::getenv("TABLESPAN_TEST_SEED")) {
        return static_cast<unsigned>(std::strtoul(s, nullptr, 10));
    }
    return std::random_device{}();
}

class Generator {
public:
    explicit Generator(unsigned seed) : rng_(seed) {}

    int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

    Decimal random_decimal() {
        Decimal d;
        if (uniform(0, 40) == 0) return d;  // zero
        d.negative = uniform(0, 1) == 1;
        const int length = uniform(0, 3) == 0 ? 38 : uniform(1, 38);
        d.digits.push_back(static_cast<char>('1' + uniform(0, 8)));
        for (int i = 1; i < length; ++i) d.digits.push_back(static_cast<char>('0' + uniform(0, 9)));
        strip(d);
        // Narrow exponent ranges make equal exponents, and so digit comparisons, common.
        d.exponent = uniform(0, 2) == 0 ? uniform(-130, 125) : uniform(-3, 3);
        return d;
    }

    // A neighbour of `d`: a prefix, an extension or a last-digit change, which are the
    // cases where a digit encoding is most likely to go wrong (0.12 vs 0.123).
    Decimal neighbour(Decimal d) {
        if (d.digits.empty()) return random_decimal();
        switch (uniform(0, 3)) {
            case 0:
                d.digits.resize(
                    static_cast<std::size_t>(uniform(1, static_cast<int>(d.digits.size()))));
                break;
            case 1:
                while (d.digits.size() < 38 && uniform(0, 2) != 0) {
                    d.digits.push_back(static_cast<char>('0' + uniform(0, 9)));
                }
                break;
            case 2: {
                char& last = d.digits.back();
                last = static_cast<char>('1' + (last - '1' + uniform(1, 8)) % 9);
                break;
            }
            default:
                d.negative = !d.negative;
                break;
        }
        strip(d);
        return d;
    }

    std::string random_bytes(bool utf8) {
        std::string s;
        const int length = uniform(0, 3) == 0 ? uniform(0, 3) : uniform(0, 24);
        for (int i = 0; i < length; ++i) {
            if (!utf8) {
                s.push_back(static_cast<char>(uniform(0, 255)));
                continue;
            }
            append_utf8(s, random_code_point());
        }
        return s;
    }

    std::string neighbour_bytes(std::string s, bool utf8) {
        switch (uniform(0, 2)) {
            case 0:
                s.resize(static_cast<std::size_t>(uniform(0, static_cast<int>(s.size()))));
                break;
            case 1:
                s += random_bytes(utf8).substr(0, 4);
                break;
            default:
                if (!s.empty() && !utf8) s.back() = static_cast<char>(uniform(0, 255));
                break;
        }
        if (utf8) s = valid_prefix(s);
        return s;
    }

private:
    static void strip(Decimal& d) {
        while (!d.digits.empty() && d.digits.back() == '0') d.digits.pop_back();
        if (d.digits.empty()) d.negative = false;
    }

    char32_t random_code_point() {
        switch (uniform(0, 3)) {
            case 0:
                return static_cast<char32_t>(uniform(0, 0x7F));
            case 1:
                return static_cast<char32_t>(uniform(0x80, 0x7FF));
            case 2: {
                const int c = uniform(0x800, 0xFFFF - 0x800);
                return static_cast<char32_t>(c >= 0xD800 ? c + 0x800 : c);  // skip surrogates
            }
            default:
                return static_cast<char32_t>(uniform(0x10000, 0x10FFFF));
        }
    }

    static void append_utf8(std::string& s, char32_t c) {
        if (c < 0x80) {
            s.push_back(static_cast<char>(c));
        } else if (c < 0x800) {
            s.push_back(static_cast<char>(0xC0 | (c >> 6)));
            s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else if (c < 0x10000) {
            s.push_back(static_cast<char>(0xE0 | (c >> 12)));
            s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        } else {
            s.push_back(static_cast<char>(0xF0 | (c >> 18)));
            s.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
            s.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
            s.push_back(static_cast<char>(0x80 | (c & 0x3F)));
        }
    }

    // Cuts a truncated multi-byte sequence off the end.
    static std::string valid_prefix(std::string s) {
        std::size_t i = s.size();
        while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80) --i;
        if (i == 0) return s;
        const auto lead = static_cast<unsigned char>(s[i - 1]);
        const std::size_t need = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (s.size() - (i - 1) < need) s.resize(i - 1);
        return s;
    }

    std::mt19937 rng_;
};

constexpr int kPoolSize = 4000;
constexpr int kPairs = 40000;

}  // namespace

class TestKeyEncoding : public QObject {
    Q_OBJECT

private slots:
    void number_order_matches_reference();
    void string_order_matches_bytes();
    void binary_order_matches_bytes();
    void known_number_order();
    void rejects_non_key_types();
};

void TestKeyEncoding::number_order_matches_reference() {
    const unsigned seed = seed_from_environment();
    Generator gen(seed);
    std::vector<Decimal> decimals;
    std::vector<Number> numbers;
    std::vector<std::string> encoded;
    for (int i = 0; i < kPoolSize; ++i) {
        const Decimal d =
            (i > 0 && gen.uniform(0, 1) == 0)
                ? gen.neighbour(decimals[static_cast<std::size_t>(gen.uniform(0, i - 1))])
                : gen.random_decimal();
        std::string error;
        const auto n = Number::parse(d.text(), &error);
        QVERIFY2(n.has_value(), qPrintable(QStringLiteral("seed %1: %2 rejected: %3")
                                               .arg(seed)
                                               .arg(QString::fromStdString(d.text()),
                                                    QString::fromStdString(error))));
        QCOMPARE(n->significant_digits(), d.digits.size());
        decimals.push_back(d);
        numbers.push_back(*n);
        encoded.push_back(encode_key_value(AttributeValue::number(*n)));
        const AttributeValue back = decode_key_value(AttributeValue::Type::N, encoded.back());
        QVERIFY2(back == AttributeValue::number(*n),
                 qPrintable(QStringLiteral("seed %1: %2 does not round-trip")
                                .arg(seed)
                                .arg(QString::fromStdString(d.text()))));
    }
    auto check = [&](std::size_t i, std::size_t j) {
        const int expected = reference_compare(decimals[i], decimals[j]);
        const int by_number = to_int(numbers[i] <=> numbers[j]);
        const int by_bytes = memcmp_order(encoded[i], encoded[j]);
        if (expected == by_number && expected == by_bytes) return true;
        qWarning("seed %u: %s vs %s: reference %d, operator<=> %d, memcmp %d", seed,
                 decimals[i].text().c_str(), decimals[j].text().c_str(), expected, by_number,
                 by_bytes);
        return false;
    };
    for (int k = 0; k < kPairs; ++k) {
        const auto i = static_cast<std::size_t>(gen.uniform(0, kPoolSize - 1));
        const auto j = static_cast<std::size_t>(gen.uniform(0, kPoolSize - 1));
        QVERIFY2(check(i, j), qPrintable(QStringLiteral("seed %1").arg(seed)));
    }
    // Sorted by encoding, every neighbouring pair is in reference order.
    std::vector<std::size_t> order(kPoolSize);
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return encoded[a] < encoded[b]; });
    for (std::size_t k = 1; k < order.size(); ++k) {
        QVERIFY2(check(order[k - 1], order[k]), qPrintable(QStringLiteral("seed %1").arg(seed)));
    }
}

void TestKeyEncoding::string_order_matches_bytes() {
    const unsigned seed = seed_from_environment();
    Generator gen(seed);
    std::vector<std::string> values;
    for (int i = 0; i < kPoolSize; ++i) {
        values.push_back(
            i > 0 && gen.uniform(0, 1) == 0
                ? gen.neighbour_bytes(values[static_cast<std::size_t>(gen.uniform(0, i - 1))], true)
                : gen.random_bytes(true));
    }
    for (int k = 0; k < kPairs; ++k) {
        const auto& a = values[static_cast<std::size_t>(gen.uniform(0, kPoolSize - 1))];
        const auto& b = values[static_cast<std::size_t>(gen.uniform(0, kPoolSize - 1))];
        const std::string ea = encode_key_value(AttributeValue::string(a));
        const std::string eb = encode_key_value(AttributeValue::string(b));
        QVERIFY2(memcmp_order(ea, eb) == reference_bytes_compare(a, b),
                 qPrintable(QStringLiteral("seed %1").arg(seed)));
        QVERIFY2(decode_key_value(AttributeValue::Type::S, ea) == AttributeValue::string(a),
                 qPrintable(QStringLiteral("seed %1").arg(seed)));
    }
}

void TestKeyEncoding::binary_order_matches_bytes() {
    const unsigned seed = seed_from_environment();
    Generator gen(seed);
    std::vector<std::string> values;
    for (int i = 0; i < kPoolSize; ++i) {
        values.push_back(i > 0 && gen.uniform(0, 1) == 0
                             ? gen.neighbour_bytes(
                                   values[static_cast<std::size_t>(gen.uniform(0, i - 1))], false)
                             : gen.random_bytes(false));
    }
    for (int k = 0; k < kPairs; ++k) {
        const auto& a = values[static_cast<std::size_t>(gen.uniform(0, kPoolSize - 1))];
        const auto& b = values[static_cast<std::size_t>(gen.uniform(0, kPoolSize - 1))];
        const std::string ea = encode_key_value(AttributeValue::binary(a));
        const std::string eb = encode_key_value(AttributeValue::binary(b));
        QVERIFY2(memcmp_order(ea, eb) == reference_bytes_compare(a, b),
                 qPrintable(QStringLiteral("seed %1").arg(seed)));
        QVERIFY2(decode_key_value(AttributeValue::Type::B, ea) == AttributeValue::binary(a),
                 qPrintable(QStringLiteral("seed %1").arg(seed)));
    }
}

// Hand-picked boundaries, in ascending order.
void TestKeyEncoding::known_number_order() {
    const std::vector<const char*> ascending = {"-9.9999999999999999999999999999999999999e125",
                                                "-1e125",
                                                "-10",
                                                "-9.99",
                                                "-1",
                                                "-0.123",
                                                "-0.12",
                                                "-1e-130",
                                                "0",
                                                "1e-130",
                                                "0.12",
                                                "0.123",
                                                "0.13",
                                                "1",
                                                "9.99",
                                                "10",
                                                "1e125",
                                                "9.9999999999999999999999999999999999999e125"};
    for (std::size_t i = 0; i + 1 < ascending.size(); ++i) {
        const auto a = encode_key_value(AttributeValue::number(*Number::parse(ascending[i])));
        const auto b = encode_key_value(AttributeValue::number(*Number::parse(ascending[i + 1])));
        QVERIFY2(memcmp_order(a, b) < 0, ascending[i]);
    }
}

void TestKeyEncoding::rejects_non_key_types() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             encode_key_value(AttributeValue::boolean(true)));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             encode_key_value(AttributeValue::string_set({"a"})));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             decode_key_value(AttributeValue::Type::N, "not a number"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, decode_key_value(AttributeValue::Type::M, ""));
}

QTEST_APPLESS_MAIN(TestKeyEncoding)
#include "tst_key_encoding.moc"
