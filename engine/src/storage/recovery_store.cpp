#include "storage/recovery_store.h"

namespace tablespan::storage {

RecoveryStore::RecoveryStore(Database& db) : db_(db) {
    current_ = db_.prepare("SELECT size, item FROM items WHERE table_id=? AND pk=? AND sk=?");
    // seq is the rowid: one more than the largest, so records come in write order.
    record_ = db_.prepare(
        "INSERT INTO pitr_history(table_id, pk, sk, ts, size, item) VALUES(?,?,?,?,?,?)");
}

bool RecoveryStore::current_item(std::int64_t table, std::string_view pk, std::string_view sk,
                                 std::int64_t& size, std::string& item) {
    current_.bind(1, table).bind_blob(2, pk).bind_blob(3, sk);
    bool found = current_.step();
    if (found) {
        size = current_.column_int(0);
        item.assign(current_.column_blob(1));
    }
    current_.reset();
    return found;
}

void RecoveryStore::record(std::int64_t table, std::string_view pk, std::string_view sk,
                           std::int64_t ts, std::int64_t size,
                           std::optional<std::string_view> item) {
    record_.bind(1, table).bind_blob(2, pk).bind_blob(3, sk).bind(4, ts).bind(5, size);
    if (item)
        record_.bind_blob(6, *item);
    else
        record_.bind_null(6);
    record_.run();
}

std::int64_t RecoveryStore::prune(std::int64_t table, std::int64_t before) {
    db_.prepare("DELETE FROM pitr_history WHERE table_id=? AND ts<?")
        .bind(1, table)
        .bind(2, before)
        .run();
    return db_.changes();
}

void RecoveryStore::drop_history(std::int64_t table) {
    db_.prepare("DELETE FROM pitr_history WHERE table_id=?").bind(1, table).run();
}

void RecoveryStore::drop_orphaned_history() {
    db_.exec("DELETE FROM pitr_history WHERE table_id NOT IN (SELECT id FROM tables)");
}

HistoryStats RecoveryStore::history_stats(std::int64_t table) {
    auto s = db_.prepare(
        "SELECT count(*), ifnull(sum(length(pk) + length(sk) + ifnull(length(item), 0)), 0), "
        "ifnull(min(ts), 0) FROM pitr_history WHERE table_id=?");
    s.bind(1, table);
    HistoryStats out;
    if (s.step()) out = {s.column_int(0), s.column_int(1), s.column_int(2)};
    return out;
}

HistoryStats RecoveryStore::history_stats_before(std::int64_t table, std::int64_t before) {
    auto s = db_.prepare(
        "SELECT count(*), ifnull(sum(length(pk) + length(sk) + ifnull(length(item), 0)), 0) "
        "FROM pitr_history WHERE table_id=? AND ts<?");
    s.bind(1, table).bind(2, before);
    HistoryStats out;
    if (s.step()) out = {s.column_int(0), s.column_int(1), 0};
    return out;
}

std::int64_t RecoveryStore::oldest_record(std::int64_t table) {
    auto s = db_.prepare("SELECT ifnull(min(ts), 0) FROM pitr_history WHERE table_id=?");
    s.bind(1, table);
    return s.step() ? s.column_int(0) : 0;
}

std::vector<std::int64_t> RecoveryStore::count_by_time(std::int64_t table, std::int64_t from,
                                                       std::int64_t to, std::int64_t bucket,
                                                       std::size_t buckets) {
    std::vector<std::int64_t> out(buckets, 0);
    auto s = db_.prepare(
        "SELECT (ts - ?2) / ?4, count(*) FROM pitr_history INDEXED BY pitr_history_by_time "
        "WHERE table_id=?1 AND ts>=?2 AND ts<?3 GROUP BY 1");
    s.bind(1, table).bind(2, from).bind(3, to).bind(4, bucket);
    while (s.step()) {
        const auto i = static_cast<std::size_t>(s.column_int(0));
        if (i < buckets) out[i] = s.column_int(1);
    }
    return out;
}

std::vector<StoredBackup> RecoveryStore::load_backups() {
    std::vector<StoredBackup> out;
    auto s = db_.prepare("SELECT id, arn, meta FROM backups ORDER BY id");
    while (s.step()) out.push_back({s.column_int(0), s.column_text(1), s.column_text(2)});
    return out;
}

std::int64_t RecoveryStore::insert_backup(const std::string& arn, const std::string& meta) {
    auto s = db_.prepare("INSERT INTO backups(arn, meta) VALUES(?, ?) RETURNING id");
    s.bind_text(1, arn).bind_text(2, meta);
    if (!s.step()) throw StorageError("insert backup returned no id");
    std::int64_t id = s.column_int(0);
    s.reset();
    return id;
}

void RecoveryStore::update_backup(std::int64_t id, const std::string& meta) {
    db_.prepare("UPDATE backups SET meta=? WHERE id=?").bind_text(1, meta).bind(2, id).run();
}

void RecoveryStore::delete_backup(std::int64_t id) {
    db_.prepare("DELETE FROM backups WHERE id=?").bind(1, id).run();
}

bool RecoveryStore::backup_exists(std::int64_t id) {
    auto s = db_.prepare("SELECT 1 FROM backups WHERE id=?");
    s.bind(1, id);
    return s.step();
}

}  // namespace tablespan::storage
