// BatchWriteItem and BatchGetItem. Every request of a batch is validated before any is
// carried out, so a rejected batch changes nothing; each put or delete is atomic.

#include <algorithm>
#include <set>

#include "api/capacity.h"
#include "api/expression_params.h"
#include "api/handlers.h"
#include "api/item_key.h"
#include "api/item_store.h"
#include "api/request_util.h"
#include "api/throughput_charges.h"
#include "capacity/throughput.h"
#include "core/region.h"
#include "indexes/index_entries.h"
#include "indexes/item_collections.h"

namespace tablespan::api {

namespace {
constexpr std::size_t kMaxBatchWrite = 25;
constexpr std::size_t kMaxBatchGet = 100;
constexpr std::size_t kMaxBatchGetBytes = 16 * 1024 * 1024;

struct WriteOp {
    TableMeta* table;
    StorageKey key;
    std::optional<Item> item;  // nullopt: delete
    std::size_t size = 0;
    std::optional<Item> old{};    // what the key holds before the batch
    const Json* write = nullptr;  // the request's PutRequest / DeleteRequest entry
    std::string request_table{};  // the table as the request names it
};
}  // namespace

Json batch_write_item(core::Region& region, const Json& request) {
    const Json& request_items = request.at("RequestItems");
    std::size_t total = 0;
    for (auto it = request_items.begin(); it != request_items.end(); ++it) total += it->size();
    if (total > kMaxBatchWrite)
        throw_validation("Too many items requested for the BatchWriteItem call");

    std::vector<WriteOp> ops;
    for (auto it = request_items.begin(); it != request_items.end(); ++it) {
        for (const auto& write : *it) {
            const Json* put = member(write, "PutRequest");
            const Json* del = member(write, "DeleteRequest");
            if ((put != nullptr) == (del != nullptr))
                throw_validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain "
                    "exactly one of the supported datatypes");
        }
    }
    for (auto it = request_items.begin(); it != request_items.end(); ++it) {
        TableMeta& table = table_for_data(region, it.key());
        std::set<std::pair<std::string, std::string>> seen;
        for (const auto& write : *it) {
            WriteOp op{&table, {}, std::nullopt, 0, std::nullopt, &write, it.key()};
            if (const Json* put = member(write, "PutRequest")) {
                Item item = decode_item(put->at("Item"));
                op.size = item_size(item);
                if (op.size > kMaxItemSize)
                    throw_validation("Item size has exceeded the maximum allowed size");
                op.key = key_from_item(table, item);
                // One bad index key refuses the whole batch (Alternator's
                // test_gsi_wrong_type_attribute_batch, run against the service).
                indexes::check_index_keys(table, item, indexes::WriteKind::Put);
                op.item = std::move(item);
            } else {
                op.key = key_from_key(table, decode_item(write.at("DeleteRequest").at("Key")));
            }
            if (!seen.emplace(op.key.pk, op.key.sk).second)
                throw_validation("Provided list of item keys contains duplicates");
            ops.push_back(std::move(op));
        }
    }

    // An item collection the batch would grow past its limit refuses the whole batch
    // before anything is written, as a bad index key does above; the model lists
    // ItemCollectionSizeLimitExceededException as an error of the whole BatchWriteItem
    // call (not a reason in UnprocessedItems). The growth adds up in request order.
    std::map<std::pair<const TableMeta*, std::string>, std::int64_t> growth;
    for (auto& op : ops) {
        ItemStore store(region, *op.table);
        op.old = store.get(op.key);
        const std::int64_t g = indexes::collection_growth(
            *op.table, op.key.pk, op.key.sk, op.old ? &*op.old : nullptr,
            op.old ? static_cast<std::int64_t>(item_size(*op.old)) : 0,
            op.item ? &*op.item : nullptr, static_cast<std::int64_t>(op.size));
        if (g == 0) continue;
        std::int64_t& total = growth[{op.table, op.key.pk}];
        total += g;
        if (g > 0) indexes::check_collection_growth(region, *op.table, op.key.pk, total);
    }

