// The console under load: the main window (offscreen) on a table of N items (1,000,000 by
// default; `bench_ui 100000` for a quick run) replicated in three regions, while 2,000
// writes/s replicate and the charts run. Scrolls the Items view end to end and switches
// tabs, measuring event-loop stalls (the gap between ticks of a 5 ms timer) and the time
// to first paint. Prints JSON lines.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#include "bench_util.h"
#include "common/engine_bridge.h"
#include "global/global_console.h"
#include "global/global_tables_tab.h"
#include "items/items_model.h"
#include "items/items_tab.h"
#include "window/main_window.h"
#include "recovery/recovery_console.h"
#include "tablespan/engine.h"

using tablespan::Json;

namespace {
const char* kRegions[] = {"us-west-2", "eu-west-1", "ap-southeast-2"};

Json item(long n) {
    char key[32];
    std::snprintf(key, sizeof key, "item-%08ld", n);
    return {{"pk", {{"S", key}}}, {"n", {{"N", std::to_string(n)}}}};
}

tablespan::Result callSync(tablespan::Engine& engine, const char* region, const char* op,
                           const Json& request) {
    return engine.call_sync(region, op, request);
}

void waitFor(const std::function<bool()>& done) {
    while (!done()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

std::string status(tablespan::Engine& engine, const char* region) {
    auto r = callSync(engine, region, "DescribeTable", {{"TableName", "bench"}});
    return r.ok() ? r.body["Table"]["TableStatus"].get<std::string>() : std::string();
}

// Records the gaps between ticks of a 5 ms timer: how long the event loop was busy.
class StallMeter {
public:
    void start() {
        m_gaps.clear();
        m_clock.start();
        m_last = 0;
    }
    void tick() {
        const qint64 now = m_clock.nsecsElapsed();
        if (m_last) m_gaps.push_back(static_cast<double>(now - m_last) / 1e6);
        m_last = now;
    }
    void report(const char* phase) {
        std::vector<double> g = m_gaps;
        std::sort(g.begin(), g.end());
        const double p99 = g.empty() ? 0 : g[std::min(g.size() - 1, g.size() * 99 / 100)];
        const double max = g.empty() ? 0 : g.back();
        std::printf(
            "{\"name\": \"ui_stall\", \"phase\": \"%s\", \"ticks\": %zu, \"p99_ms\": %.2f, "
            "\"max_ms\": %.2f, \"target_p99_ms\": 16, \"target_max_ms\": 50}\n",
            phase, g.size(), p99, max);
        std::fflush(stdout);
    }

private:
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    std::vector<double> m_gaps;
};

// Times every event the GUI thread delivers and keeps the slowest, to name what made a
// stall (the receiver's class and the event type; posted slot calls show as MetaCall).
class TimedApplication final : public QApplication {
public:
    using QApplication::QApplication;
    struct Slow {
        double ms;
        std::string receiver;
        int type;
    };
    std::vector<Slow> slowest;

    bool notify(QObject* receiver, QEvent* event) override {
        if (++m_depth > 1) {
            const bool r = QApplication::notify(receiver, event);
            --m_depth;
            return r;
        }
        QElapsedTimer t;
        t.start();
        const int type = event->type();
        const std::string name = receiver->metaObject()->className();
        const bool r = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = static_cast<double>(t.nsecsElapsed()) / 1e6;
        if (ms >= 10) {
            slowest.push_back({ms, name, type});
            std::sort(slowest.begin(), slowest.end(),
                      [](const Slow& a, const Slow& b) { return a.ms > b.ms; });
            if (slowest.size() > 8) slowest.pop_back();
        }
        return r;
    }
    void report(const char* phase) {
        std::printf("{\"name\": \"ui_slowest_events\", \"phase\": \"%s\", \"events\": [", phase);
        for (std::size_t i = 0; i < slowest.size(); ++i)
            std::printf("%s{\"ms\": %.1f, \"receiver\": \"%s\", \"event_type\": %d}", i ? ", " : "",
                        slowest[i].ms, slowest[i].receiver.c_str(), slowest[i].type);
        std::printf("]}\n");
        std::fflush(stdout);
        slowest.clear();
    }

private:
    int m_depth = 0;
};

class FirstPaint final : public QObject {
public:
    QElapsedTimer clock;
    qint64 ms = -1;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint && ms < 0) ms = clock.elapsed();
        return QObject::eventFilter(watched, event);
    }
};
}  // namespace

