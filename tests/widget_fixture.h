#pragma once

// A console on a deterministic engine: the engine runs in manual mode on a ManualClock,
// and a zero-interval timer runs whatever the console queued, so QTRY_ loops see the
// answers without sleeping. Engine time moves only through advance().

#include <QTimer>

#include <memory>

#include "engine_bridge.h"
#include "engine_fixture.h"

struct WidgetEngine : TestEngine {
    std::unique_ptr<EngineBridge> bridge = std::make_unique<EngineBridge>(*engine);
    QTimer pump;

    WidgetEngine() {
        QObject::connect(&pump, &QTimer::timeout, &pump, [this] { engine->run_pending(); });
        pump.start(0);
    }
    ~WidgetEngine() {
        pump.stop();
        bridge.reset();
    }
    // Advances engine time (status transitions) and lets the console see it.
    void advance(tablespan::Millis ms) { engine->advance(ms); }
};
