#pragma once

// The item operations' side of provisioned throughput (capacity/throughput.h): admit a
// request before it touches the table, charge what it consumed after.

#include "api/capacity.h"
#include "api/item_key.h"
#include "api/table_meta.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::api {

void admit_write(core::Region& region, const TableMeta& table);
void admit_read(core::Region& region, const TableMeta& table,
                const indexes::SecondaryIndex* index = nullptr);

// Takes a write's units from a PROVISIONED table (and its GSIs), records them in the
// capacity metrics (on-demand tables too) and returns them for ConsumedCapacity.
// A transaction's writes count `factor` 2 (the service prepares and commits each).
WriteUnits charge_write(core::Region& region, const TableMeta& table, const StorageKey& key,
                        const Item* old, const Item* now, const Json& request, double factor = 1);
// A write whose condition failed still consumes the table's units for the item as it is.
void charge_failed_write(core::Region& region, const TableMeta& table, const Item* old);
void charge_read(core::Region& region, const TableMeta& table, const indexes::SecondaryIndex* index,
                 double units);

}  // namespace tablespan::api
