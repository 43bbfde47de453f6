// The screenshot driver's capacity shots, in the light and the dark theme: the Monitoring
// tab's Capacity page on a table provisioned with 5 RCU and 1 WCU that takes a burst of
// 330 writes (300 from its burst capacity, the rest throttled), then three writes and
// ten reads a second for eight seconds (one write taken, two throttled), then nothing.
// Engine time runs at real speed meanwhile, so the seconds are the wall's. Then auto
// scaling: its dialog for a table with a GSI (as set, refused with a target outside
// 20–90 %), the table's Settings and details once it is on, and the create-replica
// dialog's refusal of the throttled table, whose writes do not scale.

#include <functional>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>

#include "capacity/auto_scaling_box.h"
#include "capacity/auto_scaling_dialog.h"
#include "common/engine_bridge.h"
#include "global/create_replica_dialog.h"
#include "common/theme.h"
#include "monitoring/capacity_charts.h"
#include "monitoring/monitoring_tab.h"
#include "screenshot_driver.h"
#include "tables/table_settings_panel.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
const QString kRegion = QStringLiteral("us-west-2");
const QString kTable = QStringLiteral("throttled");
const QString kScaled = QStringLiteral("inventory");

// Turns a dimension's auto scaling on in the dialog ("table.write", "bySku.read").
void setScaling(AutoScalingDialog* dialog, const QString& dimension, int min, int max, int target) {
    dialog->findChild<QCheckBox*>(dimension + QStringLiteral(".on"))->setChecked(true);
    dialog->findChild<QSpinBox*>(dimension + QStringLiteral(".min"))->setValue(min);
    dialog->findChild<QSpinBox*>(dimension + QStringLiteral(".max"))->setValue(max);
    dialog->findChild<QSpinBox*>(dimension + QStringLiteral(".target"))->setValue(target);
}

bool isActive(TablesModel* tables, const QString& table) {
    const int row = tables->rowOf(table);
    return row >= 0 && tables->data(tables->index(row, TablesModel::Status),
                                    TablesModel::StatusRole) == QLatin1String("ACTIVE");
}

Json put(int i) {
    return {{"TableName", kTable.toStdString()},
            {"Item",
             {{"id", {{"S", "order-" + std::to_string(i)}}},
              {"note", {{"S", std::string(400, 'n')}}}}}};
}

// The driver's save() and when() (see screenshot_driver.h), for the shots below.
struct Shots {
    std::function<void(QWidget*, const QString&)> save;
    std::function<void(std::function<bool()>, std::function<void()>)> when;
};

// The auto scaling dialog (as set; refused), then shootAutoScalingViews.
void shootAutoScalingViews(EngineBridge* bridge, MainWindow* window, const Shots& shots,
                           std::function<void()> done);
void shootAutoScaling(EngineBridge* bridge, MainWindow* window, const Shots& shots,
                      std::function<void()> done) {
    Json create = Json::parse(R"({"BillingMode": "PROVISIONED",
        "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"},
                                 {"AttributeName": "sku", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        "GlobalSecondaryIndexes": [{"IndexName": "bySku",
            "KeySchema": [{"AttributeName": "sku", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "KEYS_ONLY"},
            "ProvisionedThroughput": {"ReadCapacityUnits": 3, "WriteCapacityUnits": 3}}]})");
    create["TableName"] = kScaled.toStdString();
    bridge->call(window, kRegion, QStringLiteral("CreateTable"), create, [](const auto&) {});
    TablesTab* tablesTab = window->tablesTab();
    window->tabs()->setCurrentWidget(tablesTab);
    tablesTab->refresh();
    auto* tables = window->tablesModel();
    AutoScalingBox* box = tablesTab->settingsPanel()->autoScalingBox();
    shots.when(
        [tables] { return isActive(tables, kScaled); },
        [=] {
            tablesTab->selectTable(kScaled);
            tablesTab->detailTabs()->setCurrentIndex(2);
            shots.when(
                [box] { return box->editButton()->isEnabled(); },
                [=] {
                    box->edit();
                    auto* dialog = box->findChild<AutoScalingDialog*>();
                    shots.when(
                        [dialog] { return dialog->isLoaded(); },
                        [=] {
                            setScaling(dialog, QStringLiteral("table.read"), 2, 20, 70);
                            setScaling(dialog, QStringLiteral("table.write"), 5, 50, 70);
                            setScaling(dialog, QStringLiteral("bySku.write"), 3, 30, 95);
                            shots.save(dialog, QStringLiteral("42-auto-scaling"));
                            Theme::apply(Theme::Mode::Dark);
                            shots.save(dialog, QStringLiteral("42b-auto-scaling-dark"));
                            Theme::apply(Theme::Mode::Light);
                            auto* saveButton =
                                dialog->findChild<QPushButton*>(QStringLiteral("saveAutoScaling"));
                            saveButton->click();
                            shots.when(
                                [dialog] { return !dialog->errorText().isEmpty(); },
                                [=] {
                                    shots.save(dialog, QStringLiteral("42c-auto-scaling-refused"));
                                    dialog
                                        ->findChild<QSpinBox*>(QStringLiteral("bySku.write.target"))
                                        ->setValue(70);
                                    saveButton->click();
                                    shots.when(
                                        [box] {
                                            return box->text().contains(QLatin1String("Write: On"));
                                        },
                                        [=] {
                                            shootAutoScalingViews(bridge, window, shots, done);
                                        });
                                });
                        });
                });
        });
}

