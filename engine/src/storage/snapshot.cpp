#include "storage/snapshot.h"

namespace tablespan::storage {

Snapshot::Snapshot(const std::string& path)
    : owned_(std::make_unique<Database>(path, Database::Mode::ReadOnly)), db_(*owned_) {
    prepare();
    // A read transaction sees the database as of its first read until it ends.
    db_.exec("BEGIN");
    db_.prepare("SELECT count(*) FROM schema_version").step();
}

Snapshot::Snapshot(Database& db) : db_(db) {
    prepare();
}

void Snapshot::prepare() {
    items_first_ = db_.prepare(
        "SELECT pk, sk, size, item FROM items WHERE table_id=?1 ORDER BY pk, sk LIMIT ?2");
    items_after_ = db_.prepare(
        "SELECT pk, sk, size, item FROM items WHERE table_id=?1 AND (pk, sk) > (?3, ?4) "
        "ORDER BY pk, sk LIMIT ?2");
}

Snapshot::~Snapshot() {
    // Statements go before their connection.
    items_first_ = {};
    items_after_ = {};
    history_.clear();
    if (owned_) {
        try {
            db_.exec("COMMIT");
        } catch (...) {
        }
    }
}

std::size_t Snapshot::items(std::int64_t table, const std::optional<Key>& after, std::size_t limit,
                            const std::function<void(const ItemRow&)>& visit) {
    Statement& s = after ? items_after_ : items_first_;
    struct Reset {
        Statement& s;
        ~Reset() { s.reset(); }
    } reset{s};
    s.bind(1, table).bind(2, static_cast<std::int64_t>(limit));
    if (after) s.bind_blob(3, after->first).bind_blob(4, after->second);
    std::size_t n = 0;
    while (s.step()) {
        visit(ItemRow{s.column_blob(0), s.column_blob(1), s.column_int(2), s.column_blob(3)});
        ++n;
    }
    return n;
}

void Snapshot::history_after(std::int64_t table, std::int64_t time, const std::optional<Key>& after,
                             const std::optional<Key>& upto,
                             const std::function<void(const HistoryRow&)>& visit) {
    const int variant = (after ? 1 : 0) | (upto ? 2 : 0);
    auto it = history_.find(variant);
    if (it == history_.end()) {
        // SQLite takes the bare columns of a min() aggregate from the row holding the
        // minimum: the earliest record after `time` of each key.
        // The key index, always: it bounds the scan to the chunk's keys and yields them in
        // order (the time index would scan the table's whole history for every chunk).
        std::string sql =
            "SELECT pk, sk, size, item, min(seq) FROM pitr_history "
            "INDEXED BY pitr_history_by_key WHERE table_id=?1 AND ts>?2";
        if (after) sql += " AND (pk, sk) > (?3, ?4)";
        if (upto) sql += " AND (pk, sk) <= (?5, ?6)";
        sql += " GROUP BY pk, sk ORDER BY pk, sk";
        it = history_.emplace(variant, db_.prepare(sql)).first;
    }
    Statement& s = it->second;
    struct Reset {
        Statement& s;
        ~Reset() { s.reset(); }
    } reset{s};
    s.bind(1, table).bind(2, time);
    if (after) s.bind_blob(3, after->first).bind_blob(4, after->second);
    if (upto) s.bind_blob(5, upto->first).bind_blob(6, upto->second);
    while (s.step()) {
        HistoryRow row{s.column_blob(0), s.column_blob(1), s.column_int(2), std::nullopt};
        if (!s.column_is_null(3)) row.item = s.column_blob(3);
        visit(row);
    }
}

std::optional<StoredTable> Snapshot::table(const std::string& name) {
    auto s = db_.prepare("SELECT id, name, meta FROM tables WHERE name=?");
    s.bind_text(1, name);
    if (!s.step()) return std::nullopt;
    return StoredTable{s.column_int(0), s.column_text(1), s.column_text(2)};
}

std::optional<StoredBackup> Snapshot::backup(const std::string& arn) {
    auto s = db_.prepare("SELECT id, arn, meta FROM backups WHERE arn=?");
    s.bind_text(1, arn);
    if (!s.step()) return std::nullopt;
    return StoredBackup{s.column_int(0), s.column_text(1), s.column_text(2)};
}

}  // namespace tablespan::storage
