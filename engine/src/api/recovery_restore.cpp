// Recovery, restores: filling a restored table in chunks from a backup or from a table's
// PITR history — in this region, or in another one through pinned read-only views of
// its files (cross_region_source.h) — and the claim a restore from a backup holds on it
// until its table is ACTIVE.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "api/cross_region_source.h"
#include "api/lifecycle.h"
#include "api/recovery.h"
#include "indexes/index_entries.h"
#include "core/region.h"

namespace tablespan::api {

namespace {
// Rows per chunk of a restore: large enough that a commit (fsync) per chunk costs little,
// small enough that the region's requests wait at most a few ms.
constexpr std::size_t kFillChunk = 4'000;

struct OwnedRow {
    std::string pk, sk;
    std::int64_t size = 0;
    std::optional<std::string> item;
};

bool cross_region(const RestoreJob& job, std::string_view here) {
    return !job.source_region.empty() && job.source_region != here;
}
}  // namespace

bool Recovery::backup_in_use(const std::string& backup_arn) const {
    return claims_.held(backup_arn);
}

int Recovery::restores_in_progress() {
    int n = 0;
    for (TableMeta* t : region_.tables()) n += restoring(*t) ? 1 : 0;
    return n;
}

BackupClaims& Recovery::claims_for(const RestoreJob& job) {
    return cross_region(job, region_.code()) ? backup_claims_of(region_.core(), job.source_region)
                                             : claims_;
}

void Recovery::reclaim_restores() {
    for (TableMeta* t : region_.tables()) {
        if (!restoring(*t)) continue;
        const RestoreJob& job = *t->recovery.restore;
        if (job.source_backup_arn.empty()) continue;
        claims_for(job).claim(job.source_backup_arn, t->table_id);
        claimed_[t->table_id] = job.source_backup_arn;
    }
}

void Recovery::release_claim(const std::string& table_id) {
    auto it = claimed_.find(table_id);
    if (it == claimed_.end()) return;
    RestoreJob job;
    job.source_backup_arn = it->second;
    job.source_region = arn_region(it->second);
    claims_for(job).release(it->second, table_id);
    claimed_.erase(it);
}

void Recovery::release_when_created(const std::string& name, const std::string& table_id) {
    TableMeta* t = region_.find_table(name);
    if (t && t->table_id == table_id && restoring(*t)) {
        // Still CREATING. Filled: its transition to ACTIVE is due (scheduled before this
        // check, so it runs first at that time). Not filled: the batch that filled it
        // failed, and the restore resumes at the next start, still holding its claim.
        if (t->recovery.restore->filled && t->status_until)
            region_.core().scheduler.schedule_at(
                std::max(t->status_until, region_.now() + 1), [this, name, table_id] {
                    region_.post([this, name, table_id] { release_when_created(name, table_id); });
                });
        return;
    }
    release_claim(table_id);
}

void Recovery::start_restore(const TableMeta& target, RemoteInput remote) {
    const RestoreJob& job = *target.recovery.restore;
    if (!job.source_backup_arn.empty()) claimed_[target.table_id] = job.source_backup_arn;
    if (remote.table_view)
        pitr_sources_[target.table_id] =
            PitrSource{std::move(remote.table_view), remote.table, true};
    if (remote.backup_items) backup_sources_[target.table_id] = std::move(remote.backup_items);
    region_.post([this, name = target.name, id = target.table_id] { fill(name, id); });
}

void Recovery::fill(const std::string& name, const std::string& table_id) {
    TableMeta* t = region_.find_table(name);
    const bool found = t && t->table_id == table_id;
    if (!found || !restoring(*t) || t->recovery.restore->filled) {
        pitr_sources_.erase(table_id);
        backup_sources_.erase(table_id);
        // Gone: the batch that created it failed.
        if (!found) release_claim(table_id);
        return;
    }
    const RestoreJob& job = *t->recovery.restore;
    if (cross_region(job, region_.code()) &&
        !source_reachable(region_.core(), job.source_region, region_.code())) {
        // The source region went offline (or its link was cut) after the restore was
        // accepted: the restore fails, and the table goes (DELETING, then gone).
        abort_restore(name, table_id);
        return;
    }
    bool go_on = true;
    region_.run_internal(
        [&] {
            TableMeta* target = region_.find_table(name);
            go_on = fill_chunk(*target);
        },
        [this, name, table_id](bool committed) {
            // After a failed batch the table is as stored; the next start resumes it.
            if (committed) region_.post([this, name, table_id] { fill(name, table_id); });
        });
    if (!go_on) abort_restore(name, table_id);
}

Recovery::PitrSource* Recovery::pitr_source(const TableMeta& t) {
    if (auto it = pitr_sources_.find(t.table_id); it != pitr_sources_.end()) return &it->second;
    const RestoreJob& job = *t.recovery.restore;
    auto usable = [&](const TableMeta& s) {
        return s.table_id == job.source_table_id && s.recovery.pitr.enabled &&
               s.recovery.pitr.enabled_at <= job.restore_time;
    };
    if (cross_region(job, region_.code())) {
        // The first chunk after a restart: a new view of the source region. The state at
        // the restore time is the same in it, as long as the source still has the history.
        std::optional<RemoteTable> s;
        try {
            s = open_remote_table(region_.core(), job.source_region, job.source_table);
        } catch (const ApiError&) {
        }
        if (!s || !usable(s->meta)) return nullptr;
        return &pitr_sources_.emplace(t.table_id, PitrSource{s->view, s->meta.id, true})
                    .first->second;
    }
    // First chunk, or the first after a restart: read the source through the region's
    // connection. Its history after the restore time stays complete while the restore
    // runs (pruning keeps it; dropping it pins a snapshot first).
    TableMeta* s = region_.find_table(job.source_table);
    if (!s || !usable(*s)) return nullptr;
    return &pitr_sources_
                .emplace(t.table_id,
                         PitrSource{std::make_shared<storage::Snapshot>(region_.store().db()),
                                    s->id, false})
                .first->second;
}

storage::BackupSnapshot* Recovery::remote_backup(const TableMeta& t) {
    if (auto it = backup_sources_.find(t.table_id); it != backup_sources_.end())
        return it->second.get();
    // The first chunk after a restart: the backup must still be there.
    const RestoreJob& job = *t.recovery.restore;
    std::optional<RemoteBackup> b;
    try {
        b = open_remote_backup(region_.core(), job.source_region, job.source_backup_arn);
    } catch (const ApiError&) {
    }
    if (!b || b->record.id != job.backup_id || b->record.status != "AVAILABLE") return nullptr;
    return backup_sources_.emplace(t.table_id, std::move(b->items)).first->second.get();
}

bool Recovery::fill_chunk(TableMeta& t) {
    RestoreJob& job = *t.recovery.restore;
    std::int64_t written = 0;
    // Restored items are new local writes of the region: one version for the chunk.
    const std::int64_t hlc = region_.next_hlc();
    auto write = [&](std::string_view pk, std::string_view sk, std::int64_t size,
                     std::string_view item) {
        region_.store().put_item(t.id, pk, sk, size, item, hlc, region_.code());
        if (!t.indexes.empty()) {
            const Item restored = deserialize_item(item);
            indexes::update_entries(region_.store(), t, pk, sk, nullptr, &restored);
        }
        t.item_count += 1;
        t.size_bytes += size;
        ++written;
    };
    bool more = false;
    if (!job.source_backup_arn.empty()) {
        std::size_t n = 0;
        auto visit = [&](const storage::ItemRow& r) {
            write(r.pk, r.sk, r.size, r.item);
            ++n;
        };
        if (cross_region(job, region_.code())) {
            storage::BackupSnapshot* items = remote_backup(t);
            if (!items) return false;
            job.backup_cursor = items->read(job.backup_id, job.backup_cursor, kFillChunk, visit);
        } else {
            if (!backups_.count(job.backup_id)) return false;
            if (!reader_) reader_ = std::make_unique<storage::BackupFile>(backup_path_);
            job.backup_cursor = reader_->read(job.backup_id, job.backup_cursor, kFillChunk, visit);
        }
        more = n == kFillChunk;
    } else {
        PitrSource* source = pitr_source(t);
        if (!source) return false;
        // The state at the restore time: the current item, unless the key was written
        // after that time; then the before-image of its first later write.
        std::vector<OwnedRow> current;
        std::size_t n = source->reader->items(
            source->table, job.cursor, kFillChunk, [&](const storage::ItemRow& r) {
                current.push_back(
                    {std::string(r.pk), std::string(r.sk), r.size, std::string(r.item)});
            });
        more = n == kFillChunk;
        std::optional<storage::Key> upto;
        if (more) upto = storage::Key{current.back().pk, current.back().sk};
        std::vector<OwnedRow> before;
        source->reader->history_after(
            source->table, job.restore_time, job.cursor, upto, [&](const storage::HistoryRow& h) {
                OwnedRow row{std::string(h.pk), std::string(h.sk), h.size, std::nullopt};
                if (h.item) row.item = std::string(*h.item);
                before.push_back(std::move(row));
            });
        auto key_less = [](const OwnedRow& a, const OwnedRow& b) {
            return a.pk != b.pk ? a.pk < b.pk : a.sk < b.sk;
        };
        std::size_t i = 0, j = 0;
        while (i < current.size() || j < before.size()) {
            const OwnedRow* row;
            if (j == before.size() || (i < current.size() && key_less(current[i], before[j]))) {
                row = &current[i++];
            } else {
                if (i < current.size() && !key_less(before[j], current[i])) ++i;  // same key
                row = &before[j++];
            }
            if (row->item) write(row->pk, row->sk, row->size, *row->item);
        }
        if (upto) job.cursor = upto;
    }
    region_.note_items_changed(t, written);
    if (!more) finish_fill(t);
    return true;
}

void Recovery::finish_fill(TableMeta& t) {
    t.recovery.restore->filled = true;
    pitr_sources_.erase(t.table_id);
    backup_sources_.erase(t.table_id);
    // No faster than CreateTable, so the console sees CREATING even for empty tables.
    const Millis ready = std::max(region_.now(), t.created + kCreatingMs);
    t.next_status = "ACTIVE";
    t.status_until = ready;
    t.recovery.backups_ready = ready + kBackupsEnablingMs;
    region_.save_table(t);
    region_.schedule_transition(t, ready);
    if (claimed_.count(t.table_id))
        region_.core().scheduler.schedule_at(ready, [this, name = t.name, id = t.table_id] {
            region_.post([this, name, id] { release_when_created(name, id); });
        });
}

void Recovery::abort_restore(const std::string& name, const std::string& table_id) {
    pitr_sources_.erase(table_id);
    backup_sources_.erase(table_id);
    release_claim(table_id);
    region_.run_internal([&] {
        TableMeta* t = region_.find_table(name);
        if (t && t->table_id == table_id) region_.start_transition(*t, "DELETING", "", 0);
    });
}

}  // namespace tablespan::api
