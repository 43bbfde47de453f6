#pragma once

// Capacity metrics of one table (or one of its global secondary indexes) in one region,
// per second of engine time, as CloudWatch names them (DG:metrics-dimensions, "DynamoDB
// Metrics and dimensions", and DG:TroubleshootingThrottling-cloudwatch):
// - ConsumedReadCapacityUnits / ConsumedWriteCapacityUnits (unit Count, statistic Sum):
//   what requests consumed in the second, on-demand tables too. With the dimension
//   TableName the table's own units (an LSI's count with its table's), with
//   TableName + GlobalSecondaryIndexName the index's. Replicated writes count in the
//   region that applies them.
// - ThrottledRequests (Count, Sum): requests refused for throughput, split into read and
//   write operations as the console's "Read/Write throttled requests" charts show them.
//   A request counts once whatever throttled it; a batch counts only when every item in
//   it was throttled; the table's series holds them (dimension TableName).
// - ReadThrottleEvents / WriteThrottleEvents (Count, Sum): one per throttled item event,
//   on the table or index that refused it (a batch's items each count; a replicated
//   delivery refused by the receiving replica counts one write event).
// - ProvisionedReadCapacityUnits / ProvisionedWriteCapacityUnits (Count): the settings of
//   a PROVISIONED table or of its GSI in that second; 0 for on-demand tables, which show
//   their OnDemandThroughput maximum (MaxReadRequestUnits / MaxWriteRequestUnits) instead
//   when one is set.

#include <cstdint>

#include "tablespan/clock.h"

namespace tablespan {

struct CapacitySample {
    Millis second = 0;  // start of the one-second period, engine time
    double consumed_read = 0;
    double consumed_write = 0;
    double replicated_write = 0;  // of consumed_write: changes applied by replication
    std::int64_t throttled_read_requests = 0;
    std::int64_t throttled_write_requests = 0;
    std::int64_t read_throttle_events = 0;
    std::int64_t write_throttle_events = 0;
    bool provisioned = false;  // the table was PROVISIONED in that second
    double provisioned_read = 0;
    double provisioned_write = 0;
    double max_read = 0;  // OnDemandThroughput maximum; 0 when none
    double max_write = 0;
};

}  // namespace tablespan
