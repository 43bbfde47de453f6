#pragma once

// How streams look on the wire: sequence numbers, shard ids, shard iterators, event ids
// and the record document of GetRecords.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "streams/stream.h"

namespace tablespan::streams {

// A change-log sequence number as the service writes one: 21 decimal digits ("1" and
// the number zero-padded to 20), so that sequence numbers compare as numbers and as
// strings alike [M-S: 21-40 digits].
std::string format_sequence(std::int64_t seq);
// The change-log number of a sequence number this engine wrote, or nullopt.
std::optional<std::int64_t> parse_sequence(std::string_view text);

// "shardId-" + the opening time (epoch ms, 20 digits) + "-" + 8 hex digits, as in the
// service's examples (BC-ex).
std::string shard_id(const Stream& stream, std::int64_t shard_no, Millis opened_at);

// Where a reader stands in a shard: the next record it reads has seq >= `position`.
struct IteratorState {
    std::int64_t stream_id = 0;
    std::int64_t shard_no = 0;
    std::int64_t position = 0;
    Millis issued_at = 0;
};
// "<StreamArn>|1|<base64>" (BC-ex), checksummed so that a mangled iterator is refused.
std::string encode_iterator(const Stream& stream, const IteratorState& state);
// The state of an iterator this engine handed out, or nullopt.
std::optional<IteratorState> decode_iterator(std::string_view text, std::string* stream_arn);

// 32 hex digits, unique per record of a region.
std::string event_id(std::string_view region, std::int64_t stream_id, std::int64_t seq);

// One GetRecords record. `region` is the stream's region.
Json record_json(const Stream& stream, std::string_view region,
                 const storage::StreamRecordRow& row);

}  // namespace tablespan::streams
