// The screenshot driver's Compare regions shot: the Music table in Oregon and Ireland
// side by side while replication is under way, with rows that just arrived flashing and
// rows that still differ marked.

#include <QApplication>
#include <QLayout>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>

#include "items/compare_loader.h"
#include "items/compare_model.h"
#include "items/compare_view.h"
#include "common/engine_bridge.h"
#include "items/items_tab.h"
#include "window/main_window.h"
#include "global/regions_panel.h"
#include "screenshot_driver.h"

using tablespan::Json;

namespace {
const QString kWest = QStringLiteral("us-west-2");
const QString kIreland = QStringLiteral("eu-west-1");
// Replication between Oregon and Ireland while the shot is prepared (engine ms).
constexpr int kLinkMs = 1500;

Json song(const char* artist, const char* title, int plays) {
    return {{"TableName", "Music"},
            {"Item",
             {{"Artist", {{"S", artist}}},
              {"Song", {{"S", title}}},
              {"Plays", {{"N", std::to_string(plays)}}}}}};
}

int rowOf(CompareModel* model, const char* artist, const char* title) {
    return model->rowOfKey({{"Artist", {{"S", artist}}}, {"Song", {{"S", title}}}});
}
}  // namespace

void ScreenshotDriver::shootReplication(std::function<void()> done) {
    shootGlobal([this, done] { shootCompare(done); });
}

void ScreenshotDriver::shootCompare(std::function<void()> done) {
    auto* panel = m_window.findChild<RegionsPanel*>();
    ItemsTab* items = m_window.itemsTab();
    if (!panel) {
        done();
        return;
    }
    // The Regions & network dock widened the window; it may be narrow again.
    m_window.layout()->activate();
    m_window.resize(1280, 800);
    const QString previous = items->table();
    m_window.tabs()->setCurrentWidget(items);
    items->setTable(QStringLiteral("Music"));
    CompareView* view = items->compareView();
    when([items] { return items->compareButton()->isEnabled(); },
         [=, this] {
             items->compareButton()->setChecked(true);
             view->setOtherRegion(kIreland);
             when([view] { return view->model()->rowCount() > 0 && !view->loader()->isLoading(); },
                  [=, this] {
                      // Real time: the flash is seen as it happens.
                      const double scale = panel->timeScale();
                      panel->setTimeScale(1);
                      panel->selectLink(kWest, kIreland);
                      panel->setLinkOverride(kLinkMs);
                      // Ireland writes first: it arrives in Oregon while the shot is taken.
                      // Oregon then writes newer versions that Ireland has not seen yet.
                      for (const char* title : {"Fjord", "Kalevala", "Midsummer"})
                          m_bridge.call(this, kIreland, QStringLiteral("PutItem"),
                                        song("Aalto Quartet", title, 7), [](const auto&) {});
                      QTimer::singleShot(kLinkMs - 300, this, [this] {
                          m_bridge.call(this, kWest, QStringLiteral("PutItem"),
                                        song("Aalto Quartet", "Fjord", 12), [](const auto&) {});
                          for (const char* title : {"Dawn", "Dusk"})
                              m_bridge.call(this, kWest, QStringLiteral("PutItem"),
                                            song("Abel Ensemble", title, 3), [](const auto&) {});
                      });
                      CompareModel* model = view->model();
                      when(
                          [model] {
                              const int arrived = rowOf(model, "Aalto Quartet", "Kalevala");
                              const int pending = rowOf(model, "Abel Ensemble", "Dusk");
                              return arrived >= 0 && model->isFlashing(arrived) && pending >= 0 &&
                                     model->differs(pending);
                          },
                          [=, this] {
                              save(&m_window, QStringLiteral("17-compare-regions"));
                              panel->selectLink(kWest, kIreland);
                              panel->setLinkOverride(std::nullopt);
                              panel->setTimeScale(scale);
                              items->compareButton()->setChecked(false);
                              items->setTable(previous);
                              items->run();  // the query the Items tab showed before
                              done();
                          });
                  });
         });
}
