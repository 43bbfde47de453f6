#include "mrsc/write_registry.h"

#include <algorithm>
#include <limits>

#include "core/hlc.h"

namespace tablespan::mrsc {

void WriteRegistry::note(const std::string& table, const std::string& region, const std::string& pk,
                         const std::string& sk, std::int64_t hlc, std::int64_t seq) {
    std::lock_guard lock(mutex_);
    ItemKey key{table, pk, sk};
    auto& list = writes_[key];
    auto mine =
        std::find_if(list.begin(), list.end(), [&](const Write& w) { return w.region == region; });
    if (mine == list.end())
        list.push_back(Write{region, hlc, seq});
    else
        *mine = Write{region, hlc, seq};
    by_origin_[{table, region}].emplace_back(seq, std::move(key));
}

bool WriteRegistry::conflicts(const std::string& table, const std::string& region,
                              const std::string& pk, const std::string& sk,
                              const std::optional<storage::StoredVersion>& current) const {
    std::lock_guard lock(mutex_);
    auto it = writes_.find(ItemKey{table, pk, sk});
    if (it == writes_.end()) return false;
    for (const Write& w : it->second) {
        if (w.region == region) continue;
        // Seen: the item holds that write or one that supersedes it.
        const bool seen =
            current && (current->hlc == w.hlc
                            ? current->origin == w.region
                            : core::supersedes(current->hlc, current->origin, w.hlc, w.region));
        if (!seen) return true;
    }
    return false;
}

std::vector<std::string> WriteRegistry::writers(const std::string& table, const std::string& region,
                                                const std::string& pk,
                                                const std::string& sk) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    auto it = writes_.find(ItemKey{table, pk, sk});
    if (it == writes_.end()) return out;
    for (const Write& w : it->second)
        if (w.region != region) out.push_back(w.region);
    return out;
}

void WriteRegistry::settled(const std::string& table, const std::string& origin, std::int64_t seq) {
    std::lock_guard lock(mutex_);
    auto queue = by_origin_.find({table, origin});
    if (queue == by_origin_.end()) return;
    auto& q = queue->second;
    while (!q.empty() && q.front().first <= seq) {
        auto it = writes_.find(q.front().second);
        if (it != writes_.end()) {
            // Only the entry of that change: a later write of the item stays.
            std::erase_if(it->second, [&](const Write& w) {
                return w.region == origin && w.seq <= q.front().first;
            });
            if (it->second.empty()) writes_.erase(it);
        }
        q.pop_front();
    }
    if (q.empty()) by_origin_.erase(queue);
}

void WriteRegistry::forget(const std::string& table, const std::string& region) {
    settled(table, region, std::numeric_limits<std::int64_t>::max());
}

}  // namespace tablespan::mrsc
