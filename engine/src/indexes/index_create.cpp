// Sources for the order and the texts: ../shared/reference/dynamodb-data-plane.md §1.2
// (dynalite's validations/createTable.js, whose tests ran against the service, refined by
// the ACK controller's live probes: unused definitions are refused before any index check).

#include "indexes/index_create.h"

#include <algorithm>
#include <set>

#include "api/request_util.h"

namespace tablespan::indexes {

namespace {
constexpr std::size_t kMaxLocalIndexes = 5;
constexpr std::size_t kMaxGlobalIndexes = 20;
constexpr std::size_t kMaxProjectedAttributes = 100;
constexpr std::size_t kMaxKeyAttributes = 4;  // per part of a GSI key (§1.8)

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
    return out;
}

std::vector<std::string> key_names(const Json& key_schema) {
    std::vector<std::string> out;
    for (const auto& k : key_schema) out.push_back(k.at("AttributeName"));
    return out;
}
}  // namespace

namespace {
void check_defined(const std::vector<std::string>& keys, const std::vector<std::string>& defined) {
    for (const auto& k : keys)
        if (std::find(defined.begin(), defined.end(), k) == defined.end())
            throw_invalid_parameter(
                "Some index key attributes are not defined in AttributeDefinitions. Keys: [" +
                join(keys) + "], AttributeDefinitions: [" + join(defined) + "]");
}
}  // namespace

void check_key_schema(const Json& schema, const std::vector<std::string>& defined) {
    auto keys = key_names(schema);
    check_defined(keys, defined);
    if (keys.size() == 2 && keys[0] == keys[1])
        throw_validation(
            "Both the Hash Key and the Range Key element in the KeySchema have the same name");
    if (schema[0].at("KeyType") != "HASH")
        throw_validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    if (keys.size() == 2 && schema[1].at("KeyType") != "RANGE")
        throw_validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
}

void check_gsi_key_schema(const Json& schema, const std::vector<std::string>& defined) {
    auto keys = key_names(schema);
    const bool plain = keys.size() <= 2 && (keys.size() < 2 || schema[1].at("KeyType") == "RANGE");
    if (plain) return check_key_schema(schema, defined);
    check_defined(keys, defined);
    // Multi-attribute keys: texts from the ACK controller's live probes
    // (../shared/reference/dynamodb-data-plane.md §1.8).
    if (std::set<std::string>(keys.begin(), keys.end()).size() != keys.size())
        throw_validation("The KeySchema contains multiple key attributes with the same name");
    if (schema[0].at("KeyType") != "HASH")
        throw_validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    std::size_t hash = 0, range = 0;
    for (const auto& k : schema) {
        if (k.at("KeyType") == "HASH") {
            if (range > 0)
                throw_validation(
                    "All HASH key attributes must precede RANGE key attributes in the KeySchema");
            ++hash;
        } else {
            ++range;
        }
    }
    if (hash > kMaxKeyAttributes)
        throw_validation("The KeySchema exceeds the maximum allowed number of HASH key attributes");
    if (range > kMaxKeyAttributes)
        throw_validation(
            "The KeySchema exceeds the maximum allowed number of RANGE key attributes");
}

