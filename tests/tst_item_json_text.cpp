// Items written as JSON text without a document (model/item_json_text.h), as the
// endpoint answers Scan and Query pages: the text must be byte for byte what dump() of
// encode_item() gives, or a client would see a different item than the console does.
// And the document built straight from the stored bytes (model/item_document.h), as
// GetItem and unfiltered Query and Scan pages answer: the same as encode_item() gives.

#include <random>
#include <stdexcept>
#include <string>

#include <QTest>

#include "model/item_document.h"
#include "model/item_json_text.h"
#include "tablespan/json_codec.h"

#include "corrupt_items.h"

using namespace tablespan;

namespace {

std::string dumped(const Item& item) {
    return encode_item(item).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string as_text(const Item& item) {
    std::string out;
    append_item_json(out, item);
    return out;
}

std::string serialized_as_text(const Item& item) {
    std::string out;
    append_serialized_item_json(out, serialize_item(item));
    return out;
}

// Every type, nested, with strings that need escaping in values and names.
Item escaping_item() {
    Item item;
    item["pk"] = AttributeValue::string("quote \" backslash \\ slash /");
    item["controls"] = AttributeValue::string(std::string("\x01\b\f\n\r\t\x1f\x7f end", 13));
    item["nul"] = AttributeValue::string(std::string("a\0b", 3));
    item["na\"me\n"] = AttributeValue::string("");
    item["ünïcødé 🙂"] = AttributeValue::string("→ ✓ 𝄞 日本語");
    item["n"] = AttributeValue::number(*Number::parse("-12.5e-3"));
    item["big"] =
        AttributeValue::number(*Number::parse("9.9999999999999999999999999999999999999E+125"));
    item["bin"] = AttributeValue::binary(std::string("\0\x01\xff\x80", 4));
    item["t"] = AttributeValue::boolean(true);
    item["f"] = AttributeValue::boolean(false);
    item["nil"] = AttributeValue::null();
    item["ss"] = AttributeValue::string_set({"zeta\t", "alpha", "\"mu\""});
    item["ns"] = AttributeValue::number_set(
        {*Number::parse("3"), *Number::parse("-1"), *Number::parse("0.5")});
    item["bs"] = AttributeValue::binary_set({std::string("\x02", 1), std::string("\0", 1)});
    AttributeMap inner;
    inner["deep"] = AttributeValue::list({AttributeValue::number(Number::from_integer(1)),
                                          AttributeValue::map({}), AttributeValue::list({})});
    inner[""] = AttributeValue::null();
    item["m"] = AttributeValue::map(std::move(inner));
    item["l"] = AttributeValue::list({AttributeValue::string("a\\"), AttributeValue::boolean(false),
                                      AttributeValue::string_set({"x"})});
    return item;
}

// A random string of bytes from ASCII, the escaped characters and well-formed UTF-8.
std::string random_string(std::mt19937& rng) {
    static const char* const pieces[] = {"a",  "Z",    "0",    " ",    "\"", "\\", "/",    "\n",
                                         "\t", "\x01", "\x1f", "\x7f", "é",  "日", "🙂", "\0"};
    std::string s;
    const int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) {
        const auto k = rng() % std::size(pieces);
        s += k + 1 == std::size(pieces) ? std::string(1, '\0') : std::string(pieces[k]);
    }
    return s;
}

AttributeValue random_value(std::mt19937& rng, int depth) {
    switch (rng() % (depth > 3 ? 7 : 9)) {
        case 0:
            return AttributeValue::string(random_string(rng));
        case 1:
            return AttributeValue::number(
                Number::from_integer(static_cast<int>(rng() % 2001) - 1000));
        case 2:
            return AttributeValue::binary(random_string(rng));
        case 3:
            return AttributeValue::boolean(rng() % 2 == 0);
        case 4:
            return AttributeValue::null();
        case 5: {
            std::vector<std::string> set = {random_string(rng) + "1", random_string(rng) + "2"};
            return AttributeValue::string_set(std::move(set));
        }
        case 6:
            return AttributeValue::number_set(
                {Number::from_integer(static_cast<int>(rng() % 100)), *Number::parse("1.5")});
        case 7: {
            AttributeMap m;
            for (int i = static_cast<int>(rng() % 4); i > 0; --i)
                m[random_string(rng)] = random_value(rng, depth + 1);
            return AttributeValue::map(std::move(m));
        }
        default: {
            AttributeList l;
            for (int i = static_cast<int>(rng() % 4); i > 0; --i)
                l.push_back(random_value(rng, depth + 1));
            return AttributeValue::list(std::move(l));
        }
    }
}

}  // namespace

