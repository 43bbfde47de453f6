// RegionStore: the entries of secondary indexes.

#include "storage/region_store.h"

namespace tablespan::storage {

namespace {
constexpr const char* kEntryKey =
    "table_id=?1 AND index_id=?2 AND ipk=?3 AND isk=?4 AND tie=?5 "
    "AND pk=?6 AND sk=?7";

void bind_key(Statement& s, std::int64_t table, std::int64_t index, const IndexEntryKey& k) {
    s.bind(1, table).bind(2, index).bind_blob(3, k.ipk).bind_blob(4, k.isk).bind_blob(5, k.tie);
    s.bind_blob(6, k.pk).bind_blob(7, k.sk);
}

// An entry's attributes: its own, or for an entry of an ALL index (which stores none)
// the table item's, read in the same statement.
constexpr const char* kEntryItem =
    "CASE WHEN length(item) > 0 THEN item ELSE (SELECT i.item FROM items i WHERE "
    "i.table_id=index_entries.table_id AND i.pk=index_entries.pk AND i.sk=index_entries.sk) "
    "END";

struct Reset {
    Statement& s;
    ~Reset() { s.reset(); }
};
}  // namespace

bool RegionStore::insert_index_entry(std::int64_t table, std::int64_t index,
                                     const IndexEntryKey& key, std::int64_t size,
                                     std::string_view item) {
    auto& s = cached(
        "INSERT OR IGNORE INTO index_entries(table_id, index_id, ipk, isk, tie, pk, sk, size, "
        "item) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)");
    bind_key(s, table, index, key);
    s.bind(8, size).bind_blob(9, item);
    s.run();
    return db_.changes() == 1;
}

bool RegionStore::update_index_entry(std::int64_t table, std::int64_t index,
                                     const IndexEntryKey& key, std::int64_t size,
                                     std::string_view item) {
    auto& s = cached(std::string("UPDATE index_entries SET size=?8, item=?9 WHERE ") + kEntryKey);
    bind_key(s, table, index, key);
    s.bind(8, size).bind_blob(9, item);
    s.run();
    return db_.changes() == 1;
}

bool RegionStore::delete_index_entry(std::int64_t table, std::int64_t index,
                                     const IndexEntryKey& key) {
    auto& s = cached(std::string("DELETE FROM index_entries WHERE ") + kEntryKey);
    bind_key(s, table, index, key);
    s.run();
    return db_.changes() == 1;
}

std::int64_t RegionStore::collection_size(std::int64_t table, std::string_view pk,
                                          const std::vector<std::int64_t>& local_indexes) {
    auto& items = cached("SELECT COALESCE(SUM(size), 0) FROM items WHERE table_id=?1 AND pk=?2");
    items.bind(1, table).bind_blob(2, pk);
    std::int64_t total = items.step() ? items.column_int(0) : 0;
    items.reset();
    auto& entries = cached(
        "SELECT COALESCE(SUM(size), 0) FROM index_entries WHERE table_id=?1 AND index_id=?2 AND "
        "ipk=?3");
    for (std::int64_t index : local_indexes) {
        entries.bind(1, table).bind(2, index).bind_blob(3, pk);
        total += entries.step() ? entries.column_int(0) : 0;
        entries.reset();
    }
    return total;
}

std::optional<std::int64_t> RegionStore::kept_collection_size(std::int64_t table,
                                                              std::string_view pk) {
    auto& s = cached("SELECT size FROM item_collections WHERE table_id=?1 AND pk=?2");
    Reset reset{s};
    s.bind(1, table).bind_blob(2, pk);
    if (!s.step()) return std::nullopt;
    return s.column_int(0);
}

void RegionStore::keep_collection_size(std::int64_t table, std::string_view pk, std::int64_t size) {
    if (size <= 0) {
        cached("DELETE FROM item_collections WHERE table_id=?1 AND pk=?2")
            .bind(1, table)
            .bind_blob(2, pk)
            .run();
        return;
    }
    cached(
        "INSERT INTO item_collections(table_id, pk, size) VALUES(?1,?2,?3) "
        "ON CONFLICT(table_id, pk) DO UPDATE SET size=excluded.size")
        .bind(1, table)
        .bind_blob(2, pk)
        .bind(3, size)
        .run();
}

void RegionStore::delete_index(std::int64_t table, std::int64_t index) {
    cached("DELETE FROM index_entries WHERE table_id=?1 AND index_id=?2")
        .bind(1, table)
        .bind(2, index)
        .run();
}

void RegionStore::query_index(std::int64_t table, std::int64_t index, std::string_view ipk,
                              const std::optional<RangeBound>& lower,
                              const std::optional<RangeBound>& upper, bool forward,
                              const std::optional<IndexEntryKey>& after,
                              const std::function<bool(const IndexRow&)>& visit) {
    std::string sql = std::string("SELECT isk, tie, pk, sk, size, ") + kEntryItem +
                      " FROM index_entries WHERE table_id=?1 AND index_id=?2 AND ipk=?3";
    if (lower) sql += lower->inclusive ? " AND isk>=?4" : " AND isk>?4";
    if (upper) sql += upper->inclusive ? " AND isk<=?5" : " AND isk<?5";
    if (after)
        sql += forward ? " AND (isk, tie, pk, sk) > (?6, ?7, ?8, ?9)"
                       : " AND (isk, tie, pk, sk) < (?6, ?7, ?8, ?9)";
    sql +=
        forward ? " ORDER BY isk, tie, pk, sk" : " ORDER BY isk DESC, tie DESC, pk DESC, sk DESC";
    auto& s = cached(sql);
    Reset reset{s};
    s.bind(1, table).bind(2, index).bind_blob(3, ipk);
    if (lower) s.bind_blob(4, lower->value);
    if (upper) s.bind_blob(5, upper->value);
    if (after)
        s.bind_blob(6, after->isk)
            .bind_blob(7, after->tie)
            .bind_blob(8, after->pk)
            .bind_blob(9, after->sk);
    while (s.step()) {
        IndexRow row{ipk,
                     s.column_blob(0),
                     s.column_blob(1),
                     s.column_blob(2),
                     s.column_blob(3),
                     s.column_int(4),
                     s.column_blob(5)};
        if (!visit(row)) break;
    }
}

void RegionStore::scan_index(std::int64_t table, std::int64_t index,
                             const std::optional<IndexEntryKey>& after,
                             const std::function<bool(const IndexRow&)>& visit) {
    const std::string select = std::string("SELECT ipk, isk, tie, pk, sk, size, ") + kEntryItem +
                               " FROM index_entries WHERE table_id=?1 AND index_id=?2";
    auto& s = cached(after ? select +
                                 " AND (ipk, isk, tie, pk, sk) > (?3, ?4, ?5, ?6, ?7) "
                                 "ORDER BY ipk, isk, tie, pk, sk"
                           : select + " ORDER BY ipk, isk, tie, pk, sk");
    Reset reset{s};
    s.bind(1, table).bind(2, index);
    if (after)
        s.bind_blob(3, after->ipk)
            .bind_blob(4, after->isk)
            .bind_blob(5, after->tie)
            .bind_blob(6, after->pk)
            .bind_blob(7, after->sk);
    while (s.step()) {
        IndexRow row{s.column_blob(0), s.column_blob(1), s.column_blob(2), s.column_blob(3),
                     s.column_blob(4), s.column_int(5),  s.column_blob(6)};
        if (!visit(row)) break;
    }
}

}  // namespace tablespan::storage
