// Query and Scan: key-range reads with Limit, the 1 MB page, filters, projections,
// Select COUNT, pagination by ExclusiveStartKey / LastEvaluatedKey, and parallel scan
// segments.

#include <algorithm>
#include <set>

#include "api/capacity.h"
#include "api/expression_params.h"
#include "api/handlers.h"
#include "api/reads.h"
#include "api/item_key.h"
#include "api/request_util.h"
#include "api/throughput_charges.h"
#include "core/region.h"
#include "indexes/index_entries.h"
#include "indexes/index_key.h"
#include "model/item_document.h"
#include "model/item_json_text.h"

namespace tablespan::api {

namespace {
constexpr std::int64_t kPageBytes = 1024 * 1024;

// The index a Query or Scan names, checked in the service's order (dynalite's
// actions/query.js, asserted against the service): it must exist ("…does not have the
// specified index", a ValidationException, also for deleted indexes), a GSI takes no
// ConsistentRead, and a GSI still being built cannot be read.
const indexes::SecondaryIndex* index_for_read(const TableMeta& table, const Json& request) {
    auto name = string_member(request, "IndexName");
    if (!name) return nullptr;
    const indexes::SecondaryIndex* index = table.find_index(*name);
    if (!index || index->status == "DELETING")
        throw_validation("The table does not have the specified index: " + *name);
    if (index->global && bool_member(request, "ConsistentRead").value_or(false))
        throw_validation("Consistent reads are not supported on global secondary indexes");
    if (index->status == "CREATING")
        throw_validation("Cannot read from backfilling global secondary index: " + *name);
    return index;
}

// Select / ProjectionExpression combinations, as the service checks them. AttributesToGet
// with a Select other than SPECIFIC_ATTRIBUTES has its own text (moto's aws_verified
// test_attributes_to_get_rejected_for_non_specific_select: Query's reads as a one-item
// constraint list).
std::string select_mode(const Json& request, const Expressions& ex,
                        const indexes::SecondaryIndex* index, bool query) {
    auto select = string_member(request, "Select");
    if (!index && select == "ALL_PROJECTED_ATTRIBUTES")
        throw_validation(
            "One or more parameter values were invalid: Select type ALL_PROJECTED_ATTRIBUTES is "
            "not supported for a query or scan without IndexName");
    if (index && index->global && select == "ALL_ATTRIBUTES" && index->projection_type != "ALL")
        throw_validation(
            "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
            "supported for global secondary index " +
            index->name + " because its projection type is not ALL");
    if (select && *select != "SPECIFIC_ATTRIBUTES" && ex.legacy_projection)
        throw_validation(std::string(query ? "1 validation error detected: " : "") +
                         "Cannot specify the AttributesToGet when choosing to get " +
                         (*select == "COUNT" ? std::string("only the Count") : *select));
    if (select && *select != "SPECIFIC_ATTRIBUTES" && ex.projection)
        throw_validation("One or more parameter values were invalid: Select type " + *select +
                         " is not supported with ProjectionExpression");
    if (select == "SPECIFIC_ATTRIBUTES" && !ex.projection)
        throw_validation(
            "One or more parameter values were invalid: Select type SPECIFIC_ATTRIBUTES requires "
            "ProjectionExpression");
    if (select) return *select;
    if (ex.projection) return "SPECIFIC_ATTRIBUTES";
    return index ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
}

// Whether an index entry holds `attribute`: the table's and the index's key attributes
// are always projected.
bool entry_holds(const TableMeta& table, const indexes::SecondaryIndex& index,
                 const std::string& attribute) {
    return attribute == table.partition_key.name ||
           (table.sort_key && attribute == table.sort_key->name) || index.projects(attribute);
}

// The attributes a ProjectionExpression / FilterExpression names that the index does
// not hold, in order of appearance.
std::vector<std::string> not_projected(const TableMeta& table, const indexes::SecondaryIndex& index,
                                       const std::vector<std::string>& names) {
    std::vector<std::string> missing;
    for (const auto& name : names)
        if (!entry_holds(table, index, name)) missing.push_back(name);
    return missing;
}

std::vector<std::string> projected_names(const Expressions& ex) {
    std::vector<std::string> names;
    if (ex.projection)
        for (const auto& path : ex.projection->paths())
            if (std::find(names.begin(), names.end(), path.front().name) == names.end())
                names.push_back(path.front().name);
    return names;
}

std::string bracketed(const std::vector<std::string>& names) {
    std::string out = "[";
    for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
    return out + "]";
}

// A GSI cannot fetch from the table (DG:GSI), so naming an attribute it does not
// project is refused, in the place of the service's ALL_ATTRIBUTES check (dynalite's
// actions/query.js and scan.js: after the ExclusiveStartKey checks). Texts as the
// service returned them in GitHub issues: localstack/localstack#478 and
// awslabs/aws-athena-query-federation#279 (ProjectionExpression: "Global secondary
// index <i> does not project [<a>]"), sensedeep/dynamodb-onetable#377 (a
// FilterExpression on a KEYS_ONLY GSI: "Secondary index <i> does not project one or
// more filter attributes: [<a>]"). Several names are listed as Java lists print them.
void check_gsi_projection(const TableMeta& table, const indexes::SecondaryIndex* index,
                          const Expressions& ex) {
    if (!index || !index->global || index->projection_type == "ALL") return;
    auto missing = not_projected(table, *index, projected_names(ex));
    if (!missing.empty())
        throw_invalid_parameter("Global secondary index " + index->name + " does not project " +
                                bracketed(missing));
    if (ex.filter) {
        missing = not_projected(table, *index, ex.filter->attribute_names());
        if (!missing.empty())
            throw_invalid_parameter(
                "Secondary index " + index->name +
                " does not project one or more filter attributes: " + bracketed(missing));
    }
}

// An LSI fetches from the table what it does not project, for the projection and the
// filter alike (DG:LSI; Alternator's test_lsi_get_not_projected_attribute, run against
// the service).
bool fetches_from_table(const TableMeta& table, const indexes::SecondaryIndex& index,
                        const std::string& select, const Expressions& ex) {
    if (index.global || index.projection_type == "ALL") return false;
    if (select == "ALL_ATTRIBUTES") return true;
    if (!not_projected(table, index, projected_names(ex)).empty()) return true;
    return ex.filter && !not_projected(table, index, ex.filter->attribute_names()).empty();
}

// ExclusiveStartKey's attributes, when given.
std::optional<AttributeMap> decode_start_key(const Json& request) {
    const Json* start = member(request, "ExclusiveStartKey");
    if (!start) return std::nullopt;
    try {
        return decode_item(*start);
    } catch (const ApiError& e) {
        throw_validation("The provided starting key is invalid: " + e.error().message);
    }
}

// An index's ExclusiveStartKey: exactly the table key and the index key attributes.
std::optional<storage::IndexEntryKey> index_start_key(const Json& request, const TableMeta& table,
                                                      const indexes::SecondaryIndex& index) {
    auto decoded = decode_start_key(request);
    if (!decoded) return std::nullopt;
    AttributeMap attrs = std::move(*decoded);
    std::set<std::string> names = {table.partition_key.name};
    if (table.sort_key) names.insert(table.sort_key->name);
    for (const auto& k : index.key_elements()) names.insert(k.name);
    if (attrs.size() != names.size()) throw_validation("The provided starting key is invalid");
    for (const auto& n : names)
        if (!attrs.count(n)) throw_validation("The provided starting key is invalid");
    AttributeMap table_key;
    for (const auto& [name, value] : attrs)
        if (name == table.partition_key.name || (table.sort_key && name == table.sort_key->name))
            table_key.emplace(name, value);
    StorageKey key;
    try {
        key = key_from_key(table, table_key);
    } catch (const ApiError& e) {
        throw_validation("The provided starting key is invalid: " + e.error().message);
    }
    auto position = indexes::entry_key(index, key.pk, key.sk, attrs);
    if (!position)
        throw_validation(
            "The provided starting key is invalid: The provided key element does not match the "
            "schema");
    return position;
}

std::optional<StorageKey> start_key(const Json& request, const TableMeta& table) {
    auto decoded = decode_start_key(request);
    if (!decoded) return std::nullopt;
    AttributeMap attrs = std::move(*decoded);
    try {
        return key_from_key(table, attrs);
    } catch (const ApiError& e) {
        throw_validation("The provided starting key is invalid: " + e.error().message);
    }
}

// Accumulates one page of results.
struct Page {
    Page(core::Region& r, const TableMeta& t, const indexes::SecondaryIndex* i,
         const Expressions& e, std::string s, bool c, std::int64_t l)
        : region(r), table(t), index(i), ex(e), select(std::move(s)), consistent(c), limit(l) {
        fetch = index && fetches_from_table(table, *index, select, ex);
    }

