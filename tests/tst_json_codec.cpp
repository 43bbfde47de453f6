#include <random>
#include <stdexcept>
#include <string>

#include <QByteArray>
#include <QTest>

#include "tablespan/error.h"
#include "tablespan/json_codec.h"

#include "corrupt_items.h"

using namespace tablespan;

namespace {

QByteArray bytes(const std::string& s) {
    return QByteArray::fromStdString(s);
}

Json json(const QByteArray& text) {
    return Json::parse(text.toStdString());
}

// Runs `f`, which must throw ApiError; returns "<type>: <message>".
template <typename F>
QByteArray api_error_of(F f) {
    try {
        f();
    } catch (const ApiError& e) {
        return bytes(e.error().type + ": " + e.error().message);
    } catch (const std::exception& e) {
        return "unexpected " + bytes(e.what());
    }
    return "no error";
}

// Wraps `leaf` in `levels` single-entry maps.
std::string nested_maps(int levels, const std::string& leaf) {
    std::string text = leaf;
    for (int i = 0; i < levels; ++i) text = R"({"M":{"n":)" + text + "}}";
    return text;
}

std::string nested_lists(int levels, const std::string& leaf) {
    std::string text = leaf;
    for (int i = 0; i < levels; ++i) text = R"({"L":[)" + text + "]}";
    return text;
}

const char* const kValidation = "ValidationException: ";
const char* const kSerialization = "SerializationException: ";

Item sample_item() {
    Item item;
    item["pk"] = AttributeValue::string("user#1");
    item["empty"] = AttributeValue::string("");
    item["n"] = AttributeValue::number(*Number::parse("-12.5e-3"));
    item["big"] =
        AttributeValue::number(*Number::parse("9.9999999999999999999999999999999999999E+125"));
    item["bin"] = AttributeValue::binary(std::string("\0\x01\xff\x80", 4));
    item["t"] = AttributeValue::boolean(true);
    item["f"] = AttributeValue::boolean(false);
    item["nil"] = AttributeValue::null();
    item["ss"] = AttributeValue::string_set({"zeta", "alpha", "mu"});
    item["ns"] = AttributeValue::number_set(
        {*Number::parse("3"), *Number::parse("-1"), *Number::parse("0.5")});
    item["bs"] = AttributeValue::binary_set({std::string("\x02", 1), std::string("\0", 1)});
    item["ünïcødé"] = AttributeValue::string("→ ✓");
    AttributeMap inner;
    inner["deep"] = AttributeValue::list({AttributeValue::number(Number::from_integer(1)),
                                          AttributeValue::map({}), AttributeValue::list({})});
    inner[""] = AttributeValue::null();
    item["m"] = AttributeValue::map(std::move(inner));
    item["l"] = AttributeValue::list({AttributeValue::string("a"), AttributeValue::boolean(false),
                                      AttributeValue::string_set({"x"})});
    return item;
}

}  // namespace

class TestJsonCodec : public QObject {
    Q_OBJECT

private slots:
    void decode_valid_data();
    void decode_valid();
    void decode_errors_data();
    void decode_errors();
    void decode_item_data();
    void decode_item();
    void nesting_limit();
    void sets_compare_irrespective_of_order();
    void encode_keeps_set_order();
    void item_json_round_trip();
    void base64_vectors_data();
    void base64_vectors();
    void base64_rejects_data();
    void base64_rejects();
    void serialize_round_trip();
    void serialize_is_compact();
    void deserialize_rejects_truncation();
    void deserialize_survives_corruption();
    void deserialize_rejects_garbage_data();
    void deserialize_rejects_garbage();
};

