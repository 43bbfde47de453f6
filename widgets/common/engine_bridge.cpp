#include "common/engine_bridge.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include <QMetaObject>
#include <QPointer>
#include <QTimer>

#include "common/region_backend.h"
#include "remote/remote_backend.h"
#include "remote/remote_errors.h"
#include "remote/remote_status_poller.h"
#include "tablespan/regions.h"
#include "tablespan/remote_client.h"

namespace {
constexpr int kFrameMs = 16;

QString qs(const std::string& s) {
    return QString::fromStdString(s);
}
}  // namespace

EngineBridge::EngineBridge(tablespan::Engine& engine, QObject* parent)
    : QObject(parent),
      m_engine(engine),
      m_embedded(std::make_shared<EmbeddedBackend>(engine)),
      m_throttle(new QTimer(this)) {
    m_poller = new RemoteStatusPoller(
        [this](const QString& region, const QString& table,
               std::function<void(const tablespan::Result&)> done) {
            call(this, region, QStringLiteral("DescribeTable"),
                 {{"TableName", table.toStdString()}}, std::move(done));
        },
        this);
    connect(m_poller, &RemoteStatusPoller::statusChanged, this, &EngineBridge::tableStatusChanged);
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
    m_remotes.clear();  // joins the clients' threads while the bridge is still whole
}

namespace {
// The catalog's name of a region code ("US West (Oregon)"), or the code itself.
QString catalogName(const QString& code) {
    const auto* info = tablespan::find_region(code.toStdString());
    return info ? QString::fromUtf8(info->name.data(), static_cast<qsizetype>(info->name.size()))
                : code;
}
}  // namespace

QString EngineBridge::regionName(const QString& region) {
    const QString name = catalogName(regionCode(region));
    if (!isRemoteRegion(region)) return name;
    return tr("%1 on %2", "a remote region: its name, then its connection's")
        .arg(name, connectionOf(region));
}

QString EngineBridge::regionLabel(const QString& region) {
    const QString code = regionCode(region);
    if (!isRemoteRegion(region))
        return tr("%1 %2", "region name, region code").arg(catalogName(code), code);
    return tr("%1: %2 %3", "connection: region name, region code")
        .arg(connectionOf(region), catalogName(code), code);
}

QString EngineBridge::replicaRegion(const QString& region, const QString& code) const {
    if (!isRemoteRegion(region)) return code;
    const QString connection = connectionOf(region);
    return m_connectionRegions.value(connection).contains(code) ? remoteRegion(code, connection)
                                                                : QString();
}

void EngineBridge::addConnection(const QString& name, const QStringList& regions,
                                 std::unique_ptr<tablespan::RemoteClient> client) {
    auto backend = std::make_shared<RemoteBackend>(std::move(client));
    auto alive = m_alive;
    const double timeout =
        std::chrono::duration<double>(backend->client().endpoint().timeout).count();
    backend->setObserver([this, alive, name, timeout,
                          client = &backend->client()](const tablespan::RemoteCallRecord& r) {
        if (!*alive) return;
        // The Activity dock words a failure that never reached the service as the tabs do.
        const QString message =
            r.error ? RemoteErrors::message(*r.error, qs(client->url_for(r.region)), timeout)
                    : QString();
        RequestRecord record{
            std::chrono::duration_cast<std::chrono::milliseconds>(r.finished.time_since_epoch())
                .count(),
            remoteRegion(qs(r.region), name),
            qs(r.operation),
            qs(r.table),
            r.duration_ms,
            r.error ? qs(r.error->type) : QString(),
            message,
            true,
            r.attempts,
            r.rate_limited_ms};
        recordRemoteCall(record.region, record);
    });
    m_remotes.insert(name, std::move(backend));
    m_unavailable.remove(name);
    m_connectionRegions.insert(name, regions);
    emit connectionsChanged();
}

void EngineBridge::addUnavailableConnection(const QString& name, const QStringList& regions,
                                            const QString& type, const QString& message) {
    m_remotes.remove(name);
    m_unavailable.insert(name, {type, message});
    m_connectionRegions.insert(name, regions);
    emit connectionsChanged();
}

void EngineBridge::removeConnection(const QString& name) {
    if (!m_remotes.contains(name) && !m_unavailable.contains(name)) return;
    m_remotes.remove(name);
    m_unavailable.remove(name);
    m_connectionRegions.remove(name);
    emit connectionsChanged();
}

