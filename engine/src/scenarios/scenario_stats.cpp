#include "scenarios/scenario_stats.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace tablespan::scenarios {
namespace {

using nlohmann::json;

double in_seconds(Millis ms) {
    return double(ms) / 1000.0;
}

double tenths(double v) {
    return std::round(v * 10) / 10;
}

json counts_json(const std::map<std::string, std::int64_t>& counts) {
    json out = json::object();
    for (const auto& [name, n] : counts) out[name] = n;
    return out;
}

void add(std::map<std::string, std::int64_t>& to, const std::map<std::string, std::int64_t>& c) {
    for (const auto& [name, n] : c) to[name] += n;
}

std::uint32_t percentile(std::vector<std::uint32_t>& values, double p) {
    const std::size_t rank = std::min(values.size() - 1, std::size_t(p * double(values.size())));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(rank), values.end());
    return values[rank];
}

}  // namespace

json Tally::to_json(bool writes) {
    json out = {{"served", served},
                {"refused", refused},
                {"throttled", throttled},
                {"throttledBy", counts_json(throttled_by)},
                {"conflicted", conflicted}};
    if (writes) out["overwritten"] = overwritten;
    if (!latencies_ms.empty()) {
        out["p50Ms"] = percentile(latencies_ms, 0.50);
        out["p99Ms"] = percentile(latencies_ms, 0.99);
    }
    return out;
}

ScenarioStats::ScenarioStats(const Scenario& scenario, std::vector<std::string> regions)
    : scenario_(scenario), regions_(std::move(regions)) {
    std::set<Millis> bounds{0, scenario.duration};
    for (const auto& f : scenario.faults) {
        bounds.insert(f.at);
        if (auto healed = f.healed_at(); healed && *healed < scenario.duration)
            bounds.insert(*healed);
    }
    for (auto it = bounds.begin(); std::next(it) != bounds.end(); ++it) {
        Phase p{{}, *it, *std::next(it), {}};
        for (std::size_t i = 0; i < scenario.faults.size(); ++i) {
            const auto& f = scenario.faults[i];
            const Millis end = f.healed_at().value_or(scenario.duration);
            const bool lost = f.kind == FaultKind::RegionLost;
            if (f.at <= p.from && (lost || end >= p.to)) {
                p.name += (p.name.empty() ? "" : ", ") + f.label();
                p.faults.push_back(i);
            }
        }
        if (p.name.empty()) p.name = p.from == 0 ? "before the faults" : "after the faults";
        if (scenario.faults.empty()) p.name = "the whole run";
        phases_.push_back(std::move(p));
    }
    // A phase after the load: the drain, where only replication runs.
    for (const auto& r : regions_) {
        tallies_[r].resize(phases_.size());
        capacity_[r].resize(phases_.size());
    }
}

int ScenarioStats::phase_of(Millis t) const {
    for (std::size_t i = 0; i < phases_.size(); ++i)
        if (t < phases_[i].to) return int(i);
    return int(phases_.size()) - 1;
}

void ScenarioStats::record(const std::string& region, bool write, Millis sent, Millis answered,
                           Outcome outcome, const std::string& reason) {
    auto& [reads, writes] = tallies_[region].at(std::size_t(phase_of(sent)));
    Tally& tally = write ? writes : reads;
    ScenarioSecond::Counts& counts = second(int(answered / 1000)).regions[region];
    switch (outcome) {
        case Outcome::Served:
            ++tally.served;
            tally.latencies_ms.push_back(std::uint32_t(std::max<Millis>(0, answered - sent)));
            ++(write ? counts.writes_served : counts.reads_served);
            break;
        case Outcome::Refused:
            ++tally.refused;
            ++(write ? counts.writes_refused : counts.reads_refused);
            break;
        case Outcome::Throttled:
            ++tally.throttled;
            ++tally.throttled_by[reason];
            ++(write ? counts.writes_throttled : counts.reads_throttled);
            break;
        case Outcome::Conflicted:
            ++tally.conflicted;
            ++counts.writes_conflicted;
            break;
    }
}

void ScenarioStats::record_overwritten(const std::string& region, Millis at) {
    ++tallies_[region].at(std::size_t(phase_of(at))).second.overwritten;
}