void TestJsonCodec::decode_valid_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("encoded");  // what encode_value gives back

    QTest::newRow("S") << QByteArray(R"({"S":"hello"})") << QByteArray("S")
                       << QByteArray(R"({"S":"hello"})");
    QTest::newRow("empty S") << QByteArray(R"({"S":""})") << QByteArray("S")
                             << QByteArray(R"({"S":""})");
    QTest::newRow("N canonical") << QByteArray(R"({"N":"-012.50e1"})") << QByteArray("N")
                                 << QByteArray(R"({"N":"-125"})");
    QTest::newRow("N fraction") << QByteArray(R"({"N":".5"})") << QByteArray("N")
                                << QByteArray(R"({"N":"0.5"})");
    QTest::newRow("B") << QByteArray(R"({"B":"AAH/gA=="})") << QByteArray("B")
                       << QByteArray(R"({"B":"AAH/gA=="})");
    QTest::newRow("empty B") << QByteArray(R"({"B":""})") << QByteArray("B")
                             << QByteArray(R"({"B":""})");
    QTest::newRow("BOOL") << QByteArray(R"({"BOOL":false})") << QByteArray("BOOL")
                          << QByteArray(R"({"BOOL":false})");
    QTest::newRow("BOOL from string yes")
        << QByteArray(R"({"BOOL":"yes"})") << QByteArray("BOOL") << QByteArray(R"({"BOOL":true})");
    QTest::newRow("BOOL from string 0")
        << QByteArray(R"({"BOOL":"0"})") << QByteArray("BOOL") << QByteArray(R"({"BOOL":false})");
    QTest::newRow("NULL") << QByteArray(R"({"NULL":true})") << QByteArray("NULL")
                          << QByteArray(R"({"NULL":true})");
    QTest::newRow("NULL from string")
        << QByteArray(R"({"NULL":"TRUE"})") << QByteArray("NULL") << QByteArray(R"({"NULL":true})");
    QTest::newRow("null members ignored") << QByteArray(R"({"S":"x","N":null,"B":null})")
                                          << QByteArray("S") << QByteArray(R"({"S":"x"})");
    QTest::newRow("unknown members ignored")
        << QByteArray(R"({"S":"x","X":1})") << QByteArray("S") << QByteArray(R"({"S":"x"})");
    QTest::newRow("SS") << QByteArray(R"({"SS":["b","a",""]})") << QByteArray("SS")
                        << QByteArray(R"({"SS":["b","a",""]})");
    QTest::newRow("NS canonical") << QByteArray(R"({"NS":["1.0","2e1","-0.50"]})")
                                  << QByteArray("NS") << QByteArray(R"({"NS":["1","20","-0.5"]})");
    QTest::newRow("BS") << QByteArray(R"({"BS":["AQ==","Ag=="]})") << QByteArray("BS")
                        << QByteArray(R"({"BS":["AQ==","Ag=="]})");
    QTest::newRow("empty M") << QByteArray(R"({"M":{}})") << QByteArray("M")
                             << QByteArray(R"({"M":{}})");
    QTest::newRow("empty L") << QByteArray(R"({"L":[]})") << QByteArray("L")
                             << QByteArray(R"({"L":[]})");
    QTest::newRow("nested")
        << QByteArray(R"({"M":{"a":{"L":[{"N":"01"},{"M":{"b":{"NULL":true}}}]}}})")
        << QByteArray("M")
        << QByteArray(R"({"M":{"a":{"L":[{"N":"1"},{"M":{"b":{"NULL":true}}}]}}})");
}

void TestJsonCodec::decode_valid() {
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, encoded);
    AttributeValue v;
    try {
        v = decode_value(json(input));
    } catch (const ApiError& e) {
        QFAIL(e.what());
    }
    QCOMPARE(QByteArray(v.type_name()), type);
    QCOMPARE(bytes(encode_value(v).dump()), encoded);
    QVERIFY(decode_value(encode_value(v)) == v);
}

