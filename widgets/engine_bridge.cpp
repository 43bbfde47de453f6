#include "engine_bridge.h"

#include <QMetaObject>
#include <QPointer>

EngineBridge::EngineBridge(tablespan::Engine& engine, QObject* parent)
    : QObject(parent), m_engine(engine) {
    m_subscription =
        m_engine.events().subscribe([this](const tablespan::EngineEvent& e) { onEngineEvent(e); });
}

EngineBridge::~EngineBridge() {
    *m_alive = false;
    m_engine.events().unsubscribe(m_subscription);
}

void EngineBridge::call(const QString& region, const QString& operation, tablespan::Json request,
                        std::function<void(const tablespan::Result&)> done) {
    QPointer<EngineBridge> self(this);
    m_engine.call(region.toStdString(), operation.toStdString(), std::move(request),
                  [self, done = std::move(done)](tablespan::Result result) {
                      if (!self) return;
                      QMetaObject::invokeMethod(
                          self.data(), [done, result = std::move(result)] { done(result); },
                          Qt::QueuedConnection);
                  });
}

void EngineBridge::onEngineEvent(const tablespan::EngineEvent& event) {
    // Runs on an engine thread: only queue work for the GUI thread.
    auto alive = m_alive;
    std::visit(
        [&](const auto& e) {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, tablespan::TableStatusChanged>) {
                QMetaObject::invokeMethod(
                    this,
                    [this, alive, r = QString::fromStdString(e.region),
                     t = QString::fromStdString(e.table), s = QString::fromStdString(e.status)] {
                        if (*alive) emit tableStatusChanged(r, t, s);
                    },
                    Qt::QueuedConnection);
            } else if constexpr (std::is_same_v<T, tablespan::ItemsChanged>) {
                QMetaObject::invokeMethod(
                    this,
                    [this, alive, r = QString::fromStdString(e.region),
                     t = QString::fromStdString(e.table)] {
                        if (*alive) emit itemsChanged(r, t);
                    },
                    Qt::QueuedConnection);
            } else if constexpr (std::is_same_v<T, tablespan::RequestCompleted>) {
                QMetaObject::invokeMethod(
                    this,
                    [this, alive, e] {
                        if (*alive)
                            emit requestCompleted(QString::fromStdString(e.region),
                                                  QString::fromStdString(e.operation),
                                                  QString::fromStdString(e.table), e.duration_ms,
                                                  QString::fromStdString(e.error_type),
                                                  QString::fromStdString(e.error_message));
                    },
                    Qt::QueuedConnection);
            }
        },
        event);
}
