// TransactGetItems: up to 100 Gets of items of this region's tables, read together (the
// region's strand runs nothing else meanwhile). Missing items answer an entry without
// Item (ALT::test_transact_get_items_missing); each item read costs two strongly
// consistent read units (DG:transaction-apis).

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
#include "transactions/cancellation.h"

namespace tablespan::api {

Json transact_get_items(core::Region& region, const Json& request) {
    struct Get {
        const Json* body;
        std::unique_ptr<Expressions> ex;
        TableMeta* table = nullptr;
        StorageKey key;
    };
    std::vector<Get> gets;
    for (const auto& entry : request.at("TransactItems")) {
        const Json& body = entry.at("Get");
        gets.push_back(
            Get{&body, parse_expressions(body, {"ProjectionExpression"}, {}), nullptr, {}});
    }
    for (auto& g : gets) g.table = &table_for_data(region, g.body->at("TableName"));
    transactions::Cancellation cancel(gets.size());
    for (std::size_t i = 0; i < gets.size(); ++i) {
        try {
            gets[i].key = key_from_key(*gets[i].table, decode_item(gets[i].body->at("Key")));
        } catch (const ApiError& e) {
            if (e.error().type != "ValidationException") throw;
            cancel.set(i, "ValidationError", e.error().message);
            cancel.raise();
        }
    }
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (const auto& g : gets)
        if (!seen.emplace(g.table->name, g.key.pk, g.key.sk).second)
            throw_validation("Transaction request cannot include multiple operations on one item");

    for (std::size_t i = 0; i < gets.size(); ++i)
        if (auto refusal = region.throughput().read_refusal(*gets[i].table, region.now())) {
            cancel.set(i, "ProvisionedThroughputExceeded", *refusal);
            region.throughput().count_throttled_request(*gets[i].table, false, region.now());
            cancel.raise();
        }

    Json responses = Json::array();
    std::map<std::string, double> units;
    for (auto& g : gets) {
        ItemStore store(region, *g.table);
        auto item = store.get(g.key);
        Json entry = Json::object();
        std::int64_t size = 0;
        if (item) {
            size = static_cast<std::int64_t>(item_size(*item));
            entry["Item"] = encode_item(g.ex->projection ? g.ex->projection->apply(*item) : *item);
        }
        units[g.table->name] += 2 * read_units(size, true);
        charge_read(region, *g.table, nullptr, 2 * read_units(size, true));
        responses.push_back(std::move(entry));
    }
    Json out = {{"Responses", std::move(responses)}};
    add_consumed_capacity(out, request, units);
    return out;
}

}  // namespace tablespan::api
