// Query and Scan: key-range reads with Limit, the 1 MB page, filters, projections,
// Select COUNT, pagination by ExclusiveStartKey / LastEvaluatedKey, and parallel scan
// segments.

#include "api/capacity.h"
#include "api/expression_params.h"
#include "api/handlers.h"
#include "api/item_key.h"
#include "api/request_util.h"
#include "core/region.h"

namespace tablespan::api {

namespace {
constexpr std::int64_t kPageBytes = 1024 * 1024;

// Select / ProjectionExpression combinations, as the service checks them.
std::string select_mode(const Json& request, const Expressions& ex) {
    auto select = string_member(request, "Select");
    if (member(request, "IndexName"))
        throw_validation("The table does not have the specified index: " +
                         *string_member(request, "IndexName"));
    if (select == "ALL_PROJECTED_ATTRIBUTES")
        throw_validation(
            "One or more parameter values were invalid: Select type ALL_PROJECTED_ATTRIBUTES is "
            "not supported for a query or scan without IndexName");
    if (select && *select != "SPECIFIC_ATTRIBUTES" && ex.projection)
        throw_validation("One or more parameter values were invalid: Select type " + *select +
                         " is not supported with ProjectionExpression");
    if (select == "SPECIFIC_ATTRIBUTES" && !ex.projection)
        throw_validation(
            "One or more parameter values were invalid: Select type SPECIFIC_ATTRIBUTES requires "
            "ProjectionExpression");
    return select.value_or(ex.projection ? "SPECIFIC_ATTRIBUTES" : "ALL_ATTRIBUTES");
}

std::optional<StorageKey> start_key(const Json& request, const TableMeta& table) {
    const Json* start = member(request, "ExclusiveStartKey");
    if (!start) return std::nullopt;
    AttributeMap attrs;
    try {
        attrs = decode_item(*start);
    } catch (const ApiError& e) {
        throw_validation("The provided starting key is invalid: " + e.error().message);
    }
    try {
        return key_from_key(table, attrs);
    } catch (const ApiError& e) {
        throw_validation("The provided starting key is invalid: " + e.error().message);
    }
}

// Accumulates one page of results.
struct Page {
    Page(const TableMeta& t, const Expressions& e, std::string s, bool c, std::int64_t l)
        : table(t), ex(e), select(std::move(s)), consistent(c), limit(l) {}

    const TableMeta& table;
    const Expressions& ex;
    std::string select;
    bool consistent;
    std::int64_t limit;  // 0: none
    Json items = Json::array();
    std::int64_t count = 0;
    std::int64_t scanned = 0;
    std::int64_t bytes = 0;
    std::optional<std::pair<std::string, std::string>> last;  // storage key of the last row
    bool stopped = false;

    // Returns false when the page is full.
    bool take(std::string_view pk, std::string_view sk, std::int64_t size, std::string_view blob) {
        Item item = deserialize_item(blob);
        ++scanned;
        bytes += size;
        if (!ex.filter || ex.filter->evaluate(&item)) {
            ++count;
            if (select != "COUNT")
                items.push_back(encode_item(ex.projection ? ex.projection->apply(item) : item));
        }
        if ((limit && scanned >= limit) || bytes >= kPageBytes) {
            last = std::pair{std::string(pk), std::string(sk)};
            stopped = true;
            return false;
        }
        return true;
    }

