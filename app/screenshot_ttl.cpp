// The screenshot driver's Time to Live shots, at 1000×700 in the light and the dark
// theme: the Settings panel turning TTL on for orders, then refusing to turn it off again
// within the hour; and the Items tab's Expires column on a sessions table whose items
// expire in hours or days, expired minutes ago, or hold a String that never expires.

#include <QCheckBox>
#include <QLineEdit>
#include <QTabWidget>

#include "common/engine_bridge.h"
#include "common/theme.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "screenshot_driver.h"
#include "tables/table_settings_panel.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
const QString kRegion = QStringLiteral("us-west-2");

// A session of `user` whose expiresAt is `ttl` (DynamoDB JSON), or none when null.
Json session(const std::string& id, const std::string& user, const Json& ttl) {
    Json item = {{"sessionId", {{"S", id}}}, {"user", {{"S", user}}}};
    if (!ttl.is_null()) item["expiresAt"] = ttl;
    return {{"PutRequest", {{"Item", item}}}};
}
}  // namespace

void ScreenshotDriver::shootTtl(std::function<void()> done) {
    Json sessions = {
        {"TableName", "sessions"},
        {"AttributeDefinitions", {{{"AttributeName", "sessionId"}, {"AttributeType", "S"}}}},
        {"KeySchema", {{{"AttributeName", "sessionId"}, {"KeyType", "HASH"}}}},
        {"BillingMode", "PAY_PER_REQUEST"}};
    m_bridge.call(this, kRegion, QStringLiteral("CreateTable"), sessions, [](const auto&) {});
    auto* tables = m_window.tablesModel();
    when(
        [tables] {
            const int row = tables->rowOf(QStringLiteral("sessions"));
            return row >= 0 && tables->data(tables->index(row, TablesModel::Status),
                                            TablesModel::StatusRole) == QLatin1String("ACTIVE");
        },
        [=, this] {
            // Real speed from here: "in 3 h" stays so, the expired items stay until shot.
            const double scale = m_bridge.engine().time_scale();
            m_bridge.engine().set_time_scale(1);
            const qint64 now = m_bridge.engine().clock().now() / 1000;
            const auto at = [now](qint64 offset) {
                return Json{{"N", std::to_string(now + offset)}};
            };
            Json requests = Json::array(
                {session("s-1001", "Ada", at(3 * 3600 + 600)),
                 session("s-1002", "Grace", at(2 * 86400)), session("s-1003", "Linus", at(-5 * 60)),
                 session("s-1004", "Margaret", {{"S", std::to_string(now + 3600)}}),
                 session("s-1005", "Tim", Json()), session("s-1006", "Barbara", at(45 * 60)),
                 session("s-1007", "Ken", {{"N", std::to_string(now - 6 * 365 * 86400)}}),
                 session("s-1008", "Frances", at(-26 * 3600))});
            ++m_pending;
            m_bridge.call(this, kRegion, QStringLiteral("BatchWriteItem"),
                          {{"RequestItems", {{"sessions", requests}}}},
                          [this](const auto&) { --m_pending; });
            ++m_pending;
            m_bridge.call(
                this, kRegion, QStringLiteral("UpdateTimeToLive"),
                {{"TableName", "sessions"},
                 {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", "expiresAt"}}}},
                [this](const auto&) { --m_pending; });

            TablesTab* tablesTab = m_window.tablesTab();
            m_window.resize(1000, 700);
            m_window.tabs()->setCurrentWidget(tablesTab);
            tablesTab->selectTable(QStringLiteral("orders"));
            tablesTab->detailTabs()->setCurrentIndex(2);
            TableSettingsPanel* settings = tablesTab->settingsPanel();
            auto* ttl = settings->findChild<QCheckBox*>(QStringLiteral("ttlEnabled"));
            auto* attribute = settings->findChild<QLineEdit*>(QStringLiteral("ttlAttribute"));
            when([ttl, this] { return ttl->isEnabled() && m_pending == 0; },
                 [=, this] {
                     ttl->setChecked(true);
                     attribute->setText(QStringLiteral("expiresAt"));
                     save(&m_window, QStringLiteral("17-table-settings-ttl-edit"));
                     settings->apply();
                     when([settings] { return !settings->busy(); },
                          [=, this] {
                              save(&m_window, QStringLiteral("17b-table-settings-ttl"));
                              Theme::apply(Theme::Mode::Dark);
                              save(&m_window, QStringLiteral("17c-table-settings-ttl-dark"));
                              Theme::apply(Theme::Mode::Light);
                              // Off again within the hour: refused, in the service's words.
                              ttl->setChecked(false);
                              settings->apply();
                              when([settings] { return !settings->busy(); },
                                   [=, this] {
                                       save(&m_window,
                                            QStringLiteral("17d-table-settings-ttl-refused"));
                                       Theme::apply(Theme::Mode::Dark);
                                       save(&m_window,
                                            QStringLiteral("17e-table-settings-ttl-refused-dark"));
                                       Theme::apply(Theme::Mode::Light);
                                       settings->revert();

                                       ItemsTab* itemsTab = m_window.itemsTab();
                                       m_window.tabs()->setCurrentWidget(itemsTab);
                                       itemsTab->setTable(QStringLiteral("sessions"));
                                       ItemsModel* model = itemsTab->model();
                                       when(
                                           [model] {
                                               return model->rowCount() >= 8 &&
                                                      model->expiryColumn() >= 0;
                                           },
                                           [=, this] {
                                               save(&m_window, QStringLiteral("18-items-expiry"));
                                               Theme::apply(Theme::Mode::Dark);
                                               save(&m_window,
                                                    QStringLiteral("18b-items-expiry-dark"));
                                               Theme::apply(Theme::Mode::Light);
                                               m_bridge.engine().set_time_scale(scale);
                                               done();
                                           });
                                   });
                          });
                 });
        });
}
