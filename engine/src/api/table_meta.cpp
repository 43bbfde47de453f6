#include "api/table_meta.h"

#include "capacity/on_demand_maximum.h"
#include "kms/key_watch.h"

namespace tablespan::api {

double epoch_seconds(Millis t) {
    return static_cast<double>(t) / 1000.0;
}

std::string TableMeta::arn() const {
    return "arn:aws:dynamodb:" + region + ":" + account_id + ":table/" + name;
}

indexes::SecondaryIndex* TableMeta::find_index(std::string_view index_name) {
    for (auto& ix : indexes)
        if (ix.name == index_name) return &ix;
    return nullptr;
}

const indexes::SecondaryIndex* TableMeta::find_index(std::string_view index_name) const {
    for (const auto& ix : indexes)
        if (ix.name == index_name) return &ix;
    return nullptr;
}

namespace {
const char* type_code(AttributeValue::Type t) {
    return AttributeValue::type_name(t);
}

AttributeValue::Type type_from_code(const std::string& s) {
    if (s == "N") return AttributeValue::Type::N;
    if (s == "B") return AttributeValue::Type::B;
    return AttributeValue::Type::S;
}
}  // namespace

Json TableMeta::to_storage() const {
    Json j = {
        {"name", name},
        {"table_id", table_id},
        {"region", region},
        {"account_id", account_id},
        {"created", created},
        {"pk", {{"name", partition_key.name}, {"type", type_code(partition_key.type)}}},
        {"attribute_definitions", attribute_definitions},
        {"status", status},
        {"status_until", status_until},
        {"next_status", next_status},
        {"billing_mode", billing_mode},
        {"billing_mode_summary", billing_mode_summary},
        {"billing_mode_updated", billing_mode_updated},
        {"rcu", read_capacity},
        {"wcu", write_capacity},
        {"last_increase", last_increase},
        {"last_decrease", last_decrease},
        {"decreases_today", decreases_today},
        {"max_read_units", max_read_units},
        {"max_write_units", max_write_units},
        {"table_class", table_class},
        {"table_class_updated", table_class_updated},
        {"stream_enabled", stream_enabled},
        {"stream_view_type", stream_view_type},
        {"stream_label", stream_label},
        {"stream_id", stream_id},
        {"sse_enabled", sse_enabled},
        {"sse_kms_key_arn", sse_kms_key_arn},
        {"deletion_protection", deletion_protection},
        {"ttl",
         {{"enabled", ttl_enabled}, {"attribute", ttl_attribute}, {"changed_at", ttl_changed_at}}},
        {"tags", tags},
        {"tag_history", tag_history},
        {"tags_changed_at", tags_changed_at},
        {"item_count", item_count},
        {"size_bytes", size_bytes},
    };
    if (sort_key) j["sk"] = {{"name", sort_key->name}, {"type", type_code(sort_key->type)}};
    if (!indexes.empty()) {
        Json list = Json::array();
        for (const auto& ix : indexes) list.push_back(ix.to_storage());
        j["indexes"] = list;
        j["next_index_id"] = next_index_id;
    }
    if (group.global() || group.epoch) j["group"] = group.to_storage();
    if (key_state.affected()) j["kms"] = key_state.to_storage();
    if (!scaling.empty()) j["autoscaling"] = scaling.to_storage();
    j["recovery"] = recovery.to_storage();
    return j;
}

TableMeta TableMeta::from_storage(std::int64_t id, const Json& j) {
    TableMeta m;
    m.id = id;
    m.name = j.at("name");
    m.table_id = j.at("table_id");
    m.region = j.at("region");
    m.account_id = j.at("account_id");
    m.created = j.at("created");
    m.partition_key = {j.at("pk").at("name"), type_from_code(j.at("pk").at("type"))};
    if (j.contains("sk"))
        m.sort_key = KeyElement{j.at("sk").at("name"), type_from_code(j.at("sk").at("type"))};
    m.attribute_definitions = j.at("attribute_definitions");
    m.status = j.at("status");
    m.status_until = j.at("status_until");
    m.next_status = j.at("next_status");
    m.billing_mode = j.at("billing_mode");
    m.billing_mode_summary = j.at("billing_mode_summary");
    m.billing_mode_updated = j.at("billing_mode_updated");
    m.read_capacity = j.at("rcu");
    m.write_capacity = j.at("wcu");
    m.last_increase = j.at("last_increase");
    m.last_decrease = j.at("last_decrease");
    m.decreases_today = j.at("decreases_today");
    m.max_read_units = j.value("max_read_units", std::int64_t{0});
    m.max_write_units = j.value("max_write_units", std::int64_t{0});
    m.table_class = j.at("table_class");
    m.table_class_updated = j.at("table_class_updated");
    m.stream_enabled = j.at("stream_enabled");
    m.stream_view_type = j.at("stream_view_type");
    m.stream_label = j.at("stream_label");
    m.stream_id = j.value("stream_id", std::int64_t{0});
    m.sse_enabled = j.at("sse_enabled");
    m.sse_kms_key_arn = j.at("sse_kms_key_arn");
    m.deletion_protection = j.at("deletion_protection");
    if (j.contains("ttl")) {  // absent before Time to Live
        m.ttl_enabled = j.at("ttl").at("enabled");
        m.ttl_attribute = j.at("ttl").at("attribute");
        m.ttl_changed_at = j.at("ttl").at("changed_at");
    }
    m.tags = j.at("tags");
    m.tag_history = j.value("tag_history", Json::array());  // absent before tag operations
    m.tags_changed_at = j.value("tags_changed_at", Millis{0});
    m.item_count = j.at("item_count");
    m.size_bytes = j.at("size_bytes");
    if (j.contains("indexes")) {
        for (const auto& ix : j.at("indexes"))
            m.indexes.push_back(indexes::SecondaryIndex::from_storage(ix));
        m.next_index_id = j.at("next_index_id");
    }
    if (j.contains("group")) m.group = ReplicaGroup::from_storage(j.at("group"));
    if (j.contains("kms")) m.key_state = kms::TableKeyState::from_storage(j.at("kms"));
    if (j.contains("autoscaling"))
        m.scaling = autoscaling::TableScaling::from_storage(j.at("autoscaling"));
    if (j.contains("recovery")) m.recovery = TableRecovery::from_storage(j.at("recovery"));
    return m;
}

Json TableMeta::describe() const {
    Json key_schema = Json::array();
    key_schema.push_back({{"AttributeName", partition_key.name}, {"KeyType", "HASH"}});
    if (sort_key) key_schema.push_back({{"AttributeName", sort_key->name}, {"KeyType", "RANGE"}});

    Json throughput = {{"NumberOfDecreasesToday", decreases_today},
                       {"ReadCapacityUnits", read_capacity},
                       {"WriteCapacityUnits", write_capacity}};
    if (last_increase) throughput["LastIncreaseDateTime"] = epoch_seconds(last_increase);
    if (last_decrease) throughput["LastDecreaseDateTime"] = epoch_seconds(last_decrease);

    Json t = {
        {"AttributeDefinitions", attribute_definitions},
        {"TableName", name},
        {"KeySchema", key_schema},
        {"TableStatus", status},
        {"CreationDateTime", epoch_seconds(created)},
        {"ProvisionedThroughput", throughput},
        {"TableSizeBytes", size_bytes},
        {"ItemCount", item_count},
        {"TableArn", arn()},
        {"TableId", table_id},
    };
    Json gsis = Json::array(), lsis = Json::array();
    for (const auto& ix : indexes)
        (ix.global ? gsis : lsis).push_back(ix.describe(arn(), billing_mode));
    if (!lsis.empty()) t["LocalSecondaryIndexes"] = lsis;
    if (!gsis.empty()) t["GlobalSecondaryIndexes"] = gsis;
    if (billing_mode_summary) {
        Json summary = {{"BillingMode", billing_mode}};
        if (billing_mode == "PAY_PER_REQUEST")
            summary["LastUpdateToPayPerRequestDateTime"] = epoch_seconds(billing_mode_updated);
        t["BillingModeSummary"] = summary;
    }
    if (stream_enabled)
        t["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", stream_view_type}};
    if (!stream_label.empty()) {
        t["LatestStreamLabel"] = stream_label;
        t["LatestStreamArn"] = arn() + "/stream/" + stream_label;
    }
    if (group.global()) {
        t["GlobalTableVersion"] = kGlobalTableVersion;
        t["Replicas"] = group.describe_replicas(region);
        // Each replica has the table's GSIs (ReplicaGlobalSecondaryIndexDescription).
        Json replica_gsis = Json::array();
        for (const auto& ix : indexes)
            if (ix.global && ix.status != "DELETING")
                replica_gsis.push_back({{"IndexName", ix.name}});
        if (!replica_gsis.empty())
            for (auto& r : t["Replicas"]) r["GlobalSecondaryIndexes"] = replica_gsis;
        t["GlobalTableSettingsReplicationMode"] = "ENABLED_WITH_OVERRIDES";
        // Shown only on STRONG tables; an EVENTUAL table omits it (reference §1.2).
        if (group.strong) t["MultiRegionConsistency"] = "STRONG";
        if (!group.witnesses.empty()) t["GlobalTableWitnesses"] = group.describe_witnesses();
    }
    if (sse_enabled)
        t["SSEDescription"] = {
            {"Status", "ENABLED"}, {"SSEType", "KMS"}, {"KMSMasterKeyArn", sse_kms_key_arn}};
    kms::describe_key_state(*this, t);
    if (table_class_updated)
        t["TableClassSummary"] = {{"TableClass", table_class},
                                  {"LastUpdateDateTime", epoch_seconds(table_class_updated)}};
    t["DeletionProtectionEnabled"] = deletion_protection;
    if (Json od = capacity::describe_on_demand_maximum(*this); !od.is_null())
        t["OnDemandThroughput"] = std::move(od);
    if (billing_mode == "PAY_PER_REQUEST")
        t["WarmThroughput"] = {
            {"ReadUnitsPerSecond", 12000}, {"WriteUnitsPerSecond", 4000}, {"Status", "ACTIVE"}};
    describe_restore(*this, t);
    return t;
}

}  // namespace tablespan::api
