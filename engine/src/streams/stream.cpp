#include "streams/stream.h"

#include "tablespan/attribute_value.h"

namespace tablespan::streams {

namespace {
// Key attributes are S, N or B.
Json key_element(const api::KeyElement& k) {
    return {{"name", k.name}, {"type", AttributeValue::type_name(k.type)}};
}

api::KeyElement key_element_from(const Json& j) {
    api::KeyElement k;
    k.name = j.at("name").get<std::string>();
    const std::string type = j.at("type").get<std::string>();
    k.type = type == "N"   ? AttributeValue::Type::N
             : type == "B" ? AttributeValue::Type::B
                           : AttributeValue::Type::S;
    return k;
}
}  // namespace

std::string Stream::status(Millis now) const {
    if (disabled_at) return now < disabled_at + kDisablingMs ? "DISABLING" : "DISABLED";
    return now < enabled_at ? "ENABLING" : "ENABLED";
}

Json Stream::key_schema() const {
    Json out = Json::array();
    out.push_back({{"AttributeName", partition_key.name}, {"KeyType", "HASH"}});
    if (sort_key) out.push_back({{"AttributeName", sort_key->name}, {"KeyType", "RANGE"}});
    return out;
}

std::string Stream::to_storage() const {
    Json j = {{"label", label},
              {"table_name", table_name},
              {"table_arn", table_arn},
              {"view_type", view_type},
              {"partition_key", key_element(partition_key)},
              {"created_at", created_at},
              {"enabled_at", enabled_at},
              {"disabled_at", disabled_at},
              {"trimmed_seq", trimmed_seq}};
    if (sort_key) j["sort_key"] = key_element(*sort_key);
    return j.dump();
}

Stream Stream::from_storage(const storage::StoredStream& row) {
    const Json j = Json::parse(row.meta);
    Stream s;
    s.id = row.id;
    s.arn = row.arn;
    s.label = j.at("label").get<std::string>();
    s.table_name = j.at("table_name").get<std::string>();
    s.table_arn = j.at("table_arn").get<std::string>();
    s.view_type = j.at("view_type").get<std::string>();
    s.partition_key = key_element_from(j.at("partition_key"));
    if (j.contains("sort_key")) s.sort_key = key_element_from(j.at("sort_key"));
    s.created_at = j.at("created_at").get<Millis>();
    s.enabled_at = j.at("enabled_at").get<Millis>();
    s.disabled_at = j.at("disabled_at").get<Millis>();
    s.trimmed_seq = j.value("trimmed_seq", std::int64_t{0});
    return s;
}

}  // namespace tablespan::streams
