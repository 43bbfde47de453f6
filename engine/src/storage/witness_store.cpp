// RegionStore: what a region keeps as the witness of multi-Region strongly consistent
// tables. A witness has no table: per table name it keeps the latest version of every
// key it received (so that a write acknowledged by the witness is durable in two
// regions, and a strong read can learn it) and its received watermarks.

#include "storage/region_store.h"

namespace tablespan::storage {

namespace {
struct Reset {
    Statement& s;
    ~Reset() { s.reset(); }
};
}  // namespace

std::vector<std::pair<std::string, std::string>> RegionStore::witness_tables() {
    std::vector<std::pair<std::string, std::string>> out;
    auto& s = cached("SELECT name, meta FROM witness_tables ORDER BY name");
    Reset reset{s};
    while (s.step()) out.emplace_back(s.column_text(0), s.column_text(1));
    return out;
}

void RegionStore::put_witness_table(std::string_view name, std::string_view meta) {
    cached(
        "INSERT INTO witness_tables(name, meta) VALUES(?,?) "
        "ON CONFLICT(name) DO UPDATE SET meta=excluded.meta")
        .bind_text(1, name)
        .bind_text(2, meta)
        .run();
}

void RegionStore::delete_witness_table(std::string_view name) {
    for (const char* sql : {"DELETE FROM witness_items WHERE table_name=?",
                            "DELETE FROM witness_received WHERE table_name=?",
                            "DELETE FROM witness_tables WHERE name=?"})
        cached(sql).bind_text(1, name).run();
}

std::optional<StoredVersion> RegionStore::witness_version(std::string_view table,
                                                          std::string_view pk,
                                                          std::string_view sk) {
    auto& s = cached(
        "SELECT hlc, origin, size, item IS NOT NULL FROM witness_items "
        "WHERE table_name=? AND pk=? AND sk=?");
    Reset reset{s};
    s.bind_text(1, table).bind_blob(2, pk).bind_blob(3, sk);
    if (!s.step()) return std::nullopt;
    return StoredVersion{s.column_int(0), s.column_text(1), s.column_int(3) != 0, s.column_int(2)};
}

void RegionStore::put_witness_item(std::string_view table, const VersionedRow& row) {
    auto& s = cached(
        "INSERT INTO witness_items(table_name, pk, sk, hlc, origin, item, size) "
        "VALUES(?,?,?,?,?,?,?) ON CONFLICT(table_name, pk, sk) DO UPDATE SET "
        "hlc=excluded.hlc, origin=excluded.origin, item=excluded.item, size=excluded.size");
    s.bind_text(1, table).bind_blob(2, row.pk).bind_blob(3, row.sk).bind(4, row.hlc);
    s.bind_text(5, row.origin);
    if (row.item)
        s.bind_blob(6, *row.item);
    else
        s.bind_null(6);
    s.bind(7, row.size).run();
}

std::pair<std::int64_t, std::int64_t> RegionStore::witness_received(std::string_view table,
                                                                    std::string_view origin) {
    auto& s = cached("SELECT seq, hlc FROM witness_received WHERE table_name=? AND origin=?");
    Reset reset{s};
    s.bind_text(1, table).bind_text(2, origin);
    if (!s.step()) return {0, 0};
    return {s.column_int(0), s.column_int(1)};
}

void RegionStore::set_witness_received(std::string_view table, std::string_view origin,
                                       std::int64_t seq, std::int64_t hlc) {
    cached(
        "INSERT INTO witness_received(table_name, origin, seq, hlc) VALUES(?,?,?,?) "
        "ON CONFLICT(table_name, origin) DO UPDATE SET seq=excluded.seq, hlc=excluded.hlc")
        .bind_text(1, table)
        .bind_text(2, origin)
        .bind(3, seq)
        .bind(4, hlc)
        .run();
}

std::vector<VersionedRow> RegionStore::witness_rows_newer(
    std::string_view table, const std::map<std::string, std::int64_t>& floors,
    const std::vector<std::pair<std::string, std::string>>& keys) {
    std::vector<VersionedRow> out;
    auto keep = [&](Statement& s) {
        std::string origin = s.column_text(3);
        auto floor = floors.find(origin);
        if (floor == floors.end() || s.column_int(2) <= floor->second) return;
        std::optional<std::string> item;
        if (!s.column_is_null(4)) item = std::string(s.column_blob(4));
        out.push_back(VersionedRow{std::string(s.column_blob(0)), std::string(s.column_blob(1)),
                                   s.column_int(2), std::move(origin), std::move(item),
                                   s.column_int(5)});
    };
    if (keys.empty()) {
        auto& s = cached(
            "SELECT pk, sk, hlc, origin, item, size FROM witness_items WHERE table_name=?");
        Reset reset{s};
        s.bind_text(1, table);
        while (s.step()) keep(s);
        return out;
    }
    auto& s = cached(
        "SELECT pk, sk, hlc, origin, item, size FROM witness_items "
        "WHERE table_name=? AND pk=? AND sk=?");
    for (const auto& [pk, sk] : keys) {
        Reset reset{s};
        s.bind_text(1, table).bind_blob(2, pk).bind_blob(3, sk);
        if (s.step()) keep(s);
    }
    return out;
}

}  // namespace tablespan::storage