    core::Region& region;
    const TableMeta& table;
    const indexes::SecondaryIndex* index;  // null: the table itself
    const Expressions& ex;
    std::string select;
    bool consistent;
    std::int64_t limit;  // 0: none
    bool fetch = false;  // an LSI reads the whole item from the table
    Json items = Json::array();
    std::int64_t count = 0;
    std::int64_t scanned = 0;
    std::int64_t bytes = 0;                                   // read from the table or the index
    std::int64_t fetched = 0;                                 // read from the table for an LSI
    std::optional<std::pair<std::string, std::string>> last;  // storage key of the last row
    Item last_index_key;  // the key attributes of the last index entry
    bool stopped = false;
    std::string buffer;
    // CallOptions::items_as_text: the Items as JSON text, for Region::items_text().
    bool as_text = false;
    std::string text;

    // Returns false when the page is full.
    bool take(std::string_view pk, std::string_view sk, std::int64_t size, std::string_view blob) {
        ++scanned;
        bytes += size;
        const bool full = (limit && scanned >= limit) || bytes >= kPageBytes;
        if (!fetch && !ex.filter && !ex.projection) {
            // Every item as it is stored: written out without decoding it first.
            ++count;
            if (select != "COUNT" && as_text) {
                text.push_back(count > 1 ? ',' : '[');
                append_serialized_item_json(text, blob);
            } else if (select != "COUNT") {
                items.push_back(serialized_item_document(blob));
            }
            if (full) stop(pk, sk, index ? deserialize_item(blob) : Item{});
            return !full;
        }
        Item item = deserialize_item(blob);
        if (fetch && region.store().get_item(table.id, pk, sk, buffer)) {
            item = deserialize_item(buffer);
            fetched += static_cast<std::int64_t>(item_size(item));
        }
        if (!ex.filter || ex.filter->evaluate(&item)) {
            ++count;
            if (select != "COUNT") {
                const Item& shown = ex.projection ? ex.projection->apply(item) : item;
                if (as_text) {
                    text.push_back(count > 1 ? ',' : '[');
                    append_item_json(text, shown);
                } else {
                    items.push_back(encode_item(shown));
                }
            }
        }
        if (full) stop(pk, sk, item);
        return !full;
    }

