// Replicator, control plane: adding and removing replicas, the backfill of a new
// replica, and the group views every member keeps.

#include <algorithm>
#include <limits>
#include <memory>

#include "api/ids.h"
#include "api/lifecycle.h"
#include "core/region.h"
#include "kms/key.h"
#include "streams/stream.h"
#include "core/replicator.h"

namespace tablespan::core {

namespace {
api::ReplicaGroup shared_view(const api::ReplicaGroup& group) {
    api::ReplicaGroup view = group;
    view.backfill.reset();  // the source's own business
    return view;
}
}  // namespace

void Replicator::add_link(const api::TableMeta& table, const std::string& destination,
                          std::int64_t cursor) {
    region_.store().set_link(table.id, destination, cursor);
    Link link{table.name, table.id, destination, cursor};
    link.pending = region_.store().count_changes_after(table.id, cursor);
    auto& slot = links_[{table.name, destination}] = std::move(link);
    record_pending(slot);
    region_.post([this, key = LinkKey{table.name, destination}] {
        if (auto it = links_.find(key); it != links_.end()) ship(it->second);
    });
}

void Replicator::drop_link(const std::string& table, const std::string& destination) {
    auto it = links_.find({table, destination});
    if (it == links_.end()) return;
    region_.store().delete_link(it->second.table_id, destination);
    region_.core().metrics.record_pending(table, std::string(region_.code()), destination,
                                          region_.now(), 0);
    links_.erase(it);
}

void Replicator::broadcast(const api::TableMeta& table) {
    auto view = shared_view(table.group);
    for (const auto& m : table.group.members) {
        if (m.region == region_.code()) continue;
        if (Region* r = other(m.region))
            r->post([r, name = table.name, view] { r->replicator().on_group(name, view); });
    }
}

api::TableMeta Replicator::replica_meta(const api::TableMeta& t, const std::string& destination,
                                        const std::string& table_class_override) const {
    const Millis now = region_.now();
    api::TableMeta replica = t;
    replica.id = 0;
    replica.table_id = api::new_uuid();
    replica.region = destination;
    replica.created = now;
    replica.status = "CREATING";
    if (!table_class_override.empty()) {
        replica.table_class = table_class_override;
        replica.table_class_updated = now;
    }
    replica.deletion_protection = false;  // regional settings start at their defaults
    replica.tags = Json::array();
    replica.item_count = 0;
    replica.size_bytes = 0;
    // The replica has the same indexes, filled as the backfill brings its items.
    for (auto& index : replica.indexes) {
        index.item_count = 0;
        index.size_bytes = 0;
    }
    replica.stream_label = api::stream_label(now);
    replica.group = shared_view(t.group);
    // A KMS key lives in one region: by default the replica's region's AWS managed key.
    if (replica.sse_enabled)
        replica.sse_kms_key_arn = kms::aws_managed_key_arn(destination, t.account_id);
    replica.key_state = {};
    replica.scaling_tick_at = 0;  // the replica's region starts its own scaler
    return replica;
}

void Replicator::create_replica(api::TableMeta& t, const std::string& destination,
                                const std::string& table_class_override,
                                const std::string& replica_key) {
    const std::string self(region_.code());
    const Millis now = region_.now();
    // A member's customer managed key shows in the others' Replicas lists.
    const auto customer_key = [](const std::string& arn) {
        return arn.empty() || kms::is_aws_managed_arn(arn) ? std::string() : arn;
    };
    if (!t.group.global())
        t.group.members.push_back(api::ReplicaMember{
            self, "ACTIVE", "", 0, -1, 0, customer_key(t.sse_enabled ? t.sse_kms_key_arn : "")});
    t.group.members.push_back(api::ReplicaMember{
        destination, "CREATING", table_class_override, table_class_override.empty() ? 0 : now,
        t.item_count > 0 ? 0 : -1, 0, customer_key(replica_key)});
    t.group.find(self)->source_until = now + kSourceLockMs;
    ++t.group.epoch;
    t.group.backfill =
        api::Backfill{destination, std::nullopt, 0, t.item_count, false, now + kReplicaCreatingMs};
    if (!t.stream_enabled) {
        // The service turns the stream on by itself; it stays on after the last replica.
        t.stream_enabled = true;
        t.stream_view_type = "NEW_AND_OLD_IMAGES";
        t.stream_label = api::stream_label(now);
    }
    t.status = "UPDATING";
    t.next_status.clear();
    t.status_until = 0;  // ACTIVE again when the backfill is done
    region_.save_table(t);
    region_.publish_status(t);

    api::TableMeta replica = replica_meta(t, destination, table_class_override);
    if (replica.sse_enabled && !replica_key.empty()) replica.sse_kms_key_arn = replica_key;
    if (Region* r = other(destination))
        r->post([r, replica = std::move(replica), self]() mutable {
            r->replicator().create_local(std::move(replica), self);
        });

    // The cut the new replica starts from: this region's items as they are now, which
    // hold this region's own changes up to its last sequence number and every other
    // member's changes up to what this region received from it.
    add_link(t, destination, region_.store().last_change_seq());
    for (const auto& m : t.group.members) {
        if (m.region == self || m.region == destination) continue;
        std::int64_t cursor = region_.store().received(t.id, m.region);
        if (Region* r = other(m.region))
            r->post([r, name = t.name, destination, cursor] {
                auto& replicator = r->replicator();
                api::TableMeta* table = r->find_table(name);
                if (!table) return;
                r->run_internal([&] { replicator.add_link(*table, destination, cursor); });
            });
    }
    broadcast(t);
    region_.post([this, name = t.name] { backfill_step(name); });
}

void Replicator::create_local(api::TableMeta meta, const std::string& source) {
    if (region_.find_table(meta.name)) {
        // A table of that name appeared here after the request was accepted.
        if (Region* r = other(source))
            r->post([r, name = meta.name, self = std::string(region_.code())] {
                r->replicator().abort_replica(name, self);
            });
        return;
    }
    region_.run_internal([&] {
        auto& t = region_.add_table(std::move(meta));
        // The new replica's own writes go to every other member from the start.
        const std::int64_t cursor = region_.store().last_change_seq();
        for (const auto& peer : t.group.peers(std::string(region_.code())))
            add_link(t, peer, cursor);
        region_.publish_status(t);
    });
}

void Replicator::abort_replica(const std::string& name, const std::string& destination) {
    api::TableMeta* t = region_.find_table(name);
    if (!t || !t->group.find(destination)) return;
    region_.run_internal([&] {
        std::erase_if(t->group.members,
                      [&](const api::ReplicaMember& m) { return m.region == destination; });
        if (t->group.backfill && t->group.backfill->destination == destination)
            t->group.backfill.reset();
        drop_link(name, destination);
        if (t->group.members.size() == 1) t->group.members.clear();
        ++t->group.epoch;
        if (t->status == "UPDATING" && !t->status_until) t->status = "ACTIVE";
        region_.save_table(*t);
    });
    region_.publish_status(*t);
    broadcast(*t);
}

void Replicator::remove_member(api::TableMeta& t, const std::string& member) {
    api::ReplicaMember* m = t.group.find(member);
    if (!m) return;
    m->status = "DELETING";
    m->progress = -1;
    ++t.group.epoch;
    if (t.group.backfill && t.group.backfill->destination == member) t.group.backfill.reset();
    drop_link(t.name, member);
    region_.save_table(t);
    broadcast(t);
}

void Replicator::update_member(api::TableMeta& t, const std::string& member,
                               const std::string& table_class_override) {
    api::ReplicaMember* m = t.group.find(member);
    if (!m) return;
    m->table_class_override = table_class_override;
    m->table_class_updated = region_.now();
    ++t.group.epoch;
    region_.save_table(t);
    broadcast(t);
}

void Replicator::on_table_removed(const api::TableMeta& t) {
    region_.core().kms_holds->release(t.name, std::string(region_.code()));
    for (auto it = links_.lower_bound({t.name, ""});
         it != links_.end() && it->first.first == t.name;)
        it = links_.erase(it);
    if (!t.group.global()) return;
    // Each other member drops this one from its own view. (A whole view sent from here
    // would lose against another member leaving at the same time, as two replicas of an
    // MRSC group do in its teardown: both views would carry the same epoch.)
    for (const auto& m : t.group.members)
        if (m.region != region_.code())
            if (Region* r = other(m.region))
                r->post([r, name = t.name, gone = std::string(region_.code())] {
                    r->replicator().on_member_gone(name, gone);
                });
}

void Replicator::on_member_gone(const std::string& name, const std::string& gone) {
    const api::TableMeta* t = region_.find_table(name);
    if (!t || !t->group.find(gone)) return;
    api::ReplicaGroup rest = shared_view(t->group);
    std::erase_if(rest.members, [&](const api::ReplicaMember& m) { return m.region == gone; });
    ++rest.epoch;
    on_group(name, std::move(rest));
}

void Replicator::on_group(const std::string& name, api::ReplicaGroup view) {
    api::TableMeta* t = region_.find_table(name);
    if (!t || view.epoch <= t->group.epoch) return;
    const std::string self(region_.code());
    region_.run_internal([&] {
        t->group.members = std::move(view.members);
        t->group.witnesses = std::move(view.witnesses);
        t->group.strong = view.strong;
        t->group.epoch = view.epoch;
        const api::ReplicaMember* me = t->group.find(self);
        for (auto it = links_.lower_bound({name, ""});
             it != links_.end() && it->first.first == name;) {
            const api::ReplicaMember* m = t->group.find(it->first.second);
            const api::WitnessMember* w = t->group.find_witness(it->first.second);
            auto next = std::next(it);
            const bool leaving = m ? m->status == "DELETING" : !w || w->status == "DELETING";
            if (leaving || !me) drop_link(name, it->first.second);
            it = next;
        }
        if (!me || (t->group.members.size() == 1 && me->status != "DELETING")) {
            // The last other replica left: a regional table again.
            if (t->group.strong) region_.core().mrsc_writes->forget(name, self);
            t->group.members.clear();
            t->group.witnesses.clear();
            t->group.strong = false;
            t->group.backfill.reset();
            region_.store().prune_changes(t->id, std::numeric_limits<std::int64_t>::max(),
                                          region_.now() - streams::kRetentionMs);
            region_.store().prune_tombstones(t->id, std::numeric_limits<std::int64_t>::max());
        } else if (me->status == "DELETING" && t->status != "DELETING") {
            region_.start_transition(*t, "DELETING", "", api::kDeletingMs);
            return;
        } else if (me->status == "ACTIVE" && t->status == "CREATING") {
            t->status = "ACTIVE";
        } else if (!me->table_class_override.empty() &&
                   me->table_class_override != t->table_class && t->status == "ACTIVE") {
            t->table_class = me->table_class_override;
            t->table_class_updated = region_.now();
            region_.start_transition(*t, "UPDATING", "ACTIVE", api::kUpdatingMs);
            return;
        }
        region_.save_table(*t);
    });
    region_.publish_status(*t);
}

void Replicator::set_own_status(api::TableMeta& t, const std::string& status) {
    api::ReplicaMember* me = t.group.find(std::string(region_.code()));
    if (!me || me->status == status) return;
    me->status = status;
    ++t.group.epoch;
    region_.save_table(t);
    broadcast(t);
}

void Replicator::leave_group(api::TableMeta& t) {
    if (!t.group.global()) return;
    const std::string self(region_.code());
    for (const auto& m : t.group.members)
        if (m.region != self)
            if (Region* r = other(m.region))
                r->post([r, name = t.name, self] { r->replicator().on_member_gone(name, self); });
    // Seen from here, everyone else left: a regional table again, links dropped.
    api::ReplicaGroup alone = shared_view(t.group);
    std::erase_if(alone.members, [&](const api::ReplicaMember& m) { return m.region != self; });
    alone.witnesses.clear();
    ++alone.epoch;
    on_group(t.name, std::move(alone));
}

void Replicator::fan_out_encryption(const api::TableMeta& table) {
    for (const auto& m : table.group.members) {
        if (m.region == region_.code()) continue;
        if (Region* r = other(m.region))
            r->post([r, name = table.name, enabled = table.sse_enabled] {
                r->replicator().on_encryption(name, enabled);
            });
    }
}

void Replicator::fan_out_on_demand_maximum(const api::TableMeta& table) {
    for (const auto& m : table.group.members) {
        if (m.region == region_.code()) continue;
        if (Region* r = other(m.region))
            r->post(
                [r, name = table.name, read = table.max_read_units, write = table.max_write_units] {
                    r->replicator().on_on_demand_maximum(name, read, write);
                });
    }
}

void Replicator::on_on_demand_maximum(const std::string& name, std::int64_t read,
                                      std::int64_t write) {
    api::TableMeta* t = region_.find_table(name);
    if (!t || t->status == "DELETING") return;
    region_.run_internal([&] {
        t->max_read_units = read;
        t->max_write_units = write;
        region_.save_table(*t);
    });
}

void Replicator::on_encryption(const std::string& name, bool enabled) {
    api::TableMeta* t = region_.find_table(name);
    if (!t || t->status == "DELETING" || t->sse_enabled == enabled) return;
    region_.run_internal([&] {
        t->sse_enabled = enabled;
        // A KMS key lives in one region: each replica uses its own region's AWS managed
        // key (a customer managed key cannot fan out, see kms/sse.cpp).
        if (enabled)
            t->sse_kms_key_arn =
                kms::aws_managed_key_arn(std::string(region_.code()), t->account_id);
        if (t->status == "ACTIVE")
            region_.start_transition(*t, "UPDATING", "ACTIVE", api::kUpdatingMs);
        else
            region_.save_table(*t);
    });
}

void Replicator::backfill_step(const std::string& name) {
    api::TableMeta* t = region_.find_table(name);
    if (!t || !t->group.backfill) return;
    const api::Backfill& b = *t->group.backfill;
    Region* destination = other(b.destination);
    if (!destination) return;
    std::vector<storage::VersionedRow> rows;
    bool tombstones = false;
    if (!b.tombstones_copied) rows = region_.store().versioned_rows(t->id, b.after, kBackfillChunk);
    if (rows.empty()) {
        if (b.tombstones_copied) {
            finish_backfill(name);
            return;
        }
        rows = region_.store().tombstones(t->id);
        tombstones = true;
    }
    std::optional<std::pair<std::string, std::string>> last = b.after;
    if (!tombstones) last = std::pair{rows.back().pk, rows.back().sk};
    const auto copied = tombstones ? -1 : static_cast<std::int64_t>(rows.size());
    auto ack = [this, name, dest = b.destination, last, copied](bool ok) {
        region_.post([this, name, dest, last, copied, ok] {
            backfill_acknowledged(name, dest, last, copied, ok);
        });
    };
    destination->post([destination, name, rows = std::move(rows), ack = std::move(ack)]() mutable {
        destination->replicator().receive_backfill(name, std::move(rows), std::move(ack));
    });
}

void Replicator::receive_backfill(const std::string& name, std::vector<storage::VersionedRow> rows,
                                  std::function<void(bool)> ack) {
    api::TableMeta* t = region_.find_table(name);
    if (!t || t->status == "DELETING") {
        ack(false);
        return;
    }
    region_.run_internal(
        [&] {
            for (const auto& row : rows)
                apply(*t, row.origin, row.pk, row.sk, row.hlc, row.item, row.size);
        },
        std::move(ack));
}

void Replicator::backfill_acknowledged(const std::string& name, std::string destination,
                                       std::optional<std::pair<std::string, std::string>> last,
                                       std::int64_t copied, bool ok) {
    api::TableMeta* t = region_.find_table(name);
    if (!t || !t->group.backfill || t->group.backfill->destination != destination) return;
    if (!ok) {
        abort_replica(name, destination);
        return;
    }
    bool broadcast_progress = false;
    region_.run_internal([&] {
        api::Backfill& b = *t->group.backfill;
        if (copied < 0) {
            b.tombstones_copied = true;
        } else {
            b.after = std::move(last);
            b.copied += copied;
        }
        api::ReplicaMember* m = t->group.find(destination);
        if (m && b.total > 0) {
            int progress = static_cast<int>(std::min<std::int64_t>(99, b.copied * 100 / b.total));
            broadcast_progress = progress / 10 != m->progress / 10;
            m->progress = progress;
            if (broadcast_progress) ++t->group.epoch;
        }
        region_.save_table(*t);
    });
    if (broadcast_progress) broadcast(*t);
    region_.post([this, name] { backfill_step(name); });
}

void Replicator::finish_backfill(const std::string& name) {
    api::TableMeta* t = region_.find_table(name);
    if (!t || !t->group.backfill) return;
    const Millis ready_at = t->group.backfill->ready_at;
    if (region_.now() < ready_at) {
        region_.core().scheduler.schedule_at(
            ready_at, [this, name] { region_.post([this, name] { finish_backfill(name); }); });
        return;
    }
    region_.run_internal([&] {
        if (api::ReplicaMember* m = t->group.find(t->group.backfill->destination)) {
            m->status = "ACTIVE";
            m->progress = -1;
        }
        t->group.backfill.reset();
        ++t->group.epoch;
        if (t->status == "UPDATING" && !t->status_until) t->status = "ACTIVE";
        region_.save_table(*t);
    });
    region_.publish_status(*t);
    broadcast(*t);
}

}  // namespace tablespan::core
