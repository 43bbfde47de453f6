#include "capacity/on_demand_maximum.h"

#include "api/request_util.h"

namespace tablespan::capacity {

namespace {
// A member's new value: 0 clears it (-1 given), nullopt leaves it (absent).
std::optional<std::int64_t> member_value(const Json& on_demand, const char* name) {
    auto v = api::int_member(on_demand, name);
    if (!v) return std::nullopt;
    if (*v == -1) return 0;
    // Not on record for tables; the GSI's text without the index (ACK#128).
    if (*v < 1)
        throw_validation(std::string("Requested ") + name +
                         " for OnDemandThroughput is outside of valid range");
    return *v;
}

void check_billing(const Json& on_demand, const std::string& billing_mode) {
    if (billing_mode == "PAY_PER_REQUEST") return;
    const bool read =
        on_demand.contains("MaxReadRequestUnits") || !on_demand.contains("MaxWriteRequestUnits");
    throw_validation(std::string(read ? "MaxReadRequestUnits" : "MaxWriteRequestUnits") +
                     " for OnDemandThroughput cannot be specified when the table BillingMode is "
                     "PROVISIONED");
}
}  // namespace

void apply_on_demand_maximum(api::TableMeta& t, const Json* on_demand,
                             const std::string& billing_mode) {
    if (!on_demand) return;
    check_billing(*on_demand, billing_mode);
    if (auto r = member_value(*on_demand, "MaxReadRequestUnits")) t.max_read_units = *r;
    if (auto w = member_value(*on_demand, "MaxWriteRequestUnits")) t.max_write_units = *w;
}

Json update_on_demand_maximum(api::TableMeta& t, const Json& on_demand,
                              const std::string& billing_mode) {
    check_billing(on_demand, billing_mode);
    auto r = member_value(on_demand, "MaxReadRequestUnits");
    auto w = member_value(on_demand, "MaxWriteRequestUnits");
    if (r) t.max_read_units = *r;
    if (w) t.max_write_units = *w;
    // The answer shows the table's maxima, a member cleared now as -1.
    Json echo = describe_on_demand_maximum(t);
    if (echo.is_null()) echo = Json::object();
    if (r && *r == 0) echo["MaxReadRequestUnits"] = -1;
    if (w && *w == 0) echo["MaxWriteRequestUnits"] = -1;
    return echo;
}

Json describe_on_demand_maximum(const api::TableMeta& t) {
    if (t.billing_mode != "PAY_PER_REQUEST" || (!t.max_read_units && !t.max_write_units))
        return nullptr;
    Json out = Json::object();
    if (t.max_read_units) out["MaxReadRequestUnits"] = t.max_read_units;
    if (t.max_write_units) out["MaxWriteRequestUnits"] = t.max_write_units;
    return out;
}

}  // namespace tablespan::capacity
