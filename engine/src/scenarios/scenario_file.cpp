#include "scenarios/scenario_file.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "tablespan/regions.h"

namespace tablespan::scenarios {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& field, const std::string& what) {
    throw ScenarioError(field + ": " + what);
}

const json* member(const json& object, const char* name) {
    auto it = object.find(name);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string string_of(const json& object, const char* name, const std::string& field, bool required,
                      const std::string& fallback = {}) {
    const json* v = member(object, name);
    if (!v) {
        if (required) fail(field + "." + name, "required");
        return fallback;
    }
    if (!v->is_string() || v->get<std::string>().empty())
        fail(field + "." + name, "expected a non-empty string");
    return v->get<std::string>();
}

double number_of(const json& object, const char* name, const std::string& field, double fallback,
                 double min, double max) {
    const json* v = member(object, name);
    if (!v) return fallback;
    if (!v->is_number()) fail(field + "." + name, "expected a number");
    const double d = v->get<double>();
    if (d < min || d > max)
        fail(field + "." + name, "must be between " + std::to_string(std::int64_t(min)) + " and " +
                                     std::to_string(std::int64_t(max)));
    return d;
}

std::string region_of(const json& object, const char* name, const std::string& field,
                      bool required) {
    std::string code = string_of(object, name, field, required);
    if (!code.empty() && !find_region(code))
        fail(field + "." + name, "unknown region '" + code + "'");
    return code;
}

void only_known(const json& object, const std::string& field,
                std::initializer_list<const char*> known) {
    for (auto it = object.begin(); it != object.end(); ++it)
        if (std::none_of(known.begin(), known.end(), [&](const char* k) { return it.key() == k; }))
            fail(field + "." + it.key(), "unknown field");
}

TableSpec parse_table(const json& t, const std::string& field) {
    if (!t.is_object()) fail(field, "expected an object");
    only_known(
        t, field,
        {"name", "regions", "consistency", "witness", "billingMode", "readCapacity",
         "writeCapacity", "maxReadRequestUnits", "maxWriteRequestUnits", "customerManagedKey"});
    TableSpec spec;
    spec.name = string_of(t, "name", field, true);
    if (spec.name.size() < 3) fail(field + ".name", "at least 3 characters");
    const json* regions = member(t, "regions");
    if (!regions || !regions->is_array() || regions->empty())
        fail(field + ".regions", "expected a non-empty list of regions");
    for (std::size_t i = 0; i < regions->size(); ++i) {
        const std::string f = field + ".regions[" + std::to_string(i) + "]";
        if (!(*regions)[i].is_string() || !find_region((*regions)[i].get<std::string>()))
            fail(f, "expected a region code");
        if (std::count(spec.regions.begin(), spec.regions.end(), (*regions)[i]))
            fail(f, "listed twice");
        spec.regions.push_back((*regions)[i].get<std::string>());
    }
    const std::string consistency = string_of(t, "consistency", field, false, "EVENTUAL");
    if (consistency != "EVENTUAL" && consistency != "STRONG")
        fail(field + ".consistency", "EVENTUAL or STRONG");
    spec.strong = consistency == "STRONG";
    spec.witness = region_of(t, "witness", field, false);
    if (spec.strong && spec.regions.size() + (spec.witness.empty() ? 0 : 1) != 3)
        fail(field, "a STRONG table has three regions, or two and a witness");
    if (!spec.strong && !spec.witness.empty())
        fail(field + ".witness", "only STRONG tables have a witness");
    const std::string billing = string_of(t, "billingMode", field, false, "PAY_PER_REQUEST");
    if (billing != "PAY_PER_REQUEST" && billing != "PROVISIONED")
        fail(field + ".billingMode", "PAY_PER_REQUEST or PROVISIONED");
    spec.provisioned = billing == "PROVISIONED";
    if (const json* cmk = member(t, "customerManagedKey")) {
        if (!cmk->is_boolean()) fail(field + ".customerManagedKey", "expected true or false");
        spec.customer_managed_key = cmk->get<bool>();
    }
    if (spec.provisioned) {
        if (spec.regions.size() > 1)
            fail(field + ".billingMode",
                 "a global table must be on demand (the service asks provisioned replicas for "
                 "auto scaling, which Tablespan does not simulate); use maxWriteRequestUnits");
        spec.read_capacity = std::int64_t(number_of(t, "readCapacity", field, 5, 1, 40000));
        spec.write_capacity = std::int64_t(number_of(t, "writeCapacity", field, 5, 1, 40000));
    } else {
        if (member(t, "readCapacity") || member(t, "writeCapacity"))
            fail(field, "readCapacity and writeCapacity are for PROVISIONED tables");
        spec.max_read_units = std::int64_t(number_of(t, "maxReadRequestUnits", field, 0, 1, 40000));
        spec.max_write_units =
            std::int64_t(number_of(t, "maxWriteRequestUnits", field, 0, 1, 40000));
    }
    return spec;
}

LoadSpec parse_load(const json& l, const std::string& field, const Scenario& s) {
    if (!l.is_object()) fail(field, "expected an object");
    only_known(l, field,
               {"region", "table", "writesPerSecond", "readsPerSecond", "keys", "distribution",
                "itemBytes", "from", "until"});
    LoadSpec spec;
    spec.region = region_of(l, "region", field, true);
    spec.table = string_of(l, "table", field, true);
    const TableSpec* table = s.table(spec.table);
    if (!table) fail(field + ".table", "no table '" + spec.table + "' in tables");
    if (std::find(table->regions.begin(), table->regions.end(), spec.region) ==
        table->regions.end())
        fail(field + ".region", "the table has no replica in " + spec.region);
    spec.writes_per_second = number_of(l, "writesPerSecond", field, 0, 0, 10000);
    spec.reads_per_second = number_of(l, "readsPerSecond", field, 0, 0, 10000);
    spec.keys = std::int64_t(number_of(l, "keys", field, 1000, 1, 1'000'000));
    const std::string d = string_of(l, "distribution", field, false, "uniform");
    if (d == "uniform")
        spec.distribution = KeyDistribution::Uniform;
    else if (d == "zipf")
        spec.distribution = KeyDistribution::Zipf;
    else if (d == "unique")
        spec.distribution = KeyDistribution::Unique;
    else
        fail(field + ".distribution", "uniform, zipf or unique");
    spec.item_bytes = std::int64_t(number_of(l, "itemBytes", field, 100, 60, 400 * 1024 - 1024));
    if (const json* from = member(l, "from")) spec.from = parse_duration(*from, field + ".from");
    if (const json* until = member(l, "until"))
        spec.until = parse_duration(*until, field + ".until");
    if (spec.until && *spec.until <= spec.from) fail(field + ".until", "must be after from");
    return spec;
}

FaultSpec parse_fault(const json& f, const std::string& field, const Scenario& s) {
    if (!f.is_object()) fail(field, "expected an object");
    only_known(f, field,
               {"kind", "at", "for", "region", "regions", "failoverTo", "latencyMs", "table",
                "readCapacity", "writeCapacity"});
    FaultSpec spec;
    const std::string kind = string_of(f, "kind", field, true);
    const json* at = member(f, "at");
    if (!at) fail(field + ".at", "required");
    spec.at = parse_duration(*at, field + ".at");
    if (spec.at >= s.duration) fail(field + ".at", "after the scenario's end");
    if (const json* d = member(f, "for")) {
        spec.duration = parse_duration(*d, field + ".for");
        if (*spec.duration <= 0) fail(field + ".for", "must be positive");
    }
    if (kind == "region-offline" || kind == "region-lost") {
        spec.kind = kind == "region-offline" ? FaultKind::RegionOffline : FaultKind::RegionLost;
        spec.region = region_of(f, "region", field, true);
        spec.failover = region_of(f, "failoverTo", field, false);
        if (spec.failover == spec.region) fail(field + ".failoverTo", "another region");
        if (spec.kind == FaultKind::RegionLost && spec.duration)
            fail(field + ".for", "a region lost for good does not come back");
    } else if (kind == "link-cut" || kind == "link-slow") {
        spec.kind = kind == "link-cut" ? FaultKind::LinkCut : FaultKind::LinkSlow;
        const json* regions = member(f, "regions");
        if (!regions || !regions->is_array() || regions->size() != 2 ||
            !(*regions)[0].is_string() || !(*regions)[1].is_string())
            fail(field + ".regions", "expected the link's two regions");
        spec.region = (*regions)[0].get<std::string>();
        spec.other = (*regions)[1].get<std::string>();
        if (!find_region(spec.region) || !find_region(spec.other) || spec.region == spec.other)
            fail(field + ".regions", "expected two different region codes");
        if (spec.kind == FaultKind::LinkSlow) {
            if (!member(f, "latencyMs")) fail(field + ".latencyMs", "required");
            spec.latency_ms = Millis(number_of(f, "latencyMs", field, 0, 0, 3'600'000));
        }
    } else if (kind == "capacity-lowered") {
        spec.kind = FaultKind::CapacityLowered;
        spec.table = string_of(f, "table", field, true);
        const TableSpec* table = s.table(spec.table);
        if (!table) fail(field + ".table", "no table '" + spec.table + "' in tables");
        spec.region = table->regions.front();
        spec.read_capacity = std::int64_t(number_of(f, "readCapacity", field, 0, 1, 40000));
        spec.write_capacity = std::int64_t(number_of(f, "writeCapacity", field, 0, 1, 40000));
        if (!spec.read_capacity && !spec.write_capacity)
            fail(field, "readCapacity or writeCapacity is required");
    } else if (kind == "kms-key-disabled") {
        spec.kind = FaultKind::KeyDisabled;
        spec.table = string_of(f, "table", field, true);
        const TableSpec* table = s.table(spec.table);
        if (!table) fail(field + ".table", "no table '" + spec.table + "' in tables");
        if (!table->customer_managed_key)
            fail(field + ".table", "the table has no customer managed key (customerManagedKey)");
        spec.region = region_of(f, "region", field, true);
        if (std::find(table->regions.begin(), table->regions.end(), spec.region) ==
            table->regions.end())
            fail(field + ".region", "the table has no replica in " + spec.region);
    } else {
        fail(field + ".kind",
             "one of region-offline, region-lost, link-cut, link-slow, capacity-lowered, "
             "kms-key-disabled");
    }
    return spec;
}

}  // namespace