void EngineBridge::recordRemoteCall(const QString&, const RequestRecord& record) {
    {
        std::lock_guard lock(m_mutex);
        m_pending.requests.append(record);
        if (m_pending.flushQueued) return;
        m_pending.flushQueued = true;
    }
    QMetaObject::invokeMethod(this, &EngineBridge::scheduleFlush, Qt::QueuedConnection);
}

namespace {
// The tables a write names: TableName, BatchWriteItem's RequestItems, a transaction's.
QSet<QString> writtenTables(const QString& operation, const tablespan::Json& request) {
    static const QSet<QString> kWrites = {QStringLiteral("PutItem"),
                                          QStringLiteral("UpdateItem"),
                                          QStringLiteral("DeleteItem"),
                                          QStringLiteral("BatchWriteItem"),
                                          QStringLiteral("TransactWriteItems"),
                                          QStringLiteral("ImportTable")};
    QSet<QString> tables;
    if (!kWrites.contains(operation) || !request.is_object()) return tables;
    if (auto it = request.find("TableName"); it != request.end() && it->is_string())
        tables.insert(qs(it->get<std::string>()));
    if (auto it = request.find("RequestItems"); it != request.end() && it->is_object())
        for (const auto& [table, writes] : it->items()) tables.insert(qs(table));
    if (auto it = request.find("TransactItems"); it != request.end() && it->is_array())
        for (const auto& action : *it)
            for (const auto& [kind, body] : action.items())
                if (body.is_object() && body.contains("TableName") && body["TableName"].is_string())
                    tables.insert(qs(body["TableName"].get<std::string>()));
    return tables;
}
}  // namespace

void EngineBridge::noteRemoteAnswer(const QString& region, const QString& operation,
                                    const QString& table, const QSet<QString>& written,
                                    const tablespan::Result& result) {
    if (!result.ok()) {
        if (result.error->type == "ResourceNotFoundException" &&
            operation == QLatin1String("DescribeTable") && !table.isEmpty())
            m_poller->forget(region, table);
        return;
    }
    for (const char* key : {"Table", "TableDescription"})
        if (auto it = result.body.find(key); it != result.body.end())
            m_poller->observe(region, *it);
    // Coalesced per frame as the engine's ItemsChanged events are: an import of many
    // items into a remote table refreshes its views at most ~60 times a second.
    if (written.isEmpty()) return;
    {
        std::lock_guard lock(m_mutex);
        for (const QString& name : written) m_pending.items.insert({region, name});
        if (m_pending.flushQueued) return;
        m_pending.flushQueued = true;
    }
    QMetaObject::invokeMethod(this, &EngineBridge::scheduleFlush, Qt::QueuedConnection);
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
    if (isRemoteRegion(region)) {
        const auto backend = m_remotes.value(connectionOf(region));
        if (!backend) {
            const auto unavailable = m_unavailable.constFind(connectionOf(region));
            tablespan::Result missing{
                unavailable != m_unavailable.cend()
                    ? tablespan::Error{unavailable->first.toStdString(),
                                       unavailable->second.toStdString(), 0,
                                       tablespan::Json::object()}
                    : tablespan::Error{"ConnectionNotFound",
                                       tr("There is no connection named %1 any more.")
                                           .arg(connectionOf(region))
                                           .toStdString(),
                                       0, tablespan::Json::object()},
                tablespan::Json()};
            QMetaObject::invokeMethod(
                this,
                [done, missing] {
                    if (done) done(missing);
                },
                Qt::QueuedConnection);
            return;
        }
        // What the answer's bookkeeping needs of the request, instead of a copy of it.
        const auto name = request.find("TableName");
        const QString table =
            name != request.end() && name->is_string() ? qs(name->get<std::string>()) : QString();
        const QSet<QString> written = writtenTables(operation, request);
        const QString url = qs(backend->client().url_for(regionCode(region).toStdString()));
        const double timeout =
            std::chrono::duration<double>(backend->client().endpoint().timeout).count();
        backend->call(
            regionCode(region).toStdString(), operation.toStdString(), std::move(request),
            [self, region, operation, url, timeout, table, written,
             done = std::move(done)](tablespan::Result result) {
                if (!self) return;
                if (result.error)
                    result.error->message =
                        RemoteErrors::message(*result.error, url, timeout).toStdString();
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, region, operation, table, written, done, result = std::move(result)] {
                        if (self) self->noteRemoteAnswer(region, operation, table, written, result);
                        if (done) done(result);
                    },
                    Qt::QueuedConnection);
            });
        return;
    }
    OwnCall own{region, operation, true};
    m_embedded->call(
        region.toStdString(), operation.toStdString(), std::move(request),
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
