#pragma once

// One DynamoDB stream of a table in one region: its identity, view type, key schema
// (kept so the stream stays describable after its table is gone), lifecycle times and
// shards. Its records live in the region's change log (storage/stream_store.cpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "api/key_element.h"
#include "storage/region_store.h"
#include "tablespan/clock.h"
#include "tablespan/json_codec.h"

namespace tablespan::streams {

// Records and disabled streams are kept 24 hours (DG:Streams).
inline constexpr Millis kRetentionMs = 24LL * 60 * 60 * 1000;
// A shard iterator is valid 15 minutes after it was handed out [M-S].
inline constexpr Millis kIteratorLifetimeMs = 15LL * 60 * 1000;
// After a disable or DeleteTable the stream is DISABLING, then DISABLED 6.1 s later
// (ACK:table-streams-encryption-class overview).
inline constexpr Millis kDisablingMs = 6'100;

enum class EventName : int { Insert = 1, Modify = 2, Remove = 3 };

struct Stream {
    std::int64_t id = 0;  // storage id, never reused
    std::string arn;
    std::string label;
    std::string table_name;
    std::string table_arn;
    std::string view_type;  // KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES
    api::KeyElement partition_key;
    std::optional<api::KeyElement> sort_key;
    Millis created_at = 0;
    Millis enabled_at = 0;                  // ENABLING until then
    Millis disabled_at = 0;                 // 0: enabled
    std::int64_t trimmed_seq = 0;           // the highest record retention deleted
    std::vector<storage::ShardRow> shards;  // oldest first; the last is open while enabled

    bool wants_new() const { return view_type == "NEW_IMAGE" || view_type == "NEW_AND_OLD_IMAGES"; }
    bool wants_old() const { return view_type == "OLD_IMAGE" || view_type == "NEW_AND_OLD_IMAGES"; }
    // ENABLING, ENABLED, DISABLING or DISABLED at `now`.
    std::string status(Millis now) const;
    // Gone from ListStreams and DescribeStream: disabled longer than the retention.
    bool expired(Millis now) const { return disabled_at && now >= disabled_at + kRetentionMs; }
    Json key_schema() const;

    std::string to_storage() const;
    static Stream from_storage(const storage::StoredStream& row);
};

}  // namespace tablespan::streams
