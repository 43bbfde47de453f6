#pragma once

// What a request of a multi-Region strongly consistent (MRSC) table needs before it runs
// in a region: a write needs a reachable peer (a replica or the witness) to acknowledge
// it, a strongly consistent read first learns from the nearest reachable peer what that
// peer holds and this region has not received (every acknowledged write is on two of
// the three members, so this region and one peer together hold it), and transactions
// are refused. A region cut off from both peers refuses writes and strong reads, and
// still serves eventually consistent reads.

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tablespan/engine.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::mrsc {

struct ReadTarget {
    std::string table;
    std::vector<std::pair<std::string, std::string>> keys;  // storage keys; empty: all
};

struct Preflight {
    std::optional<Error> refuse;
    std::vector<ReadTarget> reads;  // strong reads of MRSC tables
};

// On the region's strand, before the request is dispatched.
Preflight preflight(core::Region& region, const std::string& operation, const Json& request);

// Learns what the nearest reachable peer of each target's table holds that this region
// has not received, applies it, then calls `then` (on the strand) with no error; with
// the service's error when no peer can be reached.
void learn_then(core::Region& region, std::vector<ReadTarget> targets,
                std::function<void(std::optional<Error>)> then);

// The answer of a region that cannot reach a peer (the service's answer to an isolated
// MRSC replica is not on record; a 500 is what SDKs retry).
Error unreachable_error();

}  // namespace tablespan::mrsc
