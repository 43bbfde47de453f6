// Item files and item text: each import format parsed whole with the line and column of
// the first problem, exact numbers in both JSON views, and the expression builder.

#include <QTest>

#include <iterator>
#include <random>

#include "items/item_files.h"
#include "items/item_json.h"
#include "items/query_builder.h"

using tablespan::Json;

namespace {
// Two items keyed by "id": a quote and a comma in a key, an exact number, nesting, a set;
// a number attribute holding text in the other, so CSV must carry types.
QList<Json> sampleItems() {
    return {Json{{"id", {{"S", "a,\"b\""}}},
                 {"n", {{"N", "0.10000000000000000000000000000000000001"}}},
                 {"m", {{"M", {{"x", {{"L", {{{"N", "1"}}, {{"NULL", true}}}}}}}}}},
                 {"ns", {{"NS", {"1", "2"}}}}},
            Json::parse(R"({"id": {"S": "c"}, "n": {"S": "text"}, "b": {"BOOL": false}})")};
}
}  // namespace

class TstItemFiles : public QObject {
    Q_OBJECT

private slots:
    void parsesEachFormat_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("items");
        QTest::newRow("batch request") << "a.json" << QByteArray(R"({"T": [
  {"PutRequest": {"Item": {"id": {"S": "1"}, "n": {"N": "12345678901234567890123456789012345678"}}}},
  {"PutRequest": {"Item": {"id": {"S": "2"}, "s": {"SS": ["a", "b"]}}}}
]})") << 2;
        QTest::newRow("json lines")
            << "a.jsonl"
            << QByteArray(
                   "{\"Item\": {\"id\": {\"S\": \"1\"}}}\n\n"
                   "{\"Item\": {\"id\": {\"S\": \"2\"}, \"m\": {\"M\": {}}}}\n")
            << 2;
        QTest::newRow("csv typed")
            << "a.csv" << QByteArray("id (S),n (N),tags (SS)\n1,2.50,\"[\"\"a\"\"]\"\n2,,\n") << 2;
        QTest::newRow("csv inferred") << "a.csv" << QByteArray("id,n,ok\n\"x, y\",7,true\n") << 1;
    }
    void parsesEachFormat() {
        QFETCH(QString, file);
        QFETCH(QByteArray, data);
        QFETCH(int, items);
        const auto parsed = ItemFiles::parse(data, ItemFiles::formatForFile(file));
        QVERIFY2(!parsed.error.isError(), qPrintable(parsed.error.toString()));
        QCOMPARE(parsed.items.size(), items);
    }

    void namesTheLineAndColumnOfAMistake_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("json syntax")
            << "a.json" << QByteArray("{\"T\": [\n  {\"PutRequest\": }\n]}") << 2 << 18;
        QTest::newRow("json lines syntax")
            << "a.jsonl"
            << QByteArray("{\"Item\": {\"id\": {\"S\": \"1\"}}}\n{\"Item\": {\"id\" {}}}\n") << 2
            << 16;
        QTest::newRow("bad number in batch")
            << "a.json"
            << QByteArray(
                   "{\"T\": [\n{\"PutRequest\": {\"Item\": {\"id\": {\"S\": \"1\"}}}},\n"
                   "{\"PutRequest\": {\"Item\": {\"id\": {\"N\": \"x\"}}}}\n]}")
            << 3 << 1;
        QTest::newRow("csv field count") << "a.csv" << QByteArray("id,n\n1,2\n3\n") << 3 << 1;
        QTest::newRow("csv open quote") << "a.csv" << QByteArray("id,n\n1,\"2\n") << 2 << 3;
    }
    void namesTheLineAndColumnOfAMistake() {
        QFETCH(QString, file);
        QFETCH(QByteArray, data);
        QFETCH(int, line);
        QFETCH(int, column);
        const auto parsed = ItemFiles::parse(data, ItemFiles::formatForFile(file));
        QVERIFY(parsed.error.isError());
        QCOMPARE(parsed.error.line, line);
        QCOMPARE(parsed.error.column, column);
    }

    void checksKeysBeforeAnythingIsWritten() {
        const auto parsed = ItemFiles::parse("id,n\n1,2\n1,3\n", ItemFiles::Format::Csv);
        auto error = ItemFiles::checkKeys(parsed, {{QStringLiteral("id"), QStringLiteral("N")}});
        QCOMPARE(error.line, 3);  // the second item with key 1
        error = ItemFiles::checkKeys(parsed, {{QStringLiteral("id"), QStringLiteral("S")}});
        QCOMPARE(error.line, 2);
        QVERIFY(error.message.contains(QLatin1String("type S")));
    }

    void exportRoundTripsEveryFormat() {
        const QList<Json> items = sampleItems();
        for (auto format : {ItemFiles::Format::BatchRequest, ItemFiles::Format::JsonLines,
                            ItemFiles::Format::Csv}) {
            const QByteArray data =
                ItemFiles::write(items, format, QStringLiteral("T"), {QStringLiteral("id")});
            const auto parsed = ItemFiles::parse(data, format);
            QVERIFY2(!parsed.error.isError(),
                     qPrintable(parsed.error.toString() + QString::fromUtf8(data)));
            QCOMPARE(parsed.items.size(), 2);
            QCOMPARE(QString::fromStdString(parsed.items[0].dump()),
                     QString::fromStdString(items[0].dump()));
            QCOMPARE(QString::fromStdString(parsed.items[1].dump()),
                     QString::fromStdString(items[1].dump()));
        }
    }

    // Import files damaged at random (bytes changed, cut, repeated; seeded): each parse
    // gives items or an error with a line and column inside the file, and what it gives
    // as items are items, never a crash. Then checkKeys on whatever came out.
    void damagedFilesGiveItemsOrAPositionedError() {
        const QList<Json> items = sampleItems();
        const ItemFiles::KeySchema keys = {{QStringLiteral("id"), QStringLiteral("S")}};
        std::mt19937 random(20261122);
        auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
        const QByteArray odd[] = {"\"",   ",",    "{",     "}",    "[",    "]",
                                  "\n",   "\r\n", "\\",    "\xff", "\xc3", "(N)",
                                  " (S)", "\"\"", "1e999", ":",    "null"};
        for (auto format : {ItemFiles::Format::BatchRequest, ItemFiles::Format::JsonLines,
                            ItemFiles::Format::Csv}) {
            const QByteArray original =
                ItemFiles::write(items, format, QStringLiteral("T"), {QStringLiteral("id")});
            for (int round = 0; round < 2000; ++round) {
                QByteArray data = original;
                for (int change = 1 + pick(4); change > 0 && !data.isEmpty(); --change) {
                    const int at = pick(static_cast<int>(data.size()));
                    switch (pick(4)) {
                        case 0:
                            data[at] = static_cast<char>(pick(256));
                            break;
                        case 1:
                            data.remove(at, 1 + pick(8));
                            break;
                        case 2:
                            data.insert(at, odd[pick(std::size(odd))]);
                            break;
                        default:
                            data.insert(at, data.mid(at, 1 + pick(30)));
                            break;
                    }
                }
                const auto parsed = ItemFiles::parse(data, format);
                const int lines = static_cast<int>(data.count('\n')) + 1;
                if (parsed.error.isError()) {
                    QVERIFY2(parsed.error.line >= 1 && parsed.error.line <= lines,
                             qPrintable(parsed.error.toString() + QLatin1Char('\n') +
                                        QString::fromUtf8(data)));
                    QVERIFY(parsed.error.column >= 1);
                    continue;
                }
                QCOMPARE(parsed.lines.size(), parsed.items.size());
                for (const Json& item : parsed.items)
                    QVERIFY2(ItemJson::validateItem(item).isEmpty(),
                             qPrintable(QString::fromStdString(item.dump())));
                ItemFiles::checkKeys(parsed, keys);
            }
        }
    }

    void plainJsonKeepsBigNumbersExact() {
        ItemJson::ParseError error;
        const Json item = ItemJson::parsePlain(
            QStringLiteral(
                R"({"big": 123456789012345678901234567890123456.78, "i": 99999999999999999999, "l": [1.50, {"x": true}]})"),
            &error);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        QCOMPARE(QString::fromStdString(item["big"]["N"].get<std::string>()),
                 QStringLiteral("123456789012345678901234567890123456.78"));
        QCOMPARE(QString::fromStdString(item["i"]["N"].get<std::string>()),
                 QStringLiteral("99999999999999999999"));
        QCOMPARE(QString::fromStdString(item["l"]["L"][0]["N"].get<std::string>()),
                 QStringLiteral("1.50"));
        const QString plain = ItemJson::toPlainText(item);
        QVERIFY(plain.contains(QLatin1String("123456789012345678901234567890123456.78")));
        const Json back = ItemJson::parsePlain(plain, &error);
        QCOMPARE(QString::fromStdString(back.dump()), QString::fromStdString(item.dump()));
    }

    // Pasted or imported JSON nested 100,000 levels deep: a message pointing at where it
    // gets too deep, not a console that overflows its stack (the parsers recurse).
    void deepJsonIsRefusedWithItsPosition() {
        const QString deep = QStringLiteral("{\"a\": ") + QString(100000, QLatin1Char('[')) +
                             QString(100000, QLatin1Char(']')) + QLatin1Char('}');
        for (auto parse : {&ItemJson::parsePlain, &ItemJson::parseDynamo}) {
            ItemJson::ParseError error;
            QVERIFY(parse(deep, &error).is_null());
            QCOMPARE(error.message, QStringLiteral("the JSON nests deeper than 1000 levels"));
            QCOMPARE(error.line, 1);
            QCOMPARE(error.column, 1006);  // the 1,001st opening: {, then the 1,000th [
        }
        // A bracket inside a string does not count.
        ItemJson::ParseError error;
        const Json item =
            ItemJson::parsePlain(QStringLiteral("{\"a\": \"") + QString(2000, QLatin1Char('[')) +
                                     QStringLiteral("\\\"\"}"),
                                 &error);
        QVERIFY2(!error.isError(), qPrintable(error.toString()));
        QCOMPARE(item["a"]["S"].get<std::string>().size(), std::size_t{2001});
    }

    void buildsExpressionsWithPlaceholders() {
        QuerySpec spec;
        spec.query = true;
        spec.partitionKey = QStringLiteral("year");
        spec.partitionType = QStringLiteral("N");
        spec.partitionValue = QStringLiteral("2015");
        spec.sortKey = QStringLiteral("title");
        spec.sortType = QStringLiteral("S");
        spec.sortOp = QStringLiteral("BETWEEN");
        spec.sortValue = QStringLiteral("A");
        spec.sortValue2 = QStringLiteral("M");
        spec.filters = {{QStringLiteral("rating"),
                         QStringLiteral(">="),
                         QStringLiteral("N"),
                         QStringLiteral("7"),
                         {}},
                        {QStringLiteral("size"),
                         QStringLiteral("attribute_not_exists"),
                         QStringLiteral("S"),
                         {},
                         {}},
                        {QStringLiteral("genres"),
                         QStringLiteral("not contains"),
                         QStringLiteral("S"),
                         QStringLiteral("Horror"),
                         {}}};
        spec.projection = {QStringLiteral("title"), QStringLiteral("rating")};
        QString error;
        const Json r = QueryBuilder::build(spec, &error);
        QVERIFY2(!r.is_null(), qPrintable(error));
        QCOMPARE(QString::fromStdString(r["KeyConditionExpression"]),
                 QStringLiteral("#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2"));
        QCOMPARE(QString::fromStdString(r["FilterExpression"]),
                 QStringLiteral(
                     "(#n2 >= :v3) AND (attribute_not_exists(#n3)) AND (NOT contains(#n4, :v4))"));
        QCOMPARE(QString::fromStdString(r["ProjectionExpression"]), QStringLiteral("#n1, #n2"));
        QCOMPARE(QString::fromStdString(r["ExpressionAttributeNames"]["#n3"]),
                 QStringLiteral("size"));
        QCOMPARE(QString::fromStdString(r["ExpressionAttributeValues"][":v0"]["N"]),
                 QStringLiteral("2015"));

        spec.partitionValue = QStringLiteral("twenty");
        QVERIFY(QueryBuilder::build(spec, &error).is_null());
        QVERIFY(error.contains(QLatin1String("twenty")));
    }
};

QTEST_APPLESS_MAIN(TstItemFiles)
#include "tst_item_files.moc"
