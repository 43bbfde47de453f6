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
    tablespan::Json record;  // the whole GetRecords record

    // Reads `record` of shard `shardId`.
    static StreamRecord fromJson(const tablespan::Json& record, const QString& shardId);
    // The time in local time, to the second ("—" when the record has none).
    QString timeText() const;
    // The record for the detail pane: what happened, where, its keys, then its images as pretty
    // DynamoDB JSON (or why there are none: the stream's view type).
    QString detailsText() const;
};
