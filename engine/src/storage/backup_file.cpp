#include "storage/backup_file.h"

namespace tablespan::storage {

namespace {
constexpr const char* kReadSql =
    "SELECT id, pk, sk, size, item FROM backup_rows WHERE backup_id=?1 AND id>?2 "
    "ORDER BY id LIMIT ?3";

std::int64_t read_rows(Statement& read, std::int64_t backup, std::int64_t after, std::size_t limit,
                       const std::function<void(const ItemRow&)>& visit) {
    struct Reset {
        Statement& s;
        ~Reset() { s.reset(); }
    } reset{read};
    read.bind(1, backup).bind(2, after).bind(3, static_cast<std::int64_t>(limit));
    std::int64_t last = after;
    while (read.step()) {
        last = read.column_int(0);
        visit(ItemRow{read.column_blob(1), read.column_blob(2), read.column_int(3),
                      read.column_blob(4)});
    }
    return last;
}
}  // namespace

BackupFile::BackupFile(const std::string& path) : db_(path) {
    db_.exec(
        "CREATE TABLE IF NOT EXISTS backup_rows(id INTEGER PRIMARY KEY, "
        "backup_id INTEGER NOT NULL, pk BLOB NOT NULL, sk BLOB NOT NULL, size INTEGER NOT NULL, "
        "item BLOB NOT NULL)");
    db_.exec("CREATE INDEX IF NOT EXISTS backup_rows_by_backup ON backup_rows(backup_id)");
    db_.exec("CREATE TABLE IF NOT EXISTS sealed(backup_id INTEGER PRIMARY KEY)");
    db_.exec("PRAGMA user_version=1");
    db_.exec("PRAGMA synchronous=NORMAL");
    insert_ =
        db_.prepare("INSERT INTO backup_rows(backup_id, pk, sk, size, item) VALUES(?,?,?,?,?)");
    read_ = db_.prepare(kReadSql);
}

void BackupFile::insert(std::int64_t backup, std::string_view pk, std::string_view sk,
                        std::int64_t size, std::string_view item) {
    insert_.bind(1, backup).bind_blob(2, pk).bind_blob(3, sk).bind(4, size).bind_blob(5, item);
    insert_.run();
}

void BackupFile::seal(std::int64_t backup) {
    // In WAL mode a synced commit syncs the log, and with it every commit before it.
    db_.exec("PRAGMA synchronous=FULL");
    try {
        db_.prepare("INSERT OR REPLACE INTO sealed(backup_id) VALUES(?)").bind(1, backup).run();
    } catch (...) {
        db_.exec("PRAGMA synchronous=NORMAL");
        throw;
    }
    db_.exec("PRAGMA synchronous=NORMAL");
}

std::int64_t BackupFile::erase(std::int64_t backup, std::int64_t limit) {
    db_.prepare(
           "DELETE FROM backup_rows WHERE id IN (SELECT id FROM backup_rows WHERE "
           "backup_id=?1 LIMIT ?2)")
        .bind(1, backup)
        .bind(2, limit)
        .run();
    std::int64_t erased = db_.changes();
    if (erased < limit) db_.prepare("DELETE FROM sealed WHERE backup_id=?").bind(1, backup).run();
    return erased;
}

std::vector<std::int64_t> BackupFile::backup_ids() {
    std::vector<std::int64_t> out;
    // One index seek per backup rather than a scan of every item.
    auto s = db_.prepare(
        "WITH RECURSIVE ids(id) AS (SELECT min(backup_id) FROM backup_rows UNION ALL "
        "SELECT (SELECT min(backup_id) FROM backup_rows WHERE backup_id > ids.id) FROM ids "
        "WHERE ids.id IS NOT NULL) SELECT id FROM ids WHERE id IS NOT NULL");
    while (s.step()) out.push_back(s.column_int(0));
    return out;
}

std::int64_t BackupFile::read(std::int64_t backup, std::int64_t after, std::size_t limit,
                              const std::function<void(const ItemRow&)>& visit) {
    return read_rows(read_, backup, after, limit, visit);
}

BackupSnapshot::BackupSnapshot(const std::string& path) : db_(path, Database::Mode::ReadOnly) {
    read_ = db_.prepare(kReadSql);
    // A read transaction sees the file as of its first read until it ends.
    db_.exec("BEGIN");
    db_.prepare("SELECT count(*) FROM sealed").step();
}

BackupSnapshot::~BackupSnapshot() {
    read_ = {};  // statements go before their connection
    try {
        db_.exec("COMMIT");
    } catch (...) {
    }
}

std::int64_t BackupSnapshot::read(std::int64_t backup, std::int64_t after, std::size_t limit,
                                  const std::function<void(const ItemRow&)>& visit) {
    return read_rows(read_, backup, after, limit, visit);
}

}  // namespace tablespan::storage
