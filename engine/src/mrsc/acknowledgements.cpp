// Replicator, multi-Region strong consistency: a write is answered once a second member
// (a replica or the witness) has made it durable — when that member's link cursor has
// passed the write and the acknowledgement has travelled back.

#include <algorithm>

#include "core/region.h"
#include "core/replicator.h"

namespace tablespan::core {

void Replicator::await_ack(const std::string& table, std::int64_t seq,
                           std::function<void(bool)> done) {
    const api::TableMeta* t = region_.find_table(table);
    if (t) {
        // Already durable in a peer (a link shipped it with an earlier change).
        for (auto l = links_.lower_bound({table, ""});
             l != links_.end() && l->first.first == table; ++l)
            if (l->second.cursor >= seq) {
                done(true);
                return;
            }
    }
    const std::uint64_t id = next_waiter_++;
    ack_waiters_[table].push_back(AckWaiter{id, seq, std::move(done)});
    region_.core().scheduler.schedule_at(region_.now() + kAckTimeoutMs, [this, table, id] {
        region_.post([this, table, id] {
            auto it = ack_waiters_.find(table);
            if (it == ack_waiters_.end()) return;
            auto w = std::find_if(it->second.begin(), it->second.end(),
                                  [&](const AckWaiter& a) { return a.id == id; });
            if (w == it->second.end()) return;
            auto done = std::move(w->done);
            it->second.erase(w);
            done(false);
        });
    });
}

void Replicator::release_acks(const api::TableMeta& table, const std::string& destination,
                              std::int64_t cursor) {
    auto it = ack_waiters_.find(table.name);
    if (it == ack_waiters_.end()) return;
    std::vector<std::function<void(bool)>> released;
    std::erase_if(it->second, [&](AckWaiter& w) {
        if (w.seq > cursor) return false;
        released.push_back(std::move(w.done));
        return true;
    });
    if (released.empty()) return;
    // The acknowledgement travels back from the destination.
    const Millis back =
        region_.core().network.sample_network_latency(destination, region_.code());
    region_.core().scheduler.schedule_at(
        region_.now() + back, [this, released = std::move(released)]() mutable {
            region_.post([released = std::move(released)] {
                for (auto& done : released) done(true);
            });
        });
}

}  // namespace tablespan::core
