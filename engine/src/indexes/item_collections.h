#pragma once

// Item collections of tables with local secondary indexes: everything stored under one
// partition key value, the table's items and their LSI entries (DG:LSI). Writes report
// the collection's size when asked (ReturnItemCollectionMetrics: SIZE).

#include <cstdint>
#include <optional>
#include <string_view>

#include "api/item_key.h"
#include "api/table_meta.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::indexes {

// The bytes a write from `old` (whose stored size is `old_size`) to `now` (`now_size`;
// null: a delete) adds to its item collection: the item and its entries in every
// maintained LSI. Negative when the collection shrinks; 0 for tables without an LSI,
// which have no item collection limit.
std::int64_t collection_growth(const api::TableMeta& table, std::string_view pk,
                               std::string_view sk, const Item* old, std::int64_t old_size,
                               const Item* now, std::int64_t now_size);

// Refuses a write that grows the collection of `pk` by `growth` bytes past the engine's
// limit (EngineOptions::item_collection_size_limit) with the service's
// ItemCollectionSizeLimitExceededException. Writes that do not grow it are not looked
// at. Call before anything is written.
void check_collection_growth(core::Region& region, const api::TableMeta& table, std::string_view pk,
                             std::int64_t growth);

// Keeps the collection's size up to date after a write grew it by `growth` bytes
// (inside the write's transaction). A collection whose size is not kept yet is summed
// when it grows, and left to be summed later when it shrinks.
void note_collection_growth(core::Region& region, const api::TableMeta& table, std::string_view pk,
                            std::int64_t growth);

// The ItemCollectionMetrics of the collection `key` belongs to, when `request` asks for
// them and the table has an LSI (otherwise the service returns none).
std::optional<Json> item_collection_metrics(core::Region& region, const api::TableMeta& table,
                                            const api::StorageKey& key, const Json& request);

}  // namespace tablespan::indexes
