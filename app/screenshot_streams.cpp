// The Streams tab for --screenshot-dir: a table with a stream whose shard rolled over
// once (engine time sped up for a moment), records of puts, updates, deletes and Time to
// Live deletes, a record's images in the detail pane, the event filter and a paused
// view; then a table without a stream. Light and dark, at 1000×700 and at 1400×900.

#include <QCheckBox>
#include <QComboBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

#include "common/engine_bridge.h"
#include "common/theme.h"
#include "screenshot_driver.h"
#include "streams/shard_tree.h"
#include "streams/stream_records_model.h"
#include "streams/stream_enable_box.h"
#include "streams/streams_tab.h"
#include "tables/tables_model.h"
#include "window/main_window.h"

using tablespan::Json;

namespace {
Json reading(const std::string& sensor, int at, double value, std::int64_t expires = 0) {
    Json item = {{"sensor", {{"S", sensor}}},
                 {"at", {{"N", std::to_string(at)}}},
                 {"celsius", {{"N", std::to_string(value).substr(0, 5)}}},
                 {"site",
                  {{"M",
                    {{"building", {{"S", "B" + std::to_string(at % 3 + 1)}}},
                     {"floor", {{"N", std::to_string(at % 5)}}}}}}}};
    if (expires) item["expires"] = {{"N", std::to_string(expires)}};
    return item;
}
}  // namespace

void ScreenshotDriver::writeReadings(int from, int count) {
    const QString region = QStringLiteral("us-west-2");
    const char* sensors[] = {"boiler-1", "boiler-2", "chiller-7", "roof-east"};
    const std::int64_t now = m_bridge.engine().clock().now() / 1000;
    for (int i = from; i < from + count; ++i) {
        const std::string sensor = sensors[i % 4];
        ++m_pending;
        auto done = [this](const auto&) { --m_pending; };
        if (i % 7 == 3) {
            m_bridge.call(this, region, QStringLiteral("DeleteItem"),
                          {{"TableName", "readings"},
                           {"Key",
                            {{"sensor", {{"S", sensors[(i - 1) % 4]}}},
                             {"at", {{"N", std::to_string(i - 1)}}}}}},
                          done);
        } else if (i % 5 == 2) {
            m_bridge.call(this, region, QStringLiteral("UpdateItem"),
                          {{"TableName", "readings"},
                           {"Key",
                            {{"sensor", {{"S", sensors[(i - 2) % 4]}}},
                             {"at", {{"N", std::to_string(i - 2)}}}}},
                           {"UpdateExpression", "SET celsius = :c, alarm = :a"},
                           {"ExpressionAttributeValues",
                            {{":c", {{"N", "71.5"}}}, {":a", {{"BOOL", true}}}}}},
                          done);
        } else {
            // Every sixth reading expires at once: Time to Live deletes it soon.
            m_bridge.call(this, region, QStringLiteral("PutItem"),
                          {{"TableName", "readings"},
                           {"Item", reading(sensor, i, 18.0 + (i * 37 % 90) / 10.0,
                                            i % 6 == 0 ? now - 60 : now + 86'400)}},
                          done);
        }
    }
}

void ScreenshotDriver::shootStreams(std::function<void()> done) {
    const QString region = QStringLiteral("us-west-2");
    const Json table = {{"TableName", "readings"},
                        {"AttributeDefinitions",
                         {{{"AttributeName", "sensor"}, {"AttributeType", "S"}},
                          {{"AttributeName", "at"}, {"AttributeType", "N"}}}},
                        {"KeySchema",
                         {{{"AttributeName", "sensor"}, {"KeyType", "HASH"}},
                          {{"AttributeName", "at"}, {"KeyType", "RANGE"}}}},
                        {"BillingMode", "PAY_PER_REQUEST"},
                        {"StreamSpecification",
                         {{"StreamEnabled", true}, {"StreamViewType", "NEW_AND_OLD_IMAGES"}}}};
    m_bridge.call(this, region, QStringLiteral("CreateTable"), table, [](const auto&) {});
    auto* tables = m_window.tablesModel();
    StreamsTab* tab = m_window.streamsTab();
    when(
        [tables] {
            const int row = tables->rowOf(QStringLiteral("readings"));
            return row >= 0 && tables->data(tables->index(row, TablesModel::Status),
                                            TablesModel::StatusRole) == QLatin1String("ACTIVE");
        },
        [=, this] {
            m_bridge.call(
                this, region, QStringLiteral("UpdateTimeToLive"),
                {{"TableName", "readings"},
                 {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", "expires"}}}},
                [](const auto&) {});
            m_window.resize(1000, 700);
            m_window.tabs()->setCurrentWidget(tab);
            tab->setTable(QStringLiteral("readings"));
            writeReadings(0, 24);
            when([=, this] { return m_pending == 0 && tab->records()->rowCount() >= 20; },
                 [=, this] {
                     // A shard rolls over after four hours: engine time runs fast for a
                     // few seconds (Time to Live deletes the expired readings meanwhile).
                     const double scale = m_bridge.engine().time_scale();
                     m_bridge.engine().set_time_scale(5000);
                     QTimer::singleShot(3500, this, [=, this] {
                         m_bridge.engine().set_time_scale(scale);
                         writeReadings(24, 24);
                         ShardTree* tree = tab->shardTree();
                         when(
                             [=, this] {
                                 bool ttl = false;
                                 for (int r = 0; r < tab->records()->rowCount(); ++r)
                                     ttl = ttl || tab->records()->record(r).ttlDelete;
                                 return m_pending == 0 && ttl && tree->topLevelItemCount() == 1 &&
                                        tree->topLevelItem(0)->childCount() > 0 &&
                                        tab->records()->rowCount() >= 42;
                             },
                             [=, this] { shootStreamViews(done); });
                     });
                 });
        });
}

void ScreenshotDriver::shootStreamViews(std::function<void()> done) {
    StreamsTab* tab = m_window.streamsTab();
    QTableView* view = tab->recordsView();
    for (int r = view->model()->rowCount() - 1; r >= 0; --r)
        if (view->model()->index(r, StreamRecordsModel::Event).data() == QLatin1String("MODIFY")) {
            view->setCurrentIndex(view->model()->index(r, 0));
            break;
        }
    const auto both = [this](const QString& name) {
        save(&m_window, name);
        Theme::apply(Theme::Mode::Dark);
        save(&m_window, name + QStringLiteral("-dark"));
        Theme::apply(Theme::Mode::Light);
    };
    both(QStringLiteral("40-streams"));
    m_window.resize(1400, 900);
    both(QStringLiteral("40b-streams-large"));
    m_window.resize(1000, 700);

    // Inserts hidden, paused while more writes arrive.
    tab->findChild<QCheckBox*>(QStringLiteral("streamsShowINSERT"))->setChecked(false);
    tab->setPaused(true);
    writeReadings(48, 8);
    when([=, this] { return m_pending == 0 && tab->records()->buffered() >= 6; },
         [=, this] {
             both(QStringLiteral("40c-streams-filtered-paused"));
             tab->setPaused(false);
             tab->findChild<QCheckBox*>(QStringLiteral("streamsShowINSERT"))->setChecked(true);
             // A table without a stream.
             tab->setTable(QStringLiteral("orders"));
             when([tab] { return tab->enableBox()->isVisible(); },
                  [=, this] {
                      both(QStringLiteral("40d-streams-no-stream"));
                      m_window.resize(1280, 800);
                      done();
                  });
         });
}
