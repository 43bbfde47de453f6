#pragma once

// Provisioned throughput, enforced: a read and a write bucket for every PROVISIONED
// table and for each of its GSIs, on engine time. A request to a table whose bucket is
// empty is refused with ProvisionedThroughputExceededException and the service's text
// (../shared/reference/dynamodb-data-plane.md §8.1); a write is refused when the table
// or any GSI it maintains is out of write capacity (DG:GSI). What a request consumed is
// taken afterwards. Every second of engine time keeps what was consumed and throttled,
// per table, for the Monitoring tab.

#include <deque>
#include <map>
#include <optional>
#include <string>

#include "api/capacity.h"
#include "api/table_meta.h"
#include "capacity/token_bucket.h"

namespace tablespan::capacity {

// One second of a table's traffic.
struct Second {
    Millis at = 0;  // start of the second, engine time
    double consumed_read = 0;
    double consumed_write = 0;
    std::int64_t throttled_reads = 0;
    std::int64_t throttled_writes = 0;
};

class Throughput {
public:
    // Off: nothing is refused (EngineOptions::enforce_throughput false); consumption is
    // still counted.
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

    // The last seconds of a table's traffic, oldest first (at most kSecondsKept).
    const std::deque<Second>& history(const std::string& table) const;
    void forget(const std::string& table);

    static constexpr std::size_t kSecondsKept = 3600;

private:
    struct Buckets {
        TokenBucket read, write;
        std::map<std::string, std::pair<TokenBucket, TokenBucket>> gsi;  // name → read, write
    };
    Buckets& buckets(const api::TableMeta& table, Millis now);
    Second& second(const std::string& table, Millis now);
    [[noreturn]] void refuse(const api::TableMeta& table, const indexes::SecondaryIndex* index,
                             bool write, Millis now);

    bool enforce_;
    std::map<std::string, Buckets> tables_;
    std::map<std::string, std::deque<Second>> history_;
};

}  // namespace tablespan::capacity
