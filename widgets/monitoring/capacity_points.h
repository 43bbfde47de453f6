#pragma once

// The points of the capacity charts, as the DynamoDB console draws its CloudWatch metrics:
// consumed capacity as the average per second over each period (Sum ÷ the period's
// seconds, as the developer guide tells to compare it with provisioned capacity,
// DG:metrics-dimensions "ConsumedReadCapacityUnits"), provisioned capacity (or an
// on-demand maximum) as the average setting over the period, throttled requests as the
// Sum per period. x is the period's start in periods before the current one (0 the
// current, -1 the one before). Periods before the engine saw the table have no point
// (a gap); a period with no requests is 0 (flat).

#include <vector>

#include <QList>
#include <QPointF>

#include "tablespan/capacity_metrics.h"

namespace CapacityPoints {

enum Line {
    ConsumedRead,
    ProvisionedRead,  // provisioned, or the on-demand maximum when one is set
    ConsumedWrite,
    ProvisionedWrite,
    ReplicatedWrite,  // of the consumed writes, those applied by replication
    ThrottledRead,
    ThrottledWrite,
    NB_LINES
};

struct Points {
    QList<QPointF> lines[NB_LINES];
    bool provisioned = false;      // the table was PROVISIONED in the latest period
    bool onDemandMaximum = false;  // on demand with a maximum in the latest period
};

// `periodSeconds`: 1 or 60. `now`: engine time; samples are one per second, ascending.
Points make(const std::vector<tablespan::CapacitySample>& samples, int periodSeconds,
            tablespan::Millis now);

}  // namespace CapacityPoints
