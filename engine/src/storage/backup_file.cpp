#include "storage/backup_file.h"

namespace tablespan::storage {

BackupFile::BackupFile(const std::string& path) : db_(path) {
    db_.exec(
        "CREATE TABLE IF NOT EXISTS backup_items("
        "backup_id INTEGER NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL, "
        "size INTEGER NOT NULL, item BLOB NOT NULL, "
        "PRIMARY KEY(backup_id, pk, sk)) WITHOUT ROWID");
    insert_ = db_.prepare("INSERT INTO backup_items(backup_id, pk, sk, size, item) VALUES(?,?,?,?,?)");
    read_first_ = db_.prepare(
        "SELECT pk, sk, size, item FROM backup_items WHERE backup_id=?1 ORDER BY pk, sk LIMIT ?2");
    read_after_ = db_.prepare(
        "SELECT pk, sk, size, item FROM backup_items WHERE backup_id=?1 AND (pk, sk) > (?3, ?4) "
        "ORDER BY pk, sk LIMIT ?2");
}

void BackupFile::insert(std::int64_t backup, std::string_view pk, std::string_view sk,
                        std::int64_t size, std::string_view item) {
    insert_.bind(1, backup).bind_blob(2, pk).bind_blob(3, sk).bind(4, size).bind_blob(5, item);
    insert_.run();
}

std::int64_t BackupFile::erase(std::int64_t backup, std::int64_t limit) {
    db_.prepare(
           "DELETE FROM backup_items WHERE backup_id=?1 AND (pk, sk) IN (SELECT pk, sk FROM "
           "backup_items WHERE backup_id=?1 ORDER BY pk, sk LIMIT ?2)")
        .bind(1, backup)
        .bind(2, limit)
        .run();
    return db_.changes();
}

std::vector<std::int64_t> BackupFile::backup_ids() {
    std::vector<std::int64_t> out;
    // One index seek per backup rather than a scan of every item.
    auto s = db_.prepare(
        "WITH RECURSIVE ids(id) AS (SELECT min(backup_id) FROM backup_items UNION ALL "
        "SELECT (SELECT min(backup_id) FROM backup_items WHERE backup_id > ids.id) FROM ids "
        "WHERE ids.id IS NOT NULL) SELECT id FROM ids WHERE id IS NOT NULL");
    while (s.step()) out.push_back(s.column_int(0));
    return out;
}

std::size_t BackupFile::read(std::int64_t backup, const std::optional<Key>& after,
                             std::size_t limit, const std::function<void(const ItemRow&)>& visit) {
    Statement& s = after ? read_after_ : read_first_;
    struct Reset {
        Statement& s;
        ~Reset() { s.reset(); }
    } reset{s};
    s.bind(1, backup).bind(2, static_cast<std::int64_t>(limit));
    if (after) s.bind_blob(3, after->first).bind_blob(4, after->second);
    std::size_t n = 0;
    while (s.step()) {
        visit(ItemRow{s.column_blob(0), s.column_blob(1), s.column_int(2), s.column_blob(3)});
        ++n;
    }
    return n;
}

}  // namespace tablespan::storage
