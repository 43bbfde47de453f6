// Switching the language in the View menu: the window comes back in the new language at
// once (no restart), on the same region and tab, and the choice is remembered.

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

#include "window/console_host.h"
#include "global/global_console.h"
#include "common/language.h"
#include "window/main_window.h"
#include "widget_fixture.h"

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
        QCOMPARE(window.tabs()->count(), 4);
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
};

QTEST_MAIN(TstWidgetsLanguage)
#include "tst_widgets_language.moc"