void TestJsonCodec::decode_errors_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("error");

    const QByteArray v = kValidation;
    const QByteArray s = kSerialization;
    const QByteArray empty =
        v + "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
    const QByteArray two = v +
                           "Supplied AttributeValue has more than one datatypes set, must contain "
                           "exactly one of the supported datatypes";
    const QByteArray invalid = v + "One or more parameter values were invalid: ";

    QTest::newRow("empty object") << QByteArray("{}") << empty;
    QTest::newRow("only null members") << QByteArray(R"({"S":null})") << empty;
    QTest::newRow("only unknown members") << QByteArray(R"({"s":"x"})") << empty;
    QTest::newRow("two types") << QByteArray(R"({"S":"a","N":"1"})") << two;
    QTest::newRow("three types") << QByteArray(R"({"S":"a","BOOL":true,"NULL":true})") << two;
    QTest::newRow("bad number") << QByteArray(R"({"N":"abc"})")
                                << v + "The parameter cannot be converted to a numeric value: abc";
    QTest::newRow("empty number") << QByteArray(R"({"N":""})")
                                  << v + "The parameter cannot be converted to a numeric value";
    QTest::newRow("number overflow")
        << QByteArray(R"({"N":"1e126"})")
        << v + "Number overflow. Attempting to store a number with magnitude larger than supported "
               "range";
    QTest::newRow("number underflow")
        << QByteArray(R"({"N":"1e-131"})")
        << v + "Number underflow. Attempting to store a number with magnitude smaller than "
               "supported range";
    QTest::newRow("number precision")
        << QByteArray(R"({"N":"1234567890123456789012345678901234567891"})")
        << v + "Attempting to store more than 38 significant digits in a Number";
    QTest::newRow("number error before two types")
        << QByteArray(R"({"N":"x","S":"a"})")
        << v + "The parameter cannot be converted to a numeric value: x";
    QTest::newRow("NULL false") << QByteArray(R"({"NULL":false})")
                                << invalid +
                                       "Null attribute value types must have the value of true";
    QTest::newRow("NULL 'no'") << QByteArray(R"({"NULL":"no"})")
                               << invalid +
                                      "Null attribute value types must have the value of true";
    QTest::newRow("empty SS") << QByteArray(R"({"SS":[]})")
                              << invalid + "An string set  may not be empty";
    QTest::newRow("empty NS") << QByteArray(R"({"NS":[]})")
                              << invalid + "An number set  may not be empty";
    QTest::newRow("empty BS") << QByteArray(R"({"BS":[]})")
                              << invalid + "Binary sets should not be empty";
    QTest::newRow("SS duplicates") << QByteArray(R"({"SS":["a","b","a"]})")
                                   << invalid + "Input collection [a, b, a] contains duplicates.";
    QTest::newRow("NS distinct values")
        << QByteArray(R"({"NS":["1","2"]})") << QByteArray("no error");
    QTest::newRow("NS equal values")
        << QByteArray(R"({"NS":["1","1.0"]})") << v + "Input collection contains duplicates";
    QTest::newRow("BS duplicates") << QByteArray(R"({"BS":["AQ==","AQ=="]})")
                                   << invalid +
                                          "Input collection [AQ==, AQ==]of type BS contains "
                                          "duplicates.";
    QTest::newRow("NS bad element")
        << QByteArray(R"({"NS":["1","x"]})")
        << v + "The parameter cannot be converted to a numeric value: x";
    QTest::newRow("nested empty") << QByteArray(R"({"M":{"a":{"L":[{}]}}})") << empty;
    QTest::newRow("nested bad number") << QByteArray(R"({"L":[{"S":"ok"},{"N":"1e999"}]})")
                                       << v + "Number overflow. Attempting to store a number with "
                                              "magnitude larger than supported range";
    QTest::newRow("null list element") << QByteArray(R"({"L":[null]})") << empty;

    // The deserialiser's errors come before any validation, wherever they are.
    QTest::newRow("S number") << QByteArray(R"({"S":5})")
                              << s + "NUMBER_VALUE cannot be converted to String";
    QTest::newRow("S decimal") << QByteArray(R"({"S":5.5})")
                               << s + "DECIMAL_VALUE cannot be converted to String";
    QTest::newRow("N number") << QByteArray(R"({"N":123})")
                              << s + "NUMBER_VALUE cannot be converted to String";
    QTest::newRow("S true") << QByteArray(R"({"S":true})")
                            << s + "TRUE_VALUE cannot be converted to String";
    QTest::newRow("S false") << QByteArray(R"({"S":false})")
                             << s + "FALSE_VALUE cannot be converted to String";
    QTest::newRow("S array") << QByteArray(R"({"S":["a"]})")
                             << s + "Unrecognized collection type class java.lang.String";
    QTest::newRow("S object") << QByteArray(R"({"S":{}})")
                              << s + "Start of structure or map found where not expected";
    QTest::newRow("B number") << QByteArray(R"({"B":1})")
                              << s + "only base-64-encoded strings are convertible to bytes";
    QTest::newRow("B array") << QByteArray(R"({"B":[]})")
                             << s + "Unrecognized collection type class java.nio.ByteBuffer";
    QTest::newRow("B length") << QByteArray(R"({"B":"abc"})")
                              << s + "Base64 encoded length is expected a multiple of 4 bytes but "
                                     "found: 3";
    QTest::newRow("B alphabet") << QByteArray(R"({"B":"ab!d"})")
                                << s + "Invalid last non-pad Base64 character dectected";
    QTest::newRow("B non-canonical")
        << QByteArray(R"({"B":"AB=="})") << s + "Invalid last non-pad Base64 character dectected";
    QTest::newRow("BOOL number") << QByteArray(R"({"BOOL":1})")
                                 << s + "NUMBER_VALUE cannot be converted to Boolean";
    QTest::newRow("BOOL word") << QByteArray(R"({"BOOL":"maybe"})")
                               << s + "Unexpected token received from parser";
    QTest::newRow("BOOL array") << QByteArray(R"({"BOOL":[]})")
                                << s + "Unrecognized collection type class java.lang.Boolean";
    QTest::newRow("NULL object") << QByteArray(R"({"NULL":{}})")
                                 << s + "Start of structure or map found where not expected";
    QTest::newRow("SS string") << QByteArray(R"({"SS":"a"})") << s + "Unexpected field type";
    QTest::newRow("SS object") << QByteArray(R"({"SS":{}})")
                               << s + "Start of structure or map found where not expected";
    QTest::newRow("SS number element")
        << QByteArray(R"({"SS":["a",1]})") << s + "NUMBER_VALUE cannot be converted to String";
    QTest::newRow("BS bad element") << QByteArray(R"({"BS":["AQ==","A"]})")
                                    << s + "Base64 encoded length is expected a multiple of 4 "
                                           "bytes but found: 1";
    QTest::newRow("L object") << QByteArray(R"({"L":{}})")
                              << s + "Start of structure or map found where not expected";
    QTest::newRow("M array") << QByteArray(R"({"M":[]})")
                             << s + "Unrecognized collection type java.util.Map<java.lang.String, "
                                    "com.amazonaws.dynamodb.v20120810.AttributeValue>";
    QTest::newRow("M string") << QByteArray(R"({"M":"x"})") << s + "Unexpected field type";
    QTest::newRow("value string") << QByteArray(R"("x")") << s + "Unexpected value type in payload";
    QTest::newRow("value number") << QByteArray("1") << s + "Unexpected value type in payload";
    QTest::newRow("value array") << QByteArray("[]")
                                 << s + "Unrecognized collection type class "
                                        "com.amazonaws.dynamodb.v20120810.AttributeValue";
    QTest::newRow("nested value scalar")
        << QByteArray(R"({"L":[{"S":"a"},"x"]})") << s + "Unexpected value type in payload";
    QTest::newRow("serialization beats earlier validation")
        << QByteArray(R"({"L":[{"N":"bad"},{"S":1}]})")
        << s + "NUMBER_VALUE cannot be converted to String";
}

