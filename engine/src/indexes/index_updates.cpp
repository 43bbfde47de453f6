// Sources for the checks, their order and texts: ../shared/reference/dynamodb-data-plane.md
// §1.4 (the ACK controller's live probes, dynalite's updateTable tests and Alternator's
// test_gsi_updatetable.py, both run against the service).

#include "indexes/index_updates.h"

#include <set>

#include "api/request_util.h"
#include "capacity/decrease_limits.h"
#include "core/region.h"
#include "indexes/index_create.h"
#include "indexes/index_jobs.h"

namespace tablespan::indexes {

namespace {
constexpr std::size_t kMaxGlobalIndexes = 20;

[[noreturn]] void one_at_a_time() {
    throw ApiError("LimitExceededException",
                   "Subscriber limit exceeded: Only 1 online index can be created or deleted "
                   "simultaneously per table");
}

struct Action {
    std::string kind;  // Create, Update or Delete
    const Json* body;
    std::string index;
};

std::vector<Action> read_actions(const Json& request) {
    const Json& list = request.at("GlobalSecondaryIndexUpdates");
    if (list.empty()) throw_invalid_parameter("List of GlobalSecondaryIndexUpdates is empty");
    std::vector<Action> actions;
    std::set<std::string> names;
    int online = 0;
    for (const auto& entry : list) {
        std::vector<Action> found;
        for (const char* kind : {"Update", "Create", "Delete"})
            if (const Json* body = api::member(entry, kind))
                found.push_back({kind, body, body->at("IndexName").get<std::string>()});
        if (found.empty())
            throw_invalid_parameter(
                "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                "GlobalSecondaryIndexUpdate.Delete must not be null");
        if (found.size() > 1)
            throw_invalid_parameter(
                "Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate "
                "object");
        if (!names.insert(found[0].index).second)
            throw_invalid_parameter(
                "Only one global secondary index update per index is allowed simultaneously. "
                "Index: " +
                found[0].index);
        if (found[0].kind != "Update") ++online;
        actions.push_back(found[0]);
    }
    if (online > 1) one_at_a_time();
    if (online) {
        // A Create or Delete shares a call only with GSI Updates and a billing switch.
        if (api::member(request, "ProvisionedThroughput"))
            throw_invalid_parameter("You cannot create or delete index while updating table IOPS");
        if (api::member(request, "StreamSpecification"))
            throw_invalid_parameter(
                "You cannot create or delete index while changing stream status");
    }
    if (api::member(request, "DeletionProtectionEnabled"))
        throw_invalid_parameter(
            "DeletionProtection modification must be the only operation in the request");
    if (api::member(request, "SSESpecification"))
        throw_invalid_parameter(
            "Server-Side Encryption modification must be the only operation in the request");
    if (api::member(request, "TableClass"))
        throw_invalid_parameter(
            "TableClass modification must be the only operation in the request");
    return actions;
}

std::string schema_text(const std::string& name, AttributeValue::Type type, const char* key_type) {
    return std::string("Schema:[SchemaElement: key{") + name + ":" +
           AttributeValue::type_name(type) + ":" + key_type + "}]";
}

// A key attribute the table or another index already uses keeps its type.
void check_redefinition(const api::TableMeta& t, const SecondaryIndex& created) {
    auto check = [&](const api::KeyElement& k, const char* key_type) {
        auto compare = [&](const api::KeyElement& existing, const char* existing_type) {
            if (existing.name == k.name && existing.type != k.type)
                throw_invalid_parameter(
                    "Attributes cannot be redefined. Please check that your attribute has the "
                    "same type as previously defined. Existing schema: " +
                    schema_text(existing.name, existing.type, existing_type) +
                    " New schema: " + schema_text(k.name, k.type, key_type));
        };
        compare(t.partition_key, "HASH");
        if (t.sort_key) compare(*t.sort_key, "RANGE");
        for (const auto& ix : t.indexes) {
            for (const auto& h : ix.hash_keys) compare(h, "HASH");
            for (const auto& r : ix.range_keys) compare(r, "RANGE");
        }
    };
    for (const auto& h : created.hash_keys) check(h, "HASH");
    for (const auto& r : created.range_keys) check(r, "RANGE");
}

// Another index being created or deleted holds up a Create or a Delete (deleting the
// index under backfill itself is allowed, ACK#DDB-TABLE-159/#375).
bool other_online_change(const api::TableMeta& t, const std::string& except) {
    for (const auto& ix : t.indexes)
        if (ix.name != except && (ix.status == "CREATING" || ix.status == "DELETING")) return true;
    return false;
}

SecondaryIndex& find_gsi(api::TableMeta& t, const Action& a) {
    SecondaryIndex* ix = t.find_index(a.index);
    if (!ix)
        throw ApiError("ResourceNotFoundException",
                       "Requested resource not found: Index " + a.index + " for table " + t.name);
    if (!ix->global)
        throw_validation("Cannot " + std::string(a.kind == "Delete" ? "delete" : "update") +
                         " an index that is not a GlobalSecondaryIndex: " + a.index);
    if (ix->status == "DELETING")
        throw ApiError("ResourceInUseException",
                       "Attempt to change a resource which is still in use: Index is being "
                       "deleted. Table: " +
                           t.name + " Index: " + a.index);
    return *ix;
}

SecondaryIndex create_index(api::TableMeta& t, const Action& a, const Json& request, Millis now) {
    if (t.find_index(a.index))
        throw_validation("Attempting to create an index which already exists");
    std::size_t gsis = 0;
    for (const auto& ix : t.indexes) gsis += ix.global ? 1 : 0;
    if (gsis >= kMaxGlobalIndexes)
        throw ApiError("LimitExceededException",
                       "Subscriber limit exceeded: Number of global secondary indexes exceeds "
                       "per-table limit of 20");
    // The request's definitions must give the new keys; others in it are ignored.
    const Json* definitions = api::member(request, "AttributeDefinitions");
    for (const auto& k : a.body->at("KeySchema")) {
        bool defined = false;
        if (definitions)
            for (const auto& d : *definitions)
                defined = defined || d.at("AttributeName") == k.at("AttributeName");
        if (!defined)
            throw_invalid_parameter("AttributeDefinitions is not specified for index: " + a.index);
    }
    SecondaryIndex created = gsi_from_definition(*a.body, t, *definitions, false);
    check_redefinition(t, created);
    created.id = t.next_index_id;
    created.added_later = true;
    created.backfilling = false;
    created.status_until = now + kIndexAllocationMs;
    return created;
}

void add_definitions(api::TableMeta& t, const SecondaryIndex& ix) {
    auto add = [&](const api::KeyElement& k) {
        for (const auto& d : t.attribute_definitions)
            if (d.at("AttributeName") == k.name) return;
        t.attribute_definitions.push_back(
            {{"AttributeName", k.name}, {"AttributeType", AttributeValue::type_name(k.type)}});
    };
    for (const auto& k : ix.key_elements()) add(k);
}

void fan_out(core::Region& region, const api::TableMeta& t, const Json& update) {
    for (const auto& m : t.group.members) {
        if (m.region == region.code()) continue;
        if (core::Region* r = region.core().region(m.region))
            r->post(
                [r, name = t.name, update] { apply_replicated_index_update(*r, name, update); });
    }
}
}  // namespace

Json update_indexes(core::Region& region, const Json& request) {
    std::vector<Action> actions = read_actions(request);
    api::TableMeta& t = api::table_for_control(region, request.at("TableName"));
    // An index being allocated or deleted keeps the table UPDATING: then the index checks
    // below give the answer.
    if (t.status != "ACTIVE" && !(t.status == "UPDATING" && index_change_in_progress(t)))
        throw ApiError("ResourceInUseException",
                       "Attempt to change a resource which is still in use: Table is being "
                       "updated: " +
                           t.name);
    const Millis now = region.now();

    // Check everything first: a refused call changes nothing.
    std::vector<SecondaryIndex> creates;
    for (const auto& a : actions) {
        if (a.kind == "Create") {
            if (other_online_change(t, {})) one_at_a_time();
            creates.push_back(create_index(t, a, request, now));
            continue;
        }
        SecondaryIndex& ix = find_gsi(t, a);
        if (ix.status == "CREATING" && !ix.backfilling)
            throw ApiError(
                "ResourceInUseException",
                a.kind == "Delete"
                    ? "Attempt to change a resource which is still in use: Index creation is in "
                      "resource allocation phase. Retry deletion during backfilling phase or when "
                      "the index is active. Table: " +
                          t.name + " Index: " + a.index
                    : "Index is being created but is not backfilling yet. Table: " + t.name +
                          " Index: " + a.index);
        if (a.kind == "Delete") {
            if (other_online_change(t, a.index)) one_at_a_time();
            continue;
        }
        const Json* throughput = api::member(*a.body, "ProvisionedThroughput");
        if (t.billing_mode == "PAY_PER_REQUEST" && throughput)
            throw_invalid_parameter("The only Updates for index: " + a.index +
                                    " when TableThroughputMode is PAY_PER_REQUEST can be to "
                                    "OnDemandThroughput, WarmThroughput");
        if (throughput) {
            auto r = *api::int_member(*throughput, "ReadCapacityUnits");
            auto w = *api::int_member(*throughput, "WriteCapacityUnits");
            if (r == ix.read_capacity && w == ix.write_capacity)
                throw_validation(
                    "The provisioned throughput for the index " + a.index +
                    " will not change. The requested value equals the current value. Current "
                    "ReadCapacityUnits provisioned for index " +
                    a.index + ": " + std::to_string(ix.read_capacity) +
                    ". Requested ReadCapacityUnits: " + std::to_string(r) +
                    ". Current WriteCapacityUnits provisioned for index " + a.index + ": " +
                    std::to_string(ix.write_capacity) +
                    ". Requested WriteCapacityUnits: " + std::to_string(w) +
                    ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to "
                    "request higher limits.");
            // A GSI's decreases are limited like the table's, on its own count.
            if (r < ix.read_capacity || w < ix.write_capacity) capacity::check_decrease(ix, now);
        }
    }

    // The response shows an Update's index with its old throughput, UPDATING (ACK#165).
    region.begin_write();
    for (const auto& a : actions) {
        if (a.kind == "Update") {
            SecondaryIndex& ix = *t.find_index(a.index);
            ix.status = "UPDATING";
            ix.status_until = now + kIndexUpdatingMs;
        } else if (a.kind == "Delete") {
            SecondaryIndex& ix = *t.find_index(a.index);
            ix.status = "DELETING";
            ix.status_until = now + kIndexDeletingMs;
            t.status = "UPDATING";
            t.status_until = 0;
            fan_out(region, t, {{"Delete", a.index}});
        }
    }
    Json response = {{"TableDescription", Json()}};
    for (auto& created : creates) {
        add_definitions(t, created);
        t.indexes.push_back(created);
        t.next_index_id += 1;
        t.status = "UPDATING";
        t.status_until = 0;
        fan_out(region, t, {{"Create", created.to_storage()}});
    }
    response["TableDescription"] = t.describe();
    for (const auto& a : actions)
        if (a.kind == "Update") {
            SecondaryIndex& ix = *t.find_index(a.index);
            if (const Json* throughput = api::member(*a.body, "ProvisionedThroughput")) {
                const auto r = *api::int_member(*throughput, "ReadCapacityUnits");
                const auto w = *api::int_member(*throughput, "WriteCapacityUnits");
                if (r < ix.read_capacity || w < ix.write_capacity)
                    capacity::count_decrease(ix, now);
                ix.read_capacity = r;
                ix.write_capacity = w;
            }
            if (const Json* od = api::member(*a.body, "OnDemandThroughput")) ix.on_demand = *od;
        }
    region.save_table(t);
    region.publish_status(t);
    schedule_index_job(region, t,
                       now + std::min({kIndexAllocationMs, kIndexDeletingMs, kIndexUpdatingMs}));
    return response;
}

void apply_replicated_index_update(core::Region& region, const std::string& name,
                                   const Json& update) {
    api::TableMeta* t = region.find_table(name);
    if (!t || t->status == "DELETING") return;
    const Millis now = region.now();
    region.run_internal([&] {
        if (update.contains("Create")) {
            SecondaryIndex ix = SecondaryIndex::from_storage(update.at("Create"));
            if (t->find_index(ix.name)) return;
            ix.id = t->next_index_id++;
            ix.item_count = ix.size_bytes = 0;
            ix.status = "CREATING";
            ix.added_later = true;
            ix.backfilling = false;
            ix.backfill_after.reset();
            ix.status_until = now + kIndexAllocationMs;
            add_definitions(*t, ix);
            t->indexes.push_back(std::move(ix));
        } else {
            SecondaryIndex* ix = t->find_index(update.at("Delete").get<std::string>());
            if (!ix || ix->status == "DELETING") return;
            ix->status = "DELETING";
            ix->status_until = now + kIndexDeletingMs;
        }
        if (t->status == "ACTIVE") {
            t->status = "UPDATING";
            t->status_until = 0;
        }
        region.save_table(*t);
    });
    if ((t = region.find_table(name))) {
        region.publish_status(*t);
        schedule_index_job(region, *t, now + std::min(kIndexAllocationMs, kIndexDeletingMs));
    }
}

}  // namespace tablespan::indexes
