#pragma once

// Reads a table's items and PITR history for backups and restores. Either a consistent
// read-only view of a region's database as of its last commit, on a read-only connection
// of its own (backups copy from it while the region keeps writing, and cross-region
// restores read another region's tables through it; WAL keeps the pages the view needs
// until it closes), or the region's own connection, as it is now. Used from one thread
// at a time.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storage/backup_file.h"
#include "storage/recovery_store.h"
#include "storage/region_store.h"
#include "storage/sqlite.h"

namespace tablespan::storage {

// A key's state before a write, as the PITR history keeps it.
struct HistoryRow {
    std::string_view pk;
    std::string_view sk;
    std::int64_t size;
    std::optional<std::string_view> item;  // nullopt: the key held no item
};

class Snapshot {
public:
    // Opens the existing database at `path` read-only and pins its current committed
    // state. Throws StorageError when it cannot.
    explicit Snapshot(const std::string& path);
    // Reads through `db` (the region's connection), seeing its current state.
    explicit Snapshot(Database& db);
    ~Snapshot();
    Snapshot(const Snapshot&) = delete;
    Snapshot& operator=(const Snapshot&) = delete;

    // Visits up to `limit` items of `table` in key order after `after`; returns how many.
    std::size_t items(std::int64_t table, const std::optional<Key>& after, std::size_t limit,
                      const std::function<void(const ItemRow&)>& visit);

    // For every key in (after, upto] (no bound when nullopt) that was written after engine
    // time `time`: its state at `time`, which is the before-image of its earliest write
    // after `time`. In key order.
    void history_after(std::int64_t table, std::int64_t time, const std::optional<Key>& after,
                       const std::optional<Key>& upto,
                       const std::function<void(const HistoryRow&)>& visit);

    // The catalog rows of the table `name` and of the backup `arn`, as the view holds them.
    std::optional<StoredTable> table(const std::string& name);
    std::optional<StoredBackup> backup(const std::string& arn);

private:
    void prepare();

    std::unique_ptr<Database> owned_;
    Database& db_;
    Statement items_first_, items_after_;
    std::map<int, Statement> history_;  // by variant (bounds present)
};

}  // namespace tablespan::storage
