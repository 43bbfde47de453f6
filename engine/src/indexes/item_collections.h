#pragma once

// Item collections of tables with local secondary indexes: everything stored under one
// partition key value, the table's items and their LSI entries (DG:LSI). Writes report
// the collection's size when asked (ReturnItemCollectionMetrics: SIZE).

#include <optional>

#include "api/item_key.h"
#include "api/table_meta.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::indexes {

// The ItemCollectionMetrics of the collection `key` belongs to, when `request` asks for
// them and the table has an LSI (otherwise the service returns none).
std::optional<Json> item_collection_metrics(core::Region& region, const api::TableMeta& table,
                                            const api::StorageKey& key, const Json& request);

}  // namespace tablespan::indexes
