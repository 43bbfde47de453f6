// The screenshot driver's capacity shots, in the light and the dark theme: the Monitoring
// tab's Capacity page on a table provisioned with 5 RCU and 1 WCU that takes a burst of
// 330 writes (300 from its burst capacity, the rest throttled), then three writes and
// ten reads a second for eight seconds (one write taken, two throttled), then nothing.
// Engine time runs at real speed meanwhile, so the seconds are the wall's.

#include <QTabWidget>
#include <QTimer>

#include "common/engine_bridge.h"
#include "common/theme.h"
#include "monitoring/capacity_charts.h"
#include "monitoring/monitoring_tab.h"
#include "screenshot_driver.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
const QString kRegion = QStringLiteral("us-west-2");
const QString kTable = QStringLiteral("throttled");

Json put(int i) {
    return {{"TableName", kTable.toStdString()},
            {"Item",
             {{"id", {{"S", "order-" + std::to_string(i)}}},
              {"note", {{"S", std::string(400, 'n')}}}}}};
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
                done();
            });
        });
}
