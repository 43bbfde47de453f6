#pragma once

// Replication of global tables, one per region, living on the region's strand.
//
// Data plane (replicator.cpp). A local write of a global table commits together with its
// change record (the outbox, see ItemStore). For every other member of the group a
// link (this region → destination) has a persisted cursor: the last change the
// destination has committed. A link with changes past its cursor schedules a delivery
// at the first change's write time plus the link's latency (core Network); the
// delivery carries every change that is due by then, the destination applies them
// last-writer-wins in one transaction and acknowledges after its commit, and only then
// does the cursor move. The destination skips changes at or below its per-origin
// received watermark, so a delivery repeated after a crash changes nothing. Offline
// regions and cut links deliver nothing; when the network heals every link resumes.
//
// Control plane (replica_group_ops.cpp). Adding a replica: the new region's table is
// created CREATING; links to it start from a cut consistent with this region's state
// (this region's own last change, and for every other member the watermark of what this
// region received from it); this region copies its items and tombstones to the new
// replica in chunks (a backfill; ReplicaStatusPercentProgress), then the replica turns
// ACTIVE everywhere. Group changes travel as whole views with an epoch.

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "api/replica_group.h"
#include "storage/region_store.h"

namespace tablespan::api {
struct TableMeta;
}

namespace tablespan::core {

class Region;

// A new replica starts CREATING for at least this long (engine time), however small
// the table: the service takes tens of seconds even for an empty table.
inline constexpr Millis kReplicaCreatingMs = 15'000;
// A region that sourced a new replica cannot leave the group for this long.
inline constexpr Millis kSourceLockMs = 24LL * 3600 * 1000;
// Items per backfill chunk and changes per delivery.
inline constexpr std::size_t kBackfillChunk = 1000;
inline constexpr std::size_t kDeliveryBatch = 1000;
// A delivery the destination refused (out of write capacity) is tried again this much
// later (engine time).
inline constexpr Millis kRedeliveryMs = 1'000;
// MRSC: how long a write waits for a peer's acknowledgement (engine time) before it is
// answered with an error. Its outcome is then unknown to the client, as after a timeout
// with the service: the write stays committed here and replicates when it can.
inline constexpr Millis kAckTimeoutMs = 5'000;
// MRSC: how long a new group takes to turn ACTIVE: two replicas, or a replica and a
// witness (reference §3.5, observed 15.6-15.7 s and 59.5-86 s).
inline constexpr Millis kStrongReplicasCreatingMs = 15'600;
inline constexpr Millis kStrongWitnessCreatingMs = 60'000;
inline constexpr Millis kStrongDissolveDelayMs = 44'000;
inline constexpr Millis kStrongDissolveMs = 55'000;

class Replicator {
public:
    explicit Replicator(Region& region);

    // ---- data plane ----
    // Startup (on the strand): links and pending counts from storage; resumes shipping
    // and any backfill this region was running.
    void load();
    // A local write of a global table appended change `seq` (inside the batch).
    void note_local_change(const api::TableMeta& table, std::int64_t seq);
    // The highest change of the table every link has shipped (no links: all of them).
    std::int64_t shipped(std::int64_t table_id) const;
    // The region's batch committed (or failed): ship what became durable.
    void after_commit(bool committed);
    // Something in the network changed: every idle link tries again.
    void kick_all();
    // Applies changes that originated in `origin` (on the strand); `ack(true)` after
    // they are durable here, `ack(false)` when they could not be taken now.
    void receive(const std::string& table, const std::string& origin,
                 std::vector<storage::ChangeRow> changes, std::function<void(bool)> ack);

    // ---- control plane ----
    // UpdateTable ReplicaUpdates Create, issued here: `table` is already validated;
    // creates the replica in `destination` and starts the backfill.
    // `replica_key`: the KMS key ARN the new replica encrypts with (its region's; empty:
    // the table is not encrypted with KMS).
    void create_replica(api::TableMeta& table, const std::string& destination,
                        const std::string& table_class_override,
                        const std::string& replica_key = {});
    // Marks `member` DELETING in the group (this region or another) and tells everyone.
    void remove_member(api::TableMeta& table, const std::string& member);
    // UpdateTable ReplicaUpdates Update: a table class override for `member`.
    void update_member(api::TableMeta& table, const std::string& member,
                       const std::string& table_class_override);
    // UpdateTable SSESpecification on a global table: every other replica takes the same
    // encryption type, each with a key of its own region.
    void fan_out_encryption(const api::TableMeta& table);
    // UpdateTable OnDemandThroughput on a global table: every replica takes the same
    // maxima (the write maximum is the group's; the model allows only read overrides).
    void fan_out_on_demand_maximum(const api::TableMeta& table);
    // The table is about to be removed from this region (end of DELETING).
    void on_table_removed(const api::TableMeta& table);
    // KMS (kms/key_watch.cpp), inside a write: this region's replica shows `status` in
    // every member's view (INACCESSIBLE_ENCRYPTION_CREDENTIALS, or ACTIVE again).
    void set_own_status(api::TableMeta& table, const std::string& status);
    // KMS: this region's replica leaves the group and stays a regional table with its
    // items (its key stayed inaccessible); every other member drops it.
    void leave_group(api::TableMeta& table);

