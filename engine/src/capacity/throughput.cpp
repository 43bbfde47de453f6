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

constexpr const char* kOnDemandText =
    "Throughput exceeds the current capacity of your table or index. DynamoDB is "
    "automatically scaling your table or index so please try again shortly. If exceptions "
    "persist, check if you have a hot key: "
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html";
// An on-demand table's maximum holds about one second of unused capacity: requests past
// it are "throttled quickly" (DOCS:throttling-ondemand-capacity-exceeded-mitigation).
constexpr double kOnDemandBurstSeconds = 1;

bool provisioned(const api::TableMeta& table) {
    return table.billing_mode == "PROVISIONED";
}
bool capped(const api::TableMeta& table) {
    return table.billing_mode == "PAY_PER_REQUEST" &&
           (table.max_read_units || table.max_write_units);
}
}  // namespace

bool Throughput::limited(const api::TableMeta& table) const {
    return enforce_ && (provisioned(table) || capped(table));
}

// PROVISIONED tables and on-demand tables with a maximum come here; their rates follow the
// table's current settings.
Throughput::Buckets& Throughput::buckets(const api::TableMeta& table, Millis now) {
    Buckets& b = tables_[table.name];
    if (!provisioned(table)) {
        b.read.configure(static_cast<double>(table.max_read_units), now, kOnDemandBurstSeconds);
        b.write.configure(static_cast<double>(table.max_write_units), now, kOnDemandBurstSeconds);
        b.gsi.clear();
        return b;
    }
    b.read.configure(static_cast<double>(table.read_capacity), now);
    b.write.configure(static_cast<double>(table.write_capacity), now);
    for (const auto& index : table.indexes) {
        if (!index.global) continue;
        auto& [read, write] = b.gsi[index.name];
        read.configure(static_cast<double>(index.read_capacity), now);
        write.configure(static_cast<double>(index.write_capacity), now);
    }
    return b;
}

void Throughput::refuse(const api::TableMeta& table, const indexes::SecondaryIndex* index,
                        bool write, bool event, Millis now) {
    metrics_.throttled(table, index, write, event, true, now);
    if (!provisioned(table)) {
        // Past an on-demand maximum: ThrottlingException, its reasons spelled in lower
        // camel case (the model); the text is the on-demand throttling text on record.
        ApiError e("ThrottlingException", kOnDemandText);
        e.error().extra["throttlingReasons"] =
            Json::array({{{"reason", std::string("Table") + (write ? "Write" : "Read") +
                                         "MaxOnDemandThroughputExceeded"},
                          {"resource", table.arn()}}});
        throw e;
    }
    ApiError e("ProvisionedThroughputExceededException", index ? kIndexText : kTableText);
    const std::string kind = write ? "Write" : "Read";
    e.error().extra["ThrottlingReasons"] = Json::array(
        {{{"reason", (index ? "Index" : "Table") + kind + "ProvisionedThroughputExceeded"},
          {"resource", index ? index->arn(table.arn()) : table.arn()}}});
    throw e;
}

const indexes::SecondaryIndex* Throughput::exhausted_gsi(const api::TableMeta& table, Buckets& b,
                                                         Millis now) {
    for (auto& [name, pair] : b.gsi)
        if (pair.second.exhausted(now)) return table.find_index(name);
    return nullptr;
}

void Throughput::admit_read(const api::TableMeta& table, const indexes::SecondaryIndex* index,
                            Millis now, bool event) {
    if (!limited(table)) return;
    Buckets& b = buckets(table, now);
    if (index && index->global) {
        if (b.gsi[index->name].first.exhausted(now)) refuse(table, index, false, event, now);
    } else if (b.read.exhausted(now)) {
        refuse(table, nullptr, false, event, now);
    }
}

std::optional<std::string> Throughput::write_refusal(const api::TableMeta& table, Millis now) {
    if (!limited(table)) return std::nullopt;
    Buckets& b = buckets(table, now);
    if (b.write.exhausted(now)) return std::string(provisioned(table) ? kTableText : kOnDemandText);
    if (exhausted_gsi(table, b, now)) return std::string(kIndexText);
    return std::nullopt;
}

bool Throughput::write_refused(const api::TableMeta& table, Millis now) {
    return write_refusal(table, now).has_value();
}

std::optional<std::string> Throughput::read_refusal(const api::TableMeta& table, Millis now) {
    if (limited(table) && buckets(table, now).read.exhausted(now))
        return std::string(provisioned(table) ? kTableText : kOnDemandText);
    return std::nullopt;
}

bool Throughput::read_refused(const api::TableMeta& table, Millis now) {
    return read_refusal(table, now).has_value();
}

bool Throughput::write_throttled(const api::TableMeta& table, Millis now) {
    if (!limited(table)) return false;
    Buckets& b = buckets(table, now);
    if (b.write.exhausted(now)) {
        metrics_.throttled(table, nullptr, true, true, false, now);
        return true;
    }
    if (const auto* index = exhausted_gsi(table, b, now)) {
        metrics_.throttled(table, index, true, true, false, now);
        return true;
    }
    return false;
}

bool Throughput::read_throttled(const api::TableMeta& table, Millis now) {
    if (!read_refused(table, now)) return false;
    metrics_.throttled(table, nullptr, false, true, false, now);
    return true;
}

void Throughput::count_throttled_request(const api::TableMeta& table, bool write, Millis now) {
    metrics_.throttled(table, nullptr, write, true, true, now);
}

void Throughput::admit_write(const api::TableMeta& table, Millis now, bool event) {
    if (!limited(table)) return;
    Buckets& b = buckets(table, now);
    if (b.write.exhausted(now)) refuse(table, nullptr, true, event, now);
    if (const auto* index = exhausted_gsi(table, b, now)) refuse(table, index, true, event, now);
}

void Throughput::charge_read(const api::TableMeta& table, const indexes::SecondaryIndex* index,
                             double units, Millis now) {
    metrics_.read(table, index, units, now);
    if (!limited(table)) return;
    Buckets& b = buckets(table, now);
    (index && index->global ? b.gsi[index->name].first : b.read).take(units, now);
}

void Throughput::charge_write(const api::TableMeta& table, const api::WriteUnits& units, Millis now,
                              bool replicated) {
    metrics_.write(table, units, now, replicated);
    if (!limited(table)) return;
    Buckets& b = buckets(table, now);
    // LSIs take from the table's capacity (DG:LSI); GSIs from their own.
    double table_units = units.table;
    for (const auto& [name, u] : units.local) table_units += u;
    b.write.take(table_units, now);
    for (const auto& [name, u] : units.global) b.gsi[name].second.take(u, now);
}

void Throughput::forget(const std::string& table) {
    tables_.erase(table);
    metrics_.forget(table);
}

}  // namespace tablespan::capacity
