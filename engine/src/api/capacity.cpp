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

void add_consumed_capacity(Json& response, const Json& request, const std::string& table,
                           double units) {
    auto mode = string_member(request, "ReturnConsumedCapacity").value_or("NONE");
    if (mode == "NONE") return;
    Json c = {{"TableName", table}, {"CapacityUnits", units}};
    if (mode == "INDEXES") c["Table"] = {{"CapacityUnits", units}};
    response["ConsumedCapacity"] = c;
}

}  // namespace tablespan::api
