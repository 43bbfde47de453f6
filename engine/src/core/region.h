#pragma once

// A region is an actor: its own strand, its own SQLite database, its tables. Requests
// for the region run on its strand and nothing else touches its state.
//
// Requests are group-committed: the first request of a batch opens a transaction and
// posts the commit to the strand, so every request queued before the commit shares the
// transaction (reads included: one read lock and one commit serve the whole batch); each
// request is answered only after the commit. Every write runs inside a savepoint, so a
// request that fails changes nothing.

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/strand.hpp>

#include "api/table_meta.h"
#include "core/engine_core.h"
#include "core/hlc.h"
#include "storage/region_store.h"
#include "tablespan/engine.h"
#include "tablespan/regions.h"

namespace tablespan::api {
class Recovery;
}
namespace tablespan::streams {
class RegionStreams;
}
namespace tablespan::capacity {
class Throughput;
}
namespace tablespan::kms {
class RegionKms;
}

namespace tablespan::core {

class Replicator;

class Region {
public:
    Region(EngineCore& core, const RegionInfo& info);
    ~Region();

    const RegionInfo& info() const { return info_; }
    std::string_view code() const { return info_.code; }

    // Runs a DynamoDB operation on the strand; `done` runs once the result is final.
    void submit(std::string operation, Json request, ResultCallback done, CallOptions options = {});
    // Runs `fn` on the strand.
    void post(std::function<void()> fn);
    // On the strand: runs `work` as a write of the current batch (in its own savepoint);
    // `done` runs after the batch committed (true) or failed (false). For the engine's
    // own writes: replication, backfill, group changes.
    void run_internal(std::function<void()> work, std::function<void(bool)> done = {});

    // ---- for request handlers, on the strand ----
    Millis now() const { return core_.clock.now(); }
    EngineCore& core() { return core_; }
    storage::RegionStore& store() { return store_; }
    // Whether the running request asked for its Items as text (CallOptions), and where a
    // Scan or Query then writes them (moved into Result::items_text when it succeeds).
    bool items_as_text() const { return items_as_text_; }
    std::string& items_text() { return items_text_; }

    api::TableMeta* find_table(std::string_view name);
    // Whether the region has a table of this name, in any status. Thread-safe: other
    // regions ask it while validating a new replica.
    bool has_table(const std::string& name) const;
    // Whether the region's table of this name has deletion protection on. Thread-safe:
    // a member region asks it before removing this replica.
    bool deletion_protected(const std::string& name) const;
    // How many tables the region holds, in any status. Thread-safe.
    int table_count() const;
    // Tables sorted by name.
    std::vector<api::TableMeta*> tables();
    // Starts (or joins) the write transaction. Call before the first storage write.
    void begin_write();
    // Inserts a new table (assigns its storage id) and persists it.
    api::TableMeta& add_table(api::TableMeta meta);
    // Persists the table's metadata now (inside the write transaction).
    void save_table(api::TableMeta& table);
    // Item counters changed: persisted with the commit.
    void note_items_changed(api::TableMeta& table, std::int64_t items);
    // Moves the table to `next_status` ("" = remove it) at engine time `at`.
    void schedule_transition(const api::TableMeta& table, Millis at);
    // Sets `status` now and `next_status` after `duration`; persists; publishes.
    void start_transition(api::TableMeta& table, const std::string& status,
                          const std::string& next_status, Millis duration);
    void publish_status(const api::TableMeta& table);

    // Global tables.
    Replicator& replicator() { return *replicator_; }
    // Backups and point-in-time recovery.
    api::Recovery& recovery() { return *recovery_; }
    // DynamoDB Streams.
    streams::RegionStreams& streams() { return *streams_; }
    // Provisioned throughput, enforced.
    capacity::Throughput& throughput() { return *throughput_; }
    // The region's simulated KMS and its tables' keys.
    kms::RegionKms& kms() { return *kms_; }
    bool online() const;
    // A version for a local write (see core/hlc.h).
    std::int64_t next_hlc();
    void observe_hlc(std::int64_t seen);
    // A local write of a multi-Region strongly consistent table (inside the request): the
    // request is answered once a peer acknowledges change `seq`, and other regions'
    // writes of the item conflict until every replica has it.
    void note_strong_write(const api::TableMeta& table, const std::string& pk,
                           const std::string& sk, std::int64_t hlc, std::int64_t seq);

private:
    struct Pending {
        std::string operation;
        std::string table;
        std::chrono::steady_clock::time_point started;
        Result result;
        ResultCallback done;
        bool internal = false;
        // MRSC: (table, highest change) this request wrote; answered once acknowledged.
        std::vector<std::pair<std::string, std::int64_t>> strong_writes;
        // MRSC: tables this request reads strongly; answered once every local write it
        // may have seen is acknowledged.
        std::vector<std::string> strong_reads;
        bool items_as_text = false;  // CallOptions::items_as_text
    };
    struct StrongWrite {
        std::string table, pk, sk;
        std::int64_t hlc = 0, seq = 0;
    };

    void execute(std::string operation, Json request, ResultCallback done,
                 std::chrono::steady_clock::time_point started, CallOptions options);
    // MRSC: answers `p` once every table it wrote has a peer's acknowledgement.
    void answer_when_acknowledged(Pending p);
    // Runs `body` as one request of the batch; `internal` work publishes no
    // RequestCompleted.
    void run(Pending p, const std::function<Json()>& body);
    // Starts the batch transaction unless one is open.
    void open_batch();
    void commit();
    void finish(Pending& p);
    void load_tables();
    void sync_names();
    void apply_transition(const std::string& name, const std::string& table_id);

    EngineCore& core_;
    const RegionInfo& info_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    storage::RegionStore store_;
    std::map<std::string, std::unique_ptr<api::TableMeta>, std::less<>> tables_;

    bool txn_open_ = false;
    bool in_savepoint_ = false;
    std::vector<Pending> pending_;
    std::map<std::string, std::int64_t> changed_items_;  // table → items written this batch
    std::vector<std::string> dirty_tables_;
    std::vector<StrongWrite> request_strong_;  // MRSC writes of the running request
    bool items_as_text_ = false;               // of the running request
    std::string items_text_;                   // of the running request

    mutable std::mutex names_mutex_;
    std::set<std::string> names_;            // guarded by names_mutex_; mirrors tables_
    std::set<std::string> protected_names_;  // guarded by names_mutex_

    HybridClock hlc_;
    bool hlc_dirty_ = false;
    std::unique_ptr<Replicator> replicator_;
    std::unique_ptr<api::Recovery> recovery_;
    std::unique_ptr<streams::RegionStreams> streams_;
    std::unique_ptr<capacity::Throughput> throughput_;
    std::unique_ptr<kms::RegionKms> kms_;
};

}  // namespace tablespan::core
