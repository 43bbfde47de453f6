#include "capacity/throughput.h"

#include "tablespan/error.h"

namespace tablespan::capacity {

namespace {
constexpr const char* kTableText =
    "The level of configured provisioned throughput for the table was exceeded. Consider "
    "increasing your provisioning level with the UpdateTable API.";
constexpr const char* kIndexText =
    "The level of configured provisioned throughput for one or more global secondary indexes "
    "of the table was exceeded. Consider increasing your provisioning level for the "
    "under-provisioned global secondary indexes with the UpdateTable API.";

bool provisioned(const api::TableMeta& table) {
    return table.billing_mode == "PROVISIONED";
}
}  // namespace

Throughput::Buckets& Throughput::buckets(const api::TableMeta& table, Millis now) {
    Buckets& b = tables_[table.name];
    const bool p = provisioned(table);
    b.read.configure(p ? static_cast<double>(table.read_capacity) : 0, now);
    b.write.configure(p ? static_cast<double>(table.write_capacity) : 0, now);
    for (const auto& index : table.indexes) {
        if (!index.global) continue;
        auto& [read, write] = b.gsi[index.name];
        read.configure(p ? static_cast<double>(index.read_capacity) : 0, now);
        write.configure(p ? static_cast<double>(index.write_capacity) : 0, now);
    }
    return b;
}

Second& Throughput::second(const std::string& table, Millis now) {
    auto& seconds = history_[table];
    const Millis at = now - now % 1000;
    if (seconds.empty() || seconds.back().at != at) {
        seconds.push_back(Second{at, 0, 0, 0, 0});
        while (seconds.size() > kSecondsKept) seconds.pop_front();
    }
    return seconds.back();
}

void Throughput::refuse(const api::TableMeta& table, const indexes::SecondaryIndex* index,
                        bool write, Millis now) {
    Second& s = second(table.name, now);
    ++(write ? s.throttled_writes : s.throttled_reads);
    ApiError e("ProvisionedThroughputExceededException", index ? kIndexText : kTableText);
    const std::string kind = write ? "Write" : "Read";
    e.error().extra["ThrottlingReasons"] = Json::array(
        {{{"reason", (index ? "Index" : "Table") + kind + "ProvisionedThroughputExceeded"},
          {"resource", index ? index->arn(table.arn()) : table.arn()}}});
    throw e;
}

void Throughput::admit_read(const api::TableMeta& table, const indexes::SecondaryIndex* index,
                            Millis now) {
    Buckets& b = buckets(table, now);
    if (!enforce_) return;
    if (index && index->global) {
        if (b.gsi[index->name].first.exhausted(now)) refuse(table, index, false, now);
    } else if (b.read.exhausted(now)) {
        refuse(table, nullptr, false, now);
    }
}

std::optional<std::string> Throughput::write_refusal(const api::TableMeta& table, Millis now) {
    Buckets& b = buckets(table, now);
    if (!enforce_) return std::nullopt;
    if (b.write.exhausted(now)) return std::string(kTableText);
    for (auto& [name, pair] : b.gsi)
        if (pair.second.exhausted(now)) return std::string(kIndexText);
    return std::nullopt;
}

bool Throughput::write_refused(const api::TableMeta& table, Millis now) {
    return write_refusal(table, now).has_value();
}

std::optional<std::string> Throughput::read_refusal(const api::TableMeta& table, Millis now) {
    Buckets& b = buckets(table, now);
    if (enforce_ && b.read.exhausted(now)) return std::string(kTableText);
    return std::nullopt;
}

bool Throughput::read_refused(const api::TableMeta& table, Millis now) {
    return read_refusal(table, now).has_value();
}

void Throughput::admit_write(const api::TableMeta& table, Millis now) {
    Buckets& b = buckets(table, now);
    if (!enforce_) return;
    if (b.write.exhausted(now)) refuse(table, nullptr, true, now);
    for (auto& [name, pair] : b.gsi)
        if (pair.second.exhausted(now)) refuse(table, table.find_index(name), true, now);
}

void Throughput::charge_read(const api::TableMeta& table, const indexes::SecondaryIndex* index,
                             double units, Millis now) {
    Buckets& b = buckets(table, now);
    (index && index->global ? b.gsi[index->name].first : b.read).take(units, now);
    second(table.name, now).consumed_read += units;
}

void Throughput::charge_write(const api::TableMeta& table, const api::WriteUnits& units,
                              Millis now) {
    Buckets& b = buckets(table, now);
    // LSIs take from the table's capacity (DG:LSI); GSIs from their own.
    double table_units = units.table;
    for (const auto& [name, u] : units.local) table_units += u;
    b.write.take(table_units, now);
    for (const auto& [name, u] : units.global) b.gsi[name].second.take(u, now);
    second(table.name, now).consumed_write += units.total();
}

const std::deque<Second>& Throughput::history(const std::string& table) const {
    static const std::deque<Second> kNone;
    auto it = history_.find(table);
    return it == history_.end() ? kNone : it->second;
}

void Throughput::forget(const std::string& table) {
    tables_.erase(table);
    history_.erase(table);
}

}  // namespace tablespan::capacity
