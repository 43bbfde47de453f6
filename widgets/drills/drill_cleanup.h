#pragma once

// Deletes global tables the way the service lets one: from `region`, the replicas go
// first (a strongly consistent group's replicas and witness in one UpdateTable, an
// eventually consistent table's one per UpdateTable, each once the table is ACTIVE
// again), then the regional table that is left. It looks at the tables whenever the
// status of one changes, and every `pollMs` (wall time), until they are gone.

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include "tablespan/engine.h"

class EngineBridge;

class DrillCleanup final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrillCleanup)

public:
    DrillCleanup(EngineBridge& bridge, const QString& region, const QStringList& tables,
                 QObject* parent = nullptr, int pollMs = 250);

    bool done() const { return m_left.isEmpty(); }
    QString errorText() const { return m_error; }

signals:
    // Every table is gone, or `error` says why not.
    void finished(const QString& error);

private:
    void poll();
    void step(const QString& table, const tablespan::Json& description);
    void send(const QString& operation, tablespan::Json request);
    void finish(const QString& error);

    EngineBridge& m_bridge;
    QString m_region;
    QStringList m_left;
    QSet<QString> m_busy;  // tables with a request under way
    // Replicas a table had when a delete was sent: nothing more until it has fewer.
    QHash<QString, qsizetype> m_sentWith;
    QTimer m_timer;
    QString m_error;
};
