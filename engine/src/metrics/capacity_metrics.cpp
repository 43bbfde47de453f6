#include "metrics/capacity_metrics.h"

namespace tablespan::metrics {

namespace {
CapacitySettings settings_of(const api::TableMeta& t) {
    if (t.billing_mode == "PROVISIONED")
        return {true, static_cast<double>(t.read_capacity), static_cast<double>(t.write_capacity),
                0, 0};
    return {false, 0, 0, static_cast<double>(t.max_read_units),
            static_cast<double>(t.max_write_units)};
}

CapacitySettings settings_of(const api::TableMeta& t, const indexes::SecondaryIndex& index) {
    if (t.billing_mode == "PROVISIONED")
        return {true, static_cast<double>(index.read_capacity),
                static_cast<double>(index.write_capacity), 0, 0};
    return {};
}
}  // namespace

CapacityMetrics::TableSeries& CapacityMetrics::series(const api::TableMeta& table, Millis now) {
    auto it = tables_.find(table.name);
    if (it == tables_.end()) it = tables_.try_emplace(table.name, now).first;
    // A change of settings shows from the next request at the latest (UpdateTable also
    // calls observe()).
    it->second.table.set(settings_of(table), now);
    return it->second;
}

CapacitySeries& CapacityMetrics::gsi(TableSeries& s, const api::TableMeta& table,
                                     const indexes::SecondaryIndex& index, Millis now) {
    auto it = s.gsi.find(index.name);
    if (it == s.gsi.end()) it = s.gsi.try_emplace(index.name, now).first;
    it->second.set(settings_of(table, index), now);
    return it->second;
}

void CapacityMetrics::read(const api::TableMeta& table, const indexes::SecondaryIndex* index,
                           double units, Millis now) {
    std::lock_guard lock(mutex_);
    TableSeries& s = series(table, now);
    // A read through an LSI consumes the table's capacity.
    CapacitySeries& target = index && index->global ? gsi(s, table, *index, now) : s.table;
    target.at(now).consumed_read += units;
}

void CapacityMetrics::write(const api::TableMeta& table, const api::WriteUnits& units, Millis now,
                            bool replicated) {
    double table_units = units.table;
    for (const auto& [name, u] : units.local) table_units += u;
    std::lock_guard lock(mutex_);
    TableSeries& s = series(table, now);
    CapacitySample& sample = s.table.at(now);
    sample.consumed_write += table_units;
    if (replicated) sample.replicated_write += table_units;
    for (const auto& [name, u] : units.global) {
        const indexes::SecondaryIndex* index = table.find_index(name);
        if (!index) continue;
        CapacitySample& g = gsi(s, table, *index, now).at(now);
        g.consumed_write += u;
        if (replicated) g.replicated_write += u;
    }
}

void CapacityMetrics::throttled(const api::TableMeta& table, const indexes::SecondaryIndex* index,
                                bool write, bool event, bool request, Millis now) {
    std::lock_guard lock(mutex_);
    TableSeries& s = series(table, now);
    if (event) {
        CapacitySample& e = (index && index->global ? gsi(s, table, *index, now) : s.table).at(now);
        (write ? e.write_throttle_events : e.read_throttle_events) += 1;
    }
    if (!request) return;
    CapacitySample& t = s.table.at(now);
    (write ? t.throttled_write_requests : t.throttled_read_requests) += 1;
}

void CapacityMetrics::observe(const api::TableMeta& table, Millis now) {
    std::lock_guard lock(mutex_);
    TableSeries& s = series(table, now);
    for (const auto& index : table.indexes)
        if (index.global) gsi(s, table, index, now);
}

void CapacityMetrics::forget(const std::string& table) {
    std::lock_guard lock(mutex_);
    tables_.erase(table);
}

std::vector<CapacitySample> CapacityMetrics::query(std::string_view table, std::string_view index,
                                                   Millis from, Millis to, Millis now) const {
    std::vector<CapacitySample> out;
    std::lock_guard lock(mutex_);
    auto it = tables_.find(std::string(table));
    if (it == tables_.end()) return out;
    if (index.empty()) {
        it->second.table.query(from, to, now, out);
    } else if (auto g = it->second.gsi.find(index); g != it->second.gsi.end()) {
        g->second.query(from, to, now, out);
    }
    return out;
}

}  // namespace tablespan::metrics
