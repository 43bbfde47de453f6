#include "indexes/secondary_index.h"

#include <algorithm>

namespace tablespan::indexes {

namespace {
Json key_json(const api::KeyElement& k) {
    return {{"name", k.name}, {"type", AttributeValue::type_name(k.type)}};
}

// The backfill position's encoded keys are bytes: kept as hex in the table's JSON.
std::string to_hex(const std::string& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::string from_hex(const std::string& hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    return out;
}

Json keys_json(const std::vector<api::KeyElement>& keys) {
    Json out = Json::array();
    for (const auto& k : keys) out.push_back(key_json(k));
    return out;
}

api::KeyElement key_from_json(const Json& j) {
    const std::string t = j.at("type");
    auto type = t == "N" ? AttributeValue::Type::N
                         : (t == "B" ? AttributeValue::Type::B : AttributeValue::Type::S);
    return {j.at("name"), type};
}
}  // namespace

bool SecondaryIndex::projects(const std::string& attribute) const {
    if (projection_type == "ALL" || is_key(attribute)) return true;
    return std::binary_search(non_key_attributes.begin(), non_key_attributes.end(), attribute);
}

bool SecondaryIndex::is_key(const std::string& attribute) const {
    auto named = [&](const api::KeyElement& k) { return k.name == attribute; };
    return std::any_of(hash_keys.begin(), hash_keys.end(), named) ||
           std::any_of(range_keys.begin(), range_keys.end(), named);
}

std::vector<api::KeyElement> SecondaryIndex::key_elements() const {
    std::vector<api::KeyElement> out = hash_keys;
    out.insert(out.end(), range_keys.begin(), range_keys.end());
    return out;
}

Json SecondaryIndex::to_storage() const {
    Json j = {{"global", global},
              {"name", name},
              {"id", id},
              {"hash", keys_json(hash_keys)},
              {"range", keys_json(range_keys)},
              {"projection_type", projection_type},
              {"non_key_attributes", non_key_attributes},
              {"status", status},
              {"status_until", status_until},
              {"added_later", added_later},
              {"backfilling", backfilling},
              {"rcu", read_capacity},
              {"wcu", write_capacity},
              {"decreases_today", decreases_today},
              {"last_decrease", last_decrease},
              {"on_demand", on_demand},
              {"item_count", item_count},
              {"size_bytes", size_bytes}};
    if (backfill_after)
        j["backfill_after"] = {to_hex(backfill_after->first), to_hex(backfill_after->second)};
    return j;
}

SecondaryIndex SecondaryIndex::from_storage(const Json& j) {
    SecondaryIndex ix;
    ix.global = j.at("global");
    ix.name = j.at("name");
    ix.id = j.at("id");
    if (j.contains("hash")) {
        for (const auto& k : j.at("hash")) ix.hash_keys.push_back(key_from_json(k));
        for (const auto& k : j.at("range")) ix.range_keys.push_back(key_from_json(k));
    } else {  // written before multi-attribute keys (schema version 4)
        ix.hash_keys.push_back(key_from_json(j.at("pk")));
        if (j.contains("sk")) ix.range_keys.push_back(key_from_json(j.at("sk")));
    }
    ix.projection_type = j.at("projection_type");
    ix.non_key_attributes = j.at("non_key_attributes").get<std::vector<std::string>>();
    ix.status = j.at("status");
    ix.status_until = j.at("status_until");
    ix.added_later = j.at("added_later");
    ix.backfilling = j.at("backfilling");
    ix.read_capacity = j.at("rcu");
    ix.write_capacity = j.at("wcu");
    ix.decreases_today = j.value("decreases_today", std::int64_t{0});  // absent before 2026-12
    ix.last_decrease = j.value("last_decrease", Millis{0});
    ix.on_demand = j.at("on_demand");
    ix.item_count = j.at("item_count");
    ix.size_bytes = j.at("size_bytes");
    if (j.contains("backfill_after"))
        ix.backfill_after = std::pair{from_hex(j.at("backfill_after").at(0)),
                                      from_hex(j.at("backfill_after").at(1))};
    return ix;
}

Json SecondaryIndex::key_schema() const {
    Json k = Json::array();
    for (const auto& h : hash_keys) k.push_back({{"AttributeName", h.name}, {"KeyType", "HASH"}});
    for (const auto& r : range_keys) k.push_back({{"AttributeName", r.name}, {"KeyType", "RANGE"}});
    return k;
}

Json SecondaryIndex::projection() const {
    Json p = {{"ProjectionType", projection_type}};
    if (projection_type == "INCLUDE") p["NonKeyAttributes"] = non_key_attributes;
    return p;
}

Json SecondaryIndex::describe(const std::string& table_arn, const std::string& billing_mode) const {
    // Source for the shapes: ../shared/reference/dynamodb-data-plane.md §1.3 (LSIs have no
    // IndexStatus, ProvisionedThroughput or WarmThroughput; Backfilling only on a GSI
    // added by UpdateTable while it is CREATING).
    Json d = {{"IndexName", name},          {"KeySchema", key_schema()},
              {"Projection", projection()}, {"IndexSizeBytes", size_bytes},
              {"ItemCount", item_count},    {"IndexArn", arn(table_arn)}};
    if (!global) return d;
    d["IndexStatus"] = status;
    if (added_later && status == "CREATING") d["Backfilling"] = backfilling;
    const bool on_demand_table = billing_mode == "PAY_PER_REQUEST";
    d["ProvisionedThroughput"] = {{"NumberOfDecreasesToday", decreases_today},
                                  {"ReadCapacityUnits", on_demand_table ? 0 : read_capacity},
                                  {"WriteCapacityUnits", on_demand_table ? 0 : write_capacity}};
    if (last_decrease) d["ProvisionedThroughput"]["LastDecreaseDateTime"] = last_decrease / 1000.0;
    if (!on_demand.is_null()) d["OnDemandThroughput"] = on_demand;
    if (on_demand_table)
        d["WarmThroughput"] = {
            {"ReadUnitsPerSecond", 12000}, {"WriteUnitsPerSecond", 4000}, {"Status", "ACTIVE"}};
    else
        d["WarmThroughput"] = {{"ReadUnitsPerSecond", read_capacity},
                               {"WriteUnitsPerSecond", write_capacity},
                               {"Status", "ACTIVE"}};
    return d;
}

}  // namespace tablespan::indexes
