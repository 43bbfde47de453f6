#include "api/backup_record.h"

#include <cctype>
#include <cstdio>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "tablespan/error.h"
#include "tablespan/regions.h"

namespace tablespan::api {

namespace {
std::uint32_t random_suffix() {
    static std::mutex mutex;
    static std::mt19937 rng{std::random_device{}()};
    std::lock_guard lock(mutex);
    return static_cast<std::uint32_t>(rng());
}

Json key_schema(const Json& source) {
    Json keys = Json::array();
    keys.push_back({{"AttributeName", source.at("pk").at("name")}, {"KeyType", "HASH"}});
    if (source.contains("sk"))
        keys.push_back({{"AttributeName", source.at("sk").at("name")}, {"KeyType", "RANGE"}});
    return keys;
}

AttributeValue::Type type_from_code(const std::string& s) {
    if (s == "N") return AttributeValue::Type::N;
    if (s == "B") return AttributeValue::Type::B;
    return AttributeValue::Type::S;
}
}  // namespace

Json BackupRecord::to_storage() const {
    return {{"arn", arn},
            {"name", name},
            {"status", status},
            {"type", type},
            {"created", created},
            {"expires", expires},
            {"size_bytes", size_bytes},
            {"item_count", item_count},
            {"source", source}};
}

BackupRecord BackupRecord::from_storage(std::int64_t id, const Json& j) {
    BackupRecord b;
    b.id = id;
    b.arn = j.at("arn");
    b.name = j.at("name");
    b.status = j.at("status");
    b.type = j.at("type");
    b.created = j.at("created");
    b.expires = j.at("expires");
    b.size_bytes = j.at("size_bytes");
    b.item_count = j.at("item_count");
    b.source = j.at("source");
    return b;
}

Json BackupRecord::details() const {
    Json d = {{"BackupArn", arn},
              {"BackupName", name},
              {"BackupSizeBytes", size_bytes},
              {"BackupStatus", status},
              {"BackupType", type},
              {"BackupCreationDateTime", epoch_seconds(created)}};
    if (expires) d["BackupExpiryDateTime"] = epoch_seconds(expires);
    return d;
}

Json BackupRecord::description(const std::string& shown_status) const {
    Json d = details();
    d["BackupStatus"] = shown_status;
    const Json& s = source;
    Json table = {{"TableName", s.at("name")},
                  {"TableId", s.at("table_id")},
                  {"TableArn", s.at("arn")},
                  {"TableSizeBytes", s.at("size_bytes")},
                  {"KeySchema", key_schema(s)},
                  {"TableCreationDateTime", epoch_seconds(s.at("created"))},
                  {"ProvisionedThroughput",
                   {{"ReadCapacityUnits", s.at("rcu")}, {"WriteCapacityUnits", s.at("wcu")}}},
                  {"ItemCount", s.at("item_count")},
                  {"BillingMode", s.at("billing_mode")}};
    // SYSTEM backups record no features (observed: an empty map).
    Json features = Json::object();
    if (type == "USER") {
        if (s.at("stream_enabled").get<bool>())
            features["StreamDescription"] = {{"StreamEnabled", true},
                                             {"StreamViewType", s.at("stream_view_type")}};
        if (s.contains("indexes")) {
            Json gsis = Json::array(), lsis = Json::array();
            for (const auto& j : s.at("indexes")) {
                auto ix = indexes::SecondaryIndex::from_storage(j);
                Json info = {{"IndexName", ix.name},
                             {"KeySchema", ix.key_schema()},
                             {"Projection", ix.projection()}};
                if (ix.global)
                    info["ProvisionedThroughput"] = {{"ReadCapacityUnits", ix.read_capacity},
                                                     {"WriteCapacityUnits", ix.write_capacity}};
                (ix.global ? gsis : lsis).push_back(info);
            }
            if (!lsis.empty()) features["LocalSecondaryIndexes"] = lsis;
            if (!gsis.empty()) features["GlobalSecondaryIndexes"] = gsis;
        }
        if (s.at("sse_enabled").get<bool>())
            features["SSEDescription"] = {{"Status", "ENABLED"},
                                          {"SSEType", "KMS"},
                                          {"KMSMasterKeyArn", s.at("sse_kms_key_arn")}};
    }
    return {{"BackupDetails", d},
            {"SourceTableDetails", table},
            {"SourceTableFeatureDetails", features}};
}

Json BackupRecord::summary() const {
    Json j = {{"TableName", source.at("name")},
              {"TableId", source.at("table_id")},
              {"TableArn", source.at("arn")},
              {"BackupArn", arn},
              {"BackupName", name},
              {"BackupCreationDateTime", epoch_seconds(created)},
              {"BackupStatus", status},
              {"BackupType", type},
              {"BackupSizeBytes", size_bytes}};
    if (expires) j["BackupExpiryDateTime"] = epoch_seconds(expires);
    return j;
}

Json record_source(const TableMeta& t) {
    Json j = {{"name", t.name},
              {"table_id", t.table_id},
              {"arn", t.arn()},
              {"created", t.created},
              {"pk",
               {{"name", t.partition_key.name},
                {"type", AttributeValue::type_name(t.partition_key.type)}}},
              {"attribute_definitions", t.attribute_definitions},
              {"billing_mode", t.billing_mode},
              {"billing_mode_summary", t.billing_mode_summary},
              {"rcu", t.read_capacity},
              {"wcu", t.write_capacity},
              {"stream_enabled", t.stream_enabled},
              {"stream_view_type", t.stream_view_type},
              {"sse_enabled", t.sse_enabled},
              {"sse_kms_key_arn", t.sse_kms_key_arn},
              {"size_bytes", t.size_bytes},
              {"item_count", t.item_count}};
    if (t.sort_key)
        j["sk"] = {{"name", t.sort_key->name},
                   {"type", AttributeValue::type_name(t.sort_key->type)}};
    if (!t.indexes.empty()) {
        Json list = Json::array();
        for (const auto& ix : t.indexes)
            if (ix.status != "DELETING" && ix.status != "CREATING") list.push_back(ix.to_storage());
        j["indexes"] = list;
        j["next_index_id"] = t.next_index_id;
    }
    return j;
}

TableMeta table_from_source(const Json& s) {
    TableMeta t;
    t.name = s.at("name");
    t.partition_key = {s.at("pk").at("name"), type_from_code(s.at("pk").at("type"))};
    if (s.contains("sk"))
        t.sort_key = KeyElement{s.at("sk").at("name"), type_from_code(s.at("sk").at("type"))};
    t.attribute_definitions = s.at("attribute_definitions");
    t.billing_mode = s.at("billing_mode");
    t.billing_mode_summary = s.at("billing_mode_summary");
    t.read_capacity = s.at("rcu");
    t.write_capacity = s.at("wcu");
    t.stream_enabled = s.at("stream_enabled");
    t.stream_view_type = s.at("stream_view_type");
    t.sse_enabled = s.at("sse_enabled");
    t.sse_kms_key_arn = s.at("sse_kms_key_arn");
    if (s.contains("indexes")) {
        for (const auto& ix : s.at("indexes"))
            t.indexes.push_back(indexes::SecondaryIndex::from_storage(ix));
        t.next_index_id = s.at("next_index_id");
    }
    return t;
}

std::string backup_arn(const std::string& table_arn, Millis created, bool system) {
    char id[32];
    std::snprintf(id, sizeof id, "%014lld-%08x", static_cast<long long>(created),
                  system ? 0u : random_suffix());
    return table_arn + "/backup/" + id;
}

BackupArnParts parse_backup_arn(const std::string& arn, const std::string& account_id) {
    auto invalid = [] { throw_validation("Invalid Backup ARN"); };
    // arn:PARTITION:SERVICE:REGION:ACCOUNT:table/NAME/backup/ID
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (int i = 0; i < 5; ++i) {
        std::size_t colon = arn.find(':', start);
        if (colon == std::string::npos) invalid();
        parts.push_back(arn.substr(start, colon - start));
        start = colon + 1;
    }
    std::string resource = arn.substr(start);
    if (parts[0] != "arn" || resource.rfind("table/", 0) != 0) invalid();
    std::size_t marker = resource.rfind("/backup/");
    if (marker == std::string::npos || marker <= 6) invalid();
    BackupArnParts out;
    out.table = resource.substr(6, marker - 6);
    out.id = resource.substr(marker + 8);
    if (out.id.size() != 23 || out.id[14] != '-') invalid();
    for (std::size_t i = 0; i < out.id.size(); ++i)
        if (i != 14 && !std::isxdigit(static_cast<unsigned char>(out.id[i]))) invalid();
    for (std::size_t i = 0; i < 14; ++i)
        if (!std::isdigit(static_cast<unsigned char>(out.id[i]))) invalid();
    out.created = std::stoll(out.id.substr(0, 14));
    out.region = parts[3];
    out.account = parts[4];
    if (parts[1] != "aws" || parts[2] != "dynamodb" || !find_region(out.region))
        throw_validation("BackupArn is not valid");
    if (out.account != account_id) throw ApiError("AccessDeniedException", "Access is denied");
    return out;
}

}  // namespace tablespan::api
