// outline_scenario(): a parsed scenario as the console shows it before a run.

#include "scenarios/scenario_file.h"
#include "tablespan/scenario.h"

namespace tablespan {
namespace {

using nlohmann::json;

double in_seconds(Millis ms) {
    return double(ms) / 1000.0;
}

const char* distribution_name(scenarios::KeyDistribution d) {
    switch (d) {
        case scenarios::KeyDistribution::Uniform:
            return "uniform";
        case scenarios::KeyDistribution::Zipf:
            return "zipf";
        case scenarios::KeyDistribution::Unique:
            return "unique";
    }
    return "";
}

}  // namespace

json outline_scenario(const json& file) {
    scenarios::Scenario s;
    try {
        s = scenarios::parse_scenario(file);
    } catch (const scenarios::ScenarioError&) {
        return nullptr;
    }
    json tables = json::array();
    for (const auto& t : s.tables) {
        json j = {{"name", t.name},
                  {"regions", t.regions},
                  {"consistency", t.strong ? "STRONG" : "EVENTUAL"},
                  {"billingMode", t.provisioned ? "PROVISIONED" : "PAY_PER_REQUEST"}};
        if (!t.witness.empty()) j["witness"] = t.witness;
        tables.push_back(std::move(j));
    }
    json load = json::array();
    for (const auto& l : s.load)
        load.push_back({{"region", l.region},
                        {"table", l.table},
                        {"writesPerSecond", l.writes_per_second},
                        {"readsPerSecond", l.reads_per_second},
                        {"keys", l.keys},
                        {"distribution", distribution_name(l.distribution)},
                        {"itemBytes", l.item_bytes},
                        {"fromSecond", in_seconds(l.from)},
                        {"untilSecond", in_seconds(l.until.value_or(s.duration))}});
    json faults = json::array();
    for (const auto& f : s.faults) faults.push_back(f.to_json());
    return {{"name", s.name},
            {"description", s.description},
            {"seed", s.seed},
            {"durationSeconds", in_seconds(s.duration)},
            {"drainSeconds", in_seconds(s.drain)},
            {"tables", tables},
            {"load", load},
            {"faults", faults}};
}

}  // namespace tablespan