namespace {
void read_projection(const Json& definition, SecondaryIndex& index) {
    const Json& projection = definition.at("Projection");
    auto type = api::string_member(projection, "ProjectionType");
    if (!type) throw_invalid_parameter("Unknown ProjectionType: null");
    const Json* non_key = api::member(projection, "NonKeyAttributes");
    if (non_key && *type != "INCLUDE")
        throw_invalid_parameter("ProjectionType is " + *type +
                                ", but NonKeyAttributes is specified");
    if (!non_key && *type == "INCLUDE")
        throw_invalid_parameter("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
    index.projection_type = *type;
    if (non_key) {
        std::set<std::string> seen;
        for (const auto& a : *non_key) {
            if (a.is_null()) continue;  // a null entry reads as absent, as elsewhere
            const std::string name = a;
            if (!seen.insert(name).second)
                throw_invalid_parameter("Duplicate element in NonKeyAttributes: " + name);
        }
        // DescribeTable lists them sorted by name (ACK#DDB-TABLE-125).
        index.non_key_attributes.assign(seen.begin(), seen.end());
    }
}

void read_keys(const Json& definition, const Json& definitions, SecondaryIndex& index) {
    for (const auto& k : definition.at("KeySchema")) {
        const std::string name = k.at("AttributeName");
        api::KeyElement element{name, defined_type(definitions, name)};
        (k.at("KeyType") == "HASH" ? index.hash_keys : index.range_keys)
            .push_back(std::move(element));
    }
}

void check_unique_name(std::set<std::string>& names, const std::string& name) {
    if (!names.insert(name).second) throw_invalid_parameter("Duplicate index name: " + name);
}
}  // namespace

AttributeValue::Type defined_type(const Json& definitions, const std::string& name) {
    for (const auto& d : definitions)
        if (d.at("AttributeName") == name) {
            const std::string t = d.at("AttributeType");
            if (t == "N") return AttributeValue::Type::N;
            if (t == "B") return AttributeValue::Type::B;
        }
    return AttributeValue::Type::S;
}

SecondaryIndex gsi_from_definition(const Json& definition, const api::TableMeta& table,
                                   const Json& definitions, bool on_create) {
    std::vector<std::string> defined;
    for (const auto& d : definitions) defined.push_back(d.at("AttributeName"));
    const std::string name = definition.at("IndexName");
    check_gsi_key_schema(definition.at("KeySchema"), defined);
    SecondaryIndex index;
    index.global = true;
    index.name = name;
    read_projection(definition, index);
    const Json* throughput = api::member(definition, "ProvisionedThroughput");
    if (table.billing_mode == "PAY_PER_REQUEST") {
        if (throughput)
            throw_invalid_parameter(on_create ? "ProvisionedThroughput should not be specified for "
                                                "index: " +
                                                    name + " when BillingMode is PAY_PER_REQUEST"
                                              : "Neither ReadCapacityUnits nor WriteCapacityUnits "
                                                "can be specified for index: " +
                                                    name + " when BillingMode is PAY_PER_REQUEST");
    } else {
        if (!throughput)
            throw_invalid_parameter((on_create
                                         ? "ProvisionedThroughput is not specified for index: "
                                         : "ProvisionedThroughput must be specified for index: ") +
                                    name);
        index.read_capacity = *api::int_member(*throughput, "ReadCapacityUnits");
        index.write_capacity = *api::int_member(*throughput, "WriteCapacityUnits");
    }
    if (const Json* od = api::member(definition, "OnDemandThroughput")) {
        if (table.billing_mode != "PAY_PER_REQUEST")
            throw_invalid_parameter(
                "MaxReadRequestUnits for OnDemandThroughput cannot be specified when the table "
                "BillingMode is PROVISIONED");
        for (const char* unit : {"MaxReadRequestUnits", "MaxWriteRequestUnits"})
            if (auto v = api::int_member(*od, unit); v && *v < 1 && (on_create || *v != -1))
                throw_invalid_parameter(std::string("Requested ") + unit +
                                        " for OnDemandThroughput for index : " + name +
                                        " is outside of valid range");
        index.on_demand = *od;
    }
    index.status = on_create ? "ACTIVE" : "CREATING";
    read_keys(definition, definitions, index);
    return index;
}

std::vector<SecondaryIndex> indexes_for_create(const Json& request, const api::TableMeta& table) {
    const Json& definitions = request.at("AttributeDefinitions");
    std::vector<std::string> defined;
    for (const auto& d : definitions) defined.push_back(d.at("AttributeName"));
    const Json* lsis = api::member(request, "LocalSecondaryIndexes");
    const Json* gsis = api::member(request, "GlobalSecondaryIndexes");

    // Every definition must be a key of the table or of an index.
    std::vector<std::string> used = key_names(request.at("KeySchema"));
    for (const Json* list : {lsis, gsis})
        if (list)
            for (const auto& ix : *list)
                for (const auto& k : key_names(ix.at("KeySchema")))
                    if (std::find(used.begin(), used.end(), k) == used.end()) used.push_back(k);
    for (const auto& d : defined)
        if (std::find(used.begin(), used.end(), d) == used.end())
            throw_invalid_parameter(
                "Some AttributeDefinitions are not used. AttributeDefinitions: [" + join(defined) +
                "], keys used: [" + join(used) + "]");

    std::vector<SecondaryIndex> out;
    std::set<std::string> names;
    std::size_t projected = 0;
    if (lsis) {
        if (lsis->empty()) throw_invalid_parameter("List of LocalSecondaryIndexes is empty");
        if (!table.sort_key)
            throw_invalid_parameter(
                "Table KeySchema does not have a range key, which is required when specifying a "
                "LocalSecondaryIndex");
        for (const auto& def : *lsis) {
            const std::string name = def.at("IndexName");
            check_key_schema(def.at("KeySchema"), defined);
            const Json& schema = def.at("KeySchema");
            if (schema.size() != 2)
                throw_invalid_parameter("Index KeySchema does not have a range key for index: " +
                                        name);
            const std::string hash = schema[0].at("AttributeName");
            if (hash != table.partition_key.name)
                throw_invalid_parameter(
                    "Index KeySchema does not have the same leading hash key as table KeySchema "
                    "for index: " +
                    name + ". index hash key: " + hash +
                    ", table hash key: " + table.partition_key.name);
            SecondaryIndex index;
            index.global = false;
            index.name = name;
            read_projection(def, index);
            check_unique_name(names, name);
            read_keys(def, definitions, index);
            projected += index.non_key_attributes.size();
            out.push_back(std::move(index));
        }
        if (lsis->size() > kMaxLocalIndexes)
            throw_invalid_parameter("Number of LocalSecondaryIndexes exceeds per-table limit of 5");
    }
    if (gsis) {
        if (gsis->empty()) throw_invalid_parameter("List of GlobalSecondaryIndexes is empty");
        for (const auto& def : *gsis) {
            SecondaryIndex index = gsi_from_definition(def, table, definitions, true);
            check_unique_name(names, index.name);
            projected += index.non_key_attributes.size();
            out.push_back(std::move(index));
        }
        if (gsis->size() > kMaxGlobalIndexes)
            throw_invalid_parameter("GlobalSecondaryIndex count exceeds the per-table limit of 20");
    }
    // The limit counts a name once per index that includes it (DG:ServiceQuotas); the
    // text is as a public lint rule quotes it [unverified prefix].
    if (projected > kMaxProjectedAttributes)
        throw_invalid_parameter(
            "Number of projected attributes in all indexes exceeds limit of 100");
    std::int64_t id = 1;
    for (auto& ix : out) ix.id = id++;
    return out;
}

}  // namespace tablespan::indexes
