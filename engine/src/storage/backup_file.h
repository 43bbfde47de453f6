#pragma once

// The items of a region's on-demand backups, in a file of their own
// (DATA_DIR/backups/<region>.sqlite), so that backups outlive their tables and copying a
// backup never takes the region database's write lock. One connection writes (the
// region's backup worker); others may read at the same time (WAL). Items are rows of a
// rowid table, appended in key order: a ~1 KB item fits in its page, where a key-ordered
// (WITHOUT ROWID) table would spill it to an overflow page of its own.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/region_store.h"
#include "storage/sqlite.h"

namespace tablespan::storage {

using Key = std::pair<std::string, std::string>;  // encoded (partition key, sort key)

class BackupFile {
public:
    // Opens or creates the file and its schema.
    explicit BackupFile(const std::string& path);

    // Chunks commit without waiting for the disk (synchronous=NORMAL): the writes of the
    // region come first. seal() makes everything written so far durable.
    void begin() { db_.exec("BEGIN IMMEDIATE"); }
    void commit() { db_.exec("COMMIT"); }
    void rollback() { db_.exec("ROLLBACK"); }

    void insert(std::int64_t backup, std::string_view pk, std::string_view sk, std::int64_t size,
                std::string_view item);
    // Makes the backup's items durable (one synced commit covers every earlier one).
    void seal(std::int64_t backup);
    // Removes up to `limit` items of the backup; returns how many.
    std::int64_t erase(std::int64_t backup, std::int64_t limit);
    // Ids of the backups that have items here.
    std::vector<std::int64_t> backup_ids();

    // Visits up to `limit` items of the backup after position `after` (0: from the start),
    // in key order (the order they were copied in); returns the position of the last one
    // visited, or `after` when there was none.
    std::int64_t read(std::int64_t backup, std::int64_t after, std::size_t limit,
                      const std::function<void(const ItemRow&)>& visit);

private:
    Database db_;
    Statement insert_, read_;
};

// A consistent read-only view of a backups file: how a cross-region restore reads the
// items of another region's backup. A read-only connection of its own holds one read
// transaction from open to close, so the items it saw stay readable even if the backup
// is deleted and its items erased meanwhile. Used from one thread at a time.
class BackupSnapshot {
public:
    // Opens the existing file at `path`; throws StorageError when it cannot.
    explicit BackupSnapshot(const std::string& path);
    ~BackupSnapshot();
    BackupSnapshot(const BackupSnapshot&) = delete;
    BackupSnapshot& operator=(const BackupSnapshot&) = delete;

    // As BackupFile::read.
    std::int64_t read(std::int64_t backup, std::int64_t after, std::size_t limit,
                      const std::function<void(const ItemRow&)>& visit);

private:
    Database db_;
    Statement read_;
};

}  // namespace tablespan::storage
