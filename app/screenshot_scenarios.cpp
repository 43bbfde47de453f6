// Fault scenarios for --screenshot-dir: the Oregon example opened (description, tables,
// load, the faults on the timeline), mid-run after Oregon is lost (charts growing), and
// the report at the end; then the under-provisioned replicas' report, which says why their
// writes were throttled. Light and dark.

#include <memory>

#include <QApplication>
#include <QTabWidget>
#include <QTimer>

#include "common/theme.h"
#include "scenarios/scenarios_tab.h"
#include "screenshot_driver.h"
#include "window/main_window.h"

void ScreenshotDriver::shootScenarios(std::function<void()> done) {
    auto* tab = m_window.findChild<ScenariosTab*>();
    m_window.tabs()->setCurrentWidget(tab);
    tab->openScenario(QStringLiteral(":/scenarios/oregon-lost.json"));
    save(&m_window, QStringLiteral("70a-scenario-open"));
    Theme::apply(Theme::Mode::Dark);
    save(&m_window, QStringLiteral("70b-scenario-open-dark"));
    Theme::apply(Theme::Mode::System);
    // Last, the under-provisioned replicas' report: why their writes were throttled.
    auto shootThrottling = [=, this] {
        tab->openScenario(QStringLiteral(":/scenarios/under-provisioned-replica.json"));
        connect(
            tab, &ScenariosTab::runFinished, this,
            [=, this] {
                QTimer::singleShot(300, this, [=, this] {
                    save(&m_window, QStringLiteral("70f-scenario-throttling-report"));
                    Theme::apply(Theme::Mode::Dark);
                    save(&m_window, QStringLiteral("70g-scenario-throttling-report-dark"));
                    Theme::apply(Theme::Mode::System);
                    done();
                });
            },
            Qt::SingleShotConnection);
        tab->run();
    };
    // Mid-run: some minutes after Oregon is lost (at 12 min). No 20 s limit here: the run
    // takes what this machine needs.
    auto shotMidRun = std::make_shared<bool>(false);
    auto* poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [=, this] {
        if (*shotMidRun || tab->secondsDone() < 1000) return;
        *shotMidRun = true;
        save(&m_window, QStringLiteral("70c-scenario-running"));
        Theme::apply(Theme::Mode::Dark);
        save(&m_window, QStringLiteral("70d-scenario-running-dark"));
        Theme::apply(Theme::Mode::System);
    });
    connect(
        tab, &ScenariosTab::runFinished, this,
        [=, this] {
            poll->stop();
            poll->deleteLater();
            // The redraw after the last second.
            QTimer::singleShot(300, this, [=, this] {
                save(&m_window, QStringLiteral("70-scenario-report"));
                Theme::apply(Theme::Mode::Dark);
                save(&m_window, QStringLiteral("70e-scenario-report-dark"));
                Theme::apply(Theme::Mode::System);
                shootThrottling();
            });
        },
        Qt::SingleShotConnection);
    poll->start(50);
    tab->run();
}
