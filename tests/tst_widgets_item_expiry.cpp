// Time to Live in the Items tab: with TTL on, an Expires column after the keys shows
// when each item expires, as a local date and time and relative to engine time ("in
// 3 h", "expired 5 min ago, pending deletion"); nothing for a String, a missing
// attribute or a value the service ignores. Without TTL there is no such column.

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QTest>

#include "items/items_model.h"
#include "items/items_tab.h"
#include "items/ttl_expiry.h"
#include "widget_fixture.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
// The ManualClock's start, in seconds.
constexpr qint64 kNow = 1'790'000'000;
constexpr qint64 kHour = 3600;

Json withTtl(const char* type, const std::string& value) {
    return {{"id", {{"S", "x"}}}, {"expiresAt", {{type, value}}}};
}

int rowOf(ItemsModel* model, const std::string& id) {
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->key(row)["id"].value("S", "") == id) return row;
    return -1;
}

QString expiryText(ItemsModel* model, const std::string& id) {
    const int row = rowOf(model, id);
    if (row < 0) qFatal("no item %s", id.c_str());
    return model->index(row, model->expiryColumn()).data().toString();
}

void put(WidgetEngine& e, const std::string& id, Json ttl) {
    Json item = {{"id", {{"S", id}}}};
    if (!ttl.is_null()) item["expiresAt"] = std::move(ttl);
    e.ok("PutItem", {{"TableName", "people"}, {"Item", item}});
}
}  // namespace

class TstWidgetsItemExpiry : public QObject {
    Q_OBJECT

private slots:
    void expiryAsTheServiceReadsIt_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("value");
        QTest::addColumn<qint64>("expected");  // -1: never expires
        QTest::newRow("future") << QStringLiteral("N") << QString::number(kNow + kHour)
                                << kNow + kHour;
        QTest::newRow("fraction") << QStringLiteral("N")
                                  << QString::number(kNow) + QStringLiteral(".75") << kNow;
        QTest::newRow("exponent") << QStringLiteral("N") << QStringLiteral("179000000e1") << kNow;
        QTest::newRow("four years ago")
            << QStringLiteral("N") << QString::number(kNow - 4 * 365 * 24 * kHour)
            << kNow - 4 * 365 * 24 * kHour;
        QTest::newRow("six years ago: ignored")
            << QStringLiteral("N") << QString::number(kNow - 6 * 365 * 24 * kHour) << qint64{-1};
        QTest::newRow("milliseconds: past the year 9999")
            << QStringLiteral("N") << QString::number(kNow * 1000) << qint64{-1};
        QTest::newRow("string of digits")
            << QStringLiteral("S") << QString::number(kNow) << qint64{-1};
    }

    void expiryAsTheServiceReadsIt() {
        QFETCH(QString, type);
        QFETCH(QString, value);
        QFETCH(qint64, expected);
        const auto at = TtlExpiry::seconds(
            withTtl(type.toLatin1().constData(), value.toStdString()), "expiresAt", kNow * 1000);
        QCOMPARE(at.value_or(-1), expected);
        QVERIFY(!TtlExpiry::seconds(withTtl("N", "1"), "other", kNow * 1000));
        QVERIFY(!TtlExpiry::seconds({{"expiresAt", {{"BOOL", true}}}}, "expiresAt", kNow * 1000));
    }

    void relativeToNow() {
        QCOMPARE(TtlExpiry::relative(kNow + 3 * kHour + 59, kNow * 1000), QStringLiteral("in 3 h"));
        QCOMPARE(TtlExpiry::relative(kNow + 45, kNow * 1000), QStringLiteral("in 45 s"));
        QCOMPARE(TtlExpiry::relative(kNow + 3 * 24 * kHour, kNow * 1000), QStringLiteral("in 3 d"));
        QCOMPARE(TtlExpiry::relative(kNow - 5 * 60, kNow * 1000),
                 QStringLiteral("expired 5 min ago, pending deletion"));
    }

    void expiresColumnForANumberAndNothingForAString() {
        WidgetEngine e;
        e.create_table("people", "id", "S");
        const qint64 now = e.clock->now() / 1000;
        put(e, "number", {{"N", std::to_string(now + 3 * kHour)}});
        put(e, "string", {{"S", std::to_string(now + 3 * kHour)}});
        put(e, "none", {});
        put(e, "ancient", {{"N", std::to_string(now - 6 * 365 * 24 * kHour)}});
        MainWindow window(*e.bridge);
        window.show();
        ItemsTab* items = window.itemsTab();
        ItemsModel* model = items->model();
        // The Expires column comes and goes as the model's contract requires.
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(items->table(), QStringLiteral("people"));
        QTRY_COMPARE(model->rowCount(), 4);
        QCOMPARE(model->expiryColumn(), -1);  // TTL is off: no column

        e.ok("UpdateTimeToLive",
             {{"TableName", "people"},
              {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", "expiresAt"}}}});
        items->run();
        QTRY_COMPARE(model->expiryColumn(), 1);  // right after the key
        QTRY_COMPARE(model->rowCount(), 4);
        QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Expires"));
        const QString local = QDateTime::fromSecsSinceEpoch(now + 3 * kHour)
                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        QCOMPARE(expiryText(model, "number"), local + QStringLiteral(" · in 3 h"));
        QVERIFY(expiryText(model, "string").isEmpty());
        QVERIFY(expiryText(model, "none").isEmpty());
        QVERIFY(expiryText(model, "ancient").isEmpty());
        // The attribute's own column is still there, after the Expires column.
        QCOMPARE(model->headerData(2, Qt::Horizontal).toString(), QStringLiteral("expiresAt"));

        // Engine time passes the expiry: the item stays until TTL deletes it, and says so.
        e.advance(3 * kHour * 1000 + 5 * 60'000);
        model->refreshExpiry();
        QCOMPARE(expiryText(model, "number"),
                 local + QStringLiteral(" · expired 5 min ago, pending deletion"));

        // TTL turned off (after the hour between changes): the column goes.
        e.ok("UpdateTimeToLive",
             {{"TableName", "people"},
              {"TimeToLiveSpecification", {{"Enabled", false}, {"AttributeName", "expiresAt"}}}});
        items->run();
        QTRY_COMPARE(model->expiryColumn(), -1);
        QTRY_COMPARE(model->rowCount(), 4);
        QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), QStringLiteral("expiresAt"));
    }
};

QTEST_MAIN(TstWidgetsItemExpiry)
#include "tst_widgets_item_expiry.moc"
