#include <string>

#include <QByteArray>
#include <QTest>

#include "tablespan/json_codec.h"

using namespace tablespan;

class TestItemSize : public QObject {
    Q_OBJECT

private slots:
    void value_size_data();
    void value_size();
    void item_size_data();
    void item_size();
    void maximum_item_size_boundary();
};

void TestItemSize::value_size_data() {
    QTest::addColumn<QByteArray>("value");  // DynamoDB JSON
    QTest::addColumn<int>("size");

    // Strings and binaries: UTF-8 bytes and raw bytes.
    QTest::newRow("S ascii") << QByteArray(R"({"S":"abc"})") << 3;
    QTest::newRow("S empty") << QByteArray(R"({"S":""})") << 0;
    QTest::newRow("S two-byte") << QByteArray(R"({"S":"é"})") << 2;
    QTest::newRow("S three-byte") << QByteArray(R"({"S":"→"})") << 3;
    QTest::newRow("S four-byte") << QByteArray(R"({"S":"😀"})") << 4;
    QTest::newRow("B counts raw bytes, not base64") << QByteArray(R"({"B":"AAH/gA=="})") << 4;
    QTest::newRow("BOOL") << QByteArray(R"({"BOOL":false})") << 1;
    QTest::newRow("NULL") << QByteArray(R"({"NULL":true})") << 1;

    // Numbers: one byte of exponent plus the significant digits in base-100 pairs aligned
    // on the exponent, one more byte when negative; leading/trailing zeros are free.
    QTest::newRow("N zero") << QByteArray(R"({"N":"0"})") << 1;
    QTest::newRow("N 1") << QByteArray(R"({"N":"1"})") << 2;
    QTest::newRow("N 12") << QByteArray(R"({"N":"12"})") << 2;
    QTest::newRow("N 1.2 straddles a pair") << QByteArray(R"({"N":"1.2"})") << 3;
    QTest::newRow("N 123") << QByteArray(R"({"N":"123"})") << 3;
    QTest::newRow("N 12345") << QByteArray(R"({"N":"12345"})") << 4;
    QTest::newRow("N 0.5") << QByteArray(R"({"N":"0.5"})") << 2;
    QTest::newRow("N zeros are free") << QByteArray(R"({"N":"000100.000"})") << 2;
    QTest::newRow("N 1e125") << QByteArray(R"({"N":"1e125"})") << 2;
    QTest::newRow("N -1") << QByteArray(R"({"N":"-1"})") << 3;
    QTest::newRow("N 38 digits") << QByteArray(R"({"N":"12345678901234567890123456789012345678"})")
                                 << 20;
    QTest::newRow("N 38 digits misaligned")
        << QByteArray(R"({"N":"1.2345678901234567890123456789012345678"})") << 21;

    // Lists and maps: 3 bytes, plus 1 per element, plus the elements (and key names).
    QTest::newRow("L empty") << QByteArray(R"({"L":[]})") << 3;
    QTest::newRow("L one") << QByteArray(R"({"L":[{"S":"ab"}]})") << 6;
    QTest::newRow("L two") << QByteArray(R"({"L":[{"S":"ab"},{"NULL":true}]})") << 8;
    QTest::newRow("M empty") << QByteArray(R"({"M":{}})") << 3;
    QTest::newRow("M one") << QByteArray(R"({"M":{"k":{"S":"ab"}}})") << 7;
    QTest::newRow("M nested") << QByteArray(R"({"M":{"kk":{"L":[{"BOOL":true}]}}})")
                              << 3 + 1 + 2 + (3 + 1 + 1);

    // Sets: the sum of their elements.
    QTest::newRow("SS") << QByteArray(R"({"SS":["a","bc"]})") << 3;
    QTest::newRow("NS") << QByteArray(R"({"NS":["1","-12"]})") << 2 + 3;
    QTest::newRow("BS") << QByteArray(R"({"BS":["AQ==","AgM="]})") << 3;
}

void TestItemSize::value_size() {
    QFETCH(QByteArray, value);
    QFETCH(int, size);
    const AttributeValue v = decode_value(Json::parse(value.toStdString()));
    QCOMPARE(tablespan::value_size(v), static_cast<std::size_t>(size));
}

void TestItemSize::item_size_data() {
    QTest::addColumn<QByteArray>("item");
    QTest::addColumn<int>("size");
    QTest::newRow("empty") << QByteArray("{}") << 0;
    QTest::newRow("names count") << QByteArray(R"({"id":{"S":"abc"}})") << 2 + 3;
    QTest::newRow("UTF-8 name") << QByteArray(R"({"é":{"BOOL":true}})") << 2 + 1;
    QTest::newRow("developer guide style")
        << QByteArray(
               R"({"id":{"S":"abc"},"n":{"N":"12345"},"flag":{"BOOL":true},"l":{"L":[{"S":"xy"}]}})")
        << (2 + 3) + (1 + 4) + (4 + 1) + (1 + 3 + 1 + 2);
}

void TestItemSize::item_size() {
    QFETCH(QByteArray, item);
    QFETCH(int, size);
    QCOMPARE(tablespan::item_size(decode_item(Json::parse(item.toStdString()))),
             static_cast<std::size_t>(size));
}

void TestItemSize::maximum_item_size_boundary() {
    Item item;
    item["pk"] = AttributeValue::string("k");
    item["data"] = AttributeValue::string(std::string(kMaxItemSize - 2 - 1 - 4, 'x'));
    QCOMPARE(tablespan::item_size(item), kMaxItemSize);
    item["z"] = AttributeValue::boolean(true);
    QCOMPARE(tablespan::item_size(item), kMaxItemSize + 2);
}

QTEST_APPLESS_MAIN(TestItemSize)
#include "tst_item_size.moc"
