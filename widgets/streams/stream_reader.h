#pragma once

// Reads one stream as a consumer such as the Kinesis Client Library does, through the
// Streams API only: DescribeStream for the shards, then for each shard whose parent is
// read to its end (or no longer listed) GetShardIterator and GetRecords, page after page
// with NextShardIterator. A closed shard ends when a page has no NextShardIterator; the
// stream is described again to find its children. An expired iterator is replaced by
// one AFTER_SEQUENCE_NUMBER the last record read (LATEST or TRIM_HORIZON when none was).
//
// Nothing happens on its own: each poll() reads what is there and stops (the view calls
// it on a timer).

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include "streams/stream_record.h"
#include "tablespan/engine.h"

class EngineBridge;

class StreamReader final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StreamReader)

public:
    // Where reading starts: the oldest record retained (TRIM_HORIZON) or the records
    // written from now on (LATEST in the shards open now).
    enum class From { Oldest, NewOnly };

    explicit StreamReader(EngineBridge& bridge, QObject* parent = nullptr);

    // Starts over on `streamArn` of `region` (empty: stops); answers still on their way
    // for an earlier stream are dropped.
    void start(const QString& region, const QString& streamArn, From from);
    QString streamArn() const { return m_arn; }
    // A poll is on its way.
    bool isBusy() const { return m_busy; }
    // Describes the stream again in the next round (its status may have changed).
    void redescribe() { m_describe = true; }

public slots:
    // One round: describes the stream when needed (at the start, after a shard ended and
    // every few rounds), then reads each readable shard until it has nothing new. A call
    // while a round is on its way runs one more round after it.
    void poll();

signals:
    // The stream's description with all its shards (every page of DescribeStream).
    void described(const tablespan::Json& description);
    void recordsRead(const QList<StreamRecord>& records);
    // An error the view should show; empty when a round went well.
    void failed(const QString& text);
    void pollFinished();

private:
    struct Shard {
        QString parent;
        QString iterator;
        QString lastSequence;  // of the last record read
        bool latest = false;   // start at LATEST (open when reading began "new only")
        bool done = false;     // read to its end, or gone
        bool visited = false;  // nothing more to read in this round
        int pages = 0;         // read in this round
    };

    void step();
    void describe(tablespan::Json shards, const QString& after);
    void takeShards(const tablespan::Json& shards);
    QString nextShard() const;
    void getIterator(const QString& id);
    void getRecords(const QString& id);
    void finish(const QString& error = {});
    // Asks the engine where each record's write came from, then emits recordsRead (in
    // the order pages were read: the region answers in order).
    void emitWithSources(QList<StreamRecord> records);

    EngineBridge& m_bridge;
    QString m_region;
    QString m_arn;
    From m_from = From::Oldest;
    QHash<QString, Shard> m_shards;
    QStringList m_listed;  // the shard ids DescribeStream listed last, in its order
    bool m_described = false;
    bool m_describe = true;  // describe before reading in this round
    bool m_busy = false;
    bool m_again = false;
    int m_rounds = 0;
    int m_generation = 0;
    QString m_error;  // of this round
};