    // ---- multi-Region strong consistency (mrsc/strong_group.cpp, mrsc/acknowledgements.cpp) ----
    // UpdateTable with MultiRegionConsistency STRONG, validated: `replicas` and `witness`
    // (empty: none) join at once, CREATING, and turn ACTIVE together.
    void create_strong_group(api::TableMeta& table, const std::vector<std::string>& replicas,
                             const std::string& witness);
    // Teardown: every other replica and the witness leave together, after the service's
    // delay (reference §3.5: UPDATING with every member ACTIVE for about 44 s, then
    // DELETING for about 10 s).
    void dissolve_strong_group(api::TableMeta& table);
    // The witness leaves the group.
    void remove_witness(api::TableMeta& table, const std::string& witness);
    // Witness side: whether this region witnesses `table`; joining and leaving.
    bool witnesses(const std::string& table) const { return witnessed_.count(table) > 0; }
    void register_witness(const std::string& table);
    void unregister_witness(const std::string& table);
    // This region's latest own change of `table` (0: none since start-up). A strong read
    // is answered once that change is acknowledged: it may have seen it.
    std::int64_t local_seq(const std::string& table) const {
        auto it = local_seq_.find(table);
        return it == local_seq_.end() ? 0 : it->second;
    }
    // Holds `done` until a peer has made change `seq` of `table` durable and its answer
    // is back (true), or kAckTimeoutMs passed (false).
    void await_ack(const std::string& table, std::int64_t seq, std::function<void(bool)> done);
    // What this region holds of `table` that is newer than a peer's `floors` (its
    // received versions per origin): a peer's strong read asks.
    std::vector<storage::VersionedRow> rows_for_peer(
        const std::string& table, const std::map<std::string, std::int64_t>& floors,
        const std::vector<std::pair<std::string, std::string>>& keys);
    // The versions this region received last from each other replica of `table`.
    std::map<std::string, std::int64_t> received_floors(const api::TableMeta& table);
    // Applies versions learnt from a peer, last-writer-wins; `done` after the commit.
    void apply_learnt(const std::string& table, std::vector<storage::VersionedRow> rows,
                      std::function<void(bool)> done);

private:
    struct Link {
        std::string table;
        std::int64_t table_id = 0;
        std::string destination;
        std::int64_t cursor = 0;
        std::int64_t pending = 0;
        bool busy = false;   // a delivery is scheduled or in flight
        Millis latency = 0;  // of the delivery being prepared
        std::uint64_t generation = 0;
    };
    using LinkKey = std::pair<std::string, std::string>;  // (table, destination)

    // Data plane.
    void ship(Link& link);
    void deliver(const LinkKey& key, std::uint64_t generation);
    void acknowledged(const LinkKey& key, std::uint64_t generation, std::int64_t last_seq,
                      std::int64_t count, bool ok);
    void apply(api::TableMeta& table, const std::string& origin, const std::string& pk,
               const std::string& sk, std::int64_t hlc, const std::optional<std::string>& item,
               std::int64_t size);
    void record_pending(const Link& link);
    // Fills in committed_at; returns the commit time of `seq`.
    Millis committed_at(std::int64_t seq, Millis written_at) const;
    void forget_commit_times();

    // Control plane.
    void add_link(const api::TableMeta& table, const std::string& destination, std::int64_t cursor);
    void drop_link(const std::string& table, const std::string& destination);
    void broadcast(const api::TableMeta& table);
    void on_group(const std::string& table, api::ReplicaGroup group);
    // A member's table was removed there (the end of its DELETING).
    void on_member_gone(const std::string& table, const std::string& gone);
    void on_encryption(const std::string& table, bool enabled);
    void on_on_demand_maximum(const std::string& table, std::int64_t read, std::int64_t write);
    void create_local(api::TableMeta meta, const std::string& source);
    void abort_replica(const std::string& table, const std::string& destination);
    void backfill_step(const std::string& table);
    void backfill_acknowledged(const std::string& table, std::string destination,
                               std::optional<std::pair<std::string, std::string>> last,
                               std::int64_t copied, bool ok);
    void receive_backfill(const std::string& table, std::vector<storage::VersionedRow> rows,
                          std::function<void(bool)> ack);
    void finish_backfill(const std::string& table);
    Region* other(const std::string& code);
    // MRSC.
    struct AckWaiter {
        std::uint64_t id = 0;
        std::int64_t seq = 0;
        std::function<void(bool)> done;
    };
    void release_acks(const api::TableMeta& table, const std::string& destination,
                      std::int64_t cursor);
    void receive_as_witness(const std::string& table, const std::string& origin,
                            std::vector<storage::ChangeRow> changes, std::function<void(bool)> ack);
    void finish_strong_group(const std::string& name);
    api::TableMeta replica_meta(const api::TableMeta& t, const std::string& destination,
                                const std::string& table_class_override) const;

    Region& region_;
    std::map<LinkKey, Link> links_;
    std::int64_t committed_seq_ = 0;                     // highest durable change of this region
    std::int64_t batch_seq_ = 0;                         // highest change in the open batch
    std::map<std::string, std::int64_t> batch_changes_;  // table → changes in the open batch
    // When changes became durable: (last sequence number of a batch, commit time), for
    // the changes still in the outbox. Changes from before a restart use their write
    // time.
    std::deque<std::pair<std::int64_t, Millis>> commit_times_;
    std::map<std::int64_t, std::int64_t> pruned_;  // table id → outbox pruned up to
    std::uint64_t next_generation_ = 1;
    std::map<std::string, std::vector<AckWaiter>> ack_waiters_;  // table → waiting writes
    std::uint64_t next_waiter_ = 1;
    std::set<std::string> witnessed_;                // tables this region is the witness of
    std::map<std::string, std::int64_t> local_seq_;  // table → latest own change
};

}  // namespace tablespan::core
