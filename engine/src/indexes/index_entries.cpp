#include "indexes/index_entries.h"

#include <algorithm>

#include "api/capacity.h"
#include "tablespan/error.h"

namespace tablespan::indexes {

namespace {
// Equal GSI keys come back in an order that is not the table key's order (DynamoDB
// spreads them by a hash; ../shared/reference/dynamodb-data-plane.md §1.5, dynalite's
// "query on a global index if values are equal"). A hash of the table key keeps that
// order stable. LSI entries share the table's partition, and tie on the table sort key.
std::string tie_break(const SecondaryIndex& index, std::string_view pk, std::string_view sk) {
    if (!index.global) return {};
    std::uint64_t h = 14695981039346656037ull;
    auto mix = [&](std::string_view s) {
        for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    };
    mix(pk);
    h = (h ^ 0xffu) * 1099511628211ull;
    mix(sk);
    std::string out(8, '\0');
    for (int i = 7; i >= 0; --i, h >>= 8)
        out[static_cast<std::size_t>(i)] = static_cast<char>(h & 0xff);
    return out;
}

const AttributeValue* find_attr(const AttributeMap& attrs, const std::string& name) {
    auto it = attrs.find(name);
    return it == attrs.end() ? nullptr : &it->second;
}

void copy_attr(const Item& from, const std::string& name, Item& to) {
    if (auto it = from.find(name); it != from.end()) to.insert(*it);
}
}  // namespace

std::optional<storage::IndexEntryKey> entry_key(const SecondaryIndex& index, std::string_view pk,
                                                std::string_view sk, const AttributeMap& attrs) {
    const AttributeValue* ip = find_attr(attrs, index.partition_key.name);
    if (!ip || ip->type() != index.partition_key.type) return std::nullopt;
    storage::IndexEntryKey key;
    key.ipk = encode_key_value(*ip);
    if (index.sort_key) {
        const AttributeValue* is = find_attr(attrs, index.sort_key->name);
        if (!is || is->type() != index.sort_key->type) return std::nullopt;
        key.isk = encode_key_value(*is);
    }
    key.tie = tie_break(index, pk, sk);
    key.pk = std::string(pk);
    key.sk = std::string(sk);
    return key;
}

std::optional<Entry> entry_for(const api::TableMeta& table, const SecondaryIndex& index,
                               std::string_view pk, std::string_view sk, const Item& item) {
    auto key = entry_key(index, pk, sk, item);
    if (!key) return std::nullopt;
    Entry e;
    e.key = std::move(*key);
    if (index.projection_type == "ALL") {
        e.projected = item;
    } else {
        copy_attr(item, table.partition_key.name, e.projected);
        if (table.sort_key) copy_attr(item, table.sort_key->name, e.projected);
        copy_attr(item, index.partition_key.name, e.projected);
        if (index.sort_key) copy_attr(item, index.sort_key->name, e.projected);
        for (const auto& a : index.non_key_attributes) copy_attr(item, a, e.projected);
    }
    e.size = static_cast<std::int64_t>(item_size(e.projected));
    return e;
}

void update_entries(storage::RegionStore& store, api::TableMeta& table, std::string_view pk,
                    std::string_view sk, const Item* old, const Item* now) {
    for (auto& index : table.indexes) {
        if (!index.maintained()) continue;
        std::optional<Entry> before, after;
        if (old) before = entry_for(table, index, pk, sk, *old);
        if (now) after = entry_for(table, index, pk, sk, *now);
        if (!before && !after) continue;
        if (before && after && before->key.ipk == after->key.ipk &&
            before->key.isk == after->key.isk) {
            // Same place in the index: rewrite the entry (a backfill may not have reached
            // it yet, in which case it is new).
            if (before->size == after->size && before->projected == after->projected) continue;
            const std::string bytes = serialize_item(after->projected);
            if (store.update_index_entry(table.id, index.id, after->key, after->size, bytes)) {
                index.size_bytes += after->size - before->size;
            } else if (store.insert_index_entry(table.id, index.id, after->key, after->size,
                                                bytes)) {
                index.item_count += 1;
                index.size_bytes += after->size;
            }
            continue;
        }
        if (before && store.delete_index_entry(table.id, index.id, before->key)) {
            index.item_count -= 1;
            index.size_bytes -= before->size;
        }
        if (after && store.insert_index_entry(table.id, index.id, after->key, after->size,
                                              serialize_item(after->projected))) {
            index.item_count += 1;
            index.size_bytes += after->size;
        }
    }
}

double write_units(const api::TableMeta& table, const SecondaryIndex& index, std::string_view pk,
                   std::string_view sk, const Item* old, const Item* now) {
    std::optional<Entry> before, after;
    if (old) before = entry_for(table, index, pk, sk, *old);
    if (now) after = entry_for(table, index, pk, sk, *now);
    if (before && after && before->key.ipk == after->key.ipk && before->key.isk == after->key.isk) {
        if (before->projected == after->projected) return 0;
        return api::write_units(std::max(before->size, after->size));
    }
    double units = 0;
    if (before) units += api::write_units(before->size);
    if (after) units += api::write_units(after->size);
    return units;
}

bool add_entry(storage::RegionStore& store, const api::TableMeta& table, SecondaryIndex& index,
               std::string_view pk, std::string_view sk, const Item& item) {
    auto e = entry_for(table, index, pk, sk, item);
    if (!e) return false;
    if (!store.insert_index_entry(table.id, index.id, e->key, e->size,
                                  serialize_item(e->projected)))
        return false;
    index.item_count += 1;
    index.size_bytes += e->size;
    return true;
}

void check_index_keys(const api::TableMeta& table, const Item& item, WriteKind kind) {
    // Texts: ../shared/reference/dynamodb-data-plane.md §1.6 (dynalite's putItem and
    // updateItem tests, run against the service; dynalite#184 for the empty value).
    for (const auto& index : table.indexes) {
        if (!index.maintained()) continue;
        auto check = [&](const api::KeyElement& k, bool is_partition) {
            if (k.name == table.partition_key.name ||
                (table.sort_key && k.name == table.sort_key->name))
                return;  // the table key's own checks came first
            const AttributeValue* v = find_attr(item, k.name);
            if (!v) return;
            if (v->type() != k.type)
                throw_invalid_parameter("Type mismatch for Index Key " + k.name +
                                        " Expected: " + AttributeValue::type_name(k.type) +
                                        " Actual: " + v->type_name() + " IndexName: " + index.name);
            const bool is_string = v->is(AttributeValue::Type::S);
            const std::size_t size = is_string                        ? v->as_string().size()
                                     : v->is(AttributeValue::Type::B) ? v->as_binary().size()
                                                                      : 1;
            if (size == 0) {
                const std::string what = is_string ? "string" : "binary";
                if (kind == WriteKind::UpdateExpression)
                    throw_validation(
                        "One or more parameter values are not valid. The update expression "
                        "attempted to update a secondary index key to a value that is not "
                        "supported. The AttributeValue for a key attribute cannot contain an "
                        "empty " +
                        what + " value.");
                throw_validation(
                    "One or more parameter values are not valid. A value specified for a "
                    "secondary index key is not supported. The AttributeValue for a key "
                    "attribute cannot contain an empty " +
                    what + " value. IndexName: " + index.name + ", IndexKey: " + k.name);
            }
            if (is_partition && size > kMaxPartitionKeySize)
                throw_invalid_parameter(
                    "Size of hashkey has exceeded the maximum size limit of2048 bytes");
            if (!is_partition && size > kMaxSortKeySize)
                throw_invalid_parameter(
                    "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        };
        check(index.partition_key, true);
        if (index.sort_key) check(*index.sort_key, false);
    }
}

}  // namespace tablespan::indexes
