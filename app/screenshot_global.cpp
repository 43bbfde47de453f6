// The screenshot driver's Global tables, Monitoring and Regions & network shots: a table
// replicated to Ireland under a steady stream of writes, a third replica being backfilled,
// a probe, a cut link.

#include <QApplication>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

#include "global/create_replica_dialog.h"
#include "common/engine_bridge.h"
#include "global/global_tables_tab.h"
#include "window/main_window.h"
#include "monitoring/monitoring_tab.h"
#include "global/network_models.h"
#include "global/propagation_probe.h"
#include "global/regions_panel.h"
#include "global/replica_model.h"
#include "screenshot_driver.h"
#include "tables/tables_model.h"
#include "common/theme.h"

using tablespan::Json;

namespace {
const QString kWest = QStringLiteral("us-west-2");
const QString kIreland = QStringLiteral("eu-west-1");
const QString kSydney = QStringLiteral("ap-southeast-2");

QString statusIn(ReplicaModel* model, const QString& region) {
    const int row = model->rowOf(region);
    return row < 0
               ? QString()
               : model->index(row, ReplicaModel::Status).data(ReplicaModel::StatusRole).toString();
}
}  // namespace

void ScreenshotDriver::writeTraffic() {
    // Writes in Oregon and in Ireland, so both directions replicate.
    for (const QString& region : {kWest, kIreland}) {
        Json requests = Json::array();
        for (int i = 0; i < (region == kWest ? 20 : 8); ++i) {
            const int n = ++m_written;
            requests.push_back({{"PutRequest",
                                 {{"Item",
                                   {{"Artist", {{"S", "Artist " + std::to_string(n % 40)}}},
                                    {"Song", {{"S", "Song " + std::to_string(n)}}},
                                    {"Plays", {{"N", std::to_string(n * 13 % 1000)}}}}}}}});
        }
        m_bridge.call(this, region, QStringLiteral("BatchWriteItem"),
                      {{"RequestItems", {{"Music", requests}}}}, [](const auto&) {});
    }
}

void ScreenshotDriver::shootGlobal(std::function<void()> done) {
    auto* global = m_window.findChild<GlobalTablesTab*>();
    auto* monitoring = m_window.findChild<MonitoringTab*>();
    auto* panel = m_window.findChild<RegionsPanel*>();
    if (!global || !monitoring || !panel) {
        done();
        return;
    }
    const double scale = m_bridge.engine().time_scale();
    // Slow enough that a backfill can be caught half way.
    panel->setTimeScale(5);
    Json music = {{"TableName", "Music"},
                  {"AttributeDefinitions",
                   {{{"AttributeName", "Artist"}, {"AttributeType", "S"}},
                    {{"AttributeName", "Song"}, {"AttributeType", "S"}}}},
                  {"KeySchema",
                   {{{"AttributeName", "Artist"}, {"KeyType", "HASH"}},
                    {{"AttributeName", "Song"}, {"KeyType", "RANGE"}}}},
                  {"BillingMode", "PAY_PER_REQUEST"}};
    m_bridge.call(this, kWest, QStringLiteral("CreateTable"), music, [](const auto&) {});
    m_window.tabs()->setCurrentWidget(global);
    auto* tables = m_window.tablesModel();
    when(
        [tables] {
            const int row = tables->rowOf(QStringLiteral("Music"));
            return row >= 0 && tables->data(tables->index(row, TablesModel::Status),
                                            TablesModel::StatusRole) == QLatin1String("ACTIVE");
        },
        [=, this] {
            global->setTable(QStringLiteral("Music"));
            m_bridge.call(
                this, kWest, QStringLiteral("UpdateTable"),
                {{"TableName", "Music"},
                 {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", "eu-west-1"}}}}})}},
                [](const auto&) {});
            when(
                [global] { return statusIn(global->model(), kIreland) == QLatin1String("ACTIVE"); },
                [=, this] {
                    auto* traffic = new QTimer(this);
                    connect(traffic, &QTimer::timeout, this, &ScreenshotDriver::writeTraffic);
                    traffic->start(100);
                    // Let the chart fill for ~25 s of engine time, then add Sydney.
                    QTimer::singleShot(5'000, this, [=, this] {
                        m_bridge.call(
                            this, kWest, QStringLiteral("UpdateTable"),
                            {{"TableName", "Music"},
                             {"ReplicaUpdates",
                              Json::array({{{"Create", {{"RegionName", "ap-southeast-2"}}}}})}},
                            [](const auto&) {});
                        PropagationProbe* probe = global->probe();
                        probe->setSource(kWest);
                        probe->setDestination(kIreland);
                        probe->send();
                        when(
                            [global] {
                                const int row = global->model()->rowOf(kSydney);
                                return row >= 0 &&
                                       global->model()
                                               ->index(row, ReplicaModel::Status)
                                               .data(ReplicaModel::ProgressRole)
                                               .toInt() >= 30 &&
                                       !global->probe()->isRunning();
                            },
                            [=, this] {
                                global->view()->selectRow(1);
                                save(&m_window, QStringLiteral("13-global-tables"));
                                global->createReplica();
                                auto* dialog = global->findChild<CreateReplicaDialog*>();
                                dialog->setReplicaRegion(QStringLiteral("ap-northeast-1"));
                                dialog->setTableClass(QStringLiteral("STANDARD_INFREQUENT_ACCESS"));
                                save(dialog, QStringLiteral("14-create-replica"));
                                dialog->reject();
                                m_window.tabs()->setCurrentWidget(monitoring);
                                monitoring->refresh();
                                save(&m_window, QStringLiteral("15-monitoring"));
                                // The charts in the dark theme, and at 1000×700.
                                Theme::apply(Theme::Mode::Dark);
                                monitoring->refresh();
                                save(&m_window, QStringLiteral("15b-monitoring-dark"));
                                m_window.tabs()->setCurrentWidget(global);
                                save(&m_window, QStringLiteral("13b-global-tables-dark"));
                                m_window.resize(1000, 700);
                                save(&m_window, QStringLiteral("13c-global-tables-1000x700"));
                                m_window.tabs()->setCurrentWidget(monitoring);
                                monitoring->refresh();
                                save(&m_window, QStringLiteral("15c-monitoring-1000x700"));
                                Theme::apply(Theme::Mode::System);
                                m_window.resize(1280, 800);
                                m_window.tabs()->setCurrentWidget(global);
                                // Room for the dock beside the tab (its minimum width).
                                m_window.resize(1440, 800);
                                panel->show();
                                panel->discoverRegions();
                                when([panel] { return panel->linkModel()->rowCount() >= 3; },
                                     [=, this] {
                                         panel->selectLink(kIreland, kSydney);
                                         panel->setLinkCut(true);
                                         panel->selectLink(kWest, kIreland);
                                         panel->setLinkOverride(250);
                                         QApplication::processEvents();
                                         save(&m_window, QStringLiteral("16-regions-panel"));
                                         traffic->stop();
                                         panel->setLinkOverride(std::nullopt);
                                         panel->selectLink(kIreland, kSydney);
                                         panel->setLinkCut(false);
                                         panel->hide();
                                         m_window.resize(1280, 800);
                                         panel->setTimeScale(scale);
                                         done();
                                     });
                            });
                    });
                });
        });
}
