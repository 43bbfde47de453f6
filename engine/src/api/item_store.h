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
    void remove(const StorageKey& key, const Item& old);

    // A change that arrived by replication and won last-writer-wins against `current`
    // (what the key holds now): writes the item with its version, or — `item` empty —
    // deletes it and leaves a tombstone. Not logged for shipping: the origin region
    // ships its own writes to every replica.
    void apply_replicated(const StorageKey& key, std::int64_t hlc, std::string_view origin,
                          const std::optional<std::string>& item, std::int64_t size,
                          const std::optional<storage::StoredVersion>& current);

private:
    // Appends a local write of a global table to the change log (the outbox).
    void log_change(const StorageKey& key, std::int64_t hlc, std::optional<std::string_view> item,
                    std::int64_t size);

    core::Region& region_;
    TableMeta& table_;
    std::string buffer_;
};

}  // namespace tablespan::api
