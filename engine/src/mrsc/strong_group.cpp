// Replicator, multi-Region strong consistency: creating and dissolving a group, and the
// witness, which holds the group's changes without a table.

#include <algorithm>

#include "api/lifecycle.h"
#include "core/hlc.h"
#include "core/region.h"
#include "core/replicator.h"

namespace tablespan::core {

void Replicator::create_strong_group(api::TableMeta& t, const std::vector<std::string>& replicas,
                                     const std::string& witness) {
    const std::string self(region_.code());
    t.group.members = {api::ReplicaMember{self, "ACTIVE", "", 0, -1, 0}};
    for (const auto& r : replicas)
        t.group.members.push_back(api::ReplicaMember{r, "CREATING", "", 0, -1, 0});
    if (!witness.empty()) t.group.witnesses = {api::WitnessMember{witness, "CREATING"}};
    t.group.strong = true;
    ++t.group.epoch;
    t.status = "UPDATING";
    t.next_status.clear();
    t.status_until = 0;  // ACTIVE again when the group is
    region_.save_table(t);
    region_.publish_status(t);

    // The table is empty: nothing to copy. Every member ships to every other from here.
    for (const auto& r : replicas)
        if (Region* dest = other(r))
            dest->post([dest, replica = replica_meta(t, r, ""), self]() mutable {
                dest->replicator().create_local(std::move(replica), self);
            });
    if (Region* w = other(witness))
        w->post([w, name = t.name] { w->replicator().register_witness(name); });
    const std::int64_t cursor = region_.store().last_change_seq();
    for (const auto& peer : t.group.peers(self)) add_link(t, peer, cursor);
    broadcast(t);
    const Millis ready =
        region_.now() + (witness.empty() ? kStrongReplicasCreatingMs : kStrongWitnessCreatingMs);
    region_.core().scheduler.schedule_at(ready, [this, name = t.name] {
        region_.post([this, name] { finish_strong_group(name); });
    });
}

void Replicator::finish_strong_group(const std::string& name) {
    api::TableMeta* t = region_.find_table(name);
    if (!t || !t->group.strong) return;
    region_.run_internal([&] {
        for (auto& m : t->group.members)
            if (m.status == "CREATING") m.status = "ACTIVE";
        for (auto& w : t->group.witnesses)
            if (w.status == "CREATING") w.status = "ACTIVE";
        ++t->group.epoch;
        if (t->status == "UPDATING" && !t->status_until) t->status = "ACTIVE";
        region_.save_table(*t);
    });
    region_.publish_status(*t);
    broadcast(*t);
}

void Replicator::dissolve_strong_group(api::TableMeta& t) {
    region_.start_transition(t, "UPDATING", "ACTIVE", kStrongDissolveMs);
    region_.core().scheduler.schedule_at(region_.now() + kStrongDissolveDelayMs, [this,
                                                                                  name = t.name] {
        region_.post([this, name] {
            api::TableMeta* table = region_.find_table(name);
            if (!table || !table->group.strong) return;
            const std::string self(region_.code());
            region_.run_internal([&] {
                std::vector<std::string> replicas, witnesses;
                for (const auto& m : table->group.members)
                    if (m.region != self) replicas.push_back(m.region);
                for (const auto& w : table->group.witnesses) witnesses.push_back(w.region);
                for (const auto& r : replicas) remove_member(*table, r);
                for (const auto& w : witnesses) remove_witness(*table, w);
            });
        });
    });
}

void Replicator::remove_witness(api::TableMeta& t, const std::string& witness) {
    api::WitnessMember* w = t.group.find_witness(witness);
    if (!w) return;
    w->status = "DELETING";
    ++t.group.epoch;
    drop_link(t.name, witness);
    region_.save_table(t);
    if (Region* r = other(witness))
        r->post([r, name = t.name] { r->replicator().unregister_witness(name); });
    broadcast(t);
}

void Replicator::register_witness(const std::string& table) {
    region_.run_internal([&] { region_.store().put_witness_table(table, "{}"); });
    witnessed_.insert(table);
}

void Replicator::unregister_witness(const std::string& table) {
    if (!witnessed_.erase(table)) return;
    region_.run_internal([&] { region_.store().delete_witness_table(table); });
}

void Replicator::receive_as_witness(const std::string& table, const std::string& origin,
                                    std::vector<storage::ChangeRow> changes,
                                    std::function<void(bool)> ack) {
    region_.run_internal(
        [&] {
            auto& store = region_.store();
            auto [watermark, version] = store.witness_received(table, origin);
            for (const auto& c : changes) {
                if (c.seq <= watermark) continue;
                auto current = store.witness_version(table, c.pk, c.sk);
                if (!current || supersedes(c.hlc, origin, current->hlc, current->origin))
                    store.put_witness_item(table,
                                           storage::VersionedRow{c.pk, c.sk, c.hlc, origin, c.item,
                                                                 c.item ? c.size : 0});
                watermark = c.seq;
                version = c.hlc;
            }
            store.set_witness_received(table, origin, watermark, version);
        },
        std::move(ack));
}

std::map<std::string, std::int64_t> Replicator::received_floors(const api::TableMeta& t) {
    std::map<std::string, std::int64_t> floors;
    for (const auto& m : t.group.members)
        if (m.region != region_.code()) floors[m.region] = region_.store().received_hlc(t.id, m.region);
    return floors;
}

std::vector<storage::VersionedRow> Replicator::rows_for_peer(
    const std::string& table, const std::map<std::string, std::int64_t>& floors,
    const std::vector<std::pair<std::string, std::string>>& keys) {
    if (witnesses(table)) return region_.store().witness_rows_newer(table, floors, keys);
    const api::TableMeta* t = region_.find_table(table);
    if (!t || !t->group.strong) return {};
    return region_.store().rows_newer(t->id, floors, keys);
}

void Replicator::apply_learnt(const std::string& table, std::vector<storage::VersionedRow> rows,
                              std::function<void(bool)> done) {
    api::TableMeta* t = region_.find_table(table);
    if (!t || rows.empty()) {
        done(t != nullptr);
        return;
    }
    region_.run_internal(
        [&] {
            for (const auto& row : rows)
                apply(*t, row.origin, row.pk, row.sk, row.hlc, row.item, row.size);
        },
        std::move(done));
}

}  // namespace tablespan::core
