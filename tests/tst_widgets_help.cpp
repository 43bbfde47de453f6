// Help: F1 and the Help menu open the keyboard shortcuts, listing the menus' real
// shortcuts; About names the version, the data directory and the endpoint.

#include <QAction>
#include <QMenuBar>
#include <QTableWidget>
#include <QTest>

#include "widget_fixture.h"
#include "window/help_about_dialog.h"
#include "window/help_shortcuts_dialog.h"
#include "window/main_window.h"

class TstWidgetsHelp : public QObject {
    Q_OBJECT

    static QStringList column(QTableWidget* list, int column) {
        QStringList out;
        for (int row = 0; row < list->rowCount(); ++row) out << list->item(row, column)->text();
        return out;
    }

private slots:
    void f1ListsTheShortcuts() {
        WidgetEngine e;
        MainWindow window(*e.bridge);
        window.resize(1000, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QStringList menus;
        for (const QAction* a : window.menuBar()->actions()) menus << a->text();
        QCOMPARE(menus.last(), QStringLiteral("&Help"));

        QTest::keyClick(&window, Qt::Key_F1);
        HelpShortcutsDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<HelpShortcutsDialog*>()));
        const QStringList actions = column(dialog->list(), HelpShortcutsDialog::Action);
        const QStringList keys = column(dialog->list(), HelpShortcutsDialog::Keys);
        // Each menu action with a shortcut, with its key as the action has it.
        const int newTable = static_cast<int>(actions.indexOf(QStringLiteral("New table")));
        QVERIFY(newTable >= 0);
        QCOMPARE(keys.at(newTable),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N).toString(QKeySequence::NativeText));
        QVERIFY(actions.contains(QStringLiteral("Keyboard shortcuts")));
        QVERIFY(actions.contains(QStringLiteral("Import items…")));
        QCOMPARE(column(dialog->list(), HelpShortcutsDialog::Where).at(newTable),
                 QStringLiteral("Edit"));
        // F1 again does not stack a second list.
        QTest::keyClick(&window, Qt::Key_F1);
        QCoreApplication::processEvents();
        QCOMPARE(window.findChildren<HelpShortcutsDialog*>().size(), 1);
    }

    void aboutNamesDataDirectoryAndEndpoint() {
        WidgetEngine e;
        QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));
        MainWindow window(*e.bridge);
        window.setEndpointUrl(QStringLiteral("http://127.0.0.1:8000"));
        window.show();
        QAction* about = window.findChild<QAction*>(QStringLiteral("showAbout"));
        QVERIFY(about);
        about->trigger();
        HelpAboutDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<HelpAboutDialog*>()));
        const QString text = dialog->text();
        QVERIFY(text.contains(QLatin1String("Tablespan 0.1.0")));
        QVERIFY(text.contains(QString::fromStdString(e.engine->data_dir())));
        QVERIFY(text.contains(QLatin1String("http://127.0.0.1:8000")));
        QVERIFY(text.contains(QLatin1String("DynamoDB")));
        // Without an endpoint it says so.
        HelpAboutDialog off(QStringLiteral("/tmp/x"), QString());
        QVERIFY(off.text().contains(QLatin1String("Endpoint\toff")) ||
                off.text().contains(QLatin1String("off")));
    }
};

QTEST_MAIN(TstWidgetsHelp)
#include "tst_widgets_help.moc"