std::string FaultSpec::label() const {
    switch (kind) {
        case FaultKind::RegionOffline:
            return region + " offline";
        case FaultKind::RegionLost:
            return region + " lost";
        case FaultKind::LinkCut:
            return region + "/" + other + " cut";
        case FaultKind::LinkSlow:
            return region + "/" + other + " at " + std::to_string(latency_ms) + " ms";
        case FaultKind::CapacityLowered:
            return table + " capacity lowered";
        case FaultKind::KeyDisabled:
            return region + " key of " + table + " disabled";
    }
    return {};
}

nlohmann::json FaultSpec::to_json() const {
    nlohmann::json j = {{"kind", kind_name()}, {"label", label()}, {"atSecond", double(at) / 1000}};
    if (auto healed = healed_at()) j["healedAtSecond"] = double(*healed) / 1000;
    if (!region.empty()) j["region"] = region;
    if (!other.empty()) j["otherRegion"] = other;
    if (!table.empty()) j["table"] = table;
    if (kind == FaultKind::LinkSlow) j["latencyMs"] = latency_ms;
    return j;
}

const char* FaultSpec::kind_name() const {
    switch (kind) {
        case FaultKind::RegionOffline:
            return "region-offline";
        case FaultKind::RegionLost:
            return "region-lost";
        case FaultKind::LinkCut:
            return "link-cut";
        case FaultKind::LinkSlow:
            return "link-slow";
        case FaultKind::CapacityLowered:
            return "capacity-lowered";
        case FaultKind::KeyDisabled:
            return "kms-key-disabled";
    }
    return "";
}

