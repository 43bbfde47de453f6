// RegionStore: what DynamoDB Streams keep — streams, their shards, and their records,
// which live in the change log beside replication's outbox (one log, one append per
// write, in the write's transaction).

#include "storage/region_store.h"

namespace tablespan::storage {

namespace {
std::optional<std::string> optional_blob(const Statement& s, int column) {
    if (s.column_is_null(column)) return std::nullopt;
    return std::string(s.column_blob(column));
}

void bind_optional_blob(Statement& s, int index, const std::optional<std::string_view>& value) {
    if (value)
        s.bind_blob(index, *value);
    else
        s.bind_null(index);
}

struct Reset {
    Statement& s;
    ~Reset() { s.reset(); }
};
}  // namespace

std::int64_t RegionStore::append_change(const NewChange& c) {
    auto& s = cached(
        "INSERT INTO changes(table_id, pk, sk, hlc, written_at, item, size, stream_id, event, "
        "old_item, origin, by_ttl) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, c.table).bind_blob(2, c.pk).bind_blob(3, c.sk).bind(4, c.hlc).bind(5, c.written_at);
    bind_optional_blob(s, 6, c.item);
    s.bind(7, c.size);
    if (c.stream_id)
        s.bind(8, c.stream_id).bind(9, std::int64_t{c.event});
    else
        s.bind_null(8).bind_null(9);
    bind_optional_blob(s, 10, c.old_item);
    if (c.origin.empty())
        s.bind_null(11);
    else
        s.bind_text(11, c.origin);
    s.bind(12, std::int64_t{c.by_ttl ? 1 : 0}).run();
    return db_.last_insert_rowid();
}

std::vector<StoredStream> RegionStore::load_streams() {
    std::vector<StoredStream> out;
    auto s = db_.prepare("SELECT id, arn, meta FROM streams ORDER BY id");
    while (s.step())
        out.push_back(StoredStream{s.column_int(0), s.column_text(1), s.column_text(2)});
    return out;
}

std::int64_t RegionStore::insert_stream(std::string_view arn, std::string_view meta) {
    cached("INSERT INTO streams(arn, meta) VALUES(?,?)").bind_text(1, arn).bind_text(2, meta).run();
    return db_.last_insert_rowid();
}

void RegionStore::update_stream(std::int64_t id, std::string_view meta) {
    cached("UPDATE streams SET meta=? WHERE id=?").bind_text(1, meta).bind(2, id).run();
}

void RegionStore::delete_stream(std::int64_t id) {
    for (const char* sql :
         {"DELETE FROM changes WHERE stream_id=? AND table_id=0",
          "UPDATE changes SET stream_id=NULL, event=NULL, old_item=NULL "
          "WHERE stream_id=?",
          "DELETE FROM stream_shards WHERE stream_id=?", "DELETE FROM streams WHERE id=?"})
        cached(sql).bind(1, id).run();
}

std::vector<ShardRow> RegionStore::load_shards(std::int64_t stream) {
    auto& s = cached(
        "SELECT shard_no, shard_id, parent_id, opened_at, first_seq, last_seq, closed_at "
        "FROM stream_shards WHERE stream_id=? ORDER BY shard_no");
    Reset reset{s};
    s.bind(1, stream);
    std::vector<ShardRow> out;
    while (s.step()) {
        ShardRow r;
        r.stream_id = stream;
        r.shard_no = s.column_int(0);
        r.shard_id = s.column_text(1);
        r.parent_id = s.column_text(2);
        r.opened_at = s.column_int(3);
        r.first_seq = s.column_int(4);
        if (!s.column_is_null(5)) r.last_seq = s.column_int(5);
        r.closed_at = s.column_int(6);
        out.push_back(std::move(r));
    }
    return out;
}

void RegionStore::put_shard(const ShardRow& r) {
    auto& s = cached(
        "INSERT INTO stream_shards(stream_id, shard_no, shard_id, parent_id, opened_at, "
        "first_seq, last_seq, closed_at) VALUES(?,?,?,?,?,?,?,?) "
        "ON CONFLICT(stream_id, shard_no) DO UPDATE SET last_seq=excluded.last_seq, "
        "closed_at=excluded.closed_at");
    s.bind(1, r.stream_id).bind(2, r.shard_no).bind_text(3, r.shard_id).bind_text(4, r.parent_id);
    s.bind(5, r.opened_at).bind(6, r.first_seq);
    if (r.last_seq)
        s.bind(7, *r.last_seq);
    else
        s.bind_null(7);
    s.bind(8, r.closed_at).run();
}

std::vector<StreamRecordRow> RegionStore::stream_records(std::int64_t stream, std::int64_t from,
                                                         std::int64_t to, std::size_t limit) {
    auto& s = cached(
        "SELECT seq, pk, sk, written_at, event, item, old_item, origin, by_ttl FROM changes "
        "WHERE stream_id=? AND seq>=? AND seq<=? ORDER BY seq LIMIT ?");
    Reset reset{s};
    s.bind(1, stream).bind(2, from).bind(3, to).bind(4, static_cast<std::int64_t>(limit));
    std::vector<StreamRecordRow> out;
    while (s.step()) {
        StreamRecordRow r;
        r.seq = s.column_int(0);
        r.pk = std::string(s.column_blob(1));
        r.sk = std::string(s.column_blob(2));
        r.written_at = s.column_int(3);
        r.event = static_cast<int>(s.column_int(4));
        r.item = optional_blob(s, 5);
        r.old_item = optional_blob(s, 6);
        if (!s.column_is_null(7)) r.origin = s.column_text(7);
        r.by_ttl = s.column_int(8) != 0;
        out.push_back(std::move(r));
    }
    return out;
}

std::optional<std::pair<std::int64_t, std::int64_t>> RegionStore::first_stream_record(
    std::int64_t stream, std::int64_t from) {
    auto& s = cached(
        "SELECT seq, written_at FROM changes WHERE stream_id=? AND seq>=? ORDER BY seq LIMIT 1");
    Reset reset{s};
    s.bind(1, stream).bind(2, from);
    if (!s.step()) return std::nullopt;
    return std::pair{s.column_int(0), s.column_int(1)};
}

std::int64_t RegionStore::last_stream_record_before(std::int64_t stream, std::int64_t from,
                                                    std::int64_t before) {
    auto& s = cached("SELECT max(seq) FROM changes WHERE stream_id=? AND seq>=? AND written_at<?");
    Reset reset{s};
    s.bind(1, stream).bind(2, from).bind(3, before);
    return s.step() && !s.column_is_null(0) ? s.column_int(0) : 0;
}

std::optional<std::pair<std::string, bool>> RegionStore::stream_record_source(std::int64_t stream,
                                                                              std::int64_t seq) {
    auto& s = cached("SELECT origin, by_ttl FROM changes WHERE stream_id=? AND seq=?");
    Reset reset{s};
    s.bind(1, stream).bind(2, seq);
    if (!s.step()) return std::nullopt;
    return std::pair{s.column_is_null(0) ? std::string() : s.column_text(0), s.column_int(1) != 0};
}

std::int64_t RegionStore::trim_stream(std::int64_t stream, std::int64_t before,
                                      std::int64_t shipped) {
    std::int64_t highest = 0;
    {
        auto& s = cached(
            "SELECT max(seq) FROM changes WHERE stream_id=? AND written_at<? AND "
            "(origin IS NOT NULL OR seq<=?)");
        Reset reset{s};
        s.bind(1, stream).bind(2, before).bind(3, shipped);
        if (s.step() && !s.column_is_null(0)) highest = s.column_int(0);
    }
    if (highest == 0) return 0;
    cached(
        "DELETE FROM changes WHERE stream_id=? AND written_at<? AND (origin IS NOT NULL OR "
        "seq<=?)")
        .bind(1, stream)
        .bind(2, before)
        .bind(3, shipped)
        .run();
    return highest;
}

}  // namespace tablespan::storage
