#pragma once

// Writes many items (or deletes many keys) through BatchWriteItem, 25 requests at a
// time, resending what the engine leaves unprocessed. Reports progress and stops
// between chunks when cancelled.

#include <QList>
#include <QObject>
#include <QStringList>

#include "tablespan/engine.h"

class EngineBridge;

class BatchWriter final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchWriter)

public:
    static constexpr int kChunk = 25;  // BatchWriteItem's limit

    BatchWriter(EngineBridge& bridge, const QString& region, const QString& table,
                const QStringList& keyNames, QObject* parent = nullptr);

    // Starts writing: `items` are put, or, with `deleteKeys`, they are keys to delete.
    void start(const QList<tablespan::Json>& items, bool deleteKeys = false);
    void cancel() { m_cancelled = true; }
    int total() const { return static_cast<int>(m_requests.size()); }
    int written() const { return m_done; }

signals:
    void progress(int done, int total);
    // `error` is empty on success; "cancelled" runs report what was written.
    void finished(bool cancelled, const QString& error);

private:
    void sendNext();
    tablespan::Json keyOf(const tablespan::Json& request) const;

    EngineBridge& m_bridge;
    QString m_region;
    QString m_table;
    QStringList m_keyNames;
    QList<tablespan::Json> m_requests;
    qsizetype m_next = 0;
    tablespan::Json m_retry;  // unprocessed requests of the last chunk
    int m_done = 0;
    int m_retries = 0;
    bool m_cancelled = false;
};
