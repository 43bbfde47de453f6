#include "autoscaling/scaler.h"

#include <algorithm>
#include <string>
#include <vector>

#include "api/lifecycle.h"
#include "autoscaling/target_tracking.h"
#include "capacity/decrease_limits.h"
#include "capacity/throughput.h"
#include "core/region.h"
#include "indexes/index_jobs.h"

namespace tablespan::autoscaling {

namespace {
constexpr int kWindowMinutes = kScaleInMinutes;

void schedule(core::Region& region, const api::TableMeta& table, Millis at);

bool scales(core::Region& region, const api::TableMeta& t) {
    return t.billing_mode == "PROVISIONED" && t.status != "DELETING" &&
           t.scaling.active_in(std::string(region.code()));
}

// The minutes that ended by `end`, oldest first, of the table (`index` empty) or a GSI.
std::vector<Minute> minutes(core::Region& region, const api::TableMeta& t, const std::string& index,
                            bool write, Millis end) {
    const Millis from = end - kWindowMinutes * kEvaluationMs;
    const auto samples =
        region.throughput().metrics().query(t.name, index, from, end, region.now());
    std::vector<Minute> out(kWindowMinutes);
    for (const auto& s : samples) {
        const auto i = static_cast<std::size_t>((s.second - from) / kEvaluationMs);
        if (i >= out.size()) continue;
        const double consumed = write ? s.consumed_write : s.consumed_read;
        Minute& m = out[i];
        if (consumed > 0) m.reported = true;
        m.consumed += consumed / 60;
        m.provisioned = write ? s.provisioned_write : s.provisioned_read;
    }
    return out;
}

bool cooling(const std::optional<std::int64_t>& cooldown, Millis last, Millis now) {
    return cooldown && last && now < last + *cooldown * 1000;
}

bool decrease_allowed(std::int64_t today, Millis last_decrease, Millis now) {
    return today < capacity::kFreeDecreasesPerDay ||
           now >= last_decrease + capacity::kDecreaseIntervalMs;
}

// The table's own read and write capacity; true when it changed.
bool scale_table(core::Region& region, api::TableMeta& t, Millis end) {
    const Millis now = region.now();
    const std::string self(region.code());
    const Policy& read = t.scaling.read_in(self);
    const Policy& write = t.scaling.write;
    // The capacity each dimension asks for (its current one: no change).
    const auto want = [&](const Policy& p, std::int64_t current, bool is_write) {
        const std::int64_t w =
            desired_capacity(p, current, minutes(region, t, "", is_write, end)).value_or(current);
        // Cooldowns: after a scale-out (-in), another waits for the policy's cooldown.
        if (w > current && cooling(p.scale_out_cooldown, t.last_increase, now)) return current;
        if (w < current && cooling(p.scale_in_cooldown, t.last_decrease, now)) return current;
        return w;
    };
    std::int64_t rcu = want(read, t.read_capacity, false);
    std::int64_t wcu = want(write, t.write_capacity, true);
    if ((rcu < t.read_capacity || wcu < t.write_capacity) &&
        !decrease_allowed(capacity::decreases_today(t, now), t.last_decrease, now)) {
        // Refused as an UpdateTable would be; the increases still go through.
        rcu = std::max(rcu, t.read_capacity);
        wcu = std::max(wcu, t.write_capacity);
    }
    if (rcu == t.read_capacity && wcu == t.write_capacity) return false;
    if (rcu > t.read_capacity || wcu > t.write_capacity) t.last_increase = now;
    if (rcu < t.read_capacity || wcu < t.write_capacity) capacity::take_decrease(t, now);
    t.read_capacity = rcu;
    t.write_capacity = wcu;
    return true;
}

// Each GSI's read and write capacity; true when any changed.
bool scale_indexes(core::Region& region, api::TableMeta& t, Millis end) {
    const Millis now = region.now();
    const std::string self(region.code());
    bool changed = false;
    for (auto& ix : t.indexes) {
        if (!ix.global || ix.status != "ACTIVE") continue;
        std::int64_t r = desired_capacity(t.scaling.index_read_in(ix.name, self), ix.read_capacity,
                                          minutes(region, t, ix.name, false, end))
                             .value_or(ix.read_capacity);
        std::int64_t w = desired_capacity(t.scaling.index_write(ix.name), ix.write_capacity,
                                          minutes(region, t, ix.name, true, end))
                             .value_or(ix.write_capacity);
        if ((r < ix.read_capacity || w < ix.write_capacity) &&
            !decrease_allowed(capacity::decreases_today(ix, now), ix.last_decrease, now)) {
            r = std::max(r, ix.read_capacity);
            w = std::max(w, ix.write_capacity);
        }
        if (r == ix.read_capacity && w == ix.write_capacity) continue;
        if (r < ix.read_capacity || w < ix.write_capacity) capacity::count_decrease(ix, now);
        ix.read_capacity = r;
        ix.write_capacity = w;
        ix.status = "UPDATING";
        ix.status_until = now + indexes::kIndexUpdatingMs;
        changed = true;
    }
    return changed;
}

void tick(core::Region& region, const std::string& name, const std::string& table_id, Millis at) {
    api::TableMeta* t = region.find_table(name);
    if (!t || t->table_id != table_id || t->scaling_tick_at != at) return;  // replaced
    if (!scales(region, *t)) {
        t->scaling_tick_at = 0;
        return;
    }
    // An UpdateTable refused while the table changes: Application Auto Scaling tries
    // again at its next evaluation.
    if (t->status == "ACTIVE") {
        const Millis now = region.now();
        const Millis end = now - now % kEvaluationMs;
        bool table_changed = false, index_changed = false;
        region.run_internal([&] {
            table_changed = scale_table(region, *t, end);
            index_changed = scale_indexes(region, *t, end);
            if (table_changed)
                region.start_transition(*t, "UPDATING", "ACTIVE", api::kUpdatingMs);
            else if (index_changed)
                region.save_table(*t);
        });
        if (index_changed)
            if (api::TableMeta* after = region.find_table(name))
                indexes::schedule_index_job(region, *after, now + indexes::kIndexUpdatingMs);
    }
    if ((t = region.find_table(name)))
        schedule(region, *t, at - at % kEvaluationMs + kEvaluationMs);
}

void schedule(core::Region& region, const api::TableMeta& table, Millis at) {
    if (table.scaling_tick_at == at) return;  // already due then: one look is enough
    table.scaling_tick_at = at;
    region.core().scheduler.schedule_at(at, [&region, name = table.name, id = table.table_id, at] {
        region.post([&region, name, id, at] { tick(region, name, id, at); });
    });
}
}  // namespace

void note_activity(core::Region& region, const api::TableMeta& table) {
    if (table.scaling.empty()) return;
    // A marker more than a minute old belongs to a scaler that stopped (or to the table
    // this replica was copied from).
    if (table.scaling_tick_at && table.scaling_tick_at + kEvaluationMs >= region.now()) return;
    if (!scales(region, table)) return;
    const Millis now = region.now();
    schedule(region, table, now - now % kEvaluationMs + kEvaluationMs);
}

void start(core::Region& region, const api::TableMeta& table) {
    if (scales(region, table)) schedule(region, table, region.now());
}

bool inherit_read_settings(api::TableMeta& table, const std::string& source,
                           const std::string& destination) {
    TableScaling& s = table.scaling;
    if (s.empty()) return false;
    if (auto it = s.read.find(source); it != s.read.end()) s.read[destination] = it->second;
    for (auto& [name, ix] : s.indexes)
        if (auto it = ix.read.find(source); it != ix.read.end()) ix.read[destination] = it->second;
    return true;
}

void fan_out(core::Region& region, const api::TableMeta& table) {
    const Json settings = table.scaling.to_storage();
    for (const auto& m : table.group.members) {
        if (m.region == region.code()) continue;
        core::Region* other = region.core().region(m.region);
        if (!other) continue;
        other->post([other, name = table.name, settings] {
            api::TableMeta* t = other->find_table(name);
            if (!t || t->status == "DELETING") return;
            other->run_internal([&] {
                t->scaling = TableScaling::from_storage(settings);
                other->save_table(*t);
            });
            start(*other, *t);
        });
    }
}

}  // namespace tablespan::autoscaling
