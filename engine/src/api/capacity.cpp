#include "api/capacity.h"

#include "api/request_util.h"
#include "indexes/index_entries.h"

namespace tablespan::api {

double write_units(std::int64_t bytes) {
    return static_cast<double>(std::max<std::int64_t>(1, (bytes + 1023) / 1024));
}

double read_units(std::int64_t bytes, bool consistent) {
    double units = static_cast<double>(std::max<std::int64_t>(1, (bytes + 4095) / 4096));
    return consistent ? units : units / 2;
}

namespace {
Json consumed(const std::string& mode, const std::string& table, double units) {
    Json c = {{"TableName", table}, {"CapacityUnits", units}};
    if (mode == "INDEXES") c["Table"] = {{"CapacityUnits", units}};
    return c;
}
}  // namespace

void add_consumed_capacity(Json& response, const Json& request, const std::string& table,
                           double units) {
    auto mode = string_member(request, "ReturnConsumedCapacity").value_or("NONE");
    if (mode != "NONE") response["ConsumedCapacity"] = consumed(mode, table, units);
}

void add_consumed_capacity(Json& response, const Json& request, const std::string& table,
                           const std::string& index, bool global, double index_units,
                           double table_units) {
    // Shape: dynalite's query tests against the service, e.g. {CapacityUnits: 0.5,
    // TableName, Table: {CapacityUnits: 0}, GlobalSecondaryIndexes: {index4: {…: 0.5}}}.
    auto mode = string_member(request, "ReturnConsumedCapacity").value_or("NONE");
    if (mode == "NONE") return;
    Json c = {{"TableName", table}, {"CapacityUnits", index_units + table_units}};
    if (mode == "INDEXES") {
        c["Table"] = {{"CapacityUnits", table_units}};
        c[global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes"] = {
            {index, {{"CapacityUnits", index_units}}}};
    }
    response["ConsumedCapacity"] = c;
}

void add_consumed_capacity(Json& response, const Json& request,
                           const std::map<std::string, double>& units_by_table) {
    auto mode = string_member(request, "ReturnConsumedCapacity").value_or("NONE");
    if (mode == "NONE") return;
    Json list = Json::array();
    for (const auto& [table, units] : units_by_table) list.push_back(consumed(mode, table, units));
    response["ConsumedCapacity"] = list;
}

double WriteUnits::total() const {
    double sum = table;
    for (const auto& [name, units] : global) sum += units;
    for (const auto& [name, units] : local) sum += units;
    return sum;
}

bool capacity_requested(const Json& request) {
    return string_member(request, "ReturnConsumedCapacity").value_or("NONE") != "NONE";
}

WriteUnits write_units(const TableMeta& table, const StorageKey& key, const Item* old,
                       const Item* now) {
    WriteUnits units;
    std::int64_t bytes = 0;
    if (old) bytes = static_cast<std::int64_t>(item_size(*old));
    if (now) bytes = std::max(bytes, static_cast<std::int64_t>(item_size(*now)));
    units.table = write_units(bytes);
    for (const auto& index : table.indexes) {
        if (!index.maintained()) continue;
        double u = indexes::write_units(table, index, key.pk, key.sk, old, now);
        if (u > 0) (index.global ? units.global : units.local)[index.name] += u;
    }
    return units;
}

namespace {
Json consumed_write(const std::string& mode, const std::string& table, const WriteUnits& units) {
    Json c = {{"TableName", table}, {"CapacityUnits", units.total()}};
    if (mode != "INDEXES") return c;
    c["Table"] = {{"CapacityUnits", units.table}};
    auto add = [&](const char* member, const std::map<std::string, double>& by_index) {
        if (by_index.empty()) return;
        Json& out = c[member] = Json::object();
        for (const auto& [name, u] : by_index) out[name] = {{"CapacityUnits", u}};
    };
    add("GlobalSecondaryIndexes", units.global);
    add("LocalSecondaryIndexes", units.local);
    return c;
}
}  // namespace

void add_consumed_capacity(Json& response, const Json& request, const std::string& table,
                           const WriteUnits& units) {
    auto mode = string_member(request, "ReturnConsumedCapacity").value_or("NONE");
    if (mode != "NONE") response["ConsumedCapacity"] = consumed_write(mode, table, units);
}

void add_consumed_capacity(Json& response, const Json& request,
                           const std::map<std::string, WriteUnits>& units_by_table) {
    auto mode = string_member(request, "ReturnConsumedCapacity").value_or("NONE");
    if (mode == "NONE") return;
    Json list = Json::array();
    for (const auto& [table, units] : units_by_table)
        list.push_back(consumed_write(mode, table, units));
    response["ConsumedCapacity"] = list;
}

}  // namespace tablespan::api
