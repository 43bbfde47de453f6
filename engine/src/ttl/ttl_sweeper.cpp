#include "ttl/ttl_sweeper.h"

#include "api/item_key.h"
#include "api/item_store.h"
#include "core/region.h"
#include "tablespan/number.h"

namespace tablespan::ttl {

namespace {
constexpr std::int64_t kFiveYearsSeconds = std::int64_t{5} * 365 * 24 * 60 * 60;

using Cursor = std::optional<std::pair<std::string, std::string>>;

void schedule(core::Region& region, const api::TableMeta& table, Millis at, Cursor cursor);

// One chunk of a pass; the chain stops when TTL is turned off or changed (another chain
// then serves the new setting).
void run_chunk(core::Region& region, const std::string& name, const std::string& table_id,
               Millis generation, const Cursor& cursor) {
    api::TableMeta* t = region.find_table(name);
    if (!t || t->table_id != table_id || !t->ttl_enabled || t->ttl_changed_at != generation) return;
    Cursor next = cursor;
    bool finished = false;
    if (t->status == "ACTIVE" || t->status == "UPDATING") {
        const Millis now = region.now();
        const Millis delay = region.core().ttl_deletion_delay;
        struct Doomed {
            api::StorageKey key;
            Item item;
        };
        std::vector<Doomed> doomed;
        std::size_t seen = 0;
        region.store().scan(t->id, cursor, [&](const storage::ItemRow& row) {
            next = std::pair{std::string(row.pk), std::string(row.sk)};
            Item item = deserialize_item(row.item);
            if (expired(item, t->ttl_attribute, now, delay))
                doomed.push_back({{std::string(row.pk), std::string(row.sk)}, std::move(item)});
            return ++seen < kChunkItems;
        });
        finished = seen < kChunkItems;
        if (t->group.global()) {
            // The region that wrote an item's current version expires it.
            std::erase_if(doomed, [&](const Doomed& d) {
                auto v = region.store().get_version(t->id, d.key.pk, d.key.sk);
                return !v || v->origin != region.code();
            });
        }
        if (!doomed.empty())
            region.run_internal([&] {
                api::TableMeta* table = region.find_table(name);
                if (!table || table->table_id != table_id) return;
                api::ItemStore store(region, *table);
                for (const auto& d : doomed) store.remove(d.key, d.item, true);
            });
    }
    t = region.find_table(name);  // a failed batch reloads the tables
    if (!t || t->table_id != table_id) return;
    if (finished)
        schedule(region, *t, region.now() + kPassIntervalMs, std::nullopt);
    else
        schedule(region, *t, region.now() + kChunkStepMs, next);
}

void schedule(core::Region& region, const api::TableMeta& table, Millis at, Cursor cursor) {
    region.core().scheduler.schedule_at(
        at, [&region, name = table.name, id = table.table_id, generation = table.ttl_changed_at,
             cursor = std::move(cursor)] {
            region.post([&region, name, id, generation, cursor] {
                run_chunk(region, name, id, generation, cursor);
            });
        });
}
}  // namespace

bool expired(const Item& item, const std::string& attribute, Millis now_ms, Millis delay_ms) {
    auto it = item.find(attribute);
    if (it == item.end() || !it->second.is(AttributeValue::Type::N)) return false;
    const Number& at = it->second.as_number();
    const std::int64_t now_s = now_ms / 1000;
    const std::int64_t due_s = (now_ms - delay_ms) / 1000;
    return at <= Number::from_integer(due_s) &&
           at >= Number::from_integer(now_s - kFiveYearsSeconds);
}

void start_sweeping(core::Region& region, const api::TableMeta& table) {
    if (table.ttl_enabled) schedule(region, table, region.now(), std::nullopt);
}

}  // namespace tablespan::ttl
