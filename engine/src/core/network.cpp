#include "tablespan/network.h"

#include <algorithm>
#include <cmath>

#include "tablespan/regions.h"

namespace tablespan {

Network::Network(std::uint64_t seed) : rng_(seed) {}

Network::Key Network::key(std::string_view a, std::string_view b) {
    return a < b ? Key{std::string(a), std::string(b)} : Key{std::string(b), std::string(a)};
}

void Network::set_region_online(std::string_view region, bool online) {
    {
        std::lock_guard lock(mutex_);
        if (online) {
            auto it = offline_.find(region);
            if (it == offline_.end()) return;
            offline_.erase(it);
        } else if (!offline_.emplace(region).second) {
            return;
        }
    }
    notify();
}

bool Network::region_online(std::string_view region) const {
    std::lock_guard lock(mutex_);
    return offline_.find(region) == offline_.end();
}

void Network::set_link_cut(std::string_view a, std::string_view b, bool cut) {
    {
        std::lock_guard lock(mutex_);
        if (cut)
            cut_.insert(key(a, b));
        else
            cut_.erase(key(a, b));
    }
    notify();
}

void Network::set_link_latency(std::string_view a, std::string_view b, std::optional<Millis> ms) {
    {
        std::lock_guard lock(mutex_);
        if (ms)
            overrides_[key(a, b)] = std::max<Millis>(0, *ms);
        else
            overrides_.erase(key(a, b));
    }
    notify();
}

void Network::set_all_latencies(std::optional<Millis> ms) {
    {
        std::lock_guard lock(mutex_);
        all_override_ = ms;
    }
    notify();
}

Network::LinkState Network::link(std::string_view a, std::string_view b) const {
    LinkState s;
    s.model_ms = model_latency_ms(a, b);
    std::lock_guard lock(mutex_);
    auto k = key(a, b);
    s.cut = cut_.count(k) > 0;
    if (auto it = overrides_.find(k); it != overrides_.end())
        s.override_ms = it->second;
    else
        s.override_ms = all_override_;
    return s;
}

double Network::model_latency_ms(std::string_view a, std::string_view b) {
    const RegionInfo* ra = find_region(a);
    const RegionInfo* rb = find_region(b);
    double network = 0;
    if (ra && rb) network = great_circle_km(*ra, *rb) * kRouteFactor / kFibreKmPerMs;
    return kPipelineMs + network;
}

double Network::network_latency_ms(std::string_view a, std::string_view b) {
    return model_latency_ms(a, b) - kPipelineMs;
}

Millis Network::sample_network_latency(std::string_view from, std::string_view to) {
    double model = network_latency_ms(from, to);
    std::lock_guard lock(mutex_);
    if (auto it = overrides_.find(key(from, to)); it != overrides_.end()) return it->second;
    if (all_override_) return *all_override_;
    return static_cast<Millis>(std::llround(model));
}

bool Network::can_deliver(std::string_view from, std::string_view to) const {
    std::lock_guard lock(mutex_);
    return offline_.find(from) == offline_.end() && offline_.find(to) == offline_.end() &&
           cut_.count(key(from, to)) == 0;
}

Millis Network::sample_latency(std::string_view from, std::string_view to) {
    double model = model_latency_ms(from, to);
    std::lock_guard lock(mutex_);
    if (auto it = overrides_.find(key(from, to)); it != overrides_.end()) return it->second;
    if (all_override_) return *all_override_;
    std::uniform_real_distribution<double> jitter(-kPipelineJitterMs, kPipelineJitterMs);
    return static_cast<Millis>(std::llround(model + jitter(rng_)));
}

int Network::on_change(std::function<void()> fn) {
    std::lock_guard lock(mutex_);
    listeners_.push_back(std::move(fn));
    return static_cast<int>(listeners_.size());
}

void Network::notify() {
    std::vector<std::function<void()>> copy;
    {
        std::lock_guard lock(mutex_);
        copy = listeners_;
    }
    for (auto& fn : copy) fn();
}

}  // namespace tablespan
