// The remote lab's global table through the tabs that show the embedded engine's
// simulation for embedded regions (TABLESPAN_SCREENSHOTS_ONLY=remote): the Global tables
// tab after a probe arrived in the lab's us-east-1 (and its replica in a region the
// connection does not serve), PITR with the lab's restorable window, Monitoring's
// requests and capacity pages, and the Regions & network panel. Light and dark.

#include <QTabWidget>

#include "common/engine_bridge.h"
#include "common/theme.h"
#include "global/global_tables_tab.h"
#include "global/propagation_probe.h"
#include "global/regions_panel.h"
#include "global/replica_model.h"
#include "monitoring/monitoring_tab.h"
#include "recovery/pitr_panel.h"
#include "recovery/pitr_timeline.h"
#include "screenshot_driver.h"
#include "window/main_window.h"

void ScreenshotDriver::shootRemoteViews(std::function<void()> done) {
    auto* global = m_window.findChild<GlobalTablesTab*>();
    auto* pitr = m_window.findChild<PitrPanel*>();
    auto* monitoring = m_window.findChild<MonitoringTab*>();
    auto* panel = m_window.findChild<RegionsPanel*>();
    if (!global || !pitr || !monitoring || !panel) return done();
    const QString lab = QStringLiteral("eu-west-1@lab");
    const QString virginia = QStringLiteral("us-east-1@lab");
    const QString customers = QStringLiteral("Customers");
    const auto both = [this](QWidget* widget, const QString& name) {
        save(widget, name);
        Theme::apply(Theme::Mode::Dark);
        save(widget, name + QStringLiteral("-dark"));
        Theme::apply(Theme::Mode::Light);
    };
    m_window.tabs()->setCurrentWidget(global);
    global->setTable(customers);
    when([=] { return global->model()->reachableRegions().contains(virginia); },
         [=, this] {
             PropagationProbe* probe = global->probe();
             probe->setSource(lab);
             probe->setDestination(virginia);
             probe->send();
             when([probe] { return !probe->isRunning(); },
                  [=, this] {
                      both(&m_window, QStringLiteral("66-remote-global"));

                      m_window.tabs()->setCurrentWidget(pitr);
                      pitr->setTable(customers);
                      when([pitr] { return pitr->timeline()->hasWindow(); },
                           [=, this] {
                               both(&m_window, QStringLiteral("67-remote-pitr"));
                               m_window.tabs()->setCurrentWidget(monitoring);
                               monitoring->showCapacity(false);
                               when(
                                   [monitoring] {
                                       return !monitoring->chartedOperations().isEmpty();
                                   },
                                   [=, this] {
                                       both(&m_window, QStringLiteral("68-remote-monitoring"));
                                       monitoring->showCapacity(true);
                                       both(&m_window, QStringLiteral("68b-remote-capacity"));
                                       monitoring->showCapacity(false);
                                       // Last: the dock widens the window in German.
                                       m_window.tabs()->setCurrentWidget(global);
                                       panel->show();
                                       both(&m_window, QStringLiteral("69-remote-network-panel"));
                                       panel->hide();
                                       // Back to its size once the dock has left.
                                       when([] { return true; },
                                            [this, done] {
                                                m_window.resize(1280, 800);
                                                done();
                                            });
                                   });
                           });
                  });
         });
}