void TestJsonCodec::decode_errors() {
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, error);
    const Json j = json(input);
    QCOMPARE(api_error_of([&] { decode_value(j); }), error);
}

void TestJsonCodec::decode_item_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("error");  // empty: decodes
    QTest::newRow("item") << QByteArray(R"({"a":{"S":"x"},"b":{"N":"2"}})") << QByteArray();
    QTest::newRow("empty item") << QByteArray("{}") << QByteArray();
    QTest::newRow("array") << QByteArray("[]")
                           << QByteArray(kSerialization) +
                                  "Unrecognized collection type java.util.Map<java.lang.String, "
                                  "com.amazonaws.dynamodb.v20120810.AttributeValue>";
    QTest::newRow("string") << QByteArray(R"("x")")
                            << QByteArray(kSerialization) + "Unexpected field type";
    QTest::newRow("scalar value") << QByteArray(R"({"a":{"S":"x"},"b":true})")
                                  << QByteArray(kSerialization) +
                                         "Unexpected value type in payload";
    QTest::newRow("invalid value") << QByteArray(R"({"a":{"S":"x"},"b":{}})")
                                   << QByteArray(kValidation) +
                                          "Supplied AttributeValue is empty, must contain exactly "
                                          "one of the supported datatypes";
}

void TestJsonCodec::decode_item() {
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, error);
    const Json j = json(input);
    if (!error.isEmpty()) {
        QCOMPARE(api_error_of([&] { tablespan::decode_item(j); }), error);
        return;
    }
    const AttributeMap item = tablespan::decode_item(j);
    QCOMPARE(item.size(), j.size());
    QCOMPARE(bytes(encode_item(item).dump()), bytes(j.dump()));
}

