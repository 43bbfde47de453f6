// Multi-Region strong consistency for --screenshot-dir: the create-replica dialog
// choosing strong consistency with a witness, and saying why it cannot for a table with
// items; the Global tables tab of the strongly consistent group (mode, witness, write
// latency, conflicts) under writes from both replicas; the outage comparison after a
// run. Light and dark.

#include <QApplication>
#include <QTableView>
#include <QTimer>
#include <QTabWidget>

#include "common/engine_bridge.h"
#include "common/theme.h"
#include "drills/outage_drill.h"
#include "drills/outage_drill_dialog.h"
#include "global/create_replica_dialog.h"
#include "global/global_tables_tab.h"
#include "global/regions_panel.h"
#include "global/replica_model.h"
#include "screenshot_driver.h"
#include "tables/tables_model.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
const QString kWest = QStringLiteral("us-west-2");
const QString kEast = QStringLiteral("us-east-1");
const QString kOhio = QStringLiteral("us-east-2");
}  // namespace

void ScreenshotDriver::writeLedger() {
    // Both replicas write their own entries, and now and then the same one: a conflict.
    const int n = ++m_written;
    for (const QString& region : {kWest, kEast}) {
        const std::string key =
            n % 4 == 0 ? std::string("balance") : region.toStdString() + "-" + std::to_string(n);
        m_bridge.call(this, region, QStringLiteral("PutItem"),
                      {{"TableName", "Ledger"},
                       {"Item", {{"entry", {{"S", key}}}, {"amount", {{"N", std::to_string(n)}}}}}},
                      [](const auto&) {});
    }
}

void ScreenshotDriver::shootMrsc(std::function<void()> done) {
    auto* global = m_window.findChild<GlobalTablesTab*>();
    auto* panel = m_window.findChild<RegionsPanel*>();
    if (!global || !panel) return done();
    const double scale = m_bridge.engine().time_scale();
    m_window.resize(1280, 800);
    m_window.setRegion(kWest);
    const Json ledger = {
        {"TableName", "Ledger"},
        {"AttributeDefinitions", {{{"AttributeName", "entry"}, {"AttributeType", "S"}}}},
        {"KeySchema", {{{"AttributeName", "entry"}, {"KeyType", "HASH"}}}},
        {"BillingMode", "PAY_PER_REQUEST"}};
    m_bridge.call(this, kWest, QStringLiteral("CreateTable"), ledger, [](const auto&) {});
    m_window.tabs()->setCurrentWidget(global);
    auto* tables = m_window.tablesModel();
    when(
        [tables] {
            const int row = tables->rowOf(QStringLiteral("Ledger"));
            return row >= 0 && tables->data(tables->index(row, TablesModel::Status),
                                            TablesModel::StatusRole) == QLatin1String("ACTIVE");
        },
        [=, this] {
            // A table with items: strong consistency is not offered, and the dialog says why.
            global->setTable(QStringLiteral("orders"));
            when([global] { return global->model()->rowCount() == 1; },
                 [=, this] {
                     global->createReplica();
                     auto* refused = global->findChild<CreateReplicaDialog*>();
                     when([refused] { return !refused->strongUnavailableReason().isEmpty(); },
                          [=, this] {
                              save(refused,
                                   QStringLiteral("60b-create-replica-strong-unavailable"));
                              refused->reject();
                              global->setTable(QStringLiteral("Ledger"));
                              when(
                                  [global] {
                                      return global->table() == QLatin1String("Ledger") &&
                                             global->model()->rowCount() == 1;
                                  },
                                  [=, this] { shootMrscGroup(scale, done); });
                          });
                 });
        });
}

void ScreenshotDriver::shootMrscGroup(double scale, std::function<void()> done) {
    auto* global = m_window.findChild<GlobalTablesTab*>();
    auto* panel = m_window.findChild<RegionsPanel*>();
    global->createReplica();
    auto* dialog = global->findChild<CreateReplicaDialog*>();
    when([dialog] { return dialog->strongPossible(); },
         [=, this] {
             dialog->setStrong(true);
             dialog->setWithWitness(true);
             dialog->setSecondRegion(kEast);
             dialog->setThirdRegion(kOhio);
             save(dialog, QStringLiteral("60-create-replica-strong"));
             dialog->accept();
             const auto active = [global] {
                 const ReplicaModel* model = global->model();
                 if (model->rowCount() < 3) return false;
                 for (int row = 0; row < model->rowCount(); ++row)
                     if (model->replica(row).status != QLatin1String("ACTIVE")) return false;
                 return true;
             };
             when(active, [=, this] {
                 panel->setTimeScale(5);
                 auto* traffic = new QTimer(this);
                 connect(traffic, &QTimer::timeout, this, &ScreenshotDriver::writeLedger);
                 traffic->start(150);
                 QTimer::singleShot(6'000, this, [=, this] {
                     traffic->stop();
                     global->view()->selectRow(2);
                     save(&m_window, QStringLiteral("61-global-tables-mrsc"));
                     Theme::apply(Theme::Mode::Dark);
                     save(&m_window, QStringLiteral("61b-global-tables-mrsc-dark"));
                     Theme::apply(Theme::Mode::System);
                     m_window.resize(1000, 700);
                     save(&m_window, QStringLiteral("61c-global-tables-mrsc-1000x700"));
                     m_window.resize(1280, 800);
                     panel->setTimeScale(scale);
                     shootOutageDrill(scale, done);
                 });
             });
         });
}

void ScreenshotDriver::shootOutageDrill(double scale, std::function<void()> done) {
    auto* global = m_window.findChild<GlobalTablesTab*>();
    auto* panel = m_window.findChild<RegionsPanel*>();
    global->openOutageDrill();
    auto* dialog = global->findChild<OutageDrillDialog*>();
    dialog->setRegionSet(QStringLiteral("US"));
    dialog->setFaultRegion(kWest);
    dialog->setOutageSeconds(20);
    save(dialog, QStringLiteral("62a-outage-drill-form"));
    OutageDrill* drill = dialog->drill();
    // The tables are set up fast; the load runs slower, so that latencies are the
    // network's rather than the engine's own work scaled up.
    connect(drill, &OutageDrill::phaseChanged, this, [drill, panel] {
        if (drill->phase() == OutageDrill::Phase::Warmup) panel->setTimeScale(5);
    });
    dialog->run();
    when([drill] { return drill->phase() == OutageDrill::Phase::Outage; },
         [=, this] {
             QTimer::singleShot(1'500, this, [=, this] {
                 save(dialog, QStringLiteral("62b-outage-drill-running"));
                 when([drill] { return !drill->running(); },
                      [=, this] {
                          save(dialog, QStringLiteral("62-outage-drill"));
                          Theme::apply(Theme::Mode::Dark);
                          save(dialog, QStringLiteral("62c-outage-drill-dark"));
                          Theme::apply(Theme::Mode::System);
                          panel->setTimeScale(scale);
                          dialog->close();
                          done();
                      });
             });
         });
}
