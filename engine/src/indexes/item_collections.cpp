#include "indexes/item_collections.h"

#include <cmath>

#include "api/request_util.h"
#include "core/region.h"
#include "indexes/index_entries.h"
#include "tablespan/error.h"

namespace tablespan::indexes {

namespace {
std::vector<std::int64_t> local_index_ids(const api::TableMeta& table) {
    std::vector<std::int64_t> local;
    for (const auto& ix : table.indexes)
        if (!ix.global) local.push_back(ix.id);
    return local;
}

std::int64_t local_entries_size(const api::TableMeta& table, std::string_view pk,
                                std::string_view sk, const Item& item) {
    std::int64_t total = 0;
    for (const auto& ix : table.indexes)
        if (!ix.global && ix.maintained())
            if (auto size = entry_size(table, ix, pk, sk, item)) total += *size;
    return total;
}
}  // namespace

std::int64_t collection_growth(const api::TableMeta& table, std::string_view pk,
                               std::string_view sk, const Item* old, std::int64_t old_size,
                               const Item* now, std::int64_t now_size) {
    bool has_local = false;
    for (const auto& ix : table.indexes) has_local |= !ix.global;
    if (!has_local) return 0;
    std::int64_t growth = 0;
    if (now) growth += now_size + local_entries_size(table, pk, sk, *now);
    if (old) growth -= old_size + local_entries_size(table, pk, sk, *old);
    return growth;
}

void check_collection_growth(core::Region& region, const api::TableMeta& table, std::string_view pk,
                             std::int64_t growth) {
    if (growth <= 0) return;
    auto& store = region.store();
    auto size = store.kept_collection_size(table.id, pk);
    if (!size) size = store.collection_size(table.id, pk, local_index_ids(table));
    if (*size + growth <= region.core().item_collection_size_limit) return;
    // The exception's `message` as the API model documents it
    // (ItemCollectionSizeLimitExceededException.message in
    // ../shared/reference/dynamodb-api-model.json); no capture of the live text was found.
    throw ApiError("ItemCollectionSizeLimitExceededException",
                   "The total size of an item collection has exceeded the maximum limit of 10 "
                   "gigabytes.");
}

void note_collection_growth(core::Region& region, const api::TableMeta& table, std::string_view pk,
                            std::int64_t growth) {
    if (growth == 0) return;
    auto& store = region.store();
    if (auto size = store.kept_collection_size(table.id, pk)) {
        store.keep_collection_size(table.id, pk, *size + growth);
    } else if (growth > 0) {
        // Summed after the write: it holds the growth already.
        store.keep_collection_size(table.id, pk,
                                   store.collection_size(table.id, pk, local_index_ids(table)));
    }
}

std::optional<Json> item_collection_metrics(core::Region& region, const api::TableMeta& table,
                                            const api::StorageKey& key, const Json& request) {
    if (api::string_member(request, "ReturnItemCollectionMetrics") != "SIZE") return std::nullopt;
    std::vector<std::int64_t> local = local_index_ids(table);
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
