#pragma once

// The one object that connects the console to the engine. It forwards requests to the
// engine without waiting and delivers results and engine events on the GUI thread, as
// queued signals. Engine events are coalesced: whatever arrives within one frame
// (~16 ms) is delivered together, so an import of a million items does not flood the
// GUI thread.

#include <functional>
#include <memory>
#include <mutex>

#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QStringList>
#include <QObject>
#include <QSet>
#include <QString>

#include "tablespan/engine.h"

class QTimer;
class RegionBackend;
class RemoteBackend;
class RemoteStatusPoller;
namespace tablespan {
class RemoteClient;
}

// One finished request, as the Activity dock lists it.
struct RequestRecord {
    qint64 timeMs = 0;  // engine time at completion, ms since the epoch
    QString region;
    QString operation;
    QString table;  // a batch, transaction or statement: its tables, joined by ", "
    double durationMs = 0;
    QString errorType;  // empty on success
    QString errorMessage;
    bool fromConsole = false;  // sent through EngineBridge::call (not the endpoint)
    int attempts = 1;          // a remote call's HTTP attempts (more than 1: retried)
    double rateLimitedMs = 0;  // how long the adaptive retry mode's rate limiter held it
};

// One replicated change: the item's key (DynamoDB JSON, as the API returns keys),
// whether it was a delete, and its latency (applied minus committed at the source, ms).
struct DeliveredItemRecord {
    tablespan::Json key;
    bool deleted = false;
    double latencyMs = 0;
};

// Replication into one region from another, coalesced over one frame: `items` applied
// changes, latency min/avg/max (ms) across them, `pending` left on the link afterwards.
struct ReplicationRecord {
    qint64 timeMs = 0;  // engine time of the latest apply
    QString table;
    QString source;
    QString destination;
    qint64 items = 0;
    double minMs = 0;
    double avgMs = 0;
    double maxMs = 0;
    qint64 pending = 0;
    // The first changes of the frame (at most kDeliveredItemsMax per engine event and
    // kDeliveredRecordsMax per record), in the order they were applied.
    QList<DeliveredItemRecord> delivered = {};

    static constexpr qsizetype kDeliveredRecordsMax = 1000;
};

class EngineBridge final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineBridge)

public:
    // Does not take ownership of `engine`, which must outlive the bridge.
    explicit EngineBridge(tablespan::Engine& engine, QObject* parent = nullptr);

    // Remote regions. A connection named `name` serves region codes through `client`;
    // its regions are named "<code>@<name>" ("us-east-1@lab") wherever the console names
    // a region, and call() sends their requests to the endpoint. Replaces a connection of
    // the same name.
    void addConnection(const QString& name, const QStringList& regions,
                       std::unique_ptr<tablespan::RemoteClient> client);
    // A connection whose regions are listed but whose requests cannot be sent yet or at all
    // (its keys are being read from the system keychain, or could not be): call() answers
    // every request for its regions with the error `type` and `message`, words for a
    // person. Replaces a connection of the same name; addConnection() replaces it in turn.
    void addUnavailableConnection(const QString& name, const QStringList& regions,
                                  const QString& type, const QString& message);
    void removeConnection(const QString& name);
    // Connection name → the region codes it serves.
    QMap<QString, QStringList> connections() const { return m_connectionRegions; }
    RemoteStatusPoller* remotePoller() const { return m_poller; }

    static bool isRemoteRegion(const QString& region) { return region.contains(u'@'); }
    // "us-east-1@lab" → "us-east-1"; an embedded region's code unchanged.
    static QString regionCode(const QString& region) { return region.section(u'@', 0, 0); }
    // "us-east-1@lab" → "lab"; empty for an embedded region.
    static QString connectionOf(const QString& region) { return region.section(u'@', 1); }
    static QString remoteRegion(const QString& code, const QString& connection) {
        return QString(code + u'@' + connection);
    }
    // The region through which the console reaches a replica in region code `code` of a
    // table shown in `region`: `code` itself for an embedded region; for a remote one
    // "<code>@<connection>" when that connection serves `code`, else an empty string (the
    // replica exists, as the service says, but the console has no way to it).
    QString replicaRegion(const QString& region, const QString& code) const;
    ~EngineBridge() override;

    // Runs an operation; `done` is called later on the GUI thread (never synchronously).
    // `done` is dropped when the bridge is destroyed first.
    void call(const QString& region, const QString& operation, tablespan::Json request,
              std::function<void(const tablespan::Result&)> done);

    // The same, but `done` is dropped when `context` is destroyed before the answer.
    void call(const QObject* context, const QString& region, const QString& operation,
              tablespan::Json request, std::function<void(const tablespan::Result&)> done);

    tablespan::Engine& engine() { return m_engine; }

    // The display name of a region code ("US West (Oregon)"), or the code itself; a
    // remote region's with its connection ("US West (Oregon) on lab").
    static QString regionName(const QString& code);
    // A region as the region selector shows it: "US West (Oregon) us-west-2", or for a
    // remote region "lab: Europe (Ireland) eu-west-1".
    static QString regionLabel(const QString& region);
    // "ExceptionName: message" of a failed result, as the console shows errors inline.
    static QString errorText(const tablespan::Result& result);

signals:
    // `status` is empty when the table is gone. Only the latest status of each table
    // within one frame is delivered.
    void tableStatusChanged(const QString& region, const QString& table, const QString& status);
    void itemsChanged(const QString& region, const QString& table);
    void requestsCompleted(const QList<RequestRecord>& records);
    // One record per (table, source, destination) that delivered within the frame.
    void replicationDelivered(const QList<ReplicationRecord>& records);
    // A region went offline or online, a link was cut or healed, a latency changed.
    void networkChanged();
    // A remote connection was added or removed.
    void connectionsChanged();

private:
    struct Pending {
        QList<std::pair<QString, QString>> statusOrder;  // (region, table), first-seen order
        QHash<std::pair<QString, QString>, QString> status;
        QSet<std::pair<QString, QString>> items;
        QList<RequestRecord> requests;
        QList<ReplicationRecord> replication;  // one per link, merged
        bool network = false;
        bool flushQueued = false;
    };

    void onEngineEvent(const tablespan::EngineEvent& event);
    // Marks a completed request as the console's own, naming a batch's tables, when it
    // is the call() whose answer this engine thread just delivered.
    static void matchOwnCall(RequestRecord& record);
    void mergeReplication(const tablespan::ReplicationDelivered& e);  // m_mutex held
    void scheduleFlush();
    void flush();
    // A remote call's answer, on the GUI thread: table statuses for the poller, items
    // changed by a write (a remote region has no engine events to say so).
    void noteRemoteAnswer(const QString& region, const QString& operation, const QString& table,
                          const QSet<QString>& written, const tablespan::Result& result);
    void recordRemoteCall(const QString& region, const RequestRecord& record);

    tablespan::Engine& m_engine;
    std::shared_ptr<RegionBackend> m_embedded;
    QHash<QString, std::shared_ptr<RemoteBackend>> m_remotes;   // by connection name
    QHash<QString, std::pair<QString, QString>> m_unavailable;  // name → error type, message
    QMap<QString, QStringList> m_connectionRegions;
    RemoteStatusPoller* m_poller = nullptr;
    int m_subscription = 0;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    std::mutex m_mutex;
    Pending m_pending;  // guarded by m_mutex
    QTimer* m_throttle = nullptr;
    QElapsedTimer m_sinceFlush;
};
