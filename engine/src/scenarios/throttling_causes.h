#pragma once

// Why a scenario's requests were throttled. A refused request carries the service's
// ThrottlingReasons ([{reason, resource}], reason such as
// TableWriteProvisionedThroughputExceeded or TableWriteMaxOnDemandThroughputExceeded);
// a refused delivery of replicated changes carries nothing back to the scenario, but the
// receiving region's capacity metrics count it as a write throttle event that no throttled
// request explains (tablespan/capacity_metrics.h).

#include <cstdint>
#include <string>

#include "tablespan/engine.h"

namespace tablespan::scenarios {

// The first reason of a throttling error's ThrottlingReasons (spelled throttlingReasons on
// ThrottlingException); the exception name when the error carries none.
std::string throttling_reason(const Error& error);

// What one replica (a table in a region) did with its write capacity over a stretch of
// engine time.
struct ReplicaCapacity {
    // Deliveries of replicated changes refused for want of write capacity: the changes
    // wait in the source's outbox and are offered again, each refusal counting once.
    std::int64_t replication_throttle_events = 0;
    double replicated_write_units = 0;  // consumed by changes applied by replication
    double consumed_write_units = 0;    // all writes, replicated ones included

    bool empty() const {
        return !replication_throttle_events && replicated_write_units == 0 &&
               consumed_write_units == 0;
    }
    ReplicaCapacity& operator+=(const ReplicaCapacity& o);
};

// `table` in `region` over [from, to) of engine time, from the engine's capacity metrics.
// Counts the table's own series only: a scenario's tables have no GSI, whose refusals of
// a client write would otherwise be events without a request on the table's series.
ReplicaCapacity replica_capacity(const Engine& engine, const std::string& region,
                                 const std::string& table, Millis from, Millis to);

}  // namespace tablespan::scenarios
