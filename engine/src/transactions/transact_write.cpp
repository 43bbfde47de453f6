// TransactWriteItems: up to 100 ConditionCheck, Put, Update and Delete actions on items
// of this region's tables, all or nothing. The region runs one request at a time on its
// strand inside a savepoint, so a transaction is isolated from every other write and a
// cancelled one changes nothing; it never meets a conflict, as DynamoDB Local never does.
//
// Order of checks and texts: ../shared/reference/dynamodb-data-plane.md §2 (Alternator's
// and moto's tests run against the service, captured wire bodies).

#include <set>

#include "api/capacity.h"
#include "api/expression_params.h"
#include "api/handlers.h"
#include "api/item_key.h"
#include "api/item_store.h"
#include "api/item_writes.h"
#include "api/request_util.h"
#include "api/throughput_charges.h"
#include "capacity/throughput.h"
#include "core/region.h"
#include "indexes/index_entries.h"
#include "transactions/cancellation.h"
#include "transactions/client_tokens.h"

namespace tablespan::api {

namespace {
using transactions::Cancellation;

constexpr std::size_t kMaxRequestBytes = 4 * 1024 * 1024;

enum class Kind { ConditionCheck, Put, Delete, Update };

struct Action {
    Kind kind = Kind::Put;
    const Json* body = nullptr;
    std::unique_ptr<Expressions> ex;
    TableMeta* table = nullptr;
    StorageKey key;
    std::optional<Item> old;
    std::optional<Item> now;  // what the action leaves (Put, Update)
    std::size_t size = 0;
};

Action parse_action(const Json& entry) {
    static constexpr std::pair<const char*, Kind> kKinds[] = {
        {"ConditionCheck", Kind::ConditionCheck},
        {"Put", Kind::Put},
        {"Delete", Kind::Delete},
        {"Update", Kind::Update}};
    Action a;
    int count = 0;
    for (const auto& [name, kind] : kKinds)
        if (const Json* body = member(entry, name)) {
            ++count;
            a.kind = kind;
            a.body = body;
        }
    // moto's aws-verified exception tests; the empty case as DynamoDB Local words it.
    if (count > 1)
        throw_validation("TransactItems can only contain one of Check, Put, Update or Delete");
    if (count == 0)
        throw_validation(
            "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request");
    switch (a.kind) {
        case Kind::ConditionCheck:
        case Kind::Put:
        case Kind::Delete:
            a.ex = parse_expressions(*a.body, {"ConditionExpression"}, {});
            break;
        case Kind::Update:
            a.ex = parse_expressions(*a.body, {"UpdateExpression", "ConditionExpression"}, {});
            break;
    }
    return a;
}

// The key and the item the action leaves: what the service checks item by item (a
// ValidationError cancellation reason, not a failed request).
void prepare(core::Region& region, Action& a) {
    TableMeta& t = *a.table;
    ItemStore store(region, t);
    if (a.kind == Kind::Put) {
        Item item = decode_item(a.body->at("Item"));
        a.size = item_size(item);
        if (a.size > kMaxItemSize)
            throw_validation("Item size has exceeded the maximum allowed size");
        a.key = key_from_item(t, item);
        indexes::check_index_keys(t, item, indexes::WriteKind::Put);
        a.old = store.get(a.key);
        a.now = std::move(item);
        return;
    }
    const AttributeMap key_attrs = decode_item(a.body->at("Key"));
    a.key = key_from_key(t, key_attrs);
    a.old = store.get(a.key);
    if (a.kind != Kind::Update) return;
    check_update_paths(t, *a.ex->update);
    Item updated = a.old ? *a.old : key_attrs;
    a.ex->update->apply(updated);
    a.size = item_size(updated);
    if (a.size > kMaxItemSize)
        throw_validation("Item size to update has exceeded the maximum allowed size");
    indexes::check_index_keys(t, updated, indexes::WriteKind::UpdateExpression);
    a.now = std::move(updated);
}
}  // namespace

Json transact_write_items(core::Region& region, const Json& request) {
    const auto token = string_member(request, "ClientRequestToken");
    if (token)
        if (auto answer = transactions::replayed(region, *token, request)) return *answer;

    const Json& items = request.at("TransactItems");
    std::vector<Action> actions;
    for (const auto& entry : items) actions.push_back(parse_action(entry));
    if (request.dump().size() > kMaxRequestBytes)  // the request, not the items (ALT)
        throw_validation("Transaction request size cannot exceed 4 MB");  // text unverified
    for (auto& a : actions) a.table = &table_for_data(region, a.body->at("TableName"));

    Cancellation cancel(actions.size());
    for (std::size_t i = 0; i < actions.size(); ++i) {
        try {
            prepare(region, actions[i]);
        } catch (const ApiError& e) {
            if (e.error().type != "ValidationException") throw;
            // Only the first item-level error is reported (ALT's note on the service).
            cancel.set(i, "ValidationError", e.error().message);
            cancel.raise();
        }
    }
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (const auto& a : actions)
        if (!seen.emplace(a.table->name, a.key.pk, a.key.sk).second)
            throw_validation("Transaction request cannot include multiple operations on one item");

    // A table out of write capacity cancels the transaction (M: the
    // ProvisionedThroughputExceeded reason).
    for (std::size_t i = 0; i < actions.size(); ++i)
        if (auto refusal = region.throughput().write_refusal(*actions[i].table, region.now())) {
            cancel.set(i, "ProvisionedThroughputExceeded", *refusal);
            region.throughput().count_throttled_request(*actions[i].table, true, region.now());
            cancel.raise();
        }

    // Every failed condition is reported, none short-circuits (ALT).
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const Action& a = actions[i];
        if (!a.ex->condition || a.ex->condition->evaluate(a.old ? &*a.old : nullptr)) continue;
        std::optional<Json> item;
        if (a.old && string_member(*a.body, "ReturnValuesOnConditionCheckFailure") == "ALL_OLD")
            item = encode_item(*a.old);
        cancel.set(i, "ConditionalCheckFailed", "The conditional request failed", item);
    }
    cancel.raise_if_any();

    std::map<std::string, WriteUnits> units;
    for (std::size_t i = 0; i < actions.size(); ++i) {
        Action& a = actions[i];
        ItemStore store(region, *a.table);
        try {
            if (a.now)
                store.put(a.key, *a.now, a.size, a.old);
            else if (a.kind == Kind::Delete && a.old)
                store.remove(a.key, *a.old);
        } catch (const ApiError& e) {
            if (e.error().type != "ItemCollectionSizeLimitExceededException") throw;
            cancel.set(i, "ItemCollectionSizeLimitExceeded", e.error().message);
            cancel.raise();  // the savepoint takes back the actions already applied
        }
        // Two units per item: the service prepares and commits each one.
        WriteUnits u;
        if (a.kind == Kind::ConditionCheck) {
            u.table =
                2 * read_units(static_cast<std::int64_t>(a.old ? item_size(*a.old) : 0), true);
            charge_read(region, *a.table, nullptr, u.table);
        } else {
            u = charge_write(region, *a.table, a.key, a.old ? &*a.old : nullptr,
                             a.now ? &*a.now : nullptr, request, 2);
        }
        if (capacity_requested(request)) {
            WriteUnits& sum = units[a.table->name];
            sum.table += u.table;
            for (const auto& [name, v] : u.global) sum.global[name] += v;
            for (const auto& [name, v] : u.local) sum.local[name] += v;
        }
    }
    Json out = Json::object();
    if (capacity_requested(request)) add_consumed_capacity(out, request, units);
    if (token) transactions::remember(region, *token, request, out);
    return out;
}

}  // namespace tablespan::api
