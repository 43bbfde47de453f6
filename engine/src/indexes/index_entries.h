#pragma once

// Keeping secondary indexes equal to their table: the entry an item has in an index,
// the changes a write makes to every index (inside the write's transaction), and the
// checks a write's index key attributes must pass before anything is written.

#include <optional>
#include <string_view>

#include "api/table_meta.h"
#include "storage/region_store.h"

namespace tablespan::indexes {

// The encoded index-key part of a position (index partition key, sort key, tie-break)
// for an item with these attributes and table key; nullopt when not indexed.
std::optional<storage::IndexEntryKey> entry_key(const SecondaryIndex& index, std::string_view pk,
                                                std::string_view sk, const AttributeMap& attrs);

// Brings every maintained index of `table` from `old` to `now` (null: no item), and the
// indexes' ItemCount and IndexSizeBytes with them. Call inside the write transaction.
// `now_size`, when known, is item_size(*now). Entries of ALL indexes hold no attributes:
// index reads take them from the table row (RegionStore::query_index, scan_index).
void update_entries(storage::RegionStore& store, api::TableMeta& table, std::string_view pk,
                    std::string_view sk, const Item* old, const Item* now,
                    std::int64_t now_size = -1);

// The write units a write from `old` to `now` (null: no item) costs in one index
// (DG:GSI, "Provisioned throughput considerations"): putting a new entry costs its
// size in KB, removing one the old entry's, moving it to another index key both,
// rewriting it in place (projected attributes changed) the larger of the two; an
// entry that does not change, or an item in the index neither before nor after,
// costs nothing.
double write_units(const api::TableMeta& table, const SecondaryIndex& index, std::string_view pk,
                   std::string_view sk, const Item* old, const Item* now);

// The size of the entry `item` has in `index`; nullopt when it is not in the index.
std::optional<std::int64_t> entry_size(const api::TableMeta& table, const SecondaryIndex& index,
                                       std::string_view pk, std::string_view sk, const Item& item);

// Backfill: adds the entry of an item already in the table unless a write since the
// backfill began added it; true when it was added. `size`: item_size(item), when known.
bool add_entry(storage::RegionStore& store, const api::TableMeta& table, SecondaryIndex& index,
               std::string_view pk, std::string_view sk, const Item& item, std::int64_t size = -1);

// How a write produced the item, for the wording of index key errors.
enum class WriteKind { Put, UpdateExpression };

// Refuses an item whose index key attributes do not fit an index: a wrong type
// ("Type mismatch for Index Key …"), an empty string or binary, a key over the size
// limits. Items without an index key attribute are fine (sparse).
void check_index_keys(const api::TableMeta& table, const Item& item, WriteKind kind);

}  // namespace tablespan::indexes
