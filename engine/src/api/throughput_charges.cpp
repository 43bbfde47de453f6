#include "api/throughput_charges.h"

#include "autoscaling/scaler.h"
#include "capacity/throughput.h"
#include "core/region.h"

namespace tablespan::api {

void admit_write(core::Region& region, const TableMeta& table) {
    region.throughput().admit_write(table, region.now());
}

void admit_read(core::Region& region, const TableMeta& table,
                const indexes::SecondaryIndex* index) {
    region.throughput().admit_read(table, index, region.now());
}

WriteUnits charge_write(core::Region& region, const TableMeta& table, const StorageKey& key,
                        const Item* old, const Item* now, const Json& request, double factor) {
    // Every table's units are worked out: on-demand tables have no bucket to take from,
    // but their ConsumedWriteCapacityUnits are metered all the same.
    (void)request;
    WriteUnits units = write_units(table, key, old, now);
    units.table *= factor;
    for (auto& [name, u] : units.global) u *= factor;
    for (auto& [name, u] : units.local) u *= factor;
    region.throughput().charge_write(table, units, region.now());
    autoscaling::note_activity(region, table);
    return units;
}

void charge_failed_write(core::Region& region, const TableMeta& table, const Item* old) {
    WriteUnits units;
    units.table = write_units(old ? static_cast<std::int64_t>(item_size(*old)) : 0);
    region.throughput().charge_write(table, units, region.now());
    autoscaling::note_activity(region, table);
}

void charge_read(core::Region& region, const TableMeta& table, const indexes::SecondaryIndex* index,
                 double units) {
    region.throughput().charge_read(table, index, units, region.now());
    autoscaling::note_activity(region, table);
}

}  // namespace tablespan::api
