#pragma once

// One record of a DynamoDB stream as the console shows it, read from a GetRecords
// record (the service's shape: eventName, awsRegion, dynamodb.Keys/NewImage/OldImage,
// userIdentity for a Time to Live delete).

#include <QCoreApplication>
#include <QString>

#include "tablespan/engine.h"

struct StreamRecord {
    Q_DECLARE_TR_FUNCTIONS(StreamRecord)

public:
    qint64 timeMs = 0;  // ApproximateCreationDateTime (whole seconds), ms since the epoch
    QString eventName;  // INSERT, MODIFY or REMOVE
    QString keysText;   // the keys in compact plain JSON
    QString sequenceNumber;
    QString shardId;
    bool ttlDelete = false;  // userIdentity names the service: a Time to Live delete
    // The region whose write this is (Engine::stream_record_sources; GetRecords does not
    // say, as in the service): the stream's own region for a local write, another for a
    // replicated one. Empty until known.
    QString origin;
    tablespan::Json record;  // the whole GetRecords record

    // Reads `record` of shard `shardId`.
    static StreamRecord fromJson(const tablespan::Json& record, const QString& shardId);
    // The time in local time, to the second ("—" when the record has none).
    QString timeText() const;
    // The record for the detail pane: what happened, where, its keys, then its images as pretty
    // DynamoDB JSON (or why there are none: the stream's view type).
    QString detailsText() const;
    // "TTL delete", "local write", "replicated from Europe (Ireland)", or "write" while
    // the origin is not known.
    QString sourceText() const;
};
