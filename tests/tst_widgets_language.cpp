// Switching the language in the View menu: the window comes back in the new language at
// once (no restart), on the same region and tab, and the choice is remembered.

#include <QAction>
#include <QComboBox>
#include <QMenu>
#include <QDateTime>
#include <QMenuBar>
#include <QStringListModel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

#include "global/global_tables_tab.h"
#include "global/propagation_probe.h"
#include "global/regions_panel.h"
#include "monitoring/monitoring_tab.h"
#include "monitoring/request_stats_model.h"
#include "window/activity_dock.h"
#include "window/activity_model.h"
#include "window/console_host.h"
#include "global/global_console.h"
#include "common/language.h"
#include "window/main_window.h"
#include "widget_fixture.h"

using tablespan::Json;

namespace {
// The View menu's language action with this text.
QAction* languageAction(MainWindow& window, const QString& text) {
    for (QAction* menu : window.viewMenu()->actions()) {
        if (!menu->menu()) continue;
        for (QAction* a : menu->menu()->actions())
            if (a->text() == text) return a;
    }
    return nullptr;
}
}  // namespace

class TstWidgetsLanguage : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("language"));
    }
    void cleanup() {
        QSettings().remove(QStringLiteral("language"));
        Language::apply(QStringLiteral("en"));
    }

    void switchingLanguageRebuildsTheWindowInPlace() {
        Language::apply(QStringLiteral("en"));
        WidgetEngine e;
        int decorated = 0;
        ConsoleHost host(*e.bridge, QStringLiteral("eu-west-1"), [&](MainWindow& w) {
            installGlobalConsole(w, *e.bridge);
            ++decorated;
        });
        MainWindow* first = &host.window();
        first->show();
        first->tabs()->setCurrentIndex(1);
        QCOMPARE(first->tabs()->tabText(0), QStringLiteral("Tables"));
        QSignalSpy replaced(&host, &ConsoleHost::windowReplaced);

        QAction* german = languageAction(*first, QStringLiteral("Deutsch"));
        QVERIFY(german);
        german->trigger();
        QTRY_COMPARE(replaced.count(), 1);

        MainWindow& window = host.window();
        QVERIFY(window.isVisible());
        QCOMPARE(decorated, 2);
        QCOMPARE(window.tabs()->tabText(0), QStringLiteral("Tabellen"));
        QCOMPARE(window.currentRegion(), QStringLiteral("eu-west-1"));
        QCOMPARE(window.tabs()->currentIndex(), 1);
        // The tabs main() adds are there again, in German too.
        QCOMPARE(window.tabs()->count(), 6);
        QCOMPARE(Language::setting(), QStringLiteral("de"));
        QCOMPARE(QLocale().language(), QLocale::German);
        QVERIFY(languageAction(window, QStringLiteral("Deutsch"))->isChecked());

        QAction* japanese = languageAction(window, QStringLiteral("日本語"));
        QVERIFY(japanese);
        japanese->trigger();
        QTRY_COMPARE(replaced.count(), 2);
        QCOMPARE(host.window().tabs()->tabText(0), QStringLiteral("テーブル"));
        QCOMPARE(Language::setting(), QStringLiteral("ja"));

        languageAction(host.window(), QStringLiteral("English"))->trigger();
        QTRY_COMPARE(replaced.count(), 3);
        QCOMPARE(host.window().tabs()->tabText(0), QStringLiteral("Tables"));
    }

    // Bug 6: what the user has seen survives a language switch: Activity rows, the
    // Monitoring counters, the probe history, an open dock, the window's place, and
    // the date format once back in English.
    void stateSurvivesALanguageSwitch() {
        Language::apply(QString());  // follow the system, as a first start does
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(1'796'000'000'000);
        const QString dateBefore = QLocale().toString(when, QLocale::ShortFormat);
        WidgetEngine e;
        e.create_table("courses", "courseid", "S");
        e.ok("UpdateTable",
             {{"TableName", "courses"},
              {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", "eu-west-1"}}}}})}});
        e.advance(60'000);
        GlobalConsole console;
        ConsoleHost host(*e.bridge, QStringLiteral("us-west-2"),
                         [&](MainWindow& w) { console = installGlobalConsole(w, *e.bridge); });
        MainWindow* first = &host.window();
        first->resize(1000, 700);
        first->show();
        first->move(40, 30);
        QTRY_VERIFY(first->isVisible());
        console.regions->toggleViewAction()->trigger();
        QTRY_VERIFY(console.regions->isVisible());
        for (int i = 0; i < 7; ++i)
            e.bridge->call(QStringLiteral("us-west-2"), QStringLiteral("PutItem"),
                           {{"TableName", "courses"},
                            {"Item", {{"courseid", {{"S", "c" + std::to_string(i)}}}}}},
                           {});
        QTRY_COMPARE(
            console.monitoring->model()->requests(
                QStringLiteral("us-west-2"), QStringLiteral("courses"), QStringLiteral("PutItem")),
            7);
        // One probe, arrived.
        first->tabs()->setCurrentWidget(console.globalTables);
        PropagationProbe* probe = console.globalTables->probe();
        QTRY_COMPARE(probe->findChild<QComboBox*>(QStringLiteral("probeSource"))->count(), 2);
        probe->setSource(QStringLiteral("us-west-2"));
        probe->setDestination(QStringLiteral("eu-west-1"));
        QSignalSpy arrived(probe, &PropagationProbe::arrived);
        probe->send();
        QVERIFY(e.advanceUntil([&] { return arrived.count() == 1; }, 50, 200));
        QCOMPARE(probe->history()->rowCount(), 1);
        const int activity = first->activityDock()->model()->rowCount();
        QVERIFY(activity >= 8);
        const auto puts = [&] {
            return console.monitoring->model()->requests(
                QStringLiteral("us-west-2"), QStringLiteral("courses"), QStringLiteral("PutItem"));
        };
        const int putsBefore = puts();  // ours and the probe's
        const QRect geometry = first->geometry();

        QSignalSpy replaced(&host, &ConsoleHost::windowReplaced);
        languageAction(*first, QStringLiteral("Deutsch"))->trigger();
        QTRY_COMPARE(replaced.count(), 1);
        MainWindow& window = host.window();
        QCOMPARE(window.tabs()->tabText(0), QStringLiteral("Tabellen"));
        QVERIFY(window.activityDock()->model()->rowCount() >= activity);
        QCOMPARE(puts(), putsBefore);
        QCOMPARE(console.globalTables->probe()->history()->rowCount(), 1);
        QTRY_VERIFY(console.regions->isVisible());
        QTRY_COMPARE(window.geometry().topLeft(), geometry.topLeft());
        QCOMPARE(window.height(), geometry.height());

        languageAction(window, QStringLiteral("English"))->trigger();
        QTRY_COMPARE(replaced.count(), 2);
        QCOMPARE(host.window().tabs()->tabText(0), QStringLiteral("Tables"));
        QCOMPARE(QLocale().toString(when, QLocale::ShortFormat), dateBefore);
        QVERIFY(host.window().activityDock()->model()->rowCount() >= activity);
        QCOMPARE(console.globalTables->probe()->history()->rowCount(), 1);
    }
};

QTEST_MAIN(TstWidgetsLanguage)
#include "tst_widgets_language.moc"
