#pragma once

// The outage comparison's arithmetic, from the writes the drill recorded: for each table
// what was acknowledged, refused and lost, and write latency percentiles; per second of
// the load, the median latency and the refused writes (for the charts).
//
// A write is lost (counts towards the RPO) when the faulty region acknowledged it by the
// time the other regions were read and neither of them held its item then: had the
// region never come back, it would be gone. Writes of the shared hot item are left out
// (a later write from elsewhere may have replaced them, as it should).

#include <QHash>
#include <QList>
#include <QPointF>
#include <QSet>

#include "drills/drill_write.h"

struct DrillOutcome {
    qint64 attempted = 0;
    qint64 acknowledged = 0;
    qint64 refused = 0;    // errors other than conflicts (the region could not commit)
    qint64 conflicts = 0;  // ReplicatedWriteConflictException
    qint64 unanswered = 0;
    qint64 lost = 0;
    double rpoSeconds = 0;  // from the oldest lost write to the moment the region was lost
    double p50 = -1;        // ms, acknowledged writes
    double p99 = -1;
};

namespace DrillReport {

// `elsewhere`: the keys the other regions held when they were read. `offline`: the
// region answered nothing from the outage's start (its data was lost then), else it went
// on acknowledging until it was read.
DrillOutcome summarize(const QList<DrillWrite>& writes, int table, const QString& faultRegion,
                       const QSet<QString>& elsewhere, const DrillTimeline& timeline, bool offline);

// Per second since the load started (x in seconds, at the second's start): the median
// latency of the writes sent in that second and acknowledged; seconds without any are
// absent (a gap).
QList<QPointF> latencySeries(const QList<DrillWrite>& writes, int table,
                             const DrillTimeline& timeline);
// Per second since the load started: the writes sent in that second that were refused
// or conflicted (0 included), up to the second that holds the load's last moment.
QList<QPointF> refusedSeries(const QList<DrillWrite>& writes, int table,
                             const DrillTimeline& timeline);

}  // namespace DrillReport
