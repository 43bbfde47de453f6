#pragma once

// The one object that connects the console to the engine. It forwards requests to the
// engine without waiting and delivers results and engine events on the GUI thread,
// as queued signals.

#include <functional>
#include <memory>

#include <QObject>
#include <QString>

#include "tablespan/engine.h"

class EngineBridge final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineBridge)

public:
    // Does not take ownership of `engine`, which must outlive the bridge.
    explicit EngineBridge(tablespan::Engine& engine, QObject* parent = nullptr);
    ~EngineBridge() override;

    // Runs an operation; `done` is called later on the GUI thread (never synchronously).
    void call(const QString& region, const QString& operation, tablespan::Json request,
              std::function<void(const tablespan::Result&)> done);

    tablespan::Engine& engine() { return m_engine; }

signals:
    void tableStatusChanged(const QString& region, const QString& table, const QString& status);
    void itemsChanged(const QString& region, const QString& table);
    void requestCompleted(const QString& region, const QString& operation, const QString& table,
                          double durationMs, const QString& errorType, const QString& errorMessage);

private:
    void onEngineEvent(const tablespan::EngineEvent& event);

    tablespan::Engine& m_engine;
    int m_subscription = 0;
    // Set to false on destruction so that late engine callbacks do not touch the bridge.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};
