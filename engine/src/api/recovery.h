#pragma once

// One region's backups and point-in-time recovery: the backup catalog, the PITR history
// (one before-image per write, kept for the recovery window, pruned on engine time), and
// the background jobs — copying a backup from a consistent snapshot without blocking the
// region's writes, and filling a restored table in chunks so the region stays
// responsive, from a source in this region or in another (cross_region_source.h). Owned
// by its Region and used on the region's strand, except the copy jobs, which run on a
// worker strand of their own, and the backup claims, which are thread-safe.

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>

#include "api/backup_claims.h"
#include "api/backup_record.h"
#include "api/item_key.h"
#include "api/table_meta.h"
#include "storage/backup_file.h"
#include "storage/recovery_store.h"
#include "storage/snapshot.h"
#include "tablespan/recovery.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::api {

// What a cross-region restore reads: views of the source region's files, pinned when the
// request was accepted (see cross_region_source.h). Empty for a restore in the region.
struct RemoteInput {
    std::shared_ptr<storage::Snapshot> table_view;          // PITR: the source's database
    std::int64_t table = 0;                                 // PITR: its storage id there
    std::shared_ptr<storage::BackupSnapshot> backup_items;  // a backup's items
};

class Recovery {
public:
    explicit Recovery(core::Region& region);
    ~Recovery();
    Recovery(const Recovery&) = delete;
    Recovery& operator=(const Recovery&) = delete;

    // Once, on the strand, before the region's first request: loads the catalog, drops
    // what a crash left half done (backups still CREATING), resumes restores, schedules
    // pruning and the expiry of SYSTEM backups.
    void load();
    // When the engine opens, before any request can run in any region: each restore from
    // a backup that was under way claims the backup again (claims live in memory).
    void reclaim_restores();

    // ---- PITR ----
    // Before every write of an item (ItemStore): when the table has PITR enabled, records
    // what the key holds now, in the write's transaction.
    void before_write(const TableMeta& table, const StorageKey& key);
    // PITR was turned on (settings already set on `table`): keeps pruning on schedule.
    void pitr_enabled(const TableMeta& table);
    // PITR was turned off: its history is gone (re-enabling starts a new window).
    void pitr_disabled(const TableMeta& table);
    storage::HistoryStats history_stats(const TableMeta& table);
    // Writes recorded per bucket over [from, to) (see PitrActivity; arguments checked).
    std::vector<std::int64_t> write_activity(const TableMeta& table, Millis from, Millis to,
                                             Millis bucket_ms);
    // The table disappears (end of DELETING, inside that write): leaves a SYSTEM backup
    // when PITR is enabled, and drops the table's history.
    void on_table_removed(const TableMeta& table);

    // ---- backups ----
    // Catalogs a new backup of `table` (CREATING) and starts copying it from a snapshot
    // taken after the current batch commits. Inside the request's write.
    const BackupRecord& create_backup(const TableMeta& table, const std::string& name);
    const BackupRecord* find_backup(const std::string& table, const std::string& id) const;
    // Every backup, ordered by creation time (then ARN), as ListBackups pages them.
    std::vector<const BackupRecord*> backups() const;
    // Removes the backup from the catalog (inside the request's write); its items are
    // erased in the background.
    void delete_backup(const BackupRecord& backup);
    // Whether a restore (in any region) is reading this region's backup `backup_arn`: from
    // its request until its table is ACTIVE (or the restore failed).
    bool backup_in_use(const std::string& backup_arn) const;
    // The claims on this region's backups. Thread-safe: restores in other regions claim
    // here. A restore handler claims before it creates its table; start_restore() takes
    // the claim over.
    BackupClaims& backup_claims() { return claims_; }
    // Restores in progress in this region.
    int restores_in_progress();

