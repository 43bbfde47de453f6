// PutItem, GetItem, UpdateItem, DeleteItem.

#include "api/capacity.h"
#include "api/expression_params.h"
#include "api/handlers.h"
#include "api/item_writes.h"
#include "api/item_key.h"
#include "api/item_store.h"
#include "api/legacy_updates.h"
#include "api/request_util.h"
#include "api/throughput_charges.h"
#include "core/region.h"
#include "indexes/index_entries.h"
#include "indexes/item_collections.h"
#include "model/item_document.h"

namespace tablespan::api {

namespace {
const std::vector<std::string> kConditionExpressions = {"ConditionExpression"};
const std::vector<std::string> kConditionLegacy = {"Expected", "ConditionalOperator"};
const std::vector<std::string> kUpdateExpressions = {"UpdateExpression", "ConditionExpression"};
const std::vector<std::string> kUpdateLegacy = {"AttributeUpdates", "Expected",
                                                "ConditionalOperator"};

void check_return_values(const Json& request, std::initializer_list<const char*> allowed,
                         const char* message) {
    auto rv = string_member(request, "ReturnValues");
    if (!rv) return;
    for (const char* a : allowed)
        if (*rv == a) return;
    throw_validation(message);
}

[[noreturn]] void condition_failed(const Json& request, const std::optional<Item>& old) {
    ApiError e("ConditionalCheckFailedException", "The conditional request failed");
    if (old && string_member(request, "ReturnValuesOnConditionCheckFailure") == "ALL_OLD")
        e.error().extra["Item"] = encode_item(*old);
    throw e;
}

void check_condition(core::Region& region, const TableMeta& table, const Json& request,
                     const Expressions& ex, const std::optional<Item>& old) {
    if (ex.condition && !ex.condition->evaluate(old ? &*old : nullptr)) {
        charge_failed_write(region, table, old ? &*old : nullptr);
        condition_failed(request, old);
    }
}

// Applies the update; AttributeUpdates name a type conflict with their own text.
void apply_update(const Expressions& ex, Item& item) {
    try {
        ex.update->apply(item);
    } catch (const ApiError& e) {
        if (!ex.legacy_updates ||
            e.error().message != "An operand in the update expression has an incorrect data type")
            throw;
        throw_validation(kLegacyTypeMismatch);
    }
}
}  // namespace

Json put_item(core::Region& region, const Json& request) {
    // dynalite's validations/putItem.js order: the Item before the conditions.
    check_expression_params(request, kConditionExpressions, kConditionLegacy);
    Item item = decode_item(request.at("Item"));
    check_return_values(request, {"NONE", "ALL_OLD"}, "ReturnValues can only be ALL_OLD or NONE");
    std::size_t size = item_size(item);
    if (size > kMaxItemSize) throw_validation("Item size has exceeded the maximum allowed size");
    auto ex = parse_expressions(request, kConditionExpressions, kConditionLegacy);

    TableMeta& table = table_for_data(region, request.at("TableName"));
    StorageKey key = key_from_item(table, item);
    indexes::check_index_keys(table, item, indexes::WriteKind::Put);
    admit_write(region, table);
    ItemStore store(region, table);
    auto old = store.get(key);
    check_condition(region, table, request, *ex, old);
    store.put(key, item, size, old);

    Json out = Json::object();
    if (old && string_member(request, "ReturnValues") == "ALL_OLD")
        out["Attributes"] = encode_item(*old);
    const WriteUnits units =
        charge_write(region, table, key, old ? &*old : nullptr, &item, request);
    if (capacity_requested(request)) add_consumed_capacity(out, request, table.name, units);
    if (auto m = indexes::item_collection_metrics(region, table, key, request))
        out["ItemCollectionMetrics"] = *m;
    return out;
}

Json get_item(core::Region& region, const Json& request) {
    auto ex = parse_expressions(request, {"ProjectionExpression"}, {"AttributesToGet"});
    AttributeMap key_attrs = decode_item(request.at("Key"));
    TableMeta& table = table_for_data(region, request.at("TableName"));
    StorageKey key = key_from_key(table, key_attrs);
    admit_read(region, table);
    bool consistent = bool_member(request, "ConsistentRead").value_or(false);

    Json out = Json::object();
    std::int64_t size = 0;
    if (!ex->projection) {
        // The whole item: its document straight from the stored bytes.
        std::string bytes;
        if (region.store().get_item(table.id, key.pk, key.sk, bytes, &size))
            out["Item"] = serialized_item_document(bytes);
    } else if (auto item = ItemStore(region, table).get(key)) {
        size = static_cast<std::int64_t>(item_size(*item));
        out["Item"] = encode_item(ex->projection->apply(*item));
    }
    charge_read(region, table, nullptr, read_units(size, consistent));
    add_consumed_capacity(out, request, table.name, read_units(size, consistent));
    return out;
}

Json delete_item(core::Region& region, const Json& request) {
    check_expression_params(request, kConditionExpressions, kConditionLegacy);
    AttributeMap key_attrs = decode_item(request.at("Key"));
    check_return_values(request, {"NONE", "ALL_OLD"}, "ReturnValues can only be ALL_OLD or NONE");
    auto ex = parse_expressions(request, kConditionExpressions, kConditionLegacy);
    TableMeta& table = table_for_data(region, request.at("TableName"));
    StorageKey key = key_from_key(table, key_attrs);
    admit_write(region, table);
    ItemStore store(region, table);
    auto old = store.get(key);
    check_condition(region, table, request, *ex, old);
    if (old) store.remove(key, *old);

    Json out = Json::object();
    if (old && string_member(request, "ReturnValues") == "ALL_OLD")
        out["Attributes"] = encode_item(*old);
    const WriteUnits units =
        charge_write(region, table, key, old ? &*old : nullptr, nullptr, request);
    if (capacity_requested(request)) add_consumed_capacity(out, request, table.name, units);
    if (auto m = indexes::item_collection_metrics(region, table, key, request))
        out["ItemCollectionMetrics"] = *m;
    return out;
}

void check_update_paths(const TableMeta& table, const expr::UpdateExpression& update) {
    for (const auto& path : update.paths()) {
        const std::string& top = path.front().name;
        bool is_key =
            top == table.partition_key.name || (table.sort_key && top == table.sort_key->name);
        if (!is_key) {
            // An index key must stay a scalar too (dynalite's updateItem tests).
            if (path.size() > 1)
                for (const auto& ix : table.indexes)
                    if (ix.maintained() && ix.is_key(top))
                        throw_validation(
                            "Key attributes must be scalars; list random access '[]' and map "
                            "lookup '.' are not allowed: IndexKey: " +
                            top);
            continue;
        }
        if (path.size() > 1)
            throw_validation(
                "Key attributes must be scalars; list random access '[]' and map lookup '.' "
                "are not allowed: Key: " +
                top);
        throw_invalid_parameter("Cannot update attribute " + top +
                                ". This attribute is part of the key");
    }
}

Json update_item(core::Region& region, const Json& request) {
    check_expression_params(request, kUpdateExpressions, kUpdateLegacy);
    AttributeMap key_attrs = decode_item(request.at("Key"));
    auto ex = parse_expressions(request, kUpdateExpressions, kUpdateLegacy);
    TableMeta& table = table_for_data(region, request.at("TableName"));
    if (ex->update) check_update_paths(table, *ex->update);
    StorageKey key = key_from_key(table, key_attrs);
    admit_write(region, table);
    ItemStore store(region, table);
    auto old = store.get(key);
    check_condition(region, table, request, *ex, old);

    // AttributeUpdates of DELETE actions only leave a missing item missing.
    if (!old && !ex->update_creates_item) {
        Json out = Json::object();
        const WriteUnits units = charge_write(region, table, key, nullptr, nullptr, request);
        if (capacity_requested(request)) add_consumed_capacity(out, request, table.name, units);
        return out;
    }
    Item updated = old ? *old : key_attrs;
    if (ex->update) apply_update(*ex, updated);
    std::size_t size = item_size(updated);
    if (size > kMaxItemSize)
        throw_validation("Item size to update has exceeded the maximum allowed size");
    indexes::check_index_keys(table, updated, indexes::WriteKind::UpdateExpression);
    store.put(key, updated, size, old);

    Json out = Json::object();
    auto rv = string_member(request, "ReturnValues").value_or("NONE");
    if (rv == "ALL_OLD" && old) out["Attributes"] = encode_item(*old);
    if (rv == "ALL_NEW") out["Attributes"] = encode_item(updated);
    if ((rv == "UPDATED_OLD" || rv == "UPDATED_NEW") && ex->update) {
        const Item& source = rv == "UPDATED_OLD" ? (old ? *old : Item{}) : updated;
        Item projected = expr::Projection::project(source, ex->update->paths());
        if (!projected.empty()) out["Attributes"] = encode_item(projected);
    }
    const WriteUnits units =
        charge_write(region, table, key, old ? &*old : nullptr, &updated, request);
    if (capacity_requested(request)) add_consumed_capacity(out, request, table.name, units);
    if (auto m = indexes::item_collection_metrics(region, table, key, request))
        out["ItemCollectionMetrics"] = *m;
    return out;
}

}  // namespace tablespan::api
