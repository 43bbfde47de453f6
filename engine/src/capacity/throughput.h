#pragma once

// Provisioned throughput, enforced: a read and a write bucket for every PROVISIONED
// table and for each of its GSIs, on engine time. A request to a table whose bucket is
// empty is refused with ProvisionedThroughputExceededException and the service's text
// (../shared/reference/dynamodb-data-plane.md §8.1); a write is refused when the table
// or any GSI it maintains is out of write capacity (DG:GSI). What a request consumed is
// taken afterwards.

#include <map>
#include <optional>
#include <string>

#include "api/capacity.h"
#include "api/table_meta.h"
#include "capacity/token_bucket.h"

namespace tablespan::capacity {

class Throughput {
public:
    // Off: nothing is refused (EngineOptions::enforce_throughput false).
    explicit Throughput(bool enforce) : enforce_(enforce) {}

    // Throws ProvisionedThroughputExceededException when a read of `table` (through
    // `index`, or the table when null) must wait.
    void admit_read(const api::TableMeta& table, const indexes::SecondaryIndex* index, Millis now);
    // The same for a write of `table`.
    void admit_write(const api::TableMeta& table, Millis now);
    // Whether a write would be refused now (BatchWriteItem leaves such writes
    // unprocessed), and the refusal's text (a transaction's cancellation reason).
    bool write_refused(const api::TableMeta& table, Millis now);
    std::optional<std::string> write_refusal(const api::TableMeta& table, Millis now);
    // Whether a read of the table (not an index) would be refused now (BatchGetItem).
    bool read_refused(const api::TableMeta& table, Millis now);
    std::optional<std::string> read_refusal(const api::TableMeta& table, Millis now);

    void charge_read(const api::TableMeta& table, const indexes::SecondaryIndex* index,
                     double units, Millis now);
    void charge_write(const api::TableMeta& table, const api::WriteUnits& units, Millis now);

    void forget(const std::string& table);

private:
    struct Buckets {
        TokenBucket read, write;
        std::map<std::string, std::pair<TokenBucket, TokenBucket>> gsi;  // name → read, write
    };
    // Whether requests to `table` can be refused (enforced, and PROVISIONED); on-demand
    // tables keep no buckets.
    bool limited(const api::TableMeta& table) const;
    Buckets& buckets(const api::TableMeta& table, Millis now);
    [[noreturn]] void refuse(const api::TableMeta& table, const indexes::SecondaryIndex* index,
                             bool write);

    bool enforce_;
    std::map<std::string, Buckets> tables_;
};

}  // namespace tablespan::capacity
