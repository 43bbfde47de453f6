#pragma once

// The one place where items of a table are read and written: serialisation, the
// write transaction, and the table's ItemCount / TableSizeBytes.

#include <optional>

#include "api/item_key.h"
#include "api/table_meta.h"

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

private:
    core::Region& region_;
    TableMeta& table_;
    std::string buffer_;
};

}  // namespace tablespan::api