void TestJsonCodec::nesting_limit() {
    const QByteArray message = QByteArray(kValidation) +
                               "Nesting Levels have exceeded supported limits: Attributes in the "
                               "item have nested levels beyond supported limit";
    // The attribute is level 1: 31 wraps put the leaf at level 32, the deepest allowed.
    const std::string leaf = R"({"S":"leaf"})";
    QVERIFY(decode_value(Json::parse(nested_maps(31, leaf))).is(AttributeValue::Type::M));
    QVERIFY(decode_value(Json::parse(nested_lists(31, leaf))).is(AttributeValue::Type::L));
    QCOMPARE(api_error_of([&] { decode_value(Json::parse(nested_maps(32, leaf))); }), message);
    QCOMPARE(api_error_of([&] { decode_value(Json::parse(nested_lists(32, leaf))); }), message);
    const Json item = Json::parse(R"({"a":)" + nested_maps(32, leaf) + "}");
    QCOMPARE(api_error_of([&] { tablespan::decode_item(item); }), message);
    // Hostile depth is refused without exhausting the stack.
    QCOMPARE(api_error_of([&] { decode_value(Json::parse(nested_lists(5000, leaf))); }), message);
}

void TestJsonCodec::sets_compare_irrespective_of_order() {
    const auto a = decode_value(json(R"({"SS":["x","y","z"]})"));
    const auto b = decode_value(json(R"({"SS":["z","x","y"]})"));
    const auto c = decode_value(json(R"({"SS":["z","x","w"]})"));
    QVERIFY(a == b);
    QVERIFY(!(a == c));
    QVERIFY(decode_value(json(R"({"NS":["1","2.5"]})")) ==
            decode_value(json(R"({"NS":["2.50","1.0"]})")));
    QVERIFY(!(decode_value(json(R"({"NS":["1","2"]})")) == decode_value(json(R"({"NS":["1"]})"))));
    QVERIFY(decode_value(json(R"({"BS":["AQ==","Ag=="]})")) ==
            decode_value(json(R"({"BS":["Ag==","AQ=="]})")));
    // Lists are ordered, and a set is not a list.
    QVERIFY(!(decode_value(json(R"({"L":[{"S":"a"},{"S":"b"}]})")) ==
              decode_value(json(R"({"L":[{"S":"b"},{"S":"a"}]})"))));
    QVERIFY(!(decode_value(json(R"({"SS":["1"]})")) == decode_value(json(R"({"NS":["1"]})"))));
    QVERIFY(!(AttributeValue::string("a") == AttributeValue::binary("a")));
}

void TestJsonCodec::encode_keeps_set_order() {
    const auto v = decode_value(json(R"({"SS":["z","a","m"]})"));
    QCOMPARE(bytes(encode_value(v).dump()), QByteArray(R"({"SS":["z","a","m"]})"));
}

void TestJsonCodec::item_json_round_trip() {
    const Item item = sample_item();
    const Json j = encode_item(item);
    QVERIFY(tablespan::decode_item(j) == item);
    QCOMPARE(bytes(j["bin"].dump()), QByteArray(R"({"B":"AAH/gA=="})"));
    QCOMPARE(bytes(j["n"].dump()), QByteArray(R"({"N":"-0.0125"})"));
}

