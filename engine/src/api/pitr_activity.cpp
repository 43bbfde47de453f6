// Engine::pitr_activity: the writes a table's PITR history holds per bucket of engine
// time, for the console's recovery timeline (a Tablespan extension, no DynamoDB
// operation).

#include <string>
#include <vector>

#include "api/recovery.h"
#include "core/region.h"

namespace tablespan::api {

namespace {
constexpr Millis kMaxBuckets = 10'000;

Error invalid(const std::string& message) {
    return Error{"ValidationException", message, 400};
}
}  // namespace

std::vector<std::int64_t> Recovery::write_activity(const TableMeta& table, Millis from, Millis to,
                                                   Millis bucket_ms) {
    const auto buckets = static_cast<std::size_t>((to - from + bucket_ms - 1) / bucket_ms);
    return store_.count_by_time(table.id, from, to, bucket_ms, buckets);
}

PitrActivity pitr_activity(core::Region& region, const std::string& name, Millis from, Millis to,
                           Millis bucket_ms) {
    PitrActivity out;
    out.from = from;
    out.bucket_ms = bucket_ms;
    if (bucket_ms <= 0) {
        out.error = invalid("The bucket must be at least one millisecond long.");
        return out;
    }
    if (to <= from) {
        out.error = invalid("The end of the span must come after its start.");
        return out;
    }
    if ((to - from - 1) / bucket_ms >= kMaxBuckets) {
        out.error = invalid("At most 10000 buckets can be counted at once.");
        return out;
    }
    TableMeta* t = region.find_table(name);
    if (!t) {
        out.error = Error{"ResourceNotFoundException",
                          "Requested resource not found: Table: " + name + " not found", 400};
        return out;
    }
    out.enabled = t->recovery.pitr.enabled;
    out.writes = region.recovery().write_activity(*t, from, to, bucket_ms);
    return out;
}

}  // namespace tablespan::api