void ScenarioStats::record_replica(const std::string& table, const std::string& region, int at,
                                   const ReplicaCapacity& capacity) {
    second(at);  // the timeline covers it
    capacity_[region].at(std::size_t(phase_of(Millis(at) * 1000))) += capacity;
    const std::int64_t refused = capacity.replication_throttle_events;
    std::vector<std::int64_t>& per_second = replication_throttled_[region];
    if (int(per_second.size()) <= at) per_second.resize(std::size_t(at) + 1, 0);
    per_second[std::size_t(at)] += refused;
    ReplicaRun& run = replicas_[{table, region}];
    run.total += capacity;
    if (!refused) return;
    run.peak_per_second = std::max(run.peak_per_second, refused);
    if (run.first < 0) run.first = at;
    run.last = at;
}

json ScenarioStats::replication_throttling() const {
    json out = json::array();
    for (const TableSpec& t : scenario_.tables) {
        if (t.regions.size() < 2) continue;
        for (const auto& region : t.regions) {
            const auto it = replicas_.find({t.name, region});
            const ReplicaRun run = it == replicas_.end() ? ReplicaRun{} : it->second;
            json sources = json::array();
            for (const auto& other : t.regions)
                if (other != region) sources.push_back(other);
            json entry = {{"table", t.name},
                          {"region", region},
                          {"sources", sources},
                          {"throttleEvents", run.total.replication_throttle_events},
                          {"peakPerSecond", run.peak_per_second},
                          {"firstSecond", run.first < 0 ? json() : json(run.first)},
                          {"lastSecond", run.last < 0 ? json() : json(run.last)},
                          {"replicatedWriteUnits", tenths(run.total.replicated_write_units)},
                          {"consumedWriteUnits", tenths(run.total.consumed_write_units)}};
            // With one source, the receiving replica's refusals are that link's.
            if (sources.size() == 1) entry["link"] = sources[0].get<std::string>() + ">" + region;
            out.push_back(std::move(entry));
        }
    }
    return out;
}

ScenarioSecond& ScenarioStats::second(int index) {
    while (int(seconds_.size()) <= index) {
        ScenarioSecond s;
        s.second = int(seconds_.size());
        seconds_.push_back(std::move(s));
    }
    return seconds_[std::size_t(index)];
}

