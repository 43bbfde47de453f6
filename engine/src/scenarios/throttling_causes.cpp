#include "scenarios/throttling_causes.h"

#include <algorithm>

namespace tablespan::scenarios {

std::string throttling_reason(const Error& error) {
    for (const char* member : {"ThrottlingReasons", "throttlingReasons"}) {
        const auto it = error.extra.find(member);
        if (it == error.extra.end() || !it->is_array() || it->empty()) continue;
        // The service may name several; a request counts once, under the first.
        const Json& first = it->front();
        if (first.is_object() && first.contains("reason") && first["reason"].is_string())
            return first["reason"].get<std::string>();
    }
    return error.type;
}

ReplicaCapacity& ReplicaCapacity::operator+=(const ReplicaCapacity& o) {
    replication_throttle_events += o.replication_throttle_events;
    replicated_write_units += o.replicated_write_units;
    consumed_write_units += o.consumed_write_units;
    return *this;
}

ReplicaCapacity replica_capacity(const Engine& engine, const std::string& region,
                                 const std::string& table, Millis from, Millis to) {
    ReplicaCapacity out;
    for (const CapacitySample& s : engine.capacity_metrics(region, table, "", from, to)) {
        // A throttled request counts a request and an event; a refused replicated
        // delivery an event alone.
        out.replication_throttle_events +=
            std::max<std::int64_t>(0, s.write_throttle_events - s.throttled_write_requests);
        out.replicated_write_units += s.replicated_write;
        out.consumed_write_units += s.consumed_write;
    }
    return out;
}

}  // namespace tablespan::scenarios
