// CreateTable: the service's semantic checks (after shape validation), in its order.

#include <set>

#include "api/handlers.h"
#include "api/ids.h"
#include "api/lifecycle.h"
#include "api/request_util.h"
#include "tags/table_tags.h"
#include "api/request_validator.h"
#include "capacity/on_demand_maximum.h"
#include "core/region.h"
#include "indexes/index_create.h"
#include "kms/sse.h"

namespace tablespan::api {

namespace {
void check_throughput(const Json& request, const std::string& billing_mode) {
    const Json* throughput = member(request, "ProvisionedThroughput");
    if (billing_mode == "PAY_PER_REQUEST") {
        if (throughput)
            throw_invalid_parameter(
                "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                "BillingMode is PAY_PER_REQUEST");
        return;
    }
    if (!throughput)
        throw_invalid_parameter(
            "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode "
            "is PROVISIONED");
    for (const char* field : {"ReadCapacityUnits", "WriteCapacityUnits"}) {
        auto v = int_member(*throughput, field);
        if (v && *v > 1'000'000'000'000LL)
            throw_validation("Given value " + std::to_string(*v) + " for " + field +
                             " is out of bounds");
    }
}
}  // namespace

Json create_table(core::Region& region, const Json& request) {
    const std::string name = request.at("TableName");
    {
        // Optional in today's model (for imports), required for CreateTable itself.
        std::vector<std::string> missing;
        for (const char* m : {"attributeDefinitions", "keySchema"}) {
            std::string member_name(m);
            member_name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(m[0])));
            if (!member(request, member_name))
                missing.push_back(std::string("Value null at '") + m +
                                  "' failed to satisfy constraint: Member must not be null");
        }
        throw_constraint_violations(missing);
    }
    std::string billing_mode = string_member(request, "BillingMode").value_or("PROVISIONED");
    check_throughput(request, billing_mode);

    const Json& definitions = request.at("AttributeDefinitions");
    const Json& key_schema = request.at("KeySchema");
    std::vector<std::string> defined, keys;
    for (const auto& d : definitions) defined.push_back(d.at("AttributeName"));
    for (const auto& k : key_schema) keys.push_back(k.at("AttributeName"));

    if (keys.size() > defined.size())
        throw_validation("Invalid KeySchema: Some index key attribute have no definition");
    indexes::check_key_schema(key_schema, defined);
    const bool has_indexes =
        member(request, "GlobalSecondaryIndexes") || member(request, "LocalSecondaryIndexes");
    if (!has_indexes && keys.size() != defined.size())
        throw_invalid_parameter(
            "Number of attributes in KeySchema does not exactly match number of attributes "
            "defined in AttributeDefinitions");
    std::set<std::string> unique(defined.begin(), defined.end());
    if (unique.size() != defined.size())
        throw_invalid_parameter("Cannot have two attributes with the same name");

    TableMeta t;
    t.partition_key = {keys[0], indexes::defined_type(definitions, keys[0])};
    if (keys.size() == 2)
        t.sort_key = KeyElement{keys[1], indexes::defined_type(definitions, keys[1])};
    t.billing_mode = billing_mode;
    if (has_indexes) {
        t.indexes = indexes::indexes_for_create(request, t);
        t.next_index_id = static_cast<std::int64_t>(t.indexes.size()) + 1;
    }

    std::string stream_view;
    if (const Json* stream = member(request, "StreamSpecification")) {
        bool enabled = bool_member(*stream, "StreamEnabled").value_or(false);
        auto view = string_member(*stream, "StreamViewType");
        if (enabled && !view)
            throw_invalid_parameter(
                "If stream is being enabled then UpdateViewType is required");  // as UpdateTable
        if (!enabled && view)
            throw_invalid_parameter(
                "If stream is being disabled, then UpdateViewType must not be specified");
        if (enabled) stream_view = *view;
    }

    if (region.find_table(name))
        throw ApiError("ResourceInUseException", "Table already exists: " + name);
    std::optional<kms::SseRequest> sse;
    if (const Json* spec = member(request, "SSESpecification"))
        sse = kms::read_sse(*spec, false);

    t.name = name;
    t.table_id = new_uuid();
    t.region = std::string(region.code());
    t.account_id = region.core().account_id;
    t.created = region.now();
    for (const auto& d : definitions)
        t.attribute_definitions.push_back(
            {{"AttributeName", d.at("AttributeName")}, {"AttributeType", d.at("AttributeType")}});

    t.billing_mode_summary = member(request, "BillingMode") != nullptr;
    t.billing_mode_updated = t.created;
    if (billing_mode == "PROVISIONED") {
        const Json& throughput = request.at("ProvisionedThroughput");
        t.read_capacity = *int_member(throughput, "ReadCapacityUnits");
        t.write_capacity = *int_member(throughput, "WriteCapacityUnits");
    }
    capacity::apply_on_demand_maximum(t, member(request, "OnDemandThroughput"), billing_mode);
    if (auto cls = string_member(request, "TableClass")) {
        t.table_class = *cls;
        t.table_class_updated = t.created;
    }
    if (!stream_view.empty()) {
        t.stream_enabled = true;
        t.stream_view_type = stream_view;
        t.stream_label = stream_label(t.created);
    }
    if (sse && sse->enabled) {
        // The key must exist and be enabled in the region's KMS; without a key id the AWS
        // managed key (alias/aws/dynamodb).
        t.sse_enabled = true;
        t.sse_kms_key_arn = kms::resolve_table_key(region, sse->key_id);
    }
    t.deletion_protection = bool_member(request, "DeletionProtectionEnabled").value_or(false);
    if (const Json* tags = member(request, "Tags")) {
        // `Tags: []` is accepted; a bad or too large set creates no table (§5).
        tags::check_tags(*tags);
        t.tags = tags::merged(Json::array(), *tags);
    }

    t.status = "CREATING";
    t.next_status = "ACTIVE";
    t.status_until = t.created + kCreatingMs;
    TableMeta& stored = region.add_table(std::move(t));
    region.schedule_transition(stored, stored.status_until);
    region.core().events.publish(
        TableStatusChanged{std::string(region.code()), stored.name, stored.status});
    return {{"TableDescription", stored.describe()}};
}

}  // namespace tablespan::api