json ScenarioStats::report(const RunFindings& findings, std::uint64_t seed, bool stopped) {
    json out;
    out["scenario"] = scenario_.name;
    out["seed"] = seed;
    out["durationSeconds"] = in_seconds(scenario_.duration);
    out["drainSeconds"] = in_seconds(scenario_.drain);
    out["stopped"] = stopped;
    json phases = json::array();
    for (const auto& p : phases_)
        phases.push_back({{"name", p.name},
                          {"faults", p.faults},
                          {"fromSecond", in_seconds(p.from)},
                          {"toSecond", in_seconds(p.to)}});
    out["phases"] = phases;
    json faults = json::array();
    for (const auto& f : scenario_.faults) faults.push_back(f.to_json());
    out["faults"] = faults;

    json regions = json::object();
    json totals = {{"writesServed", 0},     {"writesRefused", 0}, {"writesThrottled", 0},
                   {"writesConflicted", 0}, {"readsServed", 0},   {"readsRefused", 0},
                   {"readsThrottled", 0}};
    std::map<std::string, std::int64_t> writes_throttled_by, reads_throttled_by;
    std::int64_t replication_throttled = 0;
    for (auto& [region, per_phase] : tallies_) {
        json list = json::array();
        for (std::size_t i = 0; i < per_phase.size(); ++i) {
            auto& [reads, writes] = per_phase[i];
            totals["writesServed"] = totals["writesServed"].get<std::int64_t>() + writes.served;
            totals["writesRefused"] = totals["writesRefused"].get<std::int64_t>() + writes.refused;
            totals["writesThrottled"] =
                totals["writesThrottled"].get<std::int64_t>() + writes.throttled;
            totals["writesConflicted"] =
                totals["writesConflicted"].get<std::int64_t>() + writes.conflicted;
            totals["readsServed"] = totals["readsServed"].get<std::int64_t>() + reads.served;
            totals["readsRefused"] = totals["readsRefused"].get<std::int64_t>() + reads.refused;
            totals["readsThrottled"] =
                totals["readsThrottled"].get<std::int64_t>() + reads.throttled;
            add(writes_throttled_by, writes.throttled_by);
            add(reads_throttled_by, reads.throttled_by);
            const auto held = capacity_.find(region);
            const ReplicaCapacity capacity = held != capacity_.end() && i < held->second.size()
                                                 ? held->second[i]
                                                 : ReplicaCapacity{};
            replication_throttled += capacity.replication_throttle_events;
            list.push_back({{"phase", phases_[i].name},
                            {"phaseIndex", i},
                            {"writes", writes.to_json(true)},
                            {"reads", reads.to_json(false)},
                            {"replication",
                             {{"throttleEvents", capacity.replication_throttle_events},
                              {"replicatedWriteUnits", tenths(capacity.replicated_write_units)},
                              {"consumedWriteUnits", tenths(capacity.consumed_write_units)}}}});
        }
        regions[region] = std::move(list);
    }
    out["regions"] = regions;
    totals["writesThrottledBy"] = counts_json(writes_throttled_by);
    totals["readsThrottledBy"] = counts_json(reads_throttled_by);
    totals["replicationThrottleEvents"] = replication_throttled;
    out["totals"] = totals;
    out["replicationThrottling"] = replication_throttling();

    // The timeline, a value a second for each series.
    json timeline_regions = json::object();
    std::set<std::string> links;
    for (const auto& s : seconds_)
        for (const auto& [link, _] : s.pending) links.insert(link);
    for (const auto& region : regions_) {
        json series = {{"writesServed", json::array()},    {"writesRefused", json::array()},
                       {"writesThrottled", json::array()}, {"writesConflicted", json::array()},
                       {"readsServed", json::array()},     {"readsRefused", json::array()},
                       {"readsThrottled", json::array()}};
        for (const auto& s : seconds_) {
            auto it = s.regions.find(region);
            const ScenarioSecond::Counts c =
                it == s.regions.end() ? ScenarioSecond::Counts{} : it->second;
            series["writesServed"].push_back(c.writes_served);
            series["writesRefused"].push_back(c.writes_refused);
            series["writesThrottled"].push_back(c.writes_throttled);
            series["writesConflicted"].push_back(c.writes_conflicted);
            series["readsServed"].push_back(c.reads_served);
            series["readsRefused"].push_back(c.reads_refused);
            series["readsThrottled"].push_back(c.reads_throttled);
        }
        const auto refused = replication_throttled_.find(region);
        json replication = json::array();
        for (std::size_t i = 0; i < seconds_.size(); ++i)
            replication.push_back(refused != replication_throttled_.end() &&
                                          i < refused->second.size()
                                      ? refused->second[i]
                                      : 0);
        series["replicationThrottleEvents"] = std::move(replication);
        timeline_regions[region] = std::move(series);
    }
    json pending = json::object(), lag = json::object();
    for (const auto& link : links) {
        json p = json::array(), l = json::array();
        for (const auto& s : seconds_) {
            auto pi = s.pending.find(link);
            p.push_back(pi == s.pending.end() ? 0 : pi->second);
            auto li = s.lag_ms.find(link);
            if (li == s.lag_ms.end())
                l.push_back(nullptr);  // nothing delivered that second: a gap
            else
                l.push_back(tenths(li->second));
        }
        pending[link] = std::move(p);
        lag[link] = std::move(l);
    }
    out["timeline"] = {{"seconds", seconds_.size()},
                       {"regions", timeline_regions},
                       {"pending", pending},
                       {"lagMs", lag}};
    out["rpo"] = findings.rpo;
    out["convergence"] = findings.convergence;
    out["conflicts"] = {{"lwwConflicts", findings.lww_conflicts},
                        {"overwrittenWrites", findings.overwritten_writes}};
    if (!findings.fault_errors.empty()) out["faultErrors"] = findings.fault_errors;
    return out;
}

}  // namespace tablespan::scenarios
