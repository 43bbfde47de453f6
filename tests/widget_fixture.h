#pragma once

// A console on a deterministic engine: the engine runs in manual mode on a ManualClock,
// and a zero-interval timer runs whatever the console queued, so QTRY_ loops see the
// answers without sleeping. Engine time moves only through advance().

#include <QTest>
#include <QTimer>

#include <functional>

#include <memory>

#include "common/engine_bridge.h"
#include "engine_fixture.h"

struct WidgetEngine : TestEngine {
    std::unique_ptr<EngineBridge> bridge = std::make_unique<EngineBridge>(*engine);
    QTimer pump;

    WidgetEngine() { startPump(); }
    // An engine with other options (e.g. short-lived stream shards).
    explicit WidgetEngine(std::function<void(tablespan::EngineOptions&)> configure_options)
        : TestEngine(std::move(configure_options)) {
        startPump();
    }
    void startPump() {
        QObject::connect(&pump, &QTimer::timeout, &pump, [this] { engine->run_pending(); });
        pump.start(0);
    }
    ~WidgetEngine() {
        pump.stop();
        bridge.reset();
    }
    // Advances engine time (status transitions) and lets the console see it.
    void advance(tablespan::Millis ms) { engine->advance(ms); }
    // Advances engine time in steps until `done` holds, letting the console catch up
    // after each step (no sleeping: the wait ends as soon as `done` holds).
    bool advanceUntil(const std::function<bool()>& done, tablespan::Millis step, int steps) {
        for (int i = 0; i < steps; ++i) {
            if (QTest::qWaitFor(done, 20)) return true;
            advance(step);
        }
        return QTest::qWaitFor(done, 1000);
    }
};