    // Writes to a table out of write capacity stay unprocessed; when none can be done
    // the whole call is refused (SEM §6.4).
    Json unprocessed = Json::object();
    std::size_t done = 0;
    std::map<std::string, WriteUnits> units;
    Json metrics = Json::object();
    for (auto& op : ops) {
        if (region.throughput().write_throttled(*op.table, region.now())) {
            unprocessed[op.request_table].push_back(*op.write);
            continue;
        }
        ++done;
        ItemStore store(region, *op.table);
        const std::optional<Item>& old = op.old;
        if (op.item) {
            store.put(op.key, *op.item, op.size, old);
        } else if (old) {
            store.remove(op.key, *old);
        }
        const WriteUnits w = charge_write(region, *op.table, op.key, old ? &*old : nullptr,
                                          op.item ? &*op.item : nullptr, request);
        if (capacity_requested(request)) {
            WriteUnits& sum = units[op.table->name];
            sum.table += w.table;
            for (const auto& [name, u] : w.global) sum.global[name] += u;
            for (const auto& [name, u] : w.local) sum.local[name] += u;
        }
        if (auto m = indexes::item_collection_metrics(region, *op.table, op.key, request))
            metrics[op.table->name].push_back(*m);
    }

    // Nothing written: the first write's refusal is the answer.
    // (ThrottledRequests counts a batch only then, its items' events were counted above.)
    if (done == 0 && !ops.empty())
        region.throughput().admit_write(*ops.front().table, region.now(), false);
    Json out = {{"UnprocessedItems", unprocessed}};
    if (!metrics.empty()) out["ItemCollectionMetrics"] = metrics;
    add_consumed_capacity(out, request, units);
    return out;
}

Json batch_get_item(core::Region& region, const Json& request) {
    const Json& request_items = request.at("RequestItems");
    struct TableRead {
        TableMeta* table;
        std::unique_ptr<Expressions> ex;
        bool consistent;
        std::vector<std::pair<StorageKey, const Json*>> keys;
    };
    std::vector<TableRead> reads;
    std::size_t total = 0;
    for (auto it = request_items.begin(); it != request_items.end(); ++it) {
        auto ex = parse_expressions(*it, {"ProjectionExpression"}, {"AttributesToGet"});
        TableRead read{
            nullptr, std::move(ex), bool_member(*it, "ConsistentRead").value_or(false), {}};
        total += it->at("Keys").size();
        reads.push_back(std::move(read));
    }
    if (total > kMaxBatchGet)
        throw_validation("Too many items requested for the BatchGetItem call");
    std::size_t index = 0;
    for (auto it = request_items.begin(); it != request_items.end(); ++it, ++index) {
        TableRead& read = reads[index];
        read.table = &table_for_data(region, it.key());
        std::set<std::pair<std::string, std::string>> seen;
        for (const auto& key_json : it->at("Keys")) {
            StorageKey key = key_from_key(*read.table, decode_item(key_json));
            if (!seen.emplace(key.pk, key.sk).second)
                throw_validation("Provided list of item keys contains duplicates");
            read.keys.emplace_back(std::move(key), &key_json);
        }
    }

    Json responses = Json::object();
    Json unprocessed = Json::object();
    std::map<std::string, double> units;
    std::size_t bytes = 0;
    // Keys of a table out of read capacity stay unprocessed; when none can be read the
    // whole call is refused.
    if (!reads.empty() && std::all_of(reads.begin(), reads.end(), [&](const TableRead& r) {
            return region.throughput().read_refused(*r.table, region.now());
        })) {
        for (const TableRead& r : reads)
            for (std::size_t k = 0; k < r.keys.size(); ++k)
                region.throughput().read_throttled(*r.table, region.now());
        region.throughput().admit_read(*reads.front().table, nullptr, region.now(), false);
    }
    index = 0;
    for (auto it = request_items.begin(); it != request_items.end(); ++it, ++index) {
        TableRead& read = reads[index];
        Json& items = responses[read.table->name] = Json::array();
        ItemStore store(region, *read.table);
        for (auto& [key, key_json] : read.keys) {
            if (bytes >= kMaxBatchGetBytes ||
                region.throughput().read_throttled(*read.table, region.now())) {
                Json& pending = unprocessed[it.key()];
                if (pending.is_null()) {
                    pending = *it;
                    pending["Keys"] = Json::array();
                }
                pending["Keys"].push_back(*key_json);
                continue;
            }
            auto item = store.get(key);
            std::size_t size = item ? item_size(*item) : 0;
            bytes += size;
            const double u = read_units(static_cast<std::int64_t>(size), read.consistent);
            charge_read(region, *read.table, nullptr, u);
            units[read.table->name] += u;
            if (item)
                items.push_back(
                    encode_item(read.ex->projection ? read.ex->projection->apply(*item) : *item));
        }
    }

    Json out = {{"Responses", responses}, {"UnprocessedKeys", unprocessed}};
    add_consumed_capacity(out, request, units);
    return out;
}

}  // namespace tablespan::api
