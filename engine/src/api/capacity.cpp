#include "api/capacity.h"

#include "api/request_util.h"

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

}  // namespace tablespan::api