class TestItemJsonText : public QObject {
    Q_OBJECT

private slots:
    void every_type_and_escape_as_dump();
    void random_items_as_dump();
    void empty_item();
    void invalid_utf8_as_dump_data();
    void invalid_utf8_as_dump();
    void serialized_corruption_rejected_data();
    void serialized_corruption_rejected();
    void text_parses_back_to_the_item();
};

void TestItemJsonText::every_type_and_escape_as_dump() {
    const Item item = escaping_item();
    QCOMPARE(as_text(item), dumped(item));
    QCOMPARE(serialized_as_text(item), dumped(item));
    QVERIFY(serialized_item_document(serialize_item(item)) == encode_item(item));
    QVERIFY(serialized_item_document(serialize_item(Item{})) == Json::object());
}

void TestItemJsonText::random_items_as_dump() {
    const auto seed = std::random_device{}();
    std::mt19937 rng(seed);
    for (int i = 0; i < 2000; ++i) {
        Item item;
        for (int k = static_cast<int>(rng() % 6); k >= 0; --k)
            item[random_string(rng)] = random_value(rng, 0);
        const std::string expected = dumped(item);
        QVERIFY2(as_text(item) == expected, qPrintable(QStringLiteral("seed %1").arg(seed)));
        QVERIFY2(serialized_as_text(item) == expected,
                 qPrintable(QStringLiteral("seed %1").arg(seed)));
        QVERIFY2(serialized_item_document(serialize_item(item)) == encode_item(item),
                 qPrintable(QStringLiteral("seed %1").arg(seed)));
    }
}

void TestItemJsonText::empty_item() {
    QCOMPARE(as_text(Item{}), std::string("{}"));
    QCOMPARE(serialized_as_text(Item{}), std::string("{}"));
}

// Items hold well-formed UTF-8 (every string came from parsed JSON), but a string that is
// not must still come out as valid JSON, as the endpoint's dump() wrote it before.
void TestItemJsonText::invalid_utf8_as_dump_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("lone continuation") << QByteArray("a\x80z");
    QTest::newRow("truncated sequence at end") << QByteArray("ab\xe6\x97");
    QTest::newRow("overlong") << QByteArray("\xc0\xaf");
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80");
    QTest::newRow("past U+10FFFF") << QByteArray("\xf4\x90\x80\x80");
    QTest::newRow("escapes before it") << QByteArray("\"\n\xff");
}

void TestItemJsonText::invalid_utf8_as_dump() {
    QFETCH(QByteArray, text);
    const std::string s = text.toStdString();
    std::string out = "prefix";
    append_json_string(out, s);
    QCOMPARE(out, "prefix" + Json(s).dump(-1, ' ', false, Json::error_handler_t::replace));
    Item item;
    item["k"] = AttributeValue::string(s);
    QCOMPARE(serialized_as_text(item), dumped(item));
}

void TestItemJsonText::serialized_corruption_rejected_data() {
    addCorruptSerializedItems();
    QTest::newRow("trailing bytes") << QByteArray("\x01\x00\x00", 3);
}

void TestItemJsonText::serialized_corruption_rejected() {
    QFETCH(QByteArray, data);
    std::string out;
    QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                             append_serialized_item_json(out, data.toStdString()));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, serialized_item_document(data.toStdString()));
    // Every truncation of a real item is refused too.
    const std::string whole = serialize_item(escaping_item());
    for (std::size_t n = 0; n < whole.size(); ++n) {
        std::string partial;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 append_serialized_item_json(partial, whole.substr(0, n)));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, serialized_item_document(whole.substr(0, n)));
    }
}

void TestItemJsonText::text_parses_back_to_the_item() {
    const Item item = escaping_item();
    QVERIFY(decode_item(Json::parse(serialized_as_text(item))) == item);
}

QTEST_APPLESS_MAIN(TestItemJsonText)
#include "tst_item_json_text.moc"
