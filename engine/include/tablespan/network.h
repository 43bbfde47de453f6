#pragma once

// The simulated network between regions: which regions are online, which links are cut,
// and how long replication takes on each link.
//
// Default latency model for a link A–B: a replication pipeline delay (kPipelineMs on
// average, uniformly jittered by ±kPipelineJitterMs) plus the one-way network delay of
// the great-circle distance between the two regions at kFibreKmPerMs, stretched by
// kRouteFactor for real cable routes. A per-link override replaces the whole figure
// (no jitter). Links are symmetric: A–B and B–A share cut state and override.
//
// Thread-safe. Listeners run after a change that may let pending replication flow
// again (a region back online, a link healed, a latency changed).

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tablespan/clock.h"

namespace tablespan {

class Network {
public:
    static constexpr double kPipelineMs = 350.0;
    static constexpr double kPipelineJitterMs = 100.0;
    static constexpr double kFibreKmPerMs = 200.0;  // light in glass: ~2/3 c
    static constexpr double kRouteFactor = 1.2;

    struct LinkState {
        double model_ms = 0;                // mean latency of the default model
        std::optional<Millis> override_ms;  // when set, the latency used
        bool cut = false;
    };

    explicit Network(std::uint64_t seed = 0x7ab1e5ba);

    // Regions are online unless taken offline.
    void set_region_online(std::string_view region, bool online);
    bool region_online(std::string_view region) const;

    void set_link_cut(std::string_view a, std::string_view b, bool cut);
    void set_link_latency(std::string_view a, std::string_view b, std::optional<Millis> ms);
    // Overrides every link (bench and tests); nullopt restores the model everywhere.
    void set_all_latencies(std::optional<Millis> ms);
    LinkState link(std::string_view a, std::string_view b) const;

    // The default model's mean latency between two regions, in milliseconds.
    static double model_latency_ms(std::string_view a, std::string_view b);
    // The one-way network delay alone (no replication pipeline): what a synchronous
    // exchange between two regions waits, as in MRSC's acknowledgements and strong reads.
    static double network_latency_ms(std::string_view a, std::string_view b);
    // A one-way network delay for one message: the link's override, else the model's
    // network delay (no jitter: messages on a link keep their order).
    Millis sample_network_latency(std::string_view from, std::string_view to);
    // Whether a change can travel from `from` to `to` right now.
    bool can_deliver(std::string_view from, std::string_view to) const;
    // A latency for one delivery on the link (the override, or the model with jitter).
    Millis sample_latency(std::string_view from, std::string_view to);

    // Returns an id; `fn` runs (on the caller's thread, lock released) after changes.
    int on_change(std::function<void()> fn);

private:
    using Key = std::pair<std::string, std::string>;  // ordered (min, max)
    static Key key(std::string_view a, std::string_view b);
    void notify();

    mutable std::mutex mutex_;
    std::set<std::string, std::less<>> offline_;    // guarded by mutex_
    std::set<Key> cut_;                             // guarded by mutex_
    std::map<Key, Millis> overrides_;               // guarded by mutex_
    std::optional<Millis> all_override_;            // guarded by mutex_
    std::mt19937_64 rng_;                           // guarded by mutex_
    std::vector<std::function<void()>> listeners_;  // guarded by mutex_
};

}  // namespace tablespan
