#include "streams/region_streams.h"

#include <algorithm>
#include <limits>

#include "core/region.h"
#include "core/replicator.h"
#include "api/ids.h"
#include "streams/stream_format.h"

namespace tablespan::streams {

namespace {
// Retention is swept hourly; reads treat older records as trimmed whether or not a sweep
// has deleted them yet.
constexpr Millis kSweepIntervalMs = 60LL * 60 * 1000;
// A stream idle for many shard lifetimes gets one empty shard per lifetime, up to this
// many; after that its next shard opens at the current lifetime's start.
constexpr int kMaxEmptyShards = 8;
}  // namespace

void RegionStreams::load() {
    streams_.clear();
    for (const auto& row : region_.store().load_streams()) {
        Stream s = Stream::from_storage(row);
        s.shards = region_.store().load_shards(s.id);
        streams_.emplace(s.id, std::move(s));
    }
}

void RegionStreams::start() {
    schedule_sweep(region_.now() + kSweepIntervalMs);
    region_.post([this] {
        bool missing = false;
        for (auto* t : region_.tables()) missing = missing || (t->stream_enabled && !active(*t));
        if (missing)
            region_.run_internal([this] {
                for (auto* t : region_.tables()) sync(*t);
            });
    });
}

void RegionStreams::sync(api::TableMeta& table) {
    Stream* current = table.stream_id ? find(table.stream_id) : nullptr;
    const bool live = current && !current->disabled_at;
    const bool wanted = table.stream_enabled && table.status != "DELETING";
    if (live && (!wanted || current->label != table.stream_label)) {
        close(*current, region_.now());
        current = nullptr;
    }
    if (wanted && !(live && current)) open(table);
}

Stream* RegionStreams::active(const api::TableMeta& table) {
    if (!table.stream_id) return nullptr;
    Stream* s = find(table.stream_id);
    return s && !s->disabled_at ? s : nullptr;
}

Stream* RegionStreams::find(std::int64_t id) {
    auto it = streams_.find(id);
    return it == streams_.end() ? nullptr : &it->second;
}

Stream* RegionStreams::find_arn(std::string_view arn) {
    for (auto& [id, s] : streams_)
        if (s.arn == arn) return s.expired(region_.now()) ? nullptr : &s;
    return nullptr;
}

std::vector<Stream*> RegionStreams::list() {
    std::vector<Stream*> out;
    for (auto& [id, s] : streams_)
        if (!s.expired(region_.now())) out.push_back(&s);
    std::sort(out.begin(), out.end(),
              [](const Stream* a, const Stream* b) { return a->arn < b->arn; });
    return out;
}

void RegionStreams::open(api::TableMeta& table) {
    region_.begin_write();
    const Millis now = region_.now();
    // Two streams of a table never share a label (and so an ARN).
    Millis at = now;
    std::string label = table.stream_label.empty() ? api::stream_label(at) : table.stream_label;
    auto taken = [&](const std::string& l) {
        const std::string arn = table.arn() + "/stream/" + l;
        return std::any_of(streams_.begin(), streams_.end(),
                           [&](const auto& e) { return e.second.arn == arn; });
    };
    while (taken(label)) label = api::stream_label(++at);
    table.stream_label = label;

    Stream s;
    s.label = label;
    s.arn = table.arn() + "/stream/" + label;
    s.table_name = table.name;
    s.table_arn = table.arn();
    s.view_type = table.stream_view_type;
    s.partition_key = table.partition_key;
    s.sort_key = table.sort_key;
    s.created_at = now;
    // ENABLING while the table is CREATING or UPDATING for it.
    s.enabled_at = table.status_until > now ? table.status_until : now;
    s.id = region_.store().insert_stream(s.arn, s.to_storage());
    open_shard(s, 0, "", now, region_.store().last_change_seq() + 1);
    table.stream_id = s.id;
    streams_.emplace(s.id, std::move(s));
}

void RegionStreams::close(Stream& stream, Millis at) {
    region_.begin_write();
    roll(stream);
    if (!stream.shards.empty() && !stream.shards.back().last_seq) {
        auto& shard = stream.shards.back();
        shard.last_seq = region_.store().last_change_seq();
        shard.closed_at = at;
        region_.store().put_shard(shard);
    }
    stream.disabled_at = at;
    save(stream);
}

void RegionStreams::open_shard(Stream& stream, std::int64_t shard_no, std::string parent,
                               Millis opened_at, std::int64_t first_seq) {
    storage::ShardRow shard;
    shard.stream_id = stream.id;
    shard.shard_no = shard_no;
    shard.shard_id = shard_id(stream, shard_no, opened_at);
    shard.parent_id = std::move(parent);
    shard.opened_at = opened_at;
    shard.first_seq = first_seq;
    region_.store().put_shard(shard);
    stream.shards.push_back(std::move(shard));
}

void RegionStreams::save(const Stream& stream) {
    region_.store().update_stream(stream.id, stream.to_storage());
}

void RegionStreams::roll(Stream& stream) {
    if (stream.disabled_at || stream.shards.empty()) return;
    const Millis lifetime = region_.core().stream_shard_lifetime;
    const Millis now = region_.now();
    if (lifetime <= 0 || now < stream.shards.back().opened_at + lifetime) return;
    region_.begin_write();
    const std::int64_t last = region_.store().last_change_seq();
    for (int n = 1; now >= stream.shards.back().opened_at + lifetime; ++n) {
        storage::ShardRow& shard = stream.shards.back();
        const Millis due = shard.opened_at + lifetime;
        shard.last_seq = last;
        shard.closed_at = due;
        region_.store().put_shard(shard);
        const Millis opened = n < kMaxEmptyShards ? due : now - (now - due) % lifetime;
        open_shard(stream, shard.shard_no + 1, shard.shard_id, opened, last + 1);
    }
}

std::vector<const storage::ShardRow*> RegionStreams::shards(const Stream& stream) const {
    const Millis horizon = region_.now() - kRetentionMs;
    std::vector<const storage::ShardRow*> out;
    for (const auto& shard : stream.shards)
        if (!shard.last_seq || shard.closed_at >= horizon) out.push_back(&shard);
    return out;
}

const storage::ShardRow* RegionStreams::shard(const Stream& stream,
                                              std::string_view shard_id) const {
    for (const auto* s : shards(stream))
        if (s->shard_id == shard_id) return s;
    return nullptr;
}

std::int64_t RegionStreams::trim_horizon(const Stream& stream, const storage::ShardRow& shard) {
    std::int64_t position = std::max(shard.first_seq, stream.trimmed_seq + 1);
    const std::int64_t old = region_.store().last_stream_record_before(
        stream.id, position, region_.now() - kRetentionMs);
    return std::max(position, old + 1);
}

bool RegionStreams::trimmed(const Stream& stream, std::int64_t position) {
    if (position <= stream.trimmed_seq) return true;
    auto first = region_.store().first_stream_record(stream.id, position);
    return first && first->second < region_.now() - kRetentionMs;
}

std::int64_t RegionStreams::latest(const storage::ShardRow& shard) {
    return shard.last_seq ? *shard.last_seq + 1 : region_.store().last_change_seq() + 1;
}

void RegionStreams::schedule_sweep(Millis at) {
    region_.core().scheduler.schedule_at(at, [this] {
        region_.post([this] {
            sweep();
            schedule_sweep(region_.now() + kSweepIntervalMs);
        });
    });
}

void RegionStreams::sweep() {
    const Millis now = region_.now();
    const Millis before = now - kRetentionMs;
    std::vector<std::int64_t> work;
    for (const auto& [id, s] : streams_)
        if (s.created_at < before || s.expired(now)) work.push_back(id);
    if (work.empty()) return;
    region_.run_internal([this, work, before, now] {
        for (std::int64_t id : work) {
            Stream* s = find(id);
            if (!s) continue;
            if (s->expired(now)) {
                region_.store().delete_stream(id);
                streams_.erase(id);
                continue;
            }
            // A global table's own writes stay until every replica has them.
            std::int64_t shipped = std::numeric_limits<std::int64_t>::max();
            if (const auto* t = region_.find_table(s->table_name); t && t->stream_id == id)
                shipped = region_.replicator().shipped(t->id);
            const std::int64_t highest = region_.store().trim_stream(id, before, shipped);
            if (highest > s->trimmed_seq) {
                s->trimmed_seq = highest;
                save(*s);
            }
        }
    });
}

}  // namespace tablespan::streams
