// The window in German at 1000×700: every tab page, the toolbar and the docks fit, so
// that the window can shrink to 1000 px wide (German labels are the longest we ship), the
// Items tab's pending transaction included.

#include <QDockWidget>
#include <QLabel>
#include <QTabWidget>
#include <QTest>
#include <QToolBar>

#include "common/language.h"
#include "global/global_console.h"
#include "items/items_tab.h"
#include "items/pending_transaction.h"
#include "items/pending_transaction_panel.h"
#include "recovery/recovery_console.h"
#include "widget_fixture.h"
#include "window/main_window.h"

class TstWidgetsLayoutDe : public QObject {
    Q_OBJECT

private slots:
    void cleanup() { Language::apply(QStringLiteral("en")); }

    void theGermanWindowShrinksTo1000Pixels() {
        Language::apply(QStringLiteral("de"));
        WidgetEngine e;
        e.create_table("Bestellungen", "kunde", "S", "datum", "S");
        MainWindow window(*e.bridge);
        installGlobalConsole(window, *e.bridge);
        installRecoveryConsole(window, *e.bridge);
        // The Items tab with a pending transaction that the service cancelled.
        PendingTransaction* pending = window.itemsTab()->pendingPanel()->transaction();
        QCOMPARE(pending->add(QStringLiteral("us-west-2"),
                              {PendingTransaction::Kind::Put,
                               QStringLiteral("Bestellungen"),
                               {QStringLiteral("kunde"), QStringLiteral("datum")},
                               {},
                               {{"kunde", {{"S", "Ada"}}}, {"datum", {{"S", "2026-01-10"}}}},
                               {},
                               {}}),
                 QString());
        pending->setReasons(tablespan::Json::array({{{"Code", "ConditionalCheckFailed"},
                                                     {"Message", "The conditional request failed"},
                                                     {"Item", {{"kunde", {{"S", "Ada"}}}}}}}));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Every tab once shown, with what it says about the table (the Global tables tab
        // says at length that the table has no replica).
        for (int i = 0; i < window.tabs()->count(); ++i) window.tabs()->setCurrentIndex(i);
        QLabel* summary = window.findChild<QLabel*>(QStringLiteral("globalSummary"));
        QVERIFY(summary);
        QTRY_VERIFY(!summary->text().isEmpty());
        // What holds the width, named when the test fails.
        QStringList wide;
        QTabWidget* tabs = window.tabs();
        for (int i = 0; i < tabs->count(); ++i) {
            const int w = tabs->widget(i)->minimumSizeHint().width();
            if (w <= 960) continue;
            wide << QStringLiteral("%1: %2").arg(tabs->tabText(i)).arg(w);
            // And what in it is wide.
            for (auto* child : tabs->widget(i)->findChildren<QWidget*>())
                if (child->isVisibleTo(tabs->widget(i)) && child->minimumSizeHint().width() > 300)
                    wide << QStringLiteral("  %1 %2: %3")
                                .arg(QString::fromLatin1(child->metaObject()->className()),
                                     child->objectName())
                                .arg(child->minimumSizeHint().width());
        }
        for (auto* bar : window.findChildren<QToolBar*>())
            if (bar->isVisible() && bar->minimumSizeHint().width() > 1000)
                wide << QStringLiteral("toolbar %1: %2")
                            .arg(bar->objectName())
                            .arg(bar->minimumSizeHint().width());
        for (auto* dock : window.findChildren<QDockWidget*>())
            if (dock->isVisible() && dock->minimumSizeHint().width() > 1000)
                wide << QStringLiteral("dock %1: %2")
                            .arg(dock->objectName())
                            .arg(dock->minimumSizeHint().width());
        QVERIFY2(window.minimumSizeHint().width() <= 1000,
                 qPrintable(QStringLiteral("%1 px: ").arg(window.minimumSizeHint().width()) +
                            wide.join(QStringLiteral(", "))));
        window.resize(1000, 700);
        QTRY_COMPARE(window.width(), 1000);
    }
};

QTEST_MAIN(TstWidgetsLayoutDe)
#include "tst_widgets_layout_de.moc"
