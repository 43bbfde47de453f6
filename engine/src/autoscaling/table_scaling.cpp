#include "autoscaling/table_scaling.h"

namespace tablespan::autoscaling {

namespace {
const Policy kNone;

Json policies_to_storage(const std::map<std::string, Policy>& by_region) {
    Json j = Json::object();
    for (const auto& [region, p] : by_region) j[region] = p.to_storage();
    return j;
}

std::map<std::string, Policy> policies_from_storage(const Json& j) {
    std::map<std::string, Policy> out;
    for (const auto& [region, p] : j.items()) out[region] = Policy::from_storage(p);
    return out;
}
}  // namespace

bool TableScaling::active_in(const std::string& region) const {
    if (write.active() || read_in(region).active()) return true;
    for (const auto& [name, ix] : indexes)
        if (ix.write.active() || index_read_in(name, region).active()) return true;
    return false;
}

const Policy& TableScaling::read_in(const std::string& region) const {
    auto it = read.find(region);
    return it == read.end() ? kNone : it->second;
}

const Policy& TableScaling::index_read_in(const std::string& index,
                                          const std::string& region) const {
    auto ix = indexes.find(index);
    if (ix == indexes.end()) return kNone;
    auto it = ix->second.read.find(region);
    return it == ix->second.read.end() ? kNone : it->second;
}

const Policy& TableScaling::index_write(const std::string& index) const {
    auto ix = indexes.find(index);
    return ix == indexes.end() ? kNone : ix->second.write;
}

Json TableScaling::to_storage() const {
    Json j = {{"write", write.to_storage()}, {"read", policies_to_storage(read)}};
    Json ix = Json::object();
    for (const auto& [name, s] : indexes)
        ix[name] = {{"write", s.write.to_storage()}, {"read", policies_to_storage(s.read)}};
    j["indexes"] = std::move(ix);
    return j;
}

TableScaling TableScaling::from_storage(const Json& j) {
    TableScaling s;
    if (j.contains("write")) s.write = Policy::from_storage(j.at("write"));
    if (j.contains("read")) s.read = policies_from_storage(j.at("read"));
    if (j.contains("indexes"))
        for (const auto& [name, ix] : j.at("indexes").items()) {
            IndexScaling& out = s.indexes[name];
            if (ix.contains("write")) out.write = Policy::from_storage(ix.at("write"));
            if (ix.contains("read")) out.read = policies_from_storage(ix.at("read"));
        }
    return s;
}

}  // namespace tablespan::autoscaling
