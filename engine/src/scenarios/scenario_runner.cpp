#include "scenarios/scenario_runner.h"

#include <algorithm>
#include <cmath>

#include "scenarios/throttling_causes.h"

namespace tablespan::scenarios {
namespace {

using nlohmann::json;

std::vector<std::string> all_regions(const Scenario& s) {
    std::vector<std::string> out;
    for (const auto& t : s.tables)
        for (const auto& r : t.regions)
            if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
    return out;
}

Outcome outcome_of(const Result& r) {
    if (r.ok()) return Outcome::Served;
    const std::string& type = r.error->type;
    if (type == "ProvisionedThroughputExceededException" || type == "ThrottlingException" ||
        type == "RequestLimitExceeded")
        return Outcome::Throttled;
    if (type == "ReplicatedWriteConflictException") return Outcome::Conflicted;
    return Outcome::Refused;
}

// Why `r` was throttled; empty when it was not.
std::string reason_of(const Result& r, Outcome outcome) {
    return outcome == Outcome::Throttled ? throttling_reason(*r.error) : std::string();
}

std::int64_t number(const json& item, const char* name) {
    auto it = item.find(name);
    if (it == item.end() || !it->contains("N")) return 0;
    return std::stoll((*it)["N"].get<std::string>());
}

}  // namespace

ScenarioRunner::ScenarioRunner(const Scenario& scenario, Engine& engine, std::uint64_t seed,
                               const ScenarioOptions& options)
    : scenario_(scenario),
      engine_(engine),
      seed_(seed),
      options_(options),
      stats_(scenario, all_regions(scenario)) {
    for (std::size_t i = 0; i < scenario.load.size(); ++i) {
        const LoadSpec& l = scenario.load[i];
        loads_.push_back({&l, int(i), KeyPicker(l, seed * 1'000'003 + i), l.region, double(l.from),
                          double(l.from)});
    }
    for (std::size_t i = 0; i < scenario.faults.size(); ++i) {
        const FaultSpec& f = scenario.faults[i];
        events_.push_back({f.at, i, false});
        if (f.kind == FaultKind::RegionLost) {
            doomed_.insert(f.region);
            continue;
        }
        // A fault without an end is healed when the load stops, before the drain.
        events_.push_back(
            {std::min(f.healed_at().value_or(scenario.duration), scenario.duration), i, true});
    }
    std::stable_sort(events_.begin(), events_.end(),
                     [](const FaultEvent& a, const FaultEvent& b) { return a.at < b.at; });
}

Millis ScenarioRunner::now() const {
    return engine_.clock().now() - start_;
}

Result ScenarioRunner::call(const std::string& region, const std::string& op, json request) {
    return engine_.call_sync(region, op, std::move(request));
}

void ScenarioRunner::wait_active(const std::string& region, const std::string& table) {
    for (int i = 0; i < 1200; ++i) {
        Result r = call(region, "DescribeTable", {{"TableName", table}});
        if (!r.ok()) throw ScenarioError("set-up of " + table + ": " + r.error->message);
        const json& t = r.body["Table"];
        bool active = t.value("TableStatus", "") == "ACTIVE";
        for (const json& replica : t.value("Replicas", json::array()))
            active = active && replica.value("ReplicaStatus", "") == "ACTIVE";
        for (const json& w : t.value("GlobalTableWitnesses", json::array()))
            active = active && w.value("WitnessStatus", "") == "ACTIVE";
        if (active) return;
        engine_.advance(1000);
    }
    throw ScenarioError("set-up of " + table + ": not ACTIVE after 20 minutes of engine time");
}

void ScenarioRunner::set_up_table(const TableSpec& t) {
    const std::string& home = t.regions.front();
    json create = {{"TableName", t.name},
                   {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                   {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                   {"BillingMode", t.provisioned ? "PROVISIONED" : "PAY_PER_REQUEST"}};
    if (t.provisioned)
        create["ProvisionedThroughput"] = {{"ReadCapacityUnits", t.read_capacity},
                                           {"WriteCapacityUnits", t.write_capacity}};
    const auto check = [&](const Result& r) {
        if (!r.ok())
            throw ScenarioError("set-up of " + t.name + ": " + r.error->type + ": " +
                                r.error->message);
    };
    // A customer managed key in each region: every replica uses its own region's.
    const auto replica = [&](const std::string& region) {
        json action = {{"RegionName", region}};
        if (t.customer_managed_key) action["KMSMasterKeyId"] = keys_[{t.name, region}];
        return json{{"Create", action}};
    };
    if (t.customer_managed_key) {
        for (const auto& region : t.regions) {
            Result key = call(region, "kms:CreateKey",
                              {{"Description", "Tablespan scenario key of " + t.name}});
            check(key);
            keys_[{t.name, region}] = key.body["KeyMetadata"]["Arn"];
        }
        create["SSESpecification"] = {
            {"Enabled", true}, {"SSEType", "KMS"}, {"KMSMasterKeyId", keys_[{t.name, home}]}};
    }
    check(call(home, "CreateTable", create));
    wait_active(home, t.name);
    if (t.strong) {
        json update = {{"TableName", t.name}, {"MultiRegionConsistency", "STRONG"}};
        for (std::size_t i = 1; i < t.regions.size(); ++i)
            update["ReplicaUpdates"].push_back(replica(t.regions[i]));
        if (!t.witness.empty())
            update["GlobalTableWitnessUpdates"] =
                json::array({{{"Create", {{"RegionName", t.witness}}}}});
        check(call(home, "UpdateTable", update));
        wait_active(home, t.name);
    } else {
        for (std::size_t i = 1; i < t.regions.size(); ++i) {
            check(call(
                home, "UpdateTable",
                {{"TableName", t.name}, {"ReplicaUpdates", json::array({replica(t.regions[i])})}}));
            wait_active(home, t.name);
        }
    }
    if (t.max_read_units || t.max_write_units) {
        json maxima = json::object();
        if (t.max_read_units) maxima["MaxReadRequestUnits"] = t.max_read_units;
        if (t.max_write_units) maxima["MaxWriteRequestUnits"] = t.max_write_units;
        check(call(home, "UpdateTable", {{"TableName", t.name}, {"OnDemandThroughput", maxima}}));
        wait_active(home, t.name);
        engine_.advance(1000);  // the maxima reach the other replicas
    }
}

void ScenarioRunner::set_up() {
    for (const auto& t : scenario_.tables) set_up_table(t);
    // Replication latencies are the model's; a run starts on a whole second.
    engine_.advance(1000 - engine_.clock().now() % 1000);
    start_ = engine_.clock().now();
}

void ScenarioRunner::write(Load& load) {
    const LoadSpec& l = *load.spec;
    const std::int64_t index = load.keys.next_write();
    const std::string key = l.distribution == KeyDistribution::Unique
                                ? "L" + std::to_string(load.index) + "-" + std::to_string(index)
                                : "k" + std::to_string(index);
    const std::int64_t seq = ++seq_;
    const Millis sent = now();
    if (pad_.size() < std::size_t(l.item_bytes)) pad_.assign(std::size_t(l.item_bytes), 'x');
    json item = {{"pk", {{"S", key}}},
                 {"t", {{"N", std::to_string(sent)}}},
                 {"s", {{"N", std::to_string(seq)}}},
                 {"r", {{"S", load.region}}},
                 {"pad", {{"S", pad_.substr(0, std::size_t(l.item_bytes - 50))}}}};
    std::string region = load.region;
    engine_.call(region, "PutItem",
                 {{"TableName", l.table}, {"Item", std::move(item)}, {"ReturnValues", "ALL_OLD"}},
                 [this, &load, region, key, sent, seq](Result r) {
                     on_write(load, region, key, sent, seq, r);
                 });
}

void ScenarioRunner::on_write(const Load& load, const std::string& region, const std::string& key,
                              Millis sent, std::int64_t seq, const Result& r) {
    const Outcome outcome = outcome_of(r);
    stats_.record(region, true, sent, now(), outcome, reason_of(r, outcome));
    if (outcome != Outcome::Served) return;
    const TableSpec* table = scenario_.table(load.spec->table);
    if (doomed_.count(region) && !lost_.count(region))
        doomed_by_region_[region].push_back({table, key, sent, seq});
    if (r.body.contains("Attributes")) {
        const json& old = r.body["Attributes"];
        const std::string from = old.contains("r") ? old["r"].value("S", "") : "";
        if (from != region && doomed_.count(from)) {
            std::int64_t& arrived = arrived_[{table->name, region, from}];
            arrived = std::max(arrived, number(old, "s"));
        }
    }
    if (table->strong || load.spec->distribution == KeyDistribution::Unique) return;
    // Last writer wins: this write replaced, in its region, the write whose number its old
    // image carries. If the key's latest acknowledged write is another region's and not
    // that one, this write overwrote it without having seen it.
    const std::int64_t replaced =
        r.body.contains("Attributes") ? number(r.body["Attributes"], "s") : 0;
    LastWrite& last = last_[{table->name, key}];
    if (last.seq && last.seq != replaced && last.region != region) {
        ++findings_.lww_conflicts;
        ++findings_.overwritten_writes;
        stats_.record_overwritten(last.region, sent);
    }
    if (seq > last.seq) last = {seq, region};
}

void ScenarioRunner::read(Load& load) {
    const LoadSpec& l = *load.spec;
    const std::int64_t index = load.keys.next_read();
    const std::string key = l.distribution == KeyDistribution::Unique
                                ? "L" + std::to_string(load.index) + "-" + std::to_string(index)
                                : "k" + std::to_string(index);
    const Millis sent = now();
    std::string region = load.region;
    engine_.call(region, "GetItem", {{"TableName", l.table}, {"Key", {{"pk", {{"S", key}}}}}},
                 [this, region, sent](Result r) {
                     const Outcome outcome = outcome_of(r);
                     stats_.record(region, false, sent, now(), outcome, reason_of(r, outcome));
                 });
}

void ScenarioRunner::reroute(const std::string& from, const std::string& to) {
    for (auto& l : loads_)
        if (l.region == from) l.region = to;
}

void ScenarioRunner::note_fault_error(const FaultEvent& e, const Result& r) {
    findings_.fault_errors.push_back({{"fault", scenario_.faults[e.fault].label()},
                                      {"faultIndex", e.fault},
                                      {"atSecond", double(e.at) / 1000},
                                      {"error", r.error->type + ": " + r.error->message}});
}

void ScenarioRunner::apply(const FaultEvent& e) {
    const FaultSpec& f = scenario_.faults[e.fault];
    Network& net = engine_.network();
    switch (f.kind) {
        case FaultKind::RegionOffline:
            net.set_region_online(f.region, e.heal);
            if (!f.failover.empty()) {
                if (e.heal) {
                    for (auto& l : loads_)
                        if (l.spec->region == f.region) l.region = f.region;
                } else {
                    reroute(f.region, f.failover);
                }
            }
            break;
        case FaultKind::RegionLost:
            net.set_region_online(f.region, false);
            lost_.insert(f.region);
            count_lost_writes(f.region, e.at);
            reroute(f.region, f.failover);  // nowhere when empty: the load stops
            break;
        case FaultKind::LinkCut:
            net.set_link_cut(f.region, f.other, !e.heal);
            break;
        case FaultKind::LinkSlow:
            net.set_link_latency(f.region, f.other,
                                 e.heal ? std::nullopt : std::optional<Millis>(f.latency_ms));
            break;
        case FaultKind::KeyDisabled: {
            Result r = call(f.region, e.heal ? "kms:EnableKey" : "kms:DisableKey",
                            {{"KeyId", keys_[{f.table, f.region}]}});
            if (!r.ok()) note_fault_error(e, r);
            break;
        }
        case FaultKind::CapacityLowered: {
            const TableSpec& t = *scenario_.table(f.table);
            json request = {{"TableName", t.name}};
            if (t.provisioned) {
                request["ProvisionedThroughput"] = {
                    {"ReadCapacityUnits",
                     e.heal || !f.read_capacity ? t.read_capacity : f.read_capacity},
                    {"WriteCapacityUnits",
                     e.heal || !f.write_capacity ? t.write_capacity : f.write_capacity}};
            } else {
                const auto value = [&](std::int64_t lowered,
                                       std::int64_t original) -> std::int64_t {
                    if (!e.heal && lowered) return lowered;
                    return original ? original : -1;  // -1 clears the maximum
                };
                request["OnDemandThroughput"] = {
                    {"MaxReadRequestUnits", value(f.read_capacity, t.max_read_units)},
                    {"MaxWriteRequestUnits", value(f.write_capacity, t.max_write_units)}};
            }
            Result r = call(f.region, "UpdateTable", request);
            if (!r.ok()) note_fault_error(e, r);
            break;
        }
    }
    if (!e.heal) return;
    Convergence c{e.fault, e.at, {}};
    for (const auto& t : scenario_.tables)
        if (!t.strong && t.regions.size() > 1)
            for (const auto& r : t.regions)
                c.markers.push_back(
                    {&t, r, "tablespan-converged-" + std::to_string(e.fault) + "-" + r});
    write_markers(c);
    awaiting_convergence_.push_back(std::move(c));
}

void ScenarioRunner::write_markers(Convergence& c) {
    for (auto& m : c.markers) {
        if (m.written || lost_.count(m.region)) continue;
        Result r = call(m.region, "PutItem",
                        {{"TableName", m.table->name}, {"Item", {{"pk", {{"S", m.key}}}}}});
        m.written = r.ok();
    }
}

bool ScenarioRunner::converged(Convergence& c) {
    write_markers(c);
    for (const auto& m : c.markers) {
        if (lost_.count(m.region)) continue;
        if (!m.written) return false;
        for (const auto& other : m.table->regions) {
            if (other == m.region || lost_.count(other)) continue;
            Result r = call(other, "GetItem",
                            {{"TableName", m.table->name}, {"Key", {{"pk", {{"S", m.key}}}}}});
            if (!r.ok() || !r.body.contains("Item")) return false;
        }
    }
    return true;
}

void ScenarioRunner::sample_second(int second) {
    ScenarioSecond& s = stats_.second(second);
    const ReplicationMetrics& metrics = engine_.replication_metrics();
    for (const auto& t : scenario_.tables)
        for (const auto& a : t.regions)
            for (const auto& b : t.regions) {
                if (a == b || lost_.count(a) || lost_.count(b)) continue;
                const std::int64_t p = metrics.pending(t.name, a, b);
                s.pending[a + ">" + b] += p;
            }
    ReplicationQuery q;
    q.from = start_ + Millis(second) * 1000;
    q.to = q.from + 1000;
    std::map<std::string, std::pair<double, std::int64_t>> lag;  // sum, count
    for (const auto& sample : metrics.query(q)) {
        if (!sample.delivered) continue;
        auto& [sum, count] = lag[sample.source + ">" + sample.destination];
        sum += sample.latency_avg_ms * double(sample.delivered);
        count += sample.delivered;
    }
    for (const auto& [link, v] : lag) s.lag_ms[link] = v.first / double(v.second);
    for (const auto& t : scenario_.tables)
        for (const auto& r : t.regions)
            if (!lost_.count(r))
                stats_.record_replica(t.name, r, second,
                                      replica_capacity(engine_, r, t.name, q.from, q.to));
    const Millis at = Millis(second + 1) * 1000;
    for (auto it = awaiting_convergence_.begin(); it != awaiting_convergence_.end();) {
        if (!converged(*it)) {
            ++it;
            continue;
        }
        findings_.convergence.push_back(
            {{"fault", scenario_.faults[it->fault].label()},
             {"faultIndex", it->fault},
             {"healedAtSecond", double(it->healed) / 1000},
             {"convergedAtSecond", double(at) / 1000},
             {"seconds", double(std::max<Millis>(0, at - it->healed)) / 1000}});
        it = awaiting_convergence_.erase(it);
    }
    if (options_.on_second) options_.on_second(s);
}

bool ScenarioRunner::run() {
    const Millis end = scenario_.duration + scenario_.drain;
    Millis t = 0;
    Millis next_second = 1000;
    while (t < end) {
        if (options_.cancel && options_.cancel->load()) return false;
        Millis due = std::min(next_second, end);
        for (const auto& l : loads_) {
            const Millis until =
                std::min(l.spec->until.value_or(scenario_.duration), scenario_.duration);
            if (l.region.empty()) continue;
            if (l.spec->writes_per_second > 0 && l.next_write < double(until))
                due = std::min(due, Millis(std::ceil(l.next_write)));
            if (l.spec->reads_per_second > 0 && l.next_read < double(until))
                due = std::min(due, Millis(std::ceil(l.next_read)));
        }
        if (next_event_ < events_.size()) due = std::min(due, events_[next_event_].at);
        if (due > t) engine_.advance(due - t);
        t = due;
        if (t == next_second) {
            // The second that ends now, before what is due at its end.
            sample_second(int(t / 1000) - 1);
            next_second += 1000;
        }
        while (next_event_ < events_.size() && events_[next_event_].at <= t)
            apply(events_[next_event_++]);
        for (auto& l : loads_) {
            const Millis until =
                std::min(l.spec->until.value_or(scenario_.duration), scenario_.duration);
            if (l.region.empty() || t >= until) continue;
            while (l.spec->writes_per_second > 0 && l.next_write <= double(t)) {
                write(l);
                l.next_write += 1000.0 / l.spec->writes_per_second;
            }
            while (l.spec->reads_per_second > 0 && l.next_read <= double(t)) {
                read(l);
                l.next_read += 1000.0 / l.spec->reads_per_second;
            }
        }
        engine_.run_pending();
    }
    return true;
}

namespace {

// The RPO entry of `table` for `region`, lost at `at`: its acknowledged writes that
// `arrived` says never reached another member.
template <typename Arrived>
json rpo_entry(const std::string& region, const std::string& table, Millis at,
               const std::vector<ScenarioRunnerWrite>& writes, Arrived arrived) {
    std::int64_t acknowledged = 0, lost = 0;
    Millis first = 0, last = 0;
    for (const auto& w : writes) {
        ++acknowledged;
        if (arrived(w)) continue;
        if (!lost++) first = w.at;
        last = w.at;
    }
    json entry = {{"region", region},
                  {"table", table},
                  {"lostAtSecond", double(at) / 1000},
                  {"writesAcknowledged", acknowledged},
                  {"lostWrites", lost},
                  {"spanSeconds", lost ? double(last - first) / 1000 : 0.0}};
    if (lost) {
        entry["firstLostAtSecond"] = double(first) / 1000;
        entry["lastLostAtSecond"] = double(last) / 1000;
    }
    return entry;
}

}  // namespace

void ScenarioRunner::count_lost_writes(const std::string& region, Millis at) {
    for (const auto& table : scenario_.tables) {
        if (std::find(table.regions.begin(), table.regions.end(), region) == table.regions.end())
            continue;
        std::vector<ScenarioRunnerWrite> writes;
        for (const auto& w : doomed_by_region_[region])
            if (w.table == &table) writes.push_back({w.key, w.at, w.seq});
        std::string survivor;
        for (const auto& r : table.regions)
            if (r != region && !lost_.count(r) && survivor.empty()) survivor = r;
        if (table.strong && !survivor.empty()) {
            count_strong_lost_writes(region, table, at, survivor, std::move(writes));
            continue;
        }
        // A link delivers a region's changes in the order they were written, so what
        // arrived in a survivor is a prefix of the lost region's writes: everything up to
        // the newest one seen there. The survivors hold at the loss what they will ever get
        // from it (an offline region delivers nothing more).
        std::int64_t prefix = 0;
        for (const auto& other : table.regions) {
            if (other == region || lost_.count(other)) continue;
            json request = {{"TableName", table.name},
                            {"ProjectionExpression", "#s, #r"},
                            {"ExpressionAttributeNames", {{"#s", "s"}, {"#r", "r"}}}};
            for (;;) {
                Result r = call(other, "Scan", request);
                if (!r.ok()) break;
                for (const json& item : r.body["Items"])
                    if (item.contains("r") && item["r"].value("S", "") == region)
                        prefix = std::max(prefix, number(item, "s"));
                if (!r.body.contains("LastEvaluatedKey")) break;
                request["ExclusiveStartKey"] = r.body["LastEvaluatedKey"];
            }
            prefix = std::max(prefix, arrived_[{table.name, other, region}]);
        }
        findings_.rpo.push_back(
            rpo_entry(region, table.name, at, writes,
                      [&](const ScenarioRunnerWrite& w) { return w.seq <= prefix; }));
    }
    doomed_by_region_.erase(region);
}

void ScenarioRunner::count_strong_lost_writes(const std::string& region, const TableSpec& table,
                                              Millis at, const std::string& survivor,
                                              std::vector<ScenarioRunnerWrite> writes) {
    // A strongly consistent group may hold a write only in its witness: a strongly
    // consistent read in a survivor finds it there. One read per key, answered as engine
    // time goes on (it waits on the network); the entry is made once all are in.
    struct Check {
        std::vector<ScenarioRunnerWrite> writes;
        std::map<std::string, std::int64_t> seen;
        std::size_t outstanding = 0;
    };
    auto check = std::make_shared<Check>();
    check->writes = std::move(writes);
    for (const auto& w : check->writes) check->seen.emplace(w.key, 0);
    check->outstanding = check->seen.size();
    if (!check->outstanding) {
        findings_.rpo.push_back(rpo_entry(region, table.name, at, check->writes,
                                          [](const ScenarioRunnerWrite&) { return true; }));
        return;
    }
    for (const auto& [key, _] : check->seen)
        engine_.call(
            survivor, "GetItem",
            {{"TableName", table.name}, {"Key", {{"pk", {{"S", key}}}}}, {"ConsistentRead", true}},
            [this, check, key, region, name = table.name, at](Result r) {
                if (r.ok() && r.body.contains("Item"))
                    check->seen[key] = number(r.body["Item"], "s");
                if (--check->outstanding) return;
                findings_.rpo.push_back(rpo_entry(
                    region, name, at, check->writes,
                    [&](const ScenarioRunnerWrite& w) { return check->seen[w.key] >= w.seq; }));
            });
}

json ScenarioRunner::report(bool stopped) {
    for (const auto& c : awaiting_convergence_)
        findings_.convergence.push_back({{"fault", scenario_.faults[c.fault].label()},
                                         {"faultIndex", c.fault},
                                         {"healedAtSecond", double(c.healed) / 1000},
                                         {"convergedAtSecond", nullptr},
                                         {"seconds", nullptr}});
    awaiting_convergence_.clear();
    return stats_.report(findings_, seed_, stopped);
}

}  // namespace tablespan::scenarios
