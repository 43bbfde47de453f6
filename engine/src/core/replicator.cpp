// Replicator, data plane: the outbox shippers and the last-writer-wins apply.

#include "core/replicator.h"

#include <algorithm>
#include <exception>
#include <limits>

#include "api/item_key.h"
#include "api/capacity.h"
#include "api/item_store.h"
#include "autoscaling/scaler.h"
#include "capacity/throughput.h"
#include "core/region.h"
#include "streams/stream.h"

namespace tablespan::core {

Replicator::Replicator(Region& region) : region_(region) {}

Region* Replicator::other(const std::string& code) {
    return region_.core().region(code);
}

void Replicator::load() {
    committed_seq_ = region_.store().last_change_seq();
    std::map<std::int64_t, api::TableMeta*> by_id;
    for (auto* t : region_.tables()) by_id[t->id] = t;
    for (const auto& row : region_.store().load_links()) {
        auto it = by_id.find(row.table);
        if (it == by_id.end()) continue;
        Link link{it->second->name, row.table, row.destination, row.cursor};
        link.pending = region_.store().count_changes_after(row.table, row.cursor);
        auto& slot = links_[{link.table, link.destination}] = std::move(link);
        record_pending(slot);
    }
    for (const auto& [name, meta] : region_.store().witness_tables()) witnessed_.insert(name);
    kick_all();
    for (auto* t : region_.tables())
        if (t->group.backfill) region_.post([this, name = t->name] { backfill_step(name); });
}

void Replicator::note_local_change(const api::TableMeta& table, std::int64_t seq) {
    batch_seq_ = std::max(batch_seq_, seq);
    ++batch_changes_[table.name];
    if (table.group.strong) local_seq_[table.name] = seq;
}

void Replicator::after_commit(bool committed) {
    auto changed = std::move(batch_changes_);
    batch_changes_.clear();
    if (!committed) {
        batch_seq_ = committed_seq_;
        return;
    }
    if (batch_seq_ > committed_seq_) {
        commit_times_.emplace_back(batch_seq_, region_.now());
        committed_seq_ = batch_seq_;
    }
    for (const auto& [table, count] : changed) {
        for (auto it = links_.lower_bound({table, ""});
             it != links_.end() && it->first.first == table; ++it) {
            it->second.pending += count;
            record_pending(it->second);
            ship(it->second);
        }
    }
}

void Replicator::kick_all() {
    for (auto& [key, link] : links_) ship(link);
}

void Replicator::record_pending(const Link& link) {
    region_.core().metrics.record_pending(link.table, std::string(region_.code()), link.destination,
                                          region_.now(), link.pending);
}

Millis Replicator::committed_at(std::int64_t seq, Millis written_at) const {
    auto it = std::lower_bound(commit_times_.begin(), commit_times_.end(), seq,
                               [](const auto& entry, std::int64_t s) { return entry.first < s; });
    return it == commit_times_.end() ? written_at : it->second;
}

void Replicator::forget_commit_times() {
    std::int64_t horizon = committed_seq_;
    for (const auto& [key, link] : links_) horizon = std::min(horizon, link.cursor);
    while (!commit_times_.empty() && commit_times_.front().first <= horizon)
        commit_times_.pop_front();
}

void Replicator::ship(Link& link) {
    if (link.busy || link.cursor >= committed_seq_) return;
    if (!region_.core().network.can_deliver(region_.code(), link.destination)) return;
    // A replica whose KMS key is unusable neither sends nor receives (kms/key_watch.h).
    if (region_.core().kms_holds->blocks(link.table, std::string(region_.code()), link.destination))
        return;
    auto first = region_.store().changes_after(link.table_id, link.cursor, committed_seq_, 1);
    if (first.empty()) return;
    link.busy = true;
    link.generation = next_generation_++;
    const api::TableMeta* table = region_.find_table(link.table);
    // A strongly consistent group ships at once (a synchronous exchange, no pipeline).
    link.latency =
        table && table->group.strong
            ? region_.core().network.sample_network_latency(region_.code(), link.destination)
            : region_.core().network.sample_latency(region_.code(), link.destination);
    Millis due = std::max(committed_at(first.front().seq, first.front().written_at) + link.latency,
                          region_.now());
    region_.core().scheduler.schedule_at(
        due, [this, key = LinkKey{link.table, link.destination}, generation = link.generation] {
            region_.post([this, key, generation] { deliver(key, generation); });
        });
}

void Replicator::deliver(const LinkKey& key, std::uint64_t generation) {
    auto it = links_.find(key);
    if (it == links_.end() || it->second.generation != generation || !it->second.busy) return;
    Link& link = it->second;
    Region* destination = other(link.destination);
    if (!destination || !region_.core().network.can_deliver(region_.code(), link.destination)) {
        link.busy = false;  // the network healing kicks it again
        return;
    }
    auto changes =
        region_.store().changes_after(link.table_id, link.cursor, committed_seq_, kDeliveryBatch);
    const Millis now = region_.now();
    for (auto& c : changes) c.committed_at = committed_at(c.seq, c.written_at);
    auto due_end = std::find_if(changes.begin(), changes.end(), [&](const storage::ChangeRow& c) {
        return c.committed_at + link.latency > now;
    });
    changes.erase(due_end, changes.end());
    if (changes.empty()) {
        link.busy = false;
        ship(link);
        return;
    }
    const std::int64_t last = changes.back().seq;
    const auto count = static_cast<std::int64_t>(changes.size());
    auto ack = [this, key, generation, last, count](bool ok) {
        region_.post([this, key, generation, last, count, ok] {
            acknowledged(key, generation, last, count, ok);
        });
    };
    destination->post([destination, table = link.table, origin = std::string(region_.code()),
                       changes = std::move(changes), ack = std::move(ack)]() mutable {
        destination->replicator().receive(table, origin, std::move(changes), std::move(ack));
    });
}

void Replicator::acknowledged(const LinkKey& key, std::uint64_t generation, std::int64_t last_seq,
                              std::int64_t count, bool ok) {
    auto it = links_.find(key);
    if (it == links_.end() || it->second.generation != generation) return;
    Link& link = it->second;
    link.busy = false;
    if (!ok) {
        // Refused (the destination out of write capacity, or gone from the network):
        // tried again later; a healed network also kicks every link.
        region_.core().scheduler.schedule_at(region_.now() + kRedeliveryMs, [this, key] {
            region_.post([this, key] {
                if (auto l = links_.find(key); l != links_.end()) ship(l->second);
            });
        });
        return;
    }
    if (last_seq > link.cursor) {
        link.cursor = last_seq;
        link.pending = std::max<std::int64_t>(0, link.pending - count);
        record_pending(link);
        // The outbox keeps a change until every link of the table has shipped it; it is
        // pruned in bulk, which costs far less than a delete per delivery.
        std::int64_t horizon = link.cursor;
        for (auto l = links_.lower_bound({key.first, ""});
             l != links_.end() && l->first.first == key.first; ++l)
            horizon = std::min(horizon, l->second.cursor);
        std::int64_t& pruned = pruned_[link.table_id];
        const bool prune = horizon - pruned >= 4096 || (link.pending == 0 && horizon > pruned);
        region_.run_internal([this, table_id = link.table_id, destination = link.destination,
                              cursor = link.cursor, horizon, prune] {
            region_.store().set_link(table_id, destination, cursor);
            if (prune)
                region_.store().prune_changes(table_id, horizon,
                                              region_.now() - streams::kRetentionMs);
        });
        if (prune) pruned = horizon;
        forget_commit_times();
        if (const api::TableMeta* t = region_.find_table(key.first); t && t->group.strong) {
            release_acks(*t, link.destination, link.cursor);
            // Every replica has these writes: other regions may write their items again.
            std::int64_t replicas = link.cursor;
            for (auto l = links_.lower_bound({key.first, ""});
                 l != links_.end() && l->first.first == key.first; ++l)
                if (!t->group.find_witness(l->first.second))
                    replicas = std::min(replicas, l->second.cursor);
            region_.core().mrsc_writes->settled(t->name, std::string(region_.code()), replicas);
        }
    }
    if (ok) ship(link);
}

std::int64_t Replicator::shipped(std::int64_t table_id) const {
    std::int64_t horizon = std::numeric_limits<std::int64_t>::max();
    for (const auto& [key, link] : links_)
        if (link.table_id == table_id) horizon = std::min(horizon, link.cursor);
    return horizon;
}

void Replicator::receive(const std::string& table, const std::string& origin,
                         std::vector<storage::ChangeRow> changes, std::function<void(bool)> ack) {
    if (!region_.core().network.can_deliver(origin, region_.code()) ||
        region_.core().kms_holds->blocks(table, origin, std::string(region_.code()))) {
        ack(false);
        return;
    }
    if (witnesses(table)) {
        receive_as_witness(table, origin, std::move(changes), std::move(ack));
        return;
    }
    api::TableMeta* t = region_.find_table(table);
    if (!t || t->status == "DELETING" || !t->group.find(origin)) {
        ack(true);  // the replica is gone or going: nothing here wants these changes
        return;
    }
    // Replicated writes consume write capacity here: a replica out of it refuses the
    // delivery, and the changes wait in the source's outbox.
    if (region_.throughput().write_throttled(*t, region_.now())) {
        ack(false);
        return;
    }
    auto latencies = std::make_shared<std::vector<Millis>>();
    // The event's list of changes; their keys are decoded after the commit, which keeps
    // the transaction short.
    struct Applied {
        std::string pk, sk;
        bool deleted = false;
        Millis latency = 0;
    };
    auto applied = std::make_shared<std::vector<Applied>>();
    region_.run_internal(
        [this, t, &origin, &changes, latencies, applied] {
            auto& store = region_.store();
            std::int64_t watermark = store.received(t->id, origin);
            std::int64_t version = 0;
            api::WriteUnits units;
            const Millis now = region_.now();
            for (const auto& c : changes) {
                if (c.seq <= watermark) continue;
                apply(*t, origin, c.pk, c.sk, c.hlc, c.item, c.size);
                units.table += api::write_units(c.item ? c.size : 0);
                watermark = c.seq;
                version = c.hlc;
                // ReplicationLatency: applied here minus committed at the source.
                latencies->push_back(now - c.committed_at);
                if (applied->size() < kDeliveredItemsMax)
                    applied->push_back({c.pk, c.sk, !c.item.has_value(), now - c.committed_at});
            }
            if (version) store.set_received(t->id, origin, watermark, version);
            region_.throughput().charge_write(*t, units, now, true);
            autoscaling::note_activity(region_, *t);
        },
        [this, table, origin, latencies, applied, ack = std::move(ack)](bool ok) {
            if (ok && !latencies->empty()) {
                const Millis now = region_.now();
                ReplicationDelivered event;
                event.time = now;
                event.table = table;
                event.source = origin;
                event.destination = std::string(region_.code());
                event.items = static_cast<std::int64_t>(latencies->size());
                double sum = 0;
                event.latency_min_ms = event.latency_max_ms =
                    static_cast<double>(latencies->front());
                for (Millis l : *latencies) {
                    auto ms = static_cast<double>(l);
                    region_.core().metrics.record_delivery(table, origin,
                                                           std::string(region_.code()), now, ms);
                    event.latency_min_ms = std::min(event.latency_min_ms, ms);
                    event.latency_max_ms = std::max(event.latency_max_ms, ms);
                    sum += ms;
                }
                event.latency_avg_ms = sum / static_cast<double>(latencies->size());
                event.pending =
                    region_.core().metrics.pending(table, origin, std::string(region_.code()));
                if (const api::TableMeta* meta = region_.find_table(table)) {
                    event.delivered.reserve(applied->size());
                    for (const Applied& a : *applied) {
                        // A key that does not decode is left out of the event; the change
                        // itself was applied.
                        try {
                            event.delivered.push_back(
                                {encode_item(api::key_from_storage(*meta, a.pk, a.sk)), a.deleted,
                                 static_cast<double>(a.latency)});
                        } catch (const std::exception&) {
                        }
                    }
                }
                region_.core().events.publish(event);
            }
            ack(ok);
        });
}

void Replicator::apply(api::TableMeta& table, const std::string& origin, const std::string& pk,
                       const std::string& sk, std::int64_t hlc,
                       const std::optional<std::string>& item, std::int64_t size) {
    auto current = region_.store().get_version(table.id, pk, sk);
    if (current && !supersedes(hlc, origin, current->hlc, current->origin)) return;
    region_.observe_hlc(hlc);
    api::ItemStore(region_, table).apply_replicated({pk, sk}, hlc, origin, item, size, current);
}

}  // namespace tablespan::core