    void stop(std::string_view pk, std::string_view sk, const Item& item) {
        last = std::pair{std::string(pk), std::string(sk)};
        if (index) last_index_key = index_key_attributes(item);
        stopped = true;
    }

    // LastEvaluatedKey on an index: its key attributes and the table's.
    Item index_key_attributes(const Item& item) const {
        Item out = key_from_storage(table, last->first, last->second);
        for (const auto& k : index->key_elements()) out.insert(*item.find(k.name));
        return out;
    }

    Json finish(const Json& request) {
        // An LSI's fetches from the table are the table's reads.
        charge_read(region, table, index, read_units(bytes, consistent));
        if (fetched) charge_read(region, table, nullptr, read_units(fetched, consistent));
        Json out = Json::object();
        if (select != "COUNT" && as_text) {
            if (count == 0) text.push_back('[');
            text.push_back(']');
            region.items_text() = std::move(text);
        } else if (select != "COUNT") {
            out["Items"] = std::move(items);
        }
        out["Count"] = count;
        out["ScannedCount"] = scanned;
        if (stopped && last)
            out["LastEvaluatedKey"] = encode_item(
                index ? last_index_key : key_from_storage(table, last->first, last->second));
        if (index)
            add_consumed_capacity(out, request, table.name, index->name, index->global,
                                  read_units(bytes, consistent),
                                  fetched ? read_units(fetched, consistent) : 0.0);
        else
            add_consumed_capacity(out, request, table.name, read_units(bytes, consistent));
        return out;
    }
};

// A Query's filter may not read a key attribute of what it queries: the table's key, or
// the index's (whose table key attributes a filter may read). Texts: dynalite's
// query.js; Alternator's test_gsi_composite_filter_on_* (both run against the service).
void check_filter_keys(const expr::Condition& filter, const TableMeta& table,
                       const indexes::SecondaryIndex* index) {
    for (const auto& name : filter.attribute_names()) {
        const bool key = index ? index->is_key(name)
                               : (name == table.partition_key.name ||
                                  (table.sort_key && name == table.sort_key->name));
        if (key)
            throw_validation(
                "Filter Expression can only contain non-primary key attributes: Primary key "
                "attribute: " +
                name);
    }
}

std::uint32_t segment_hash(std::string_view pk) {
    std::uint32_t h = 2166136261u;
    for (unsigned char c : pk) h = (h ^ c) * 16777619u;
    return h;
}

const std::vector<std::string> kQueryExpressions = {"ProjectionExpression", "FilterExpression",
                                                    "KeyConditionExpression"};
const std::vector<std::string> kQueryLegacy = {"AttributesToGet", "QueryFilter",
                                               "ConditionalOperator", "KeyConditions"};
const std::vector<std::string> kScanExpressions = {"ProjectionExpression", "FilterExpression"};
const std::vector<std::string> kScanLegacy = {"AttributesToGet", "ScanFilter",
                                              "ConditionalOperator"};
}  // namespace

Json query(core::Region& region, const Json& request) {
    ReadOptions options;
    options.items_as_text = region.items_as_text();
    return query(region, request, options);
}

Json query(core::Region& region, const Json& request, const ReadOptions& options) {
    check_parameters(request, kQueryExpressions, kQueryLegacy);
    if (!member(request, "KeyConditionExpression") && !member(request, "KeyConditions"))
        throw_validation(
            "Either the KeyConditions or KeyConditionExpression parameter must be specified in "
            "the request.");
    TableMeta& table = table_for_data(region, request.at("TableName"));
    const indexes::SecondaryIndex* index = index_for_read(table, request);
    auto ex = parse_expressions(request, kQueryExpressions, kQueryLegacy, &table, index);
    std::string select = select_mode(request, *ex, index, true);
    std::optional<StorageKey> start;
    std::optional<storage::IndexEntryKey> index_start;
    if (index)
        index_start = index_start_key(request, table, *index);
    else
        start = start_key(request, table);

    const expr::KeyCondition& kc = *ex->key_condition;
    const std::string pk = indexes::encode_key_part(kc.partition_values);
    if (!index && kc.partition_value.type() != table.partition_key.type)
        throw_invalid_parameter("Condition parameter type does not match schema type");
    if ((start && start->pk != pk) || (index_start && index_start->ipk != pk))
        throw_validation(
            "The provided starting key is outside query boundaries based on provided conditions");
    if (ex->filter && !options.filter_may_read_keys) check_filter_keys(*ex->filter, table, index);
    check_gsi_projection(table, index, *ex);
    admit_read(region, table, index);
    const auto [lower, upper] =
        indexes::sort_bounds(kc, index ? index->range_keys.size() : (table.sort_key ? 1 : 0));

    bool consistent = bool_member(request, "ConsistentRead").value_or(false);
    Page page(region, table, index, *ex, select, consistent,
              int_member(request, "Limit").value_or(0));
    page.as_text = options.items_as_text;
    bool forward = bool_member(request, "ScanIndexForward").value_or(true);
    if (index) {
        region.store().query_index(table.id, index->id, pk, lower, upper, forward, index_start,
                                   [&](const storage::IndexRow& row) {
                                       return page.take(row.pk, row.sk, row.size, row.item);
                                   });
        return page.finish(request);
    }
    std::optional<std::string> start_sk;
    if (start) start_sk = start->sk;
    if (!table.sort_key && start) return page.finish(request);  // one row, already returned
    region.store().query_partition(
        table.id, pk, lower, upper, forward, start_sk,
        [&](const storage::ItemRow& row) { return page.take(row.pk, row.sk, row.size, row.item); });
    return page.finish(request);
}

Json scan(core::Region& region, const Json& request) {
    ReadOptions options;
    options.items_as_text = region.items_as_text();
    return scan(region, request, options);
}

Json scan(core::Region& region, const Json& request, const ReadOptions& options) {
    check_parameters(request, kScanExpressions, kScanLegacy);
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
    auto ex = parse_expressions(request, kScanExpressions, kScanLegacy);
    TableMeta& table = table_for_data(region, request.at("TableName"));
    const indexes::SecondaryIndex* index = index_for_read(table, request);
    std::string select = select_mode(request, *ex, index, false);
    std::optional<storage::IndexEntryKey> after;
    if (index) after = index_start_key(request, table, *index);
    check_gsi_projection(table, index, *ex);
    admit_read(region, table, index);
    bool consistent = bool_member(request, "ConsistentRead").value_or(false);
    Page page(region, table, index, *ex, select, consistent,
              int_member(request, "Limit").value_or(0));
    page.as_text = options.items_as_text;
    if (index) {
        region.store().scan_index(table.id, index->id, after, [&](const storage::IndexRow& row) {
            if (total && static_cast<std::int64_t>(segment_hash(row.ipk) % *total) != *segment)
                return true;
            return page.take(row.pk, row.sk, row.size, row.item);
        });
        return page.finish(request);
    }
    auto start = start_key(request, table);
    std::optional<std::pair<std::string, std::string>> table_after;
    if (start) table_after = std::pair{start->pk, start->sk};
    region.store().scan(table.id, table_after, [&](const storage::ItemRow& row) {
        if (total && static_cast<std::int64_t>(segment_hash(row.pk) % *total) != *segment)
            return true;
        return page.take(row.pk, row.sk, row.size, row.item);
    });
    return page.finish(request);
}

}  // namespace tablespan::api
