#include "indexes/item_collections.h"

#include <cmath>

#include "api/request_util.h"
#include "core/region.h"

namespace tablespan::indexes {

std::optional<Json> item_collection_metrics(core::Region& region, const api::TableMeta& table,
                                            const api::StorageKey& key, const Json& request) {
    if (api::string_member(request, "ReturnItemCollectionMetrics") != "SIZE") return std::nullopt;
    std::vector<std::int64_t> local;
    for (const auto& ix : table.indexes)
        if (!ix.global) local.push_back(ix.id);
    if (local.empty()) return std::nullopt;
    const double gb = static_cast<double>(region.store().collection_size(table.id, key.pk, local)) /
                      (1024.0 * 1024.0 * 1024.0);
    // A range of whole gigabytes around the size, as the service's example shows
    // [0.0, 1.0] for a small collection (DG:LSI.ItemCollections).
    const double lower = std::floor(gb);
    Json collection_key = Json::object();
    collection_key[table.partition_key.name] =
        encode_value(decode_key_value(table.partition_key.type, key.pk));
    return Json{{"ItemCollectionKey", collection_key},
                {"SizeEstimateRangeGB", {lower, lower + 1.0}}};
}

}  // namespace tablespan::indexes
