#pragma once

// The one place where items of a table are read and written: serialisation, the
// write transaction, the table's ItemCount / TableSizeBytes, and for global tables the
// item versions, tombstones and the change log that replication ships.

#include <optional>

#include "api/item_key.h"
#include "api/table_meta.h"
#include "storage/region_store.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::api {

class ItemStore {
public:
    ItemStore(core::Region& region, TableMeta& table) : region_(region), table_(table) {}

    std::optional<Item> get(const StorageKey& key);
    // Writes `item` (whose size is `size`); `old` is what the key held before.
    void put(const StorageKey& key, const Item& item, std::size_t size,
             const std::optional<Item>& old);
    // `by_ttl`: Time to Live deletes it (its stream record names the service).
    void remove(const StorageKey& key, const Item& old, bool by_ttl = false);

    // A change that arrived by replication and won last-writer-wins against `current`
    // (what the key holds now): writes the item with its version, or — `item` empty —
    // deletes it and leaves a tombstone. Not logged for shipping: the origin region
    // ships its own writes to every replica.
    void apply_replicated(const StorageKey& key, std::int64_t hlc, std::string_view origin,
                          const std::optional<std::string>& item, std::int64_t size,
                          const std::optional<storage::StoredVersion>& current);

private:
    struct Write {
        const StorageKey& key;
        std::int64_t hlc = 0;
        std::optional<std::string_view> bytes;  // the new item serialised; nullopt: a delete
        std::int64_t size = 0;
        const Item* old = nullptr;  // what the key held (null: nothing)
        const Item* now = nullptr;  // what it holds (null: nothing)
        std::string_view origin;    // the region a replicated write came from
        bool by_ttl = false;
    };
    // MRSC: refuses to overwrite another region's write of the item that this region has
    // not seen yet (ReplicatedWriteConflictException, HTTP 409).
    void check_replicated_conflict(const StorageKey& key);
    // Appends the write to the change log: for shipping when it is a local write of a
    // global table, as a stream record when the table has a stream and the write
    // changed something (a write that changes nothing has no record, as in the service).
    void log(const Write& w);

    core::Region& region_;
    TableMeta& table_;
    std::string buffer_;
};

}  // namespace tablespan::api