const TableSpec* Scenario::table(const std::string& name) const {
    for (const auto& t : tables)
        if (t.name == name) return &t;
    return nullptr;
}

Millis parse_duration(const json& value, const std::string& field) {
    if (value.is_number()) {
        const double seconds = value.get<double>();
        if (seconds < 0 || seconds > 30.0 * 24 * 3600) fail(field, "out of range");
        return Millis(seconds * 1000);
    }
    if (!value.is_string() || value.get<std::string>().empty())
        fail(field, "expected seconds or a duration such as \"90s\", \"30m\", \"1h30m\"");
    const std::string text = value.get<std::string>();
    Millis total = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = i;
        while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
        if (j == i || j - i > 7)
            fail(field, "expected a duration such as \"90s\", \"30m\", \"1h30m\"");
        const Millis n = std::stoll(text.substr(i, j - i));
        const char unit = j < text.size() ? text[j] : 's';
        if (unit == 'h')
            total += n * 3'600'000;
        else if (unit == 'm')
            total += n * 60'000;
        else if (unit == 's')
            total += n * 1000;
        else
            fail(field, "units are h, m and s");
        i = j + 1;
    }
    if (total > Millis(30) * 24 * 3'600'000) fail(field, "out of range");
    return total;
}

Scenario parse_scenario(const json& file) {
    if (!file.is_object()) throw ScenarioError("the scenario must be a JSON object");
    only_known(file, "scenario",
               {"name", "description", "seed", "duration", "drain", "tables", "load", "faults"});
    Scenario s;
    s.name = string_of(file, "name", "scenario", true);
    s.description = string_of(file, "description", "scenario", false);
    s.seed = std::uint64_t(number_of(file, "seed", "scenario", 1, 0, 9.0e15));
    const json* duration = member(file, "duration");
    if (!duration) fail("scenario.duration", "required");
    s.duration = parse_duration(*duration, "scenario.duration");
    if (s.duration < 1000) fail("scenario.duration", "at least one second");
    if (const json* drain = member(file, "drain"))
        s.drain = parse_duration(*drain, "scenario.drain");
    const json* tables = member(file, "tables");
    if (!tables || !tables->is_array() || tables->empty())
        fail("scenario.tables", "expected a non-empty list");
    for (std::size_t i = 0; i < tables->size(); ++i) {
        TableSpec t = parse_table((*tables)[i], "tables[" + std::to_string(i) + "]");
        if (s.table(t.name)) fail("tables[" + std::to_string(i) + "].name", "listed twice");
        s.tables.push_back(std::move(t));
    }
    if (const json* load = member(file, "load")) {
        if (!load->is_array()) fail("scenario.load", "expected a list");
        for (std::size_t i = 0; i < load->size(); ++i)
            s.load.push_back(parse_load((*load)[i], "load[" + std::to_string(i) + "]", s));
    }
    if (const json* faults = member(file, "faults")) {
        if (!faults->is_array()) fail("scenario.faults", "expected a list");
        for (std::size_t i = 0; i < faults->size(); ++i)
            s.faults.push_back(parse_fault((*faults)[i], "faults[" + std::to_string(i) + "]", s));
    }
    std::stable_sort(s.faults.begin(), s.faults.end(),
                     [](const FaultSpec& a, const FaultSpec& b) { return a.at < b.at; });
    return s;
}

}  // namespace tablespan::scenarios
