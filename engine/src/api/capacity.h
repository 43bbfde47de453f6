#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "api/item_key.h"
#include "api/table_meta.h"
#include "tablespan/json_codec.h"

namespace tablespan::api {

// Capacity units as the service bills them: writes 1 unit per started KB, reads 1 unit
// per started 4 KB (half for eventually consistent reads).
double write_units(std::int64_t bytes);
double read_units(std::int64_t bytes, bool consistent);

// Adds ConsumedCapacity to `response` when ReturnConsumedCapacity asks for it.
void add_consumed_capacity(Json& response, const Json& request, const std::string& table,
                           double units);
// The same for a Query or Scan of a secondary index: `index_units` read from the index,
// `table_units` for attributes an LSI fetched from the table. INDEXES mode splits them.
void add_consumed_capacity(Json& response, const Json& request, const std::string& table,
                           const std::string& index, bool global, double index_units,
                           double table_units);
// The same for batch operations: a list with one entry per table.
void add_consumed_capacity(Json& response, const Json& request,
                           const std::map<std::string, double>& units_by_table);

// What a write consumed: the table's units and those of each index it wrote to.
struct WriteUnits {
    double table = 0;
    std::map<std::string, double> global;  // index name → units
    std::map<std::string, double> local;
    double total() const;
};
// Whether the request asks for ConsumedCapacity (TOTAL or INDEXES).
bool capacity_requested(const Json& request);
// What a write of `table` from `old` to `now` (null: no item) under `key` consumes:
// the table's units for the larger of the two items, and each maintained index's.
WriteUnits write_units(const TableMeta& table, const StorageKey& key, const Item* old,
                       const Item* now);
// ConsumedCapacity of a write: TOTAL gives {TableName, CapacityUnits} with the indexes'
// units in the total; INDEXES adds Table and, for the indexes written to,
// GlobalSecondaryIndexes / LocalSecondaryIndexes {name: {CapacityUnits}}.
void add_consumed_capacity(Json& response, const Json& request, const std::string& table,
                           const WriteUnits& units);
// The same for BatchWriteItem: a list with one entry per table.
void add_consumed_capacity(Json& response, const Json& request,
                           const std::map<std::string, WriteUnits>& units_by_table);

}  // namespace tablespan::api
