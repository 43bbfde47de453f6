#pragma once

// Provisioned throughput, enforced: a read and a write bucket for every PROVISIONED
// table and for each of its GSIs, on engine time. A request to a table whose bucket is
// empty is refused with ProvisionedThroughputExceededException and the service's text
// (../shared/reference/dynamodb-data-plane.md §8.1); a write is refused when the table
// or any GSI it maintains is out of write capacity (DG:GSI). What a request consumed is
// taken afterwards, and recorded in the region's capacity metrics (metrics/), on-demand
// tables included.

#include <map>
#include <optional>
#include <string>

#include "api/capacity.h"
#include "api/table_meta.h"
#include "capacity/token_bucket.h"
#include "metrics/capacity_metrics.h"

namespace tablespan::capacity {

class Throughput {
public:
    // Off: nothing is refused (EngineOptions::enforce_throughput false).
    explicit Throughput(bool enforce) : enforce_(enforce) {}

    // Throws ProvisionedThroughputExceededException when a read of `table` (through
    // `index`, or the table when null) must wait; the refusal counts as a throttled
    // request and a throttle event. `event` false: the throttle events of the request's
    // items were counted already (a batch refused as a whole).
    void admit_read(const api::TableMeta& table, const indexes::SecondaryIndex* index, Millis now,
                    bool event = true);
    // The same for a write of `table`.
    void admit_write(const api::TableMeta& table, Millis now, bool event = true);
    // Whether a write would be refused now, and the refusal's text (a transaction's
    // cancellation reason). These only ask; the *_throttled calls also count.
    bool write_refused(const api::TableMeta& table, Millis now);
    std::optional<std::string> write_refusal(const api::TableMeta& table, Millis now);
    // Whether a read of the table (not an index) would be refused now (BatchGetItem).
    bool read_refused(const api::TableMeta& table, Millis now);
    std::optional<std::string> read_refusal(const api::TableMeta& table, Millis now);
    // write_refused() / read_refused() of one item of a batch (or one replicated
    // delivery) that counts a throttle event when refused.
    bool write_throttled(const api::TableMeta& table, Millis now);
    bool read_throttled(const api::TableMeta& table, Millis now);
    // Counts a request refused for throughput without a throw here (a transaction
    // cancelled with the ProvisionedThroughputExceeded reason).
    void count_throttled_request(const api::TableMeta& table, bool write, Millis now);

    void charge_read(const api::TableMeta& table, const indexes::SecondaryIndex* index,
                     double units, Millis now);
    // `replicated`: a change applied by replication (counted as such in the metrics).
    void charge_write(const api::TableMeta& table, const api::WriteUnits& units, Millis now,
                      bool replicated = false);

    // The table's settings changed (or it was created): the metrics note them.
    void observe(const api::TableMeta& table, Millis now) { metrics_.observe(table, now); }
    void forget(const std::string& table);

    const metrics::CapacityMetrics& metrics() const { return metrics_; }

private:
    struct Buckets {
        TokenBucket read, write;
        std::map<std::string, std::pair<TokenBucket, TokenBucket>> gsi;  // name → read, write
    };
    // Whether requests to `table` can be refused (enforced, and PROVISIONED); on-demand
    // tables keep no buckets.
    bool limited(const api::TableMeta& table) const;
    Buckets& buckets(const api::TableMeta& table, Millis now);
    // The GSI out of write capacity, when the table itself is not (null: none).
    const indexes::SecondaryIndex* exhausted_gsi(const api::TableMeta& table, Buckets& b,
                                                 Millis now);
    [[noreturn]] void refuse(const api::TableMeta& table, const indexes::SecondaryIndex* index,
                             bool write, bool event, Millis now);

    bool enforce_;
    metrics::CapacityMetrics metrics_;
    std::map<std::string, Buckets> tables_;
};

}  // namespace tablespan::capacity
