// RegionStore: what global tables keep — item versions, tombstones, the change log (the
// durable outbox), per-link cursors and per-origin received watermarks.

#include "storage/region_store.h"

namespace tablespan::storage {

namespace {
std::optional<std::string> optional_blob(const Statement& s, int column) {
    if (s.column_is_null(column)) return std::nullopt;
    return std::string(s.column_blob(column));
}

// Resets a cached statement however the caller leaves.
struct Reset {
    Statement& s;
    ~Reset() { s.reset(); }
};
}  // namespace

std::optional<StoredVersion> RegionStore::get_version(std::int64_t table, std::string_view pk,
                                                      std::string_view sk) {
    // One statement for both places a version can live: one step on the hot path.
    auto& s = cached(
        "SELECT hlc, origin, size, 1 FROM items WHERE table_id=?1 AND pk=?2 AND sk=?3 "
        "UNION ALL SELECT hlc, origin, 0, 0 FROM tombstones WHERE table_id=?1 AND pk=?2 AND "
        "sk=?3 LIMIT 1");
    Reset reset{s};
    s.bind(1, table).bind_blob(2, pk).bind_blob(3, sk);
    if (!s.step()) return std::nullopt;
    return StoredVersion{s.column_int(0), s.column_text(1), s.column_int(3) != 0, s.column_int(2)};
}

void RegionStore::put_tombstone(std::int64_t table, std::string_view pk, std::string_view sk,
                                std::int64_t hlc, std::string_view origin,
                                std::int64_t deleted_at) {
    auto& s = cached(
        "INSERT INTO tombstones(table_id, pk, sk, hlc, origin, deleted_at) VALUES(?,?,?,?,?,?) "
        "ON CONFLICT(table_id, pk, sk) DO UPDATE SET hlc=excluded.hlc, origin=excluded.origin, "
        "deleted_at=excluded.deleted_at");
    s.bind(1, table).bind_blob(2, pk).bind_blob(3, sk).bind(4, hlc).bind_text(5, origin);
    s.bind(6, deleted_at).run();
}

void RegionStore::delete_tombstone(std::int64_t table, std::string_view pk, std::string_view sk) {
    cached("DELETE FROM tombstones WHERE table_id=? AND pk=? AND sk=?")
        .bind(1, table)
        .bind_blob(2, pk)
        .bind_blob(3, sk)
        .run();
}

std::int64_t RegionStore::prune_tombstones(std::int64_t table, std::int64_t deleted_before) {
    cached("DELETE FROM tombstones WHERE table_id=? AND deleted_at<?")
        .bind(1, table)
        .bind(2, deleted_before)
        .run();
    return db_.changes();
}

std::int64_t RegionStore::append_change(std::int64_t table, std::string_view pk,
                                        std::string_view sk, std::int64_t hlc,
                                        std::int64_t written_at,
                                        std::optional<std::string_view> item, std::int64_t size) {
    auto& s = cached(
        "INSERT INTO changes(table_id, pk, sk, hlc, written_at, item, size) "
        "VALUES(?,?,?,?,?,?,?)");
    s.bind(1, table).bind_blob(2, pk).bind_blob(3, sk).bind(4, hlc).bind(5, written_at);
    if (item)
        s.bind_blob(6, *item);
    else
        s.bind_null(6);
    s.bind(7, size).run();
    return db_.last_insert_rowid();
}

std::vector<ChangeRow> RegionStore::changes_after(std::int64_t table, std::int64_t after,
                                                  std::int64_t up_to, std::size_t limit) {
    auto& s = cached(
        "SELECT seq, pk, sk, hlc, written_at, item, size FROM changes "
        "WHERE table_id=? AND seq>? AND seq<=? AND origin IS NULL ORDER BY seq LIMIT ?");
    Reset reset{s};
    s.bind(1, table).bind(2, after).bind(3, up_to).bind(4, static_cast<std::int64_t>(limit));
    std::vector<ChangeRow> out;
    while (s.step())
        out.push_back(ChangeRow{s.column_int(0), std::string(s.column_blob(1)),
                                std::string(s.column_blob(2)), s.column_int(3), s.column_int(4),
                                optional_blob(s, 5), s.column_int(6)});
    return out;
}

std::int64_t RegionStore::count_changes_after(std::int64_t table, std::int64_t after) {
    auto& s = cached("SELECT count(*) FROM changes WHERE table_id=? AND seq>? AND origin IS NULL");
    Reset reset{s};
    s.bind(1, table).bind(2, after);
    return s.step() ? s.column_int(0) : 0;
}

std::int64_t RegionStore::last_change_seq() {
    auto& s = cached("SELECT seq FROM sqlite_sequence WHERE name='changes'");
    Reset reset{s};
    return s.step() ? s.column_int(0) : 0;
}

void RegionStore::prune_changes(std::int64_t table, std::int64_t up_to,
                                std::int64_t stream_before) {
    cached(
        "DELETE FROM changes WHERE table_id=? AND seq<=? AND origin IS NULL AND "
        "(stream_id IS NULL OR written_at<?)")
        .bind(1, table)
        .bind(2, up_to)
        .bind(3, stream_before)
        .run();
}

std::vector<LinkRow> RegionStore::load_links() {
    std::vector<LinkRow> out;
    auto s = db_.prepare("SELECT table_id, destination, cursor FROM replication_links");
    while (s.step()) out.push_back(LinkRow{s.column_int(0), s.column_text(1), s.column_int(2)});
    return out;
}

void RegionStore::set_link(std::int64_t table, std::string_view destination, std::int64_t cursor) {
    cached(
        "INSERT INTO replication_links(table_id, destination, cursor) VALUES(?,?,?) "
        "ON CONFLICT(table_id, destination) DO UPDATE SET cursor=excluded.cursor")
        .bind(1, table)
        .bind_text(2, destination)
        .bind(3, cursor)
        .run();
}

void RegionStore::delete_link(std::int64_t table, std::string_view destination) {
    cached("DELETE FROM replication_links WHERE table_id=? AND destination=?")
        .bind(1, table)
        .bind_text(2, destination)
        .run();
}

std::int64_t RegionStore::received(std::int64_t table, std::string_view origin) {
    auto& s = cached("SELECT seq FROM replication_received WHERE table_id=? AND origin=?");
    Reset reset{s};
    s.bind(1, table).bind_text(2, origin);
    return s.step() ? s.column_int(0) : 0;
}

std::int64_t RegionStore::received_hlc(std::int64_t table, std::string_view origin) {
    auto& s = cached("SELECT hlc FROM replication_received WHERE table_id=? AND origin=?");
    Reset reset{s};
    s.bind(1, table).bind_text(2, origin);
    return s.step() ? s.column_int(0) : 0;
}

void RegionStore::set_received(std::int64_t table, std::string_view origin, std::int64_t seq,
                               std::int64_t hlc) {
    cached(
        "INSERT INTO replication_received(table_id, origin, seq, hlc) VALUES(?,?,?,?) "
        "ON CONFLICT(table_id, origin) DO UPDATE SET seq=excluded.seq, hlc=excluded.hlc")
        .bind(1, table)
        .bind_text(2, origin)
        .bind(3, seq)
        .bind(4, hlc)
        .run();
}

std::vector<VersionedRow> RegionStore::rows_newer(
    std::int64_t table, const std::map<std::string, std::int64_t>& floors,
    const std::vector<std::pair<std::string, std::string>>& keys) {
    std::vector<VersionedRow> out;
    auto keep = [&](Statement& s, bool live) {
        std::string origin = s.column_text(3);
        auto floor = floors.find(origin);
        if (floor == floors.end() || s.column_int(2) <= floor->second) return;
        out.push_back(VersionedRow{std::string(s.column_blob(0)), std::string(s.column_blob(1)),
                                   s.column_int(2), std::move(origin),
                                   live ? std::optional<std::string>(std::string(s.column_blob(4)))
                                        : std::nullopt,
                                   live ? s.column_int(5) : 0});
    };
    if (keys.empty()) {
        auto& items = cached("SELECT pk, sk, hlc, origin, item, size FROM items WHERE table_id=?");
        Reset r1{items};
        items.bind(1, table);
        while (items.step()) keep(items, true);
        auto& dead = cached("SELECT pk, sk, hlc, origin FROM tombstones WHERE table_id=?");
        Reset r2{dead};
        dead.bind(1, table);
        while (dead.step()) keep(dead, false);
        return out;
    }
    for (const auto& [pk, sk] : keys) {
        auto& items = cached(
            "SELECT pk, sk, hlc, origin, item, size FROM items WHERE table_id=? AND pk=? AND sk=?");
        Reset r1{items};
        items.bind(1, table).bind_blob(2, pk).bind_blob(3, sk);
        if (items.step()) {
            keep(items, true);
            continue;
        }
        auto& dead = cached(
            "SELECT pk, sk, hlc, origin FROM tombstones WHERE table_id=? AND pk=? AND sk=?");
        Reset r2{dead};
        dead.bind(1, table).bind_blob(2, pk).bind_blob(3, sk);
        if (dead.step()) keep(dead, false);
    }
    return out;
}

std::vector<VersionedRow> RegionStore::versioned_rows(
    std::int64_t table, const std::optional<std::pair<std::string, std::string>>& after,
    std::size_t limit) {
    auto& s = cached(after ? "SELECT pk, sk, hlc, origin, item, size FROM items WHERE "
                             "table_id=?1 AND (pk, sk) > (?2, ?3) ORDER BY pk, sk LIMIT ?4"
                           : "SELECT pk, sk, hlc, origin, item, size FROM items WHERE "
                             "table_id=?1 ORDER BY pk, sk LIMIT ?4");
    Reset reset{s};
    s.bind(1, table).bind(4, static_cast<std::int64_t>(limit));
    if (after) s.bind_blob(2, after->first).bind_blob(3, after->second);
    std::vector<VersionedRow> out;
    while (s.step())
        out.push_back(VersionedRow{std::string(s.column_blob(0)), std::string(s.column_blob(1)),
                                   s.column_int(2), s.column_text(3), std::string(s.column_blob(4)),
                                   s.column_int(5)});
    return out;
}

std::vector<VersionedRow> RegionStore::tombstones(std::int64_t table) {
    auto& s = cached("SELECT pk, sk, hlc, origin FROM tombstones WHERE table_id=?");
    Reset reset{s};
    s.bind(1, table);
    std::vector<VersionedRow> out;
    while (s.step())
        out.push_back(VersionedRow{std::string(s.column_blob(0)), std::string(s.column_blob(1)),
                                   s.column_int(2), s.column_text(3), std::nullopt, 0});
    return out;
}

std::int64_t RegionStore::state(std::string_view name) {
    auto& s = cached("SELECT value FROM region_state WHERE name=?");
    Reset reset{s};
    s.bind_text(1, name);
    return s.step() ? s.column_int(0) : 0;
}

void RegionStore::set_state(std::string_view name, std::int64_t value) {
    cached(
        "INSERT INTO region_state(name, value) VALUES(?,?) "
        "ON CONFLICT(name) DO UPDATE SET value=excluded.value")
        .bind_text(1, name)
        .bind(2, value)
        .run();
}

}  // namespace tablespan::storage
