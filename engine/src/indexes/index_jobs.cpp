#include "indexes/index_jobs.h"

#include <algorithm>
#include <set>

#include "core/region.h"
#include "indexes/index_entries.h"

namespace tablespan::indexes {

namespace {
// Drops the AttributeDefinitions no key uses any more (ACK#DDB-TABLE-151).
void prune_definitions(api::TableMeta& t) {
    std::set<std::string> used = {t.partition_key.name};
    if (t.sort_key) used.insert(t.sort_key->name);
    for (const auto& ix : t.indexes) {
        for (const auto& k : ix.key_elements()) used.insert(k.name);
    }
    Json kept = Json::array();
    for (const auto& d : t.attribute_definitions)
        if (used.count(d.at("AttributeName").get<std::string>())) kept.push_back(d);
    t.attribute_definitions = kept;
}

// Copies one chunk of the table into the index; true when the whole table is in.
bool backfill_chunk(core::Region& region, api::TableMeta& t, SecondaryIndex& index) {
    std::size_t seen = 0;
    std::optional<std::pair<std::string, std::string>> last;
    region.store().scan(t.id, index.backfill_after, [&](const storage::ItemRow& row) {
        add_entry(region.store(), t, index, row.pk, row.sk, deserialize_item(row.item), row.size);
        last = std::pair{std::string(row.pk), std::string(row.sk)};
        return ++seen < kIndexBackfillChunk;
    });
    if (last) index.backfill_after = std::move(last);
    return seen < kIndexBackfillChunk;
}

void run_jobs(core::Region& region, const std::string& name, const std::string& table_id) {
    api::TableMeta* t = region.find_table(name);
    if (!t || t->table_id != table_id || t->status == "DELETING") return;
    const Millis now = region.now();
    std::optional<Millis> next;
    auto later = [&](Millis at) { next = next ? std::min(*next, at) : at; };
    bool changed = false;
    region.run_internal([&] {
        for (auto it = t->indexes.begin(); it != t->indexes.end();) {
            SecondaryIndex& ix = *it;
            if (ix.status == "DELETING" && ix.status_until <= now) {
                region.store().delete_index(t->id, ix.id);
                it = t->indexes.erase(it);
                prune_definitions(*t);
                changed = true;
                continue;
            }
            if (ix.status == "UPDATING" && ix.status_until <= now) {
                ix.status = "ACTIVE";
                ix.status_until = 0;
                changed = true;
            }
            if (ix.status == "CREATING" && !ix.backfilling && ix.status_until <= now) {
                ix.backfilling = true;
                ix.status_until = 0;
                changed = true;
            }
            if (ix.status == "CREATING" && ix.backfilling) {
                if (backfill_chunk(region, *t, ix)) {
                    ix.status = "ACTIVE";
                    ix.backfilling = false;
                    ix.backfill_after.reset();
                } else {
                    later(now + kBackfillStepMs);
                }
                changed = true;
            } else if (ix.status_until > now) {
                later(ix.status_until);
            }
            ++it;
        }
        // The table is UPDATING while an index is allocated or deleted, ACTIVE again
        // during a backfill.
        if (t->status == "UPDATING" && !t->status_until && !index_change_in_progress(*t)) {
            t->status = "ACTIVE";
            changed = true;
        }
        if (changed) region.save_table(*t);
    });
    t = region.find_table(name);  // a failed batch reloads the tables
    if (!t || t->table_id != table_id) return;
    if (changed) region.publish_status(*t);
    if (next) schedule_index_job(region, *t, *next);
}
}  // namespace

bool index_change_in_progress(const api::TableMeta& table) {
    return std::any_of(table.indexes.begin(), table.indexes.end(), [](const SecondaryIndex& ix) {
        return ix.status == "DELETING" || (ix.status == "CREATING" && !ix.backfilling);
    });
}

void schedule_index_job(core::Region& region, const api::TableMeta& table, Millis at) {
    region.core().scheduler.schedule_at(at, [&region, name = table.name, id = table.table_id] {
        region.post([&region, name, id] { run_jobs(region, name, id); });
    });
}

void resume_index_jobs(core::Region& region, const api::TableMeta& table) {
    for (const auto& ix : table.indexes)
        if (ix.status != "ACTIVE") {
            schedule_index_job(region, table, std::max(ix.status_until, region.now()));
            return;
        }
}

}  // namespace tablespan::indexes
