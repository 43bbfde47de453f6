#pragma once

// What backups and point-in-time recovery keep in a region's own database (schema
// version 3): the PITR history of every table with PITR enabled — one before-image per
// write, kept for the recovery window — and the catalog of the region's backups (their
// items live in the backups file, see backup_file.h). Uses the region's connection, so
// it runs on the region's strand and writes inside the region's batch transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sqlite.h"

namespace tablespan::storage {

struct StoredBackup {
    std::int64_t id = 0;
    std::string arn;
    std::string meta;  // JSON document
};

struct HistoryStats {
    std::int64_t versions = 0;
    std::int64_t bytes = 0;   // keys and before-images as stored
    std::int64_t oldest = 0;  // engine time of the oldest record (0: none)
};

class RecoveryStore {
public:
    explicit RecoveryStore(Database& db);

    // ---- PITR history ----
    // Reads what the key holds now (size and item bytes); false when absent.
    bool current_item(std::int64_t table, std::string_view pk, std::string_view sk,
                      std::int64_t& size, std::string& item);
    // Appends a before-image written at engine time `ts` (item empty: the key was absent).
    // Records are numbered in write order (seq).
    void record(std::int64_t table, std::string_view pk, std::string_view sk, std::int64_t ts,
                std::int64_t size, std::optional<std::string_view> item);
    // Removes the records of `table` older than `before` (engine time); returns how many.
    std::int64_t prune(std::int64_t table, std::int64_t before);
    void drop_history(std::int64_t table);
    // Removes the history of tables that no longer exist.
    void drop_orphaned_history();
    // Counts and sizes every record of the table (a scan of its history).
    HistoryStats history_stats(std::int64_t table);
    // The records older than `before` (engine time), through the time index.
    HistoryStats history_stats_before(std::int64_t table, std::int64_t before);
    std::int64_t oldest_record(std::int64_t table);
    // How many records of `table` fall in each bucket of `bucket` ms from `from` up to
    // `to` (exclusive), through the time index; `buckets` entries.
    std::vector<std::int64_t> count_by_time(std::int64_t table, std::int64_t from, std::int64_t to,
                                            std::int64_t bucket, std::size_t buckets);

    // ---- backup catalog ----
    std::vector<StoredBackup> load_backups();
    std::int64_t insert_backup(const std::string& arn, const std::string& meta);
    void update_backup(std::int64_t id, const std::string& meta);
    void delete_backup(std::int64_t id);
    bool backup_exists(std::int64_t id);

private:
    Database& db_;
    Statement current_, record_;
};

}  // namespace tablespan::storage
