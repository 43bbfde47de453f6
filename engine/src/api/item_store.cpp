#include "api/item_store.h"

#include "core/region.h"
#include "tablespan/json_codec.h"

namespace tablespan::api {

std::optional<Item> ItemStore::get(const StorageKey& key) {
    if (!region_.store().get_item(table_.id, key.pk, key.sk, buffer_)) return std::nullopt;
    return deserialize_item(buffer_);
}

void ItemStore::put(const StorageKey& key, const Item& item, std::size_t size,
                    const std::optional<Item>& old) {
    region_.begin_write();
    region_.store().put_item(table_.id, key.pk, key.sk, static_cast<std::int64_t>(size),
                             serialize_item(item));
    if (old) {
        table_.size_bytes +=
            static_cast<std::int64_t>(size) - static_cast<std::int64_t>(item_size(*old));
    } else {
        table_.item_count += 1;
        table_.size_bytes += static_cast<std::int64_t>(size);
    }
    region_.note_items_changed(table_, 1);
}

void ItemStore::remove(const StorageKey& key, const Item& old) {
    region_.begin_write();
    region_.store().delete_item(table_.id, key.pk, key.sk);
    table_.item_count -= 1;
    table_.size_bytes -= static_cast<std::int64_t>(item_size(old));
    region_.note_items_changed(table_, 1);
}

}  // namespace tablespan::api
