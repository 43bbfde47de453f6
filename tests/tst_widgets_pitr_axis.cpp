// The PITR chart names the time its axis shows: local time only while engine time is the
// wall clock's; engine time (with its speed) when time runs scaled or elsewhere.

#include <QTabWidget>
#include <QTest>

#include "recovery/pitr_panel.h"
#include "recovery/pitr_timeline.h"
#include "recovery/recovery_console.h"
#include "widget_fixture.h"
#include "window/main_window.h"

class TstWidgetsPitrAxis : public QObject {
    Q_OBJECT

private slots:
    void axisSaysWhichTime() {
        PitrTimeline timeline;
        timeline.setTimeBase(false, 1.0);
        QCOMPARE(timeline.axisTitle(), QStringLiteral("local time"));
        timeline.setTimeBase(true, 10.0);
        QCOMPARE(timeline.axisTitle(), QStringLiteral("engine time (×10)"));
        timeline.setTimeBase(true, 1.0);
        QCOMPARE(timeline.axisTitle(), QStringLiteral("engine time"));
    }

    void panelOnAnEngineClockShowsEngineTime() {
        // The manual clock starts on 2026-09-21, away from the wall clock.
        WidgetEngine e;
        e.create_table("Ledger", "pk", "S");
        MainWindow window(*e.bridge);
        const RecoveryConsole console = installRecoveryConsole(window, *e.bridge);
        window.resize(1000, 700);
        window.show();
        window.tabs()->setCurrentWidget(console.pitr);
        QTRY_COMPARE(console.pitr->table(), QStringLiteral("Ledger"));
        console.pitr->refresh();
        QCOMPARE(console.pitr->timeline()->axisTitle(), QStringLiteral("engine time"));
    }
};

QTEST_MAIN(TstWidgetsPitrAxis)
#include "tst_widgets_pitr_axis.moc"
