#include "streams/stream_format.h"

#include <charconv>
#include <cstdio>

#include "api/item_key.h"
#include "tablespan/attribute_value.h"

namespace tablespan::streams {

namespace {
std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::uint64_t hash_text(std::string_view text, std::uint64_t seed) {
    std::uint64_t h = 1469598103934665603ULL ^ seed;  // FNV-1a, then mixed
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return mix(h);
}

std::string hex(std::uint64_t v, int digits) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return std::string(buf + 16 - digits, static_cast<std::size_t>(digits));
}

bool parse_int(std::string_view text, std::int64_t& out) {
    if (text.empty()) return false;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

constexpr std::uint64_t kIteratorSeed = 0x7461626c65737061ULL;  // "tablespa"

std::string iterator_payload(const IteratorState& s) {
    return std::to_string(s.stream_id) + ":" + std::to_string(s.shard_no) + ":" +
           std::to_string(s.position) + ":" + std::to_string(s.issued_at);
}
}  // namespace

std::string format_sequence(std::int64_t seq) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "1%020lld", static_cast<long long>(seq));
    return buf;
}

std::optional<std::int64_t> parse_sequence(std::string_view text) {
    if (text.size() != 21 || text.front() != '1') return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9') return std::nullopt;
    std::int64_t seq = 0;
    if (!parse_int(text.substr(1), seq)) return std::nullopt;
    return seq;
}

std::string shard_id(const Stream& stream, std::int64_t shard_no, Millis opened_at) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%020lld", static_cast<long long>(opened_at));
    return "shardId-" + std::string(buf) + "-" +
           hex(hash_text(stream.arn + "#" + std::to_string(shard_no), 0), 8);
}

std::string encode_iterator(const Stream& stream, const IteratorState& state) {
    const std::string payload = iterator_payload(state);
    const std::string body =
        payload + ":" + hex(hash_text(stream.arn + "|" + payload, kIteratorSeed), 16);
    return stream.arn + "|1|" + base64_encode(body);
}

std::optional<IteratorState> decode_iterator(std::string_view text, std::string* stream_arn) {
    const auto bar = text.find("|1|");
    if (bar == std::string_view::npos) return std::nullopt;
    const std::string arn(text.substr(0, bar));
    std::string body;
    if (!base64_decode(text.substr(bar + 3), body)) return std::nullopt;
    std::int64_t fields[4];
    std::string_view rest = body;
    for (auto& field : fields) {
        const auto colon = rest.find(':');
        if (colon == std::string_view::npos || !parse_int(rest.substr(0, colon), field))
            return std::nullopt;
        rest.remove_prefix(colon + 1);
    }
    IteratorState s{fields[0], fields[1], fields[2], fields[3]};
    if (rest != hex(hash_text(arn + "|" + iterator_payload(s), kIteratorSeed), 16))
        return std::nullopt;
    if (stream_arn) *stream_arn = arn;
    return s;
}

std::string event_id(std::string_view region, std::int64_t stream_id, std::int64_t seq) {
    const std::string key =
        std::string(region) + "/" + std::to_string(stream_id) + "/" + std::to_string(seq);
    return hex(hash_text(key, 1), 16) + hex(hash_text(key, 2), 16);
}

Json record_json(const Stream& stream, std::string_view region,
                 const storage::StreamRecordRow& row) {
    api::TableMeta keys;  // only its key schema, to decode the stored key
    keys.partition_key = stream.partition_key;
    keys.sort_key = stream.sort_key;
    const AttributeMap key = api::key_from_storage(keys, row.pk, row.sk);
    std::size_t size = item_size(key);
    Json dynamodb = {{"ApproximateCreationDateTime", row.written_at / 1000},
                     {"Keys", encode_item(key)}};
    if (stream.wants_new() && row.item) {
        const Item item = deserialize_item(*row.item);
        size += item_size(item);
        dynamodb["NewImage"] = encode_item(item);
    }
    if (stream.wants_old() && row.old_item) {
        const Item item = deserialize_item(*row.old_item);
        size += item_size(item);
        dynamodb["OldImage"] = encode_item(item);
    }
    dynamodb["SequenceNumber"] = format_sequence(row.seq);
    dynamodb["SizeBytes"] = size;
    dynamodb["StreamViewType"] = stream.view_type;
    static constexpr const char* kNames[] = {"", "INSERT", "MODIFY", "REMOVE"};
    Json record = {{"eventID", event_id(region, stream.id, row.seq)},
                   {"eventName", kNames[row.event >= 1 && row.event <= 3 ? row.event : 0]},
                   {"eventVersion", "1.0"},  // BC-ex GetRecords; Lambda events say 1.1
                   {"eventSource", "aws:dynamodb"},
                   {"awsRegion", region},
                   {"dynamodb", std::move(dynamodb)}};
    // The Streams API model names these members PrincipalId and Type; Lambda's event JSON
    // spells them principalId and type (../shared/reference/dynamodb-data-plane.md §3.4).
    if (row.by_ttl)
        record["userIdentity"] = {{"PrincipalId", "dynamodb.amazonaws.com"}, {"Type", "Service"}};
    return record;
}

}  // namespace tablespan::streams
