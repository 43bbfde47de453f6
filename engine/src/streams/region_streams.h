#pragma once

// A region's DynamoDB streams: which table has which stream, the streams' shards and
// their rollover on engine time, and the 24-hour retention. Used on the region's strand.
//
// A table's stream follows its metadata: whenever a table is saved, sync() opens a new
// stream when the table's stream was just enabled (or the table was just created with
// one) and closes it when the stream was disabled or the table is being deleted. The
// records themselves are appended by the write path (api/item_store.cpp) to the change
// log, in the write's own transaction.

#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "api/table_meta.h"
#include "streams/stream.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::streams {

class RegionStreams {
public:
    explicit RegionStreams(core::Region& region) : region_(region) {}

    // Reads the streams and shards from storage (again after a failed batch).
    void load();
    // Schedules the retention sweeps; opens streams for tables stored before streams were.
    void start();

    // Opens or closes the table's stream to match its metadata (in the write transaction).
    void sync(api::TableMeta& table);
    // The table's enabled stream, or null.
    Stream* active(const api::TableMeta& table);
    Stream* find(std::int64_t id);
    // The stream of this ARN, unless it is past retention.
    Stream* find_arn(std::string_view arn);
    // Every stream not past retention, by ARN.
    std::vector<Stream*> list();

    // Closes the stream's open shard when its lifetime is over and opens its child
    // (in the write transaction). Call before appending a record and before reading.
    void roll(Stream& stream);
    // Shards not past retention, oldest first.
    std::vector<const storage::ShardRow*> shards(const Stream& stream) const;
    const storage::ShardRow* shard(const Stream& stream, std::string_view shard_id) const;
    // The first position in `shard` that retention has not trimmed.
    std::int64_t trim_horizon(const Stream& stream, const storage::ShardRow& shard);
    // Whether reading from `position` would start in trimmed records.
    bool trimmed(const Stream& stream, std::int64_t position);
    // The position just after the shard's last record (its next record, if open).
    std::int64_t latest(const storage::ShardRow& shard);

private:
    void open(api::TableMeta& table);
    void close(Stream& stream, Millis at);
    void open_shard(Stream& stream, std::int64_t shard_no, std::string parent, Millis opened_at,
                    std::int64_t first_seq);
    void save(const Stream& stream);
    void schedule_sweep(Millis at);
    void sweep();

    core::Region& region_;
    std::map<std::int64_t, Stream> streams_;
};

}  // namespace tablespan::streams
