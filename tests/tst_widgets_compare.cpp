// The Items tab's Compare regions mode on a deterministic engine: a global table in
// Oregon and Ireland side by side; a write is marked as differing until replication
// delivers it, then flashes with its measured latency; a cut link keeps the difference
// until it heals. The compare model alone under QAbstractItemModelTester.

#include <QAbstractItemModelTester>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

#include <functional>

#include "items/compare_loader.h"
#include "items/compare_model.h"
#include "items/compare_view.h"
#include "items/items_tab.h"
#include "window/main_window.h"
#include "widget_fixture.h"

using tablespan::Json;

namespace {
const QString kWest = QStringLiteral("us-west-2");
const QString kIreland = QStringLiteral("eu-west-1");

// "courses" with a replica in Ireland, ACTIVE everywhere, replicating in 800 ms.
void globalTable(WidgetEngine& e) {
    e.create_table("courses", "courseid", "S");
    e.ok("UpdateTable",
         {{"TableName", "courses"},
          {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", "eu-west-1"}}}}})}});
    e.advance(60'000);
    e.engine->network().set_link_latency("us-west-2", "eu-west-1", 800);
}

Json course(const std::string& id, const std::string& title) {
    return {{"TableName", "courses"},
            {"Item", {{"courseid", {{"S", id}}}, {"title", {{"S", title}}}}}};
}

Json courseKey(const std::string& id) {
    return {{"courseid", {{"S", id}}}};
}

// The Items tab of `window` comparing "courses" between Oregon and Ireland.
CompareView* openCompare(MainWindow& window) {
    ItemsTab* tab = window.itemsTab();
    window.tabs()->setCurrentWidget(tab);
    if (!QTest::qWaitFor([tab] { return tab->table() == QLatin1String("courses"); }))
        return nullptr;
    if (!QTest::qWaitFor([tab] { return tab->compareButton()->isEnabled(); })) return nullptr;
    QTest::mouseClick(tab->compareButton(), Qt::LeftButton);
    return tab->compareView()->isVisible() ? tab->compareView() : nullptr;
}
}  // namespace

class TstWidgetsCompare : public QObject {
    Q_OBJECT

private slots:
    void rowsAlignByKeyAndMarkDifferences() {
        CompareModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSource(kWest, kIreland, {QStringLiteral("n")});
        auto item = [](const char* n, const char* colour) {
            return Json{{"n", {{"N", n}}}, {"colour", {{"S", colour}}}};
        };
        model.applySide(CompareModel::Left, {item("10", "red"), item("9", "blue")});
        // Until the right side was read nothing counts as different.
        QVERIFY(!model.differs(0));
        model.applySide(CompareModel::Right,
                        {item("100", "green"), item("9", "blue"), item("10", "pink")});
        // Numeric key order, one row per key, key columns first on each side.
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("9"));
        QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("10"));
        QCOMPARE(model.index(2, 1).data().toString(), QStringLiteral("(not in this region)"));
        QCOMPARE(model.columnCount(), 5);
        QCOMPARE(model.sideOf(3), CompareModel::Right);
        QCOMPARE(model.attributeOf(4), QStringLiteral("colour"));
        QVERIFY(!model.differs(0));
        QVERIFY(model.differs(1));
        QCOMPARE(model.difference(1), QStringLiteral("Differs between the regions: colour"));
        QVERIFY(model.index(1, 0).data(Qt::DecorationRole).isValid());
        QCOMPARE(model.difference(2), QStringLiteral("Missing in US West (Oregon)"));
        QCOMPARE(model.differingRows(), 2);

        // A new attribute adds a column on both sides.
        Json shaped = item("9", "blue");
        shaped["shape"] = {{"S", "round"}};
        model.applySide(CompareModel::Left, {item("10", "pink"), shaped});
        QCOMPARE(model.columnCount(), 7);
        QCOMPARE(model.attributeOf(3), QStringLiteral("shape"));
        QCOMPARE(model.attributeOf(6), QStringLiteral("shape"));
        QCOMPARE(model.difference(0), QStringLiteral("Differs between the regions: shape"));
        QVERIFY(!model.differs(1));

        model.markArrived(CompareModel::Left, Json{{"n", {{"N", "100"}}}}, 412);
        QVERIFY(model.isFlashing(2));
        QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("↓ 412 ms"));
        QVERIFY(model.index(2, 1).data(Qt::BackgroundRole).isValid());

        // Gone from both regions: the row goes.
        model.applySide(CompareModel::Right, {item("9", "blue"), item("10", "pink")});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOfKey(Json{{"n", {{"N", "100"}}}}), -1);
        model.applySide(CompareModel::Left, {item("10", "pink")});
        QCOMPARE(model.rowCount(), 2);  // 9 is still in Ireland
        QCOMPARE(model.difference(0), QStringLiteral("Missing in US West (Oregon)"));
        model.applySide(CompareModel::Right, {item("10", "pink")});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOfKey(Json{{"n", {{"N", "10"}}}}), 0);
    }

    void onlyGlobalTablesCanBeCompared() {
        WidgetEngine e;
        globalTable(e);
        e.create_table("regional", "id", "S");
        MainWindow window(*e.bridge);
        window.show();
        CompareView* view = openCompare(window);
        QVERIFY(view);
        QCOMPARE(view->offeredRegions(), QStringList{kIreland});
        QCOMPARE(view->otherRegion(), kIreland);

        ItemsTab* tab = window.itemsTab();
        tab->setTable(QStringLiteral("regional"));
        QTRY_VERIFY(!tab->compareButton()->isEnabled());
        QVERIFY(tab->compareButton()->toolTip().contains(QLatin1String("no replica")));
        QVERIFY(!view->isVisible());
        QVERIFY(tab->view()->isVisible());
        tab->setTable(QStringLiteral("courses"));
        QTRY_VERIFY(view->isVisible());

        // Out of sight it reads nothing; back in sight it reads both regions again.
        window.tabs()->setCurrentIndex(0);
        QVERIFY(view->loader()->table().isEmpty());
        window.tabs()->setCurrentWidget(tab);
        QCOMPARE(view->loader()->table(), QStringLiteral("courses"));
        QTRY_COMPARE(view->model()->rowCount(), 0);  // the table is empty
        QTRY_VERIFY(view->noteText().contains(QLatin1String("same items")));
    }

    void aWriteDiffersUntilItArrivesThenFlashesWithItsLatency() {
        WidgetEngine e;
        globalTable(e);
        e.ok("PutItem", course("c0", "Welcome"));
        e.advance(5'000);
        MainWindow window(*e.bridge);
        window.show();
        CompareView* view = openCompare(window);
        QVERIFY(view);
        CompareModel* model = view->model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_COMPARE(model->rowCount(), 1);
        QTRY_VERIFY(view->noteText().contains(QLatin1String("same items")));
        QVERIFY(!model->differs(0));

        e.ok("PutItem", course("c1", "Intro"), kWest.toStdString());
        const auto row = [&] { return model->rowOfKey(courseKey("c1")); };
        QTRY_VERIFY(row() >= 0 && model->differs(row()));
        QCOMPARE(model->difference(row()), QStringLiteral("Missing in Europe (Ireland)"));
        QVERIFY(!model->isFlashing(row()));
        QTRY_VERIFY(view->noteText().contains(QLatin1String("differ between")));

        QVERIFY(e.advanceUntil([&] { return row() >= 0 && !model->differs(row()); }, 100, 30));
        QVERIFY(model->isFlashing(row()));
        QCOMPARE(model->index(row(), 0).data(CompareModel::LatencyRole).toDouble(), 800.0);
        QCOMPARE(model->index(row(), 0).data().toString(), QStringLiteral("↓ 800 ms"));
        QVERIFY(model->index(row(), 0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("from US West (Oregon) to Europe (Ireland)")));
        QVERIFY(!model->isFlashing(0));  // c0 did not move
        // The flash fades; the latency stays.
        QTRY_VERIFY_WITH_TIMEOUT(!model->isFlashing(row()), 5'000);
        QCOMPARE(model->index(row(), 0).data().toString(), QStringLiteral("↓ 800 ms"));
    }

    void aCutLinkKeepsTheDifferenceUntilItHeals() {
        WidgetEngine e;
        globalTable(e);
        e.ok("PutItem", course("c1", "Intro"));
        e.advance(5'000);
        MainWindow window(*e.bridge);
        window.show();
        CompareView* view = openCompare(window);
        QVERIFY(view);
        CompareModel* model = view->model();
        QTRY_COMPARE(model->rowCount(), 1);

        e.engine->network().set_link_cut("us-west-2", "eu-west-1", true);
        e.ok("PutItem", course("c1", "Intro, revised"), kWest.toStdString());
        e.ok("PutItem", course("c2", "From Ireland"), kIreland.toStdString());
        const auto c1 = [&] { return model->rowOfKey(courseKey("c1")); };
        const auto c2 = [&] { return model->rowOfKey(courseKey("c2")); };
        QTRY_VERIFY(c2() >= 0 && model->differs(c2()) && model->differs(c1()));
        QCOMPARE(model->difference(c1()), QStringLiteral("Differs between the regions: title"));
        QCOMPARE(model->difference(c2()), QStringLiteral("Missing in US West (Oregon)"));

        // However long it takes, nothing crosses the cut link.
        e.advance(30'000);
        QTRY_VERIFY(!view->loader()->isLoading());
        QVERIFY(model->differs(c1()));
        QVERIFY(model->differs(c2()));
        QVERIFY(model->index(c2(), 0).data(CompareModel::LatencyRole).isNull());

        e.engine->network().set_link_cut("us-west-2", "eu-west-1", false);
        QVERIFY(e.advanceUntil([&] { return !model->differs(c1()) && !model->differs(c2()); }, 100,
                               30));
        QTRY_VERIFY(view->noteText().contains(QLatin1String("same items")));
        // Both directions flashed; the changes waited on the link, and it shows.
        QVERIFY(model->index(c2(), 0).data(CompareModel::LatencyRole).toDouble() >= 30'000);
        QVERIFY(model->index(c1(), 0).data(CompareModel::LatencyRole).toDouble() >= 30'000);
        QVERIFY(model->index(c2(), 0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("from Europe (Ireland) to US West (Oregon)")));
        QCOMPARE(QString::fromStdString(
                     model->item(c1(), CompareModel::Right)["title"]["S"].get<std::string>()),
                 QStringLiteral("Intro, revised"));
    }

    void onlyTheFirstItemsAreRead() {
        WidgetEngine e;
        globalTable(e);
        for (int i = 0; i < 5; ++i) e.ok("PutItem", course("c" + std::to_string(i), "t"));
        e.advance(5'000);
        MainWindow window(*e.bridge);
        window.show();
        window.itemsTab()->compareView()->loader()->setMaxItems(3);
        CompareView* view = openCompare(window);
        QVERIFY(view);
        QTRY_VERIFY(view->noteText().contains(QLatin1String("first 3 items")));
        QCOMPARE(view->model()->rowCount(), 3);
        QCOMPARE(view->model()->differingRows(), 0);
    }
};

QTEST_MAIN(TstWidgetsCompare)
#include "tst_widgets_compare.moc"