    Json finish(const Json& request) const {
        Json out = Json::object();
        if (select != "COUNT") out["Items"] = items;
        out["Count"] = count;
        out["ScannedCount"] = scanned;
        if (stopped && last)
            out["LastEvaluatedKey"] =
                encode_item(key_from_storage(table, last->first, last->second));
        add_consumed_capacity(out, request, table.name, read_units(bytes, consistent));
        return out;
    }
};

// The smallest byte string greater than every string starting with `prefix`, if any.
std::optional<std::string> prefix_successor(std::string prefix) {
    while (!prefix.empty()) {
        auto& c = reinterpret_cast<unsigned char&>(prefix.back());
        if (c != 0xff) {
            ++c;
            return prefix;
        }
        prefix.pop_back();
    }
    return std::nullopt;
}

std::uint32_t segment_hash(std::string_view pk) {
    std::uint32_t h = 2166136261u;
    for (unsigned char c : pk) h = (h ^ c) * 16777619u;
    return h;
}
}  // namespace

Json query(core::Region& region, const Json& request) {
    if (!member(request, "KeyConditionExpression") && !member(request, "KeyConditions"))
        throw_validation(
            "Either the KeyConditions or KeyConditionExpression parameter must be specified in "
            "the request.");
    TableMeta& table = table_for_data(region, request.at("TableName"));
    auto ex = parse_expressions(
        request, {"ProjectionExpression", "FilterExpression", "KeyConditionExpression"},
        {"AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions"}, &table);
    std::string select = select_mode(request, *ex);
    auto start = start_key(request, table);

    const expr::KeyCondition& kc = *ex->key_condition;
    std::string pk = encode_key_value(kc.partition_value);
    if (kc.partition_value.type() != table.partition_key.type)
        throw_invalid_parameter("Condition parameter type does not match schema type");
    if (start && start->pk != pk)
        throw_validation(
            "The provided starting key is outside query boundaries based on provided conditions");

    std::optional<storage::RangeBound> lower, upper;
    using Op = expr::KeyCondition::SortOp;
    if (kc.sort_op != Op::None) {
        std::string v1 = encode_key_value(kc.sort_value1);
        switch (kc.sort_op) {
            case Op::EQ:
                lower = upper = storage::RangeBound{v1, true};
                break;
            case Op::LT:
                upper = storage::RangeBound{v1, false};
                break;
            case Op::LE:
                upper = storage::RangeBound{v1, true};
                break;
            case Op::GT:
                lower = storage::RangeBound{v1, false};
                break;
            case Op::GE:
                lower = storage::RangeBound{v1, true};
                break;
            case Op::BETWEEN:
                lower = storage::RangeBound{v1, true};
                upper = storage::RangeBound{encode_key_value(kc.sort_value2), true};
                break;
            case Op::BEGINS_WITH:
                lower = storage::RangeBound{v1, true};
                if (auto succ = prefix_successor(v1)) upper = storage::RangeBound{*succ, false};
                break;
            case Op::None:
                break;
        }
    }

    bool consistent = bool_member(request, "ConsistentRead").value_or(false);
    Page page(table, *ex, select, consistent, int_member(request, "Limit").value_or(0));
    bool forward = bool_member(request, "ScanIndexForward").value_or(true);
    std::optional<std::string> start_sk;
    if (start) start_sk = start->sk;
    if (!table.sort_key && start) return page.finish(request);  // one row, already returned
    region.store().query_partition(
        table.id, pk, lower, upper, forward, start_sk,
        [&](const storage::ItemRow& row) { return page.take(row.pk, row.sk, row.size, row.item); });
    return page.finish(request);
}

Json scan(core::Region& region, const Json& request) {
    auto segment = int_member(request, "Segment");
    auto total = int_member(request, "TotalSegments");
    if (segment && !total)
        throw_validation(
            "The TotalSegments parameter is required but was not present in the request when "
            "Segment parameter is present");
    if (total && !segment)
        throw_validation(
            "The Segment parameter is required but was not present in the request when "
            "parameter TotalSegments is present");
    if (segment && *segment >= *total)
        throw_validation(
            "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
            "Segment: " +
            std::to_string(*segment) +
            " is not less than TotalSegments: " + std::to_string(*total));
    auto ex = parse_expressions(request, {"ProjectionExpression", "FilterExpression"},
                                {"AttributesToGet", "ScanFilter", "ConditionalOperator"});
    TableMeta& table = table_for_data(region, request.at("TableName"));
    std::string select = select_mode(request, *ex);
    auto start = start_key(request, table);

    bool consistent = bool_member(request, "ConsistentRead").value_or(false);
    Page page(table, *ex, select, consistent, int_member(request, "Limit").value_or(0));
    std::optional<std::pair<std::string, std::string>> after;
    if (start) after = std::pair{start->pk, start->sk};
    region.store().scan(table.id, after, [&](const storage::ItemRow& row) {
        if (total && static_cast<std::int64_t>(segment_hash(row.pk) % *total) != *segment)
            return true;
        return page.take(row.pk, row.sk, row.size, row.item);
    });
    return page.finish(request);
}

}  // namespace tablespan::api
