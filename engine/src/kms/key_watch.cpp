#include "kms/key_watch.h"

#include <algorithm>

#include "api/recovery.h"
#include "core/region.h"
#include "core/replicator.h"
#include "kms/kms_errors.h"
#include "kms/kms_timings.h"

namespace tablespan::kms {

struct KeyWatch::Effects {
    bool status = false;     // TableStatus changed
    std::string own_status;  // the replica's status in the group changes to this
    bool hold = false;       // replication to and from the replica halts
    bool release = false;    // ... and resumes
    bool leave = false;      // the replica leaves its group (outside the write)
    bool archive = false;    // take the archival backup
};

namespace {
bool watched(const api::TableMeta& t) {
    return t.status != "DELETING";
}
}  // namespace

ApiError key_error(const api::TableMeta& t) {
    const std::string& reason = t.key_state.reason;
    const KmsFailure failure = reason == "pending"   ? key_pending_deletion(t.sse_kms_key_arn)
                               : reason == "deleted" ? key_not_found(t.sse_kms_key_arn)
                                                     : key_disabled(t.sse_kms_key_arn);
    return dynamodb_error(failure);
}

bool inaccessible(const api::TableMeta& t) {
    return t.key_state.inaccessible_at != 0 || t.key_state.archived_at != 0;
}

void describe_key_state(const api::TableMeta& t, Json& d) {
    const TableKeyState& s = t.key_state;
    // A replica's region did not show it (details/DDB-TABLE-329.md); a regional table does.
    if (s.inaccessible_at && !t.group.global() && d.contains("SSEDescription"))
        d["SSEDescription"]["InaccessibleEncryptionDateTime"] =
            api::epoch_seconds(s.inaccessible_at);
    if (s.archived_at) {
        Json summary = {{"ArchivalDateTime", api::epoch_seconds(s.archived_at)},
                        {"ArchivalReason", kInaccessible}};
        if (!s.archival_backup_arn.empty()) summary["ArchivalBackupArn"] = s.archival_backup_arn;
        d["ArchivalSummary"] = std::move(summary);
    }
}

void KeyWatch::resume() {
    for (auto* t : region_.tables()) {
        if (!t->key_state.affected()) continue;
        if (t->key_state.failing_since)
            region_.core().kms_holds->hold(t->name, std::string(region_.code()));
        schedule(*t);
    }
}

void KeyWatch::key_changed(const std::string& arn, bool usable, const std::string& reason) {
    const Millis now = region_.now();
    for (auto* t : region_.tables()) {
        if (!t->sse_enabled || t->sse_kms_key_arn != arn || !watched(*t)) continue;
        TableKeyState& s = t->key_state;
        if (s.archived_at) {  // archived: restoring the backup is the way back
            if (!usable) s.reason = reason;
            region_.save_table(*t);
            continue;
        }
        if (!usable) {
            s.reason = reason;
            if (!s.unusable_since) {
                s.unusable_since = now;
                s.usable_since = 0;
            }
        } else {
            if (!s.unusable_since) continue;
            s.unusable_since = 0;
            if (s.failing_since || s.inaccessible_at)
                s.usable_since = now;
            else
                s = {};  // back before anything showed
        }
        apply(*t, advance(*t));
        region_.save_table(*t);
        schedule(*t);
    }
}

KeyWatch::Effects KeyWatch::advance(api::TableMeta& t) {
    Effects fx;
    TableKeyState& s = t.key_state;
    const Millis now = region_.now();
    Millis next = 0;
    // Whether `at` has come; otherwise it is a candidate for the next step.
    const auto due = [&](Millis at) {
        if (now >= at) return true;
        next = next ? std::min(next, at) : at;
        return false;
    };
    const bool replica = t.group.global();
    if (s.archived_at) {
        if (t.status == "ARCHIVING" && due(s.archived_at + kArchivingMs)) {
            t.status = "ARCHIVED";
            fx.status = true;
        }
    } else if (s.unusable_since) {
        if (!s.failing_since && due(s.unusable_since + kDataKeyCacheMs)) {
            s.failing_since = s.unusable_since + kDataKeyCacheMs;
            fx.hold = true;
        }
        const Millis detected =
            s.unusable_since + (replica ? kReplicaDetectionMs : kTableDetectionMs);
        if (s.failing_since && !s.inaccessible_at && due(detected)) {
            if (t.status_until) {
                // A change under way (UPDATING) first.
                next = next ? std::min(next, t.status_until + 1) : t.status_until + 1;
            } else {
                s.inaccessible_at = detected;
                t.status = kInaccessible;
                fx.status = true;
                if (replica) fx.own_status = kInaccessible;
            }
        }
        if (s.inaccessible_at) {
            if (replica) {
                if (due(s.inaccessible_at + kReplicaRemovalMs)) fx.leave = true;
            } else if (due(s.inaccessible_at + kArchivalMs)) {
                s.archived_at = s.inaccessible_at + kArchivalMs;
                t.status = "ARCHIVING";
                fx.status = fx.archive = true;
                due(s.archived_at + kArchivingMs);
            }
        }
    } else if (s.usable_since) {
        if (s.failing_since && due(s.usable_since + kDataPlaneRecoveryMs)) {
            s.failing_since = 0;
            fx.release = true;
        }
        if (s.inaccessible_at && due(s.usable_since + kRecoveryMs)) {
            s.inaccessible_at = 0;
            if (t.status == kInaccessible) t.status = "ACTIVE";
            fx.status = true;
            if (replica) fx.own_status = "ACTIVE";
        }
        if (!s.failing_since && !s.inaccessible_at) {
            s = {};
            next = 0;
        }
    }
    s.next_at = next;
    return fx;
}

void KeyWatch::apply(api::TableMeta& t, const Effects& fx) {
    const std::string self(region_.code());
    if (fx.hold) region_.core().kms_holds->hold(t.name, self);
    if (fx.release) release(t);
    if (!fx.own_status.empty()) region_.replicator().set_own_status(t, fx.own_status);
    if (fx.archive) {
        const auto& backup = region_.recovery().create_backup(t, t.name + "-archive");
        t.key_state.archival_backup_arn = backup.arn;
    }
    if (fx.status) region_.publish_status(t);
}

void KeyWatch::release(const api::TableMeta& t) {
    const std::string self(region_.code());
    region_.core().kms_holds->release(t.name, self);
    // Every link of the table, here and in the other members, tries again: the changes
    // kept pending catch up.
    region_.post([r = &region_] { r->replicator().kick_all(); });
    for (const auto& m : t.group.members)
        if (m.region != self)
            if (core::Region* other = region_.core().region(m.region))
                other->post([other] { other->replicator().kick_all(); });
}

void KeyWatch::schedule(const api::TableMeta& t) {
    if (!t.key_state.next_at) return;
    region_.core().scheduler.schedule_at(t.key_state.next_at,
                                         [this, name = t.name, id = t.table_id] {
                                             region_.post([this, name, id] { tick(name, id); });
                                         });
}

void KeyWatch::tick(const std::string& name, const std::string& table_id) {
    api::TableMeta* t = region_.find_table(name);
    if (!t || t->table_id != table_id || !t->key_state.next_at || !watched(*t)) return;
    if (t->key_state.next_at > region_.now()) return;  // a later step replaced this one
    Effects fx;
    region_.run_internal([&] {
        fx = advance(*t);
        apply(*t, fx);
        region_.save_table(*t);
    });
    if (fx.leave) {
        // The group change runs its own writes; then the table goes on as a regional one.
        region_.replicator().leave_group(*t);
        region_.run_internal([&] {
            release(*t);
            t->key_state.next_at = 0;
            apply(*t, advance(*t));
            region_.save_table(*t);
        });
    }
    schedule(*t);
}

}  // namespace tablespan::kms