int main(int argc, char* argv[]) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    TimedApplication app(argc, argv);
    const long count = argc > 1 ? std::atol(argv[1]) : 1'000'000;
    const int writesPerSecond = argc > 2 ? std::atoi(argv[2]) : 2'000;
    QTemporaryDir dir;
    tablespan::EngineOptions options;
    options.data_dir = dir.path().toStdString();
    auto clock = std::make_shared<tablespan::SystemClock>(20.0);  // fast setup
    options.clock = clock;
    options.threads = 2;
    std::string error;
    auto engine = tablespan::Engine::open(options, &error);
    if (!engine) {
        std::fprintf(stderr, "cannot open engine: %s\n", error.c_str());
        return 1;
    }

    // The table and its replicas, created empty (fast backfill), then loaded.
    const auto load_start = std::chrono::steady_clock::now();
    callSync(*engine, kRegions[0], "CreateTable",
             {{"TableName", "bench"},
              {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
              {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
              {"BillingMode", "PAY_PER_REQUEST"}});
    waitFor([&] { return status(*engine, kRegions[0]) == "ACTIVE"; });
    for (int r = 1; r < 3; ++r) {
        callSync(*engine, kRegions[0], "UpdateTable",
                 {{"TableName", "bench"},
                  {"ReplicaUpdates", Json::array({{{"Create", {{"RegionName", kRegions[r]}}}}})}});
        waitFor([&] {
            return status(*engine, kRegions[r]) == "ACTIVE" &&
                   status(*engine, kRegions[0]) == "ACTIVE";
        });
    }
    {
        bench::Pipeline pipeline(32);
        for (long first = 0; first < count; first += 25) {
            Json requests = Json::array();
            for (long n = first; n < std::min(count, first + 25); ++n)
                requests.push_back({{"PutRequest", {{"Item", item(n)}}}});
            pipeline.acquire();
            engine->call(kRegions[0], "BatchWriteItem", {{"RequestItems", {{"bench", requests}}}},
                         [&pipeline](tablespan::Result r) { pipeline.release(r.ok()); });
        }
        pipeline.drain();
        if (pipeline.errors()) std::fprintf(stderr, "%ld load batches failed\n", pipeline.errors());
    }
    const auto& metrics = engine->replication_metrics();
    waitFor([&] {
        return metrics.pending("bench", kRegions[0], kRegions[1]) == 0 &&
               metrics.pending("bench", kRegions[0], kRegions[2]) == 0;
    });
    std::printf("{\"name\": \"ui_load\", \"items\": %ld, \"regions\": 3, \"seconds\": %.1f}\n",
                count, bench::seconds_since(load_start));
    std::fflush(stdout);
    engine->set_time_scale(1.0);

    // Writes at a steady rate from another thread, as an application would.
    std::atomic<bool> writing{true};
    std::atomic<long> written{0};
    std::thread writer([&] {
        bench::Pipeline pipeline(64);
        const int perTick = std::max(1, writesPerSecond / 100);
        auto next = std::chrono::steady_clock::now();
        long n = count;
        while (writing) {
            Json requests = Json::array();
            for (int i = 0; i < perTick; i += 1) {
                requests.push_back({{"PutRequest", {{"Item", item(n++ % (count + 100'000))}}}});
                if (requests.size() == 25 || i + 1 == perTick) {
                    pipeline.acquire();
                    engine->call(kRegions[n % 2 ? 0 : 1], "BatchWriteItem",
                                 {{"RequestItems", {{"bench", requests}}}},
                                 [&pipeline](tablespan::Result r) { pipeline.release(r.ok()); });
                    written += static_cast<long>(requests.size());
                    requests = Json::array();
                }
            }
            next += std::chrono::milliseconds(10);
            std::this_thread::sleep_until(next);
        }
        pipeline.drain();
    });

    StallMeter meter;
    FirstPaint paint;
    int status = 0;
    {
        paint.clock.start();
        EngineBridge bridge(*engine);
        MainWindow window(bridge);
        const GlobalConsole console = installGlobalConsole(window, bridge);
        installRecoveryConsole(window, bridge);
        window.resize(1280, 800);
        window.installEventFilter(&paint);
        window.itemsTab()->installEventFilter(&paint);
        window.show();
        QTimer ticker;
        ticker.setTimerType(Qt::PreciseTimer);
        QObject::connect(&ticker, &QTimer::timeout, &ticker, [&meter] { meter.tick(); });

        // Phase 1: the Global tables tab with its chart, for 5 s.
        // Phase 2: scroll the Items view end to end. Phase 3: switch tabs.
        // Startup (first paint) is measured on its own; the stall meter starts after it.
        QTimer::singleShot(0, &window, [&] {
            window.tabs()->setCurrentWidget(console.globalTables);
            console.globalTables->setTable(QStringLiteral("bench"));
        });
        QTimer::singleShot(1'000, &window, [&] {
            std::printf("{\"name\": \"ui_first_paint_ms\", \"value\": %lld, \"target_ms\": 1000}\n",
                        static_cast<long long>(paint.ms));
            std::fflush(stdout);
            meter.start();
            app.slowest.clear();
            ticker.start(5);
        });
        QTimer scroll;
        QElapsedTimer scrollClock;
        QTimer::singleShot(6'000, &window, [&] {
            meter.report("global_tab_with_chart");
            app.report("global_tab_with_chart");
            meter.start();
            window.tabs()->setCurrentWidget(window.itemsTab());
            window.itemsTab()->setTable(QStringLiteral("bench"));
            scrollClock.start();
            scroll.start(1);
        });
        QObject::connect(&scroll, &QTimer::timeout, &window, [&] {
            ItemsModel* model = window.itemsTab()->model();
            QTableView* view = window.itemsTab()->view();
            view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
            if (model->rowCount() == 0 || model->canFetchMore({}) || model->isLoading()) return;
            scroll.stop();
            std::printf("{\"name\": \"ui_scroll_end_to_end\", \"rows\": %d, \"seconds\": %.1f}\n",
                        model->rowCount(), scrollClock.elapsed() / 1000.0);
            meter.report("items_scroll");
            app.report("items_scroll");
            meter.start();
            auto* tabs = new QTimer(&window);
            QObject::connect(tabs, &QTimer::timeout, &window,
                             [&window, tabs, &meter, &app, switches = 0]() mutable {
                                 window.tabs()->setCurrentIndex(switches % window.tabs()->count());
                                 if (++switches < 4 * window.tabs()->count()) return;
                                 tabs->stop();
                                 meter.report("tab_switching");
                                 app.report("tab_switching");
                                 app.quit();
                             });
            tabs->start(250);
        });
        status = QApplication::exec();
        ticker.stop();
    }
    writing = false;
    writer.join();
    std::printf("{\"name\": \"ui_background_writes\", \"items\": %ld}\n", written.load());
    return status;
}