void TestJsonCodec::base64_vectors_data() {
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("encoded");
    // RFC 4648 section 10
    QTest::newRow("empty") << QByteArray("") << QByteArray("");
    QTest::newRow("f") << QByteArray("f") << QByteArray("Zg==");
    QTest::newRow("fo") << QByteArray("fo") << QByteArray("Zm8=");
    QTest::newRow("foo") << QByteArray("foo") << QByteArray("Zm9v");
    QTest::newRow("foob") << QByteArray("foob") << QByteArray("Zm9vYg==");
    QTest::newRow("fooba") << QByteArray("fooba") << QByteArray("Zm9vYmE=");
    QTest::newRow("foobar") << QByteArray("foobar") << QByteArray("Zm9vYmFy");
    QTest::newRow("high bytes") << QByteArray("\xff\xfe\x00\x80", 4) << QByteArray("//4AgA==");
}

void TestJsonCodec::base64_vectors() {
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, encoded);
    QCOMPARE(bytes(base64_encode(raw.toStdString())), encoded);
    std::string out = "garbage";
    QVERIFY(base64_decode(encoded.toStdString(), out));
    QCOMPARE(bytes(out), raw);
    QCOMPARE(bytes(base64_encode(raw.toStdString())), raw.toBase64());
}

void TestJsonCodec::base64_rejects_data() {
    QTest::addColumn<QByteArray>("text");
    for (const char* bad : {"Zg=", "Zh==", "Zm9=", "Z===", "====", "Zm 9",
                            "Zg==Zg==", "Zm9v!A==", "Zm9v\nYg==", "Zm9vYg-_", "=Zm9"}) {
        QTest::newRow(QByteArray(bad).replace('\n', "\\n").constData()) << QByteArray(bad);
    }
}

void TestJsonCodec::base64_rejects() {
    QFETCH(QByteArray, text);
    std::string out;
    QVERIFY(!base64_decode(text.toStdString(), out));
    QVERIFY(!base64_valid(text.toStdString()));
}

void TestJsonCodec::serialize_round_trip() {
    const Item item = sample_item();
    const std::string data = serialize_item(item);
    const Item back = deserialize_item(data);
    QVERIFY(back == item);
    // Exact, not just equal: set order and number text survive.
    QCOMPARE(bytes(encode_item(back).dump()), bytes(encode_item(item).dump()));
    QCOMPARE(bytes(back.at("ss").as_string_set().front()), QByteArray("zeta"));
    QVERIFY(deserialize_item(serialize_item(Item{})).empty());
}

void TestJsonCodec::serialize_is_compact() {
    Item item;
    item["id"] = AttributeValue::number(*Number::parse("12345678"));
    item["name"] = AttributeValue::string("ab");
    // version, count, then "id": name length, name, type, length, and the number as sign,
    // exponent, four digit pairs and a terminator; "name": the same with two raw bytes.
    QCOMPARE(serialize_item(item).size(),
             std::size_t{1 + 1 + (1 + 2 + 1 + 1 + 7) + (1 + 4 + 1 + 1 + 2)});
}

void TestJsonCodec::deserialize_rejects_truncation() {
    const std::string data = serialize_item(sample_item());
    for (std::size_t n = 0; n < data.size(); ++n) {
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, deserialize_item(data.substr(0, n)));
    }
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, deserialize_item(data + '\0'));
}

// Flipped bytes must give an exception or some item, never undefined behaviour (this is
// meaningful under the sanitizer build).
void TestJsonCodec::deserialize_survives_corruption() {
    const std::string data = serialize_item(sample_item());
    const auto seed = std::random_device{}();
    std::mt19937 rng(seed);
    int rejected = 0;
    for (int i = 0; i < 5000; ++i) {
        std::string bad = data;
        const int flips = 1 + static_cast<int>(rng() % 3);
        for (int f = 0; f < flips; ++f) {
            bad[rng() % bad.size()] = static_cast<char>(rng() & 0xFF);
        }
        try {
            deserialize_item(bad);
        } catch (const std::runtime_error&) {
            ++rejected;
        }
    }
    QVERIFY2(rejected > 0, qPrintable(QStringLiteral("seed %1").arg(seed)));
}

void TestJsonCodec::deserialize_rejects_garbage_data() {
    addCorruptSerializedItems();
}

void TestJsonCodec::deserialize_rejects_garbage() {
    QFETCH(QByteArray, data);
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, deserialize_item(data.toStdString()));
}

QTEST_APPLESS_MAIN(TestJsonCodec)
#include "tst_json_codec.moc"
