#include "api/replica_group.h"

#include <algorithm>

#include "api/table_meta.h"

namespace tablespan::api {

namespace {
std::string decoded(const Json& j) {
    std::string out;
    base64_decode(j.get<std::string>(), out);
    return out;
}
}  // namespace

ReplicaMember* ReplicaGroup::find(const std::string& region) {
    auto it = std::find_if(members.begin(), members.end(),
                           [&](const ReplicaMember& m) { return m.region == region; });
    return it == members.end() ? nullptr : &*it;
}

const ReplicaMember* ReplicaGroup::find(const std::string& region) const {
    return const_cast<ReplicaGroup*>(this)->find(region);
}

WitnessMember* ReplicaGroup::find_witness(const std::string& region) {
    auto it = std::find_if(witnesses.begin(), witnesses.end(),
                           [&](const WitnessMember& w) { return w.region == region; });
    return it == witnesses.end() ? nullptr : &*it;
}

const WitnessMember* ReplicaGroup::find_witness(const std::string& region) const {
    return const_cast<ReplicaGroup*>(this)->find_witness(region);
}

std::vector<std::string> ReplicaGroup::peers(const std::string& self) const {
    std::vector<std::string> out;
    for (const auto& m : members)
        if (m.region != self && m.status != "DELETING") out.push_back(m.region);
    for (const auto& w : witnesses)
        if (w.status != "DELETING") out.push_back(w.region);
    return out;
}

bool ReplicaGroup::has_change_in_progress() const {
    for (const auto& w : witnesses)
        if (w.status != "ACTIVE") return true;
    return backfill.has_value() ||
           std::any_of(members.begin(), members.end(), [](const ReplicaMember& m) {
               return m.status == "CREATING" || m.status == "DELETING";
           });
}

Json ReplicaGroup::to_storage() const {
    Json j = {{"epoch", epoch}, {"members", Json::array()}};
    for (const auto& m : members)
        j["members"].push_back({{"region", m.region},
                                {"status", m.status},
                                {"class", m.table_class_override},
                                {"class_updated", m.table_class_updated},
                                {"progress", m.progress},
                                {"source_until", m.source_until},
                                {"kms_key", m.kms_key}});
    if (strong) j["strong"] = true;
    for (const auto& w : witnesses)
        j["witnesses"].push_back({{"region", w.region}, {"status", w.status}});
    if (backfill) {
        Json b = {{"destination", backfill->destination},
                  {"copied", backfill->copied},
                  {"total", backfill->total},
                  {"tombstones_copied", backfill->tombstones_copied},
                  {"ready_at", backfill->ready_at}};
        if (backfill->after)
            b["after"] = {base64_encode(backfill->after->first),
                          base64_encode(backfill->after->second)};
        j["backfill"] = b;
    }
    return j;
}

ReplicaGroup ReplicaGroup::from_storage(const Json& j) {
    ReplicaGroup g;
    g.epoch = j.at("epoch");
    for (const auto& m : j.at("members"))
        g.members.push_back(ReplicaMember{m.at("region"), m.at("status"), m.at("class"),
                                          m.at("class_updated"), m.at("progress"),
                                          m.at("source_until"),
                                          m.value("kms_key", std::string())});
    g.strong = j.value("strong", false);
    if (j.contains("witnesses"))
        for (const auto& w : j.at("witnesses"))
            g.witnesses.push_back(WitnessMember{w.at("region"), w.at("status")});
    if (j.contains("backfill")) {
        const Json& b = j.at("backfill");
        Backfill f{b.at("destination"),       std::nullopt,    b.at("copied"), b.at("total"),
                   b.at("tombstones_copied"), b.at("ready_at")};
        if (b.contains("after"))
            f.after = std::pair{decoded(b.at("after").at(0)), decoded(b.at("after").at(1))};
        g.backfill = std::move(f);
    }
    return g;
}

Json ReplicaGroup::describe_replicas(const std::string& self) const {
    Json out = Json::array();
    for (const auto& m : members) {
        if (m.region == self) continue;
        Json r = {{"RegionName", m.region}, {"ReplicaStatus", m.status}};
        if (m.status == "CREATING" && m.progress >= 0)
            r["ReplicaStatusPercentProgress"] = std::to_string(m.progress);
        // Shown for a customer managed key only (reference §1.2).
        if (!m.kms_key.empty()) r["KMSMasterKeyId"] = m.kms_key;
        if (!m.table_class_override.empty())
            r["ReplicaTableClassSummary"] = {
                {"TableClass", m.table_class_override},
                {"LastUpdateDateTime", epoch_seconds(m.table_class_updated)}};
        r["GlobalTableSettingsReplicationMode"] = "ENABLED_WITH_OVERRIDES";
        out.push_back(std::move(r));
    }
    return out;
}

Json ReplicaGroup::describe_witnesses() const {
    Json out = Json::array();
    for (const auto& w : witnesses)
        out.push_back({{"RegionName", w.region}, {"WitnessStatus", w.status}});
    return out;
}

}  // namespace tablespan::api
