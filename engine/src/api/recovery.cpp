#include "api/recovery.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <variant>
#include <filesystem>
#include <set>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "api/lifecycle.h"
#include "api/request_util.h"
#include "core/region.h"

namespace tablespan::api {

namespace {
// Rows per step of a backup copy: large enough that a commit (fsync) per chunk costs
// little, small enough that the region's requests wait at most a few ms.
constexpr std::size_t kCopyChunk = 4'000;
constexpr std::int64_t kEraseChunk = 20'000;
// How often the history of PITR tables is pruned, in engine time.
constexpr Millis kPruneIntervalMs = 15 * 60'000;
// An expired SYSTEM backup that a restore is reading goes once the restore is done: it
// is looked at again this often.
constexpr Millis kExpiryRetryMs = 60'000;
// While the region is taking writes, a backup copy rests this many times as long as its
// last chunk took before copying the next, leaving the disk to the writes.
constexpr int kCopyRestFactor = 2;
}  // namespace

struct Recovery::CopyJob {
    std::int64_t backup = 0;
    std::int64_t table = 0;
    std::shared_ptr<storage::Snapshot> snapshot;
    std::optional<storage::Key> cursor;
    std::int64_t items = 0;
    std::int64_t bytes = 0;
    std::uint64_t writes_seen = 0;
};

Recovery::Recovery(core::Region& region)
    : region_(region),
      region_path_(region.core().data_dir + "/regions/" + std::string(region.code()) + ".sqlite"),
      backup_path_(region.core().data_dir + "/backups/" + std::string(region.code()) + ".sqlite"),
      store_(region.store().db()),
      worker_(boost::asio::make_strand(region.core().io)),
      // Resting needs real time to pass; a manual clock means a test drives the engine.
      paced_(dynamic_cast<const SystemClock*>(&region.core().clock) != nullptr) {
    std::filesystem::create_directories(region.core().data_dir + "/backups");
    writer_ = std::make_unique<storage::BackupFile>(backup_path_);
    subscription_ = region.core().events.subscribe(
        [this, code = std::string(region.code())](const EngineEvent& e) {
            auto* changed = std::get_if<ItemsChanged>(&e);
            if (changed && changed->region == code)
                writes_seen_.fetch_add(1, std::memory_order_relaxed);
        });
}

Recovery::~Recovery() {
    region_.core().events.unsubscribe(subscription_);
}

void Recovery::load() {
    std::set<std::int64_t> valid;
    std::vector<std::int64_t> unfinished;
    for (const auto& row : store_.load_backups()) {
        auto b = BackupRecord::from_storage(row.id, Json::parse(row.meta));
        if (b.status == "CREATING") {
            // Its snapshot died with the process: the backup cannot be completed faithfully.
            unfinished.push_back(b.id);
            continue;
        }
        valid.insert(b.id);
        backups_.emplace(b.id, std::move(b));
    }
    region_.run_internal([this, &unfinished] {
        for (auto id : unfinished) store_.delete_backup(id);
        store_.drop_orphaned_history();
    });
    // Items of backups that are no longer catalogued (deleted, or never completed).
    boost::asio::post(worker_, [this, valid] {
        for (auto id : writer_->backup_ids())
            if (!valid.count(id)) erase_items(id);
    });
    for (const auto& [id, b] : backups_)
        if (b.type == "SYSTEM") schedule_expiry(b);
    for (TableMeta* t : region_.tables()) {
        if (t->recovery.pitr.enabled) schedule_prune();
        if (!restoring(*t)) continue;
        const RestoreJob& job = *t->recovery.restore;
        // Its claim was taken again as the engine opened (reclaim_restores).
        if (!job.filled)
            start_restore(*t);
        else if (!job.source_backup_arn.empty())
            release_when_created(t->name, t->table_id);
    }
}

// ---------------------------------------------------------------- PITR

void Recovery::before_write(const TableMeta& table, const StorageKey& key) {
    if (!table.recovery.pitr.enabled) return;
    region_.begin_write();
    std::int64_t size = 0;
    bool present = store_.current_item(table.id, key.pk, key.sk, size, buffer_);
    // Engine time never runs backwards for the history, so its order is the write order.
    last_history_ts_ = std::max(region_.now(), last_history_ts_);
    store_.record(table.id, key.pk, key.sk, last_history_ts_, present ? size : 0,
                  present ? std::optional<std::string_view>(buffer_) : std::nullopt);
    if (auto it = stats_.find(table.id); it != stats_.end()) {
        it->second.versions += 1;
        it->second.bytes += static_cast<std::int64_t>(key.pk.size() + key.sk.size()) +
                            (present ? static_cast<std::int64_t>(buffer_.size()) : 0);
        if (!it->second.oldest) it->second.oldest = last_history_ts_;
    }
}

void Recovery::pitr_enabled(const TableMeta&) {
    schedule_prune();
}

void Recovery::pitr_disabled(const TableMeta& table) {
    region_.begin_write();
    pin_restores_from(table);
    store_.drop_history(table.id);
    stats_.erase(table.id);
}

void Recovery::pin_restores_from(const TableMeta& source) {
    for (TableMeta* t : region_.tables()) {
        if (!restoring(*t) || t->recovery.restore->filled ||
            t->recovery.restore->source_table_id != source.table_id)
            continue;
        // The history and items are about to go, in this uncommitted batch: a snapshot
        // opened now still has them, and the restore reads from it from now on.
        PitrSource& s = pitr_sources_[t->table_id];
        if (s.pinned) continue;
        s = PitrSource{std::make_shared<storage::Snapshot>(region_path_), source.id, true};
    }
}

storage::HistoryStats Recovery::history_stats(const TableMeta& table) {
    // Counted once (a scan), then kept up to date as records come and go.
    auto it = stats_.find(table.id);
    if (it == stats_.end()) it = stats_.emplace(table.id, store_.history_stats(table.id)).first;
    return it->second;
}

void Recovery::on_table_removed(const TableMeta& table) {
    if (table.recovery.pitr.enabled) {
        // "Restore the deleted table to the state it was in just before the point of
        // deletion": the removal is not committed yet, so a snapshot opened now still
        // holds every item.
        BackupRecord& b = add_backup(table, table.name + "$DeletedTableBackup", "SYSTEM");
        start_copy(b.id, table.id, std::make_shared<storage::Snapshot>(region_path_));
        schedule_expiry(b);
    }
    pin_restores_from(table);
    store_.drop_history(table.id);
    stats_.erase(table.id);
}

void Recovery::schedule_prune() {
    if (prune_scheduled_) return;
    prune_scheduled_ = true;
    region_.core().scheduler.schedule_at(region_.now() + kPruneIntervalMs,
                                         [this] { region_.post([this] { prune(); }); });
}

void Recovery::prune() {
    prune_scheduled_ = false;
    const Millis now = region_.now();
    // Point-in-time restores read the source's history as they go: keep what they need.
    std::map<std::string, Millis> floors;
    for (TableMeta* t : region_.tables())
        if (restoring(*t) && t->recovery.restore->source_backup_arn.empty() &&
            !t->recovery.restore->filled) {
            auto& floor =
                floors.try_emplace(t->recovery.restore->source_table_id, now).first->second;
            floor = std::min(floor, t->recovery.restore->restore_time);
        }
    bool any = false;
    region_.run_internal([&] {
        for (TableMeta* t : region_.tables()) {
            if (!t->recovery.pitr.enabled) continue;
            any = true;
            Millis before = now - t->recovery.pitr.period_days * kDayMs;
            if (auto it = floors.find(t->table_id); it != floors.end())
                before = std::min(before, it->second);
            auto stats = stats_.find(t->id);
            if (stats != stats_.end()) {
                auto gone = store_.history_stats_before(t->id, before);
                stats->second.versions -= gone.versions;
                stats->second.bytes -= gone.bytes;
            }
            store_.prune(t->id, before);
            if (stats != stats_.end()) stats->second.oldest = store_.oldest_record(t->id);
        }
    });
    if (any) schedule_prune();
}

// ---------------------------------------------------------------- backups

BackupRecord& Recovery::add_backup(const TableMeta& table, const std::string& name,
                                   const std::string& type) {
    region_.begin_write();
    BackupRecord b;
    b.name = name;
    b.type = type;
    b.created = region_.now();
    if (type == "SYSTEM") b.expires = b.created + kSystemBackupRetentionMs;
    b.arn = backup_arn(table.arn(), b.created, type == "SYSTEM");
    b.size_bytes = table.size_bytes;
    b.item_count = table.item_count;
    b.source = record_source(table);
    b.id = store_.insert_backup(b.arn, b.to_storage().dump());
    return backups_.emplace(b.id, std::move(b)).first->second;
}

const BackupRecord& Recovery::create_backup(const TableMeta& table, const std::string& name) {
    BackupRecord& b = add_backup(table, name, "USER");
    // The commit of this batch was posted before: the snapshot holds every write
    // acknowledged before CreateBackup's answer and none sent after it.
    region_.post([this, id = b.id, storage_id = table.id] {
        if (!store_.backup_exists(id)) {  // the batch failed
            backups_.erase(id);
            return;
        }
        start_copy(id, storage_id, std::make_shared<storage::Snapshot>(region_path_));
    });
    return b;
}

void Recovery::start_copy(std::int64_t backup, std::int64_t table,
                          std::shared_ptr<storage::Snapshot> snapshot) {
    auto job = std::make_shared<CopyJob>();
    job->backup = backup;
    job->table = table;
    job->snapshot = std::move(snapshot);
    job->writes_seen = writes_seen_.load(std::memory_order_relaxed);
    boost::asio::post(worker_, [this, job] { copy_chunk(job); });
}

void Recovery::copy_chunk(const std::shared_ptr<CopyJob>& job) {
    bool more = false;
    const auto started = std::chrono::steady_clock::now();
    try {
        writer_->begin();
        storage::Key last;
        std::size_t n = job->snapshot->items(
            job->table, job->cursor, kCopyChunk, [&](const storage::ItemRow& r) {
                writer_->insert(job->backup, r.pk, r.sk, r.size, r.item);
                job->items += 1;
                job->bytes += r.size;
                last.first.assign(r.pk);
                last.second.assign(r.sk);
            });
        writer_->commit();
        if (n) job->cursor = std::move(last);
        more = n == kCopyChunk;
        if (!more) writer_->seal(job->backup);
    } catch (const std::exception&) {
        try {
            writer_->rollback();
        } catch (...) {
        }
        job->snapshot.reset();
        region_.post([this, job] { finish_copy(job, false); });
        return;
    }
    if (more) {
        const std::uint64_t seen = writes_seen_.load(std::memory_order_relaxed);
        const bool busy = seen != job->writes_seen;
        job->writes_seen = seen;
        if (busy && paced_) {
            auto rest = std::make_shared<boost::asio::steady_timer>(
                worker_, (std::chrono::steady_clock::now() - started) * kCopyRestFactor);
            rest->async_wait(
                [this, job, rest](const boost::system::error_code&) { copy_chunk(job); });
            return;
        }
        boost::asio::post(worker_, [this, job] { copy_chunk(job); });
        return;
    }
    job->snapshot.reset();  // ends the read transaction
    region_.post([this, job] { finish_copy(job, true); });
}

void Recovery::finish_copy(const std::shared_ptr<CopyJob>& job, bool ok) {
    auto it = backups_.find(job->backup);
    if (it == backups_.end()) {
        erase_items(job->backup);
        return;
    }
    region_.run_internal([&] {
        if (!ok) {
            drop_backup(job->backup);
            return;
        }
        BackupRecord& b = it->second;
        b.status = "AVAILABLE";
        b.item_count = job->items;
        b.size_bytes = job->bytes;
        // What the snapshot held, rather than the counters at request time.
        b.source["item_count"] = job->items;
        b.source["size_bytes"] = job->bytes;
        store_.update_backup(b.id, b.to_storage().dump());
    });
}

void Recovery::erase_items(std::int64_t backup) {
    boost::asio::post(worker_, [this, backup] {
        try {
            if (writer_->erase(backup, kEraseChunk) == kEraseChunk) erase_items(backup);
        } catch (const std::exception&) {
            // Left for the next start, which erases items no backup owns.
        }
    });
}

void Recovery::drop_backup(std::int64_t backup) {
    region_.begin_write();
    store_.delete_backup(backup);
    backups_.erase(backup);
    // Only once the deletion committed (the batch's commit was posted before): a
    // cross-region restore that still read the backup in the catalog holds a view of
    // every item (cross_region_source.h).
    region_.post([this, backup] {
        if (!store_.backup_exists(backup)) erase_items(backup);
    });
}

const BackupRecord* Recovery::find_backup(const std::string& table, const std::string& id) const {
    for (const auto& [key, b] : backups_)
        if (b.arn.size() > id.size() &&
            b.arn.compare(b.arn.size() - id.size(), id.size(), id) == 0 && b.table_name() == table)
            return &b;
    return nullptr;
}

std::vector<const BackupRecord*> Recovery::backups() const {
    std::vector<const BackupRecord*> out;
    for (const auto& [key, b] : backups_) out.push_back(&b);
    std::sort(out.begin(), out.end(), [](const BackupRecord* a, const BackupRecord* b) {
        return a->created != b->created ? a->created < b->created : a->arn < b->arn;
    });
    return out;
}

void Recovery::delete_backup(const BackupRecord& backup) {
    drop_backup(backup.id);
}

void Recovery::schedule_expiry(const BackupRecord& backup) {
    region_.core().scheduler.schedule_at(
        backup.expires, [this, id = backup.id] { region_.post([this, id] { expire(id); }); });
}

void Recovery::expire(std::int64_t backup) {
    auto it = backups_.find(backup);
    if (it == backups_.end() || it->second.expires > region_.now()) return;
    if (claims_.held(it->second.arn)) {
        region_.core().scheduler.schedule_at(region_.now() + kExpiryRetryMs, [this, backup] {
            region_.post([this, backup] { expire(backup); });
        });
        return;
    }
    region_.run_internal([&] { drop_backup(backup); });
}

TableMeta& table_for_backups(core::Region& region, const std::string& name_or_arn) {
    const std::string name = table_name_from(region, name_or_arn);
    TableMeta* t = region.find_table(name);
    if (!t || t->status == "CREATING")
        throw ApiError("TableNotFoundException", "Table not found: " + name);
    return *t;
}

Millis millis_from_json(const Json& epoch_seconds) {
    return static_cast<Millis>(std::llround(epoch_seconds.get<double>() * 1000.0));
}

PitrStorage pitr_storage(core::Region& region, const std::string& name) {
    PitrStorage out;
    TableMeta* t = region.find_table(name);
    if (!t) {
        out.error = Error{"ResourceNotFoundException",
                          "Requested resource not found: Table: " + name + " not found", 400};
        return out;
    }
    out.enabled = t->recovery.pitr.enabled;
    auto stats = region.recovery().history_stats(*t);
    out.versions = stats.versions;
    out.bytes = stats.bytes;
    out.oldest = stats.oldest;
    return out;
}

}  // namespace tablespan::api