// Settings and the details once auto scaling is on; the create-replica dialog's refusal.
void shootAutoScalingViews(EngineBridge* bridge, MainWindow* window, const Shots& shots,
                           std::function<void()> done) {
    TablesTab* tablesTab = window->tablesTab();
    shots.save(window, QStringLiteral("43-auto-scaling-settings"));
    Theme::apply(Theme::Mode::Dark);
    shots.save(window, QStringLiteral("43b-auto-scaling-settings-dark"));
    Theme::apply(Theme::Mode::Light);
    tablesTab->detailTabs()->setCurrentIndex(0);
    auto* details = tablesTab->findChild<QTextBrowser*>(QStringLiteral("tableDetails"));
    shots.when(
        [details] { return details->toPlainText().contains(QLatin1String("Write auto scaling")); },
        [=] {
            // The capacity, a little way down the overview.
            details->scrollToAnchor(QStringLiteral("capacity"));
            shots.save(window, QStringLiteral("44-auto-scaling-details"));
            Theme::apply(Theme::Mode::Dark);
            shots.save(window, QStringLiteral("44b-auto-scaling-details-dark"));
            Theme::apply(Theme::Mode::Light);
            // The throttled table's writes do not scale: no replica for it.
            auto* replica = new CreateReplicaDialog(*bridge, kRegion, kTable, {kRegion}, window);
            replica->setAttribute(Qt::WA_DeleteOnClose);
            replica->setReplicaRegion(QStringLiteral("eu-west-1"));
            replica->show();
            replica->accept();
            shots.when([replica] { return !replica->errorText().isEmpty(); },
                       [=] {
                           shots.save(replica, QStringLiteral("45-replica-needs-auto-scaling"));
                           Theme::apply(Theme::Mode::Dark);
                           shots.save(replica,
                                      QStringLiteral("45b-replica-needs-auto-scaling-dark"));
                           Theme::apply(Theme::Mode::Light);
                           replica->reject();
                           done();
                       });
        });
}
}  // namespace

void ScreenshotDriver::shootCapacity(std::function<void()> done) {
    auto* monitoring = m_window.findChild<MonitoringTab*>();
    if (!monitoring) return done();
    Json create = {
        {"TableName", kTable.toStdString()},
        {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
        {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}},
        {"BillingMode", "PROVISIONED"},
        {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 1}}}};
    m_bridge.call(this, kRegion, QStringLiteral("CreateTable"), create, [](const auto&) {});
    m_window.tablesTab()->refresh();
    auto* tables = m_window.tablesModel();
    when(
        [tables] {
            const int row = tables->rowOf(kTable);
            return row >= 0 && tables->data(tables->index(row, TablesModel::Status),
                                            TablesModel::StatusRole) == QLatin1String("ACTIVE");
        },
        [=, this] {
            const double scale = m_bridge.engine().time_scale();
            m_bridge.engine().set_time_scale(1);
            for (int i = 0; i < 330; ++i)
                m_bridge.call(this, kRegion, QStringLiteral("PutItem"), put(i), [](const auto&) {});
            auto* ticker = new QTimer(this);
            ticker->setInterval(100);
            connect(ticker, &QTimer::timeout, this, [=, this, tick = 0]() mutable {
                if (++tick > 80) return;  // eight seconds of steady traffic, then quiet
                if (tick % 3 == 0)
                    m_bridge.call(this, kRegion, QStringLiteral("PutItem"), put(1000 + tick),
                                  [](const auto&) {});
                m_bridge.call(this, kRegion, QStringLiteral("GetItem"),
                              {{"TableName", kTable.toStdString()},
                               {"Key", {{"id", {{"S", "order-" + std::to_string(tick)}}}}}},
                              [](const auto&) {});
            });
            ticker->start();
            QTimer::singleShot(12'000, this, [=, this] {
                ticker->deleteLater();
                m_window.tabs()->setCurrentWidget(monitoring);
                monitoring->showCapacity(true);
                monitoring->capacityCharts()->setTable(kTable);
                monitoring->refresh();
                save(&m_window, QStringLiteral("41-capacity"));
                Theme::apply(Theme::Mode::Dark);
                monitoring->refresh();
                save(&m_window, QStringLiteral("41b-capacity-dark"));
                Theme::apply(Theme::Mode::Light);
                monitoring->showCapacity(false);
                m_bridge.engine().set_time_scale(scale);
                // The driver's save() and when() for the auto scaling shots below.
                const Shots shots{[this](QWidget* w, const QString& name) { save(w, name); },
                                  [this](std::function<bool()> ready, std::function<void()> then) {
                                      when(ready, then);
                                  }};
                shootAutoScaling(&m_bridge, &m_window, shots, done);
            });
        });
}