    // ---- restores ----
    // Starts filling `target` (CREATING, with recovery.restore set) once the current
    // batch committed. A restore from a backup holds its claim on the backup until the
    // table is ACTIVE, or the restore failed.
    void start_restore(const TableMeta& target, RemoteInput remote = {});

private:
    struct CopyJob;
    struct PitrSource {
        std::shared_ptr<storage::Snapshot> reader;
        std::int64_t table = 0;  // the source's storage id
        bool pinned = false;     // reads a snapshot taken before the source's data went
    };

    BackupRecord& add_backup(const TableMeta& table, const std::string& name,
                             const std::string& type);
    void start_copy(std::int64_t backup, std::int64_t table,
                    std::shared_ptr<storage::Snapshot> snapshot);
    void copy_chunk(const std::shared_ptr<CopyJob>& job);  // on worker_
    void finish_copy(const std::shared_ptr<CopyJob>& job, bool ok);
    void erase_items(std::int64_t backup);
    void drop_backup(std::int64_t backup);  // inside a write
    void schedule_expiry(const BackupRecord& backup);
    void expire(std::int64_t backup);

    // The source's history or items are about to be dropped: restores from it go on from
    // a snapshot.
    void pin_restores_from(const TableMeta& source);
    void fill(const std::string& name, const std::string& table_id);
    // One chunk of a restore, inside a write; false when the restore cannot go on.
    bool fill_chunk(TableMeta& target);
    // Where the next chunk of `target` comes from (opened on its first chunk, or the first
    // after a restart); nullptr when the source is gone.
    PitrSource* pitr_source(const TableMeta& target);
    storage::BackupSnapshot* remote_backup(const TableMeta& target);
    void finish_fill(TableMeta& target);
    void abort_restore(const std::string& name, const std::string& table_id);
    // The claims of the region holding the backup the restore `job` reads.
    BackupClaims& claims_for(const RestoreJob& job);
    void release_claim(const std::string& table_id);
    // Lets go of the backup once the target is no longer restoring (ACTIVE, or gone).
    void release_when_created(const std::string& name, const std::string& table_id);

    void schedule_prune();
    void prune();

    core::Region& region_;
    const std::string region_path_;  // the region's database file
    const std::string backup_path_;  // its backups file
    storage::RecoveryStore store_;
    boost::asio::strand<boost::asio::io_context::executor_type> worker_;
    const bool paced_;                                // copies rest while the region writes
    std::unique_ptr<storage::BackupFile> writer_;     // used on worker_ only
    std::unique_ptr<storage::BackupFile> reader_;     // on the strand; opened on first use
    std::map<std::int64_t, BackupRecord> backups_;    // by id
    std::map<std::string, PitrSource> pitr_sources_;  // restore target's TableId → source
    // Cross-region restores from a backup: restore target's TableId → the backup's items.
    std::map<std::string, std::shared_ptr<storage::BackupSnapshot>> backup_sources_;
    std::map<std::string, std::string> claimed_;  // restore target's TableId → backup ARN
    BackupClaims claims_;                         // on this region's backups
    std::map<std::int64_t, storage::HistoryStats> stats_;  // by storage id, once asked for
    std::string buffer_;
    Millis last_history_ts_ = 0;
    std::atomic<std::uint64_t> writes_seen_{0};  // commits that wrote items, any table
    int subscription_ = 0;
    bool prune_scheduled_ = false;
};

// The table a backup or PITR operation names (by name or ARN): TableNotFoundException
// "Table not found: <name>" when it does not exist or is still CREATING (as the service
// answers for both). DELETING tables are accepted.
TableMeta& table_for_backups(core::Region& region, const std::string& name_or_arn);

// The storage the PITR history of the table `name` takes (Engine::pitr_storage), on the
// strand.
PitrStorage pitr_storage(core::Region& region, const std::string& name);

// The writes in the PITR history of the table `name` per bucket (Engine::pitr_activity),
// on the strand.
PitrActivity pitr_activity(core::Region& region, const std::string& name, Millis from, Millis to,
                           Millis bucket_ms);

// Epoch seconds (a JSON timestamp) to engine milliseconds.
Millis millis_from_json(const Json& epoch_seconds);

}  // namespace tablespan::api
