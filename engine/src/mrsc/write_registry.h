#pragma once

// Which items of multi-Region strongly consistent tables are being written, engine-wide:
// the ReplicatedWriteConflictException rule.
//
// A write of an item in one region is "in progress" for the other regions until every
// replica has it. A region that writes the item meanwhile, without having seen that
// write, would build on a stale item: the service refuses such a write with
// ReplicatedWriteConflictException and changes nothing. A region that has already
// applied the other write (by replication, or by a strong read that learnt it) may
// write. The origin forgets its writes once every replica's link has shipped them.
//
// Thread-safe: every region's strand uses it.

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "storage/region_store.h"

namespace tablespan::mrsc {

class WriteRegistry {
public:
    // `region` wrote the item (pk, sk) of `table` as version `hlc`, change `seq`.
    void note(const std::string& table, const std::string& region, const std::string& pk,
              const std::string& sk, std::int64_t hlc, std::int64_t seq);
    // Whether `region`, holding `current` for the item, would overwrite another region's
    // write in progress that it has not seen.
    bool conflicts(const std::string& table, const std::string& region, const std::string& pk,
                   const std::string& sk,
                   const std::optional<storage::StoredVersion>& current) const;
    // The regions other than `region` with a write of the item still in progress.
    std::vector<std::string> writers(const std::string& table, const std::string& region,
                                     const std::string& pk, const std::string& sk) const;
    // Every replica has `origin`'s changes of `table` up to `seq`.
    void settled(const std::string& table, const std::string& origin, std::int64_t seq);
    // The table left strong consistency (torn down, deleted) in `region`.
    void forget(const std::string& table, const std::string& region);

private:
    struct Write {
        std::string region;
        std::int64_t hlc = 0;
        std::int64_t seq = 0;
    };
    using ItemKey = std::tuple<std::string, std::string, std::string>;  // table, pk, sk
    using Origin = std::pair<std::string, std::string>;                 // table, region

    mutable std::mutex mutex_;
    std::map<ItemKey, std::vector<Write>> writes_;                              // guarded by mutex_
    std::map<Origin, std::deque<std::pair<std::int64_t, ItemKey>>> by_origin_;  // in seq order
};

}  // namespace tablespan::mrsc
