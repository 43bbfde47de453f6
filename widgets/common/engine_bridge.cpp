#include "common/engine_bridge.h"

#include <algorithm>
#include <utility>

#include <QMetaObject>
#include <QPointer>
#include <QTimer>

#include "tablespan/regions.h"

namespace {
constexpr int kFrameMs = 16;

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}
}  // namespace

EngineBridge::EngineBridge(tablespan::Engine& engine, QObject* parent)
    : QObject(parent), m_engine(engine), m_throttle(new QTimer(this)) {
    m_throttle->setSingleShot(true);
    connect(m_throttle, &QTimer::timeout, this, &EngineBridge::flush);
    m_sinceFlush.start();
    auto alive = m_alive;
    m_subscription = m_engine.events().subscribe([this, alive](const tablespan::EngineEvent& e) {
        if (*alive) onEngineEvent(e);
    });
}

EngineBridge::~EngineBridge() {
    m_engine.events().unsubscribe(m_subscription);
    *m_alive = false;
}

QString EngineBridge::regionName(const QString& code) {
    const auto* info = tablespan::find_region(code.toStdString());
    return info ? QString::fromUtf8(info->name.data(), static_cast<qsizetype>(info->name.size()))
                : code;
}

namespace {
// The call() whose answer this engine thread delivered last: a region answers a request
// and then publishes its RequestCompleted on the same thread, so that event is ours.
struct OwnCall {
    QString region, operation;
    bool set = false;
};
thread_local OwnCall t_ownCall;
}  // namespace

void EngineBridge::matchOwnCall(RequestRecord& record) {
    OwnCall own = std::exchange(t_ownCall, OwnCall{});
    if (!own.set || own.region != record.region || own.operation != record.operation) return;
    record.fromConsole = true;
}

void EngineBridge::call(const QString& region, const QString& operation, tablespan::Json request,
                        std::function<void(const tablespan::Result&)> done) {
    QPointer<EngineBridge> self(this);
    OwnCall own{region, operation, true};
    m_engine.call(region.toStdString(), operation.toStdString(), std::move(request),
                  [self, own = std::move(own), done = std::move(done)](tablespan::Result result) {
                      t_ownCall = own;
                      if (!self) return;
                      QMetaObject::invokeMethod(
                          self.data(),
                          [done, result = std::move(result)] {
                              if (done) done(result);
                          },
                          Qt::QueuedConnection);
                  });
}

void EngineBridge::call(const QObject* context, const QString& region, const QString& operation,
                        tablespan::Json request,
                        std::function<void(const tablespan::Result&)> done) {
    call(region, operation, std::move(request),
         [guard = QPointer<const QObject>(context),
          done = std::move(done)](const tablespan::Result& r) {
             if (guard && done) done(r);
         });
}

void EngineBridge::onEngineEvent(const tablespan::EngineEvent& event) {
    // Runs on an engine thread: record the event and queue one flush for the GUI thread.
    {
        std::lock_guard lock(m_mutex);
        std::visit(
            [&](const auto& e) {
                using T = std::decay_t<decltype(e)>;
                if constexpr (std::is_same_v<T, tablespan::TableStatusChanged>) {
                    const auto key = std::make_pair(qs(e.region), qs(e.table));
                    if (!m_pending.status.contains(key)) m_pending.statusOrder.append(key);
                    m_pending.status.insert(key, qs(e.status));
                } else if constexpr (std::is_same_v<T, tablespan::ItemsChanged>) {
                    m_pending.items.insert({qs(e.region), qs(e.table)});
                } else if constexpr (std::is_same_v<T, tablespan::RequestCompleted>) {
                    RequestRecord record{
                        e.time,        qs(e.region),     qs(e.operation),    qs(e.table),
                        e.duration_ms, qs(e.error_type), qs(e.error_message)};
                    matchOwnCall(record);
                    m_pending.requests.append(record);
                } else if constexpr (std::is_same_v<T, tablespan::ReplicationDelivered>) {
                    mergeReplication(e);
                } else if constexpr (std::is_same_v<T, tablespan::NetworkChanged>) {
                    m_pending.network = true;
                }
            },
            event);
        if (m_pending.flushQueued) return;
        m_pending.flushQueued = true;
    }
    QMetaObject::invokeMethod(this, &EngineBridge::scheduleFlush, Qt::QueuedConnection);
}

namespace {
void appendDelivered(ReplicationRecord& r, const tablespan::ReplicationDelivered& e) {
    for (const auto& item : e.delivered) {
        if (r.delivered.size() >= ReplicationRecord::kDeliveredRecordsMax) return;
        r.delivered.append({item.key, item.deleted, item.latency_ms});
    }
}
}  // namespace

void EngineBridge::mergeReplication(const tablespan::ReplicationDelivered& e) {
    const QString table = qs(e.table), source = qs(e.source), destination = qs(e.destination);
    for (auto& r : m_pending.replication) {
        if (r.table != table || r.source != source || r.destination != destination) continue;
        const qint64 items = r.items + e.items;
        if (items > 0)
            r.avgMs = (r.avgMs * static_cast<double>(r.items) +
                       e.latency_avg_ms * static_cast<double>(e.items)) /
                      static_cast<double>(items);
        r.minMs = std::min(r.minMs, e.latency_min_ms);
        r.maxMs = std::max(r.maxMs, e.latency_max_ms);
        r.items = items;
        r.timeMs = std::max<qint64>(r.timeMs, e.time);
        r.pending = e.pending;
        appendDelivered(r, e);
        return;
    }
    m_pending.replication.append({e.time, table, source, destination, e.items, e.latency_min_ms,
                                  e.latency_avg_ms, e.latency_max_ms, e.pending});
    appendDelivered(m_pending.replication.last(), e);
}

void EngineBridge::scheduleFlush() {
    const qint64 elapsed = m_sinceFlush.elapsed();
    if (elapsed >= kFrameMs)
        flush();
    else if (!m_throttle->isActive())
        m_throttle->start(static_cast<int>(kFrameMs - elapsed));
}

void EngineBridge::flush() {
    Pending pending;
    {
        std::lock_guard lock(m_mutex);
        std::swap(pending, m_pending);
    }
    m_sinceFlush.restart();
    QPointer<EngineBridge> self(this);
    if (!pending.requests.isEmpty()) emit requestsCompleted(pending.requests);
    if (!self) return;
    if (pending.network) emit networkChanged();
    if (!self) return;
    if (!pending.replication.isEmpty()) emit replicationDelivered(pending.replication);
    for (const auto& key : pending.statusOrder) {
        if (!self) return;
        emit tableStatusChanged(key.first, key.second, pending.status.value(key));
    }
    for (const auto& key : pending.items) {
        if (!self) return;
        emit itemsChanged(key.first, key.second);
    }
}

QString EngineBridge::errorText(const tablespan::Result& result) {
    return QStringLiteral("%1: %2").arg(QString::fromStdString(result.error->type),
                                        QString::fromStdString(result.error->message));
}
