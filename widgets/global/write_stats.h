#pragma once

// What the writes of each table in each region looked like recently, from the engine's
// RequestCompleted events: latency percentiles of the acknowledged writes (PutItem,
// UpdateItem, DeleteItem, BatchWriteItem) over the last minutes of engine time, and how
// many writes failed with ReplicatedWriteConflictException since the console started.
// Requests from every client count (the endpoint's and the console's). Latencies are in
// engine milliseconds, as every other latency the console shows: the event's duration is
// wall time, so it is scaled by the engine's time scale when it arrives (a strongly
// consistent write's wait for its peer runs on engine time).

#include <QHash>
#include <QList>
#include <QObject>

#include "common/engine_bridge.h"

class WriteStats final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WriteStats)

public:
    static constexpr qint64 kWindowMs = 300'000;
    static constexpr qsizetype kMaxSamples = 2000;

    struct Summary {
        double p50 = -1;  // ms; -1 without acknowledged writes in the window
        double p99 = -1;
        qint64 writes = 0;  // acknowledged writes in the window
        qint64 conflicts = 0;
    };

    explicit WriteStats(EngineBridge& bridge, QObject* parent = nullptr);

    // Takes in finished requests (the bridge's requestsCompleted does this); durations
    // are wall time at the engine's current time scale.
    void add(const QList<RequestRecord>& records);
    // The writes of `table` in `region` up to engine time `now`.
    Summary summary(const QString& table, const QString& region, qint64 now) const;
    qint64 conflicts(const QString& table) const;

    static bool isWrite(const QString& operation);

signals:
    void changed();

private:
    struct Sample {
        qint64 timeMs;
        double durationMs;
    };
    struct Series {
        QList<Sample> samples;  // oldest first
        qint64 conflicts = 0;
    };
    using Key = std::pair<QString, QString>;  // (table, region)
    QHash<Key, Series> m_series;
    EngineBridge& m_bridge;
};
