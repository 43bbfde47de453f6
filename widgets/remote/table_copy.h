#pragma once

// Copies a table from one region to another, each embedded or remote, through
// EngineBridge::call only: DescribeTable at the source; CreateTable at the destination
// with the same key schema and secondary indexes, on demand; DescribeTable every 500 ms
// until the new table is ACTIVE; then the source's Scan pages written by BatchWriteItem,
// a few batches at a time. What the destination leaves unprocessed, or refuses as
// throttled, is sent again after an exponentially growing pause, so a throttled
// destination sets the pace; a throttled Scan of the source is also asked again. Streams, TTL,
// tags, capacity and backup settings are not copied.

#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include "tablespan/engine.h"

class EngineBridge;
class QTimer;

class TableCopy final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableCopy)

public:
    enum class Stage { Idle, Describing, Creating, WaitingForActive, Copying, Finished };
    Q_ENUM(Stage)

    static constexpr int kPageSize = 100;   // items per Scan page
    static constexpr int kBatchSize = 25;   // BatchWriteItem's limit
    static constexpr int kMaxInFlight = 3;  // batches sent (or waiting to be sent again) at once
    static constexpr int kPollMs = 500;     // DescribeTable while the new table is CREATING
    // Sends of one batch in a row that write nothing before the copy gives up.
    static constexpr int kMaxFruitlessAttempts = 10;
    static constexpr int kBackoffBaseMs = 50;
    static constexpr int kBackoffMaxMs = 5000;

    // Copies `sourceTable` of `sourceRegion` into a new table `destinationTable` of
    // `destinationRegion` (region codes as EngineBridge::call takes them).
    TableCopy(EngineBridge& bridge, const QString& sourceRegion, const QString& sourceTable,
              const QString& destinationRegion, const QString& destinationTable,
              QObject* parent = nullptr);

    // Copies only the first `items` items of the source's Scan order (a sample); 0 (the
    // default) copies them all. Takes effect at start().
    void setLimit(qint64 items) { m_limit = items; }
    qint64 limit() const { return m_limit; }

    // Starts the copy; progress() and then finished() follow, always asynchronously.
    // A job runs once.
    void start();
    // Stops after the writes in flight: the destination table and the items copied so
    // far stay. finished(false, …) follows. Does nothing once finished.
    void cancel();

    Stage stage() const { return m_stage; }
    bool isRunning() const { return m_stage != Stage::Idle && m_stage != Stage::Finished; }
    qint64 copied() const { return m_copied; }
    // The number of items the copy expects to write: the sample size, or the source's
    // ItemCount (which the service updates only every few hours); exact once the scan
    // is complete. 0 while unknown.
    qint64 expected() const { return m_expected; }

    // The CreateTable request for a copy named `table` of the table `source` describes
    // (DescribeTable's Table): its key schema, the attribute definitions the table's
    // and indexes' keys use, its GSIs and LSIs (key schema and projection), on demand.
    static tablespan::Json createRequest(const tablespan::Json& source, const QString& table);

signals:
    void stageChanged(TableCopy::Stage stage);
    // `expected` is 0 while the number of items is unknown.
    void progress(qint64 copied, qint64 expected);
    // Emitted once. `message` says what was done; on failure it begins with the
    // service's own error text.
    void finished(bool ok, const QString& message);

private:
    void setStage(Stage stage);
    void describeSource();
    void createDestination(const tablespan::Json& source);
    void pollDestination();
    void scanNext();
    void pump();
    // `attempt`: sends of these requests so far (the backoff grows with it); `fruitless`:
    // sends in a row that wrote none of them.
    void write(tablespan::Json requests, int attempt, int fruitless);
    void retryLater(tablespan::Json requests, int attempt, int fruitless);
    void fail(const QString& error);
    // Forgets the batches and the Scan page waiting to be asked for again.
    void dropRetries();
    // Finishes when nothing is in flight and the copy is complete, cancelled or failed.
    void settle();
    void finish(bool ok, const QString& message);
    void reportProgress();
    QString source() const;
    QString destination() const;

    EngineBridge& m_bridge;
    QString m_sourceRegion;
    QString m_sourceTable;
    QString m_destinationRegion;
    QString m_destinationTable;
    qint64 m_limit = 0;
    Stage m_stage = Stage::Idle;
    QTimer* m_poll;
    int m_notFoundPolls = 0;  // DescribeTable may not find a table just created yet
    bool m_created = false;   // the destination table exists (this job created it)

    QList<tablespan::Json> m_queue;  // PutRequests scanned, not yet sent
    tablespan::Json m_startKey;      // the next page's ExclusiveStartKey (null: the first)
    bool m_scanning = false;         // a Scan in flight, or waiting to be sent again
    QTimer* m_scanRetry;             // a throttled Scan, sent again when it fires
    int m_scanAttempts = 0;          // throttled Scans in a row
    bool m_scanDone = false;
    qint64 m_scanned = 0;
    bool m_expectedKnown = false;
    int m_inFlight = 0;        // BatchWriteItem calls not answered yet
    QSet<QTimer*> m_backoffs;  // batches waiting to be sent again
    qint64 m_copied = 0;
    qint64 m_expected = 0;
    bool m_cancelled = false;
    QString m_error;  // the first error; the job ends once the writes in flight are done
};
