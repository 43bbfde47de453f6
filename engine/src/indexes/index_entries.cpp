#include "indexes/index_entries.h"

#include <algorithm>

#include "api/capacity.h"
#include "indexes/index_key.h"
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
    auto ipk = encode_key_part(index.hash_keys, attrs);
    if (!ipk) return std::nullopt;
    auto isk = encode_key_part(index.range_keys, attrs);
    if (!isk) return std::nullopt;
    storage::IndexEntryKey key;
    key.ipk = std::move(*ipk);
    key.isk = std::move(*isk);
    key.tie = tie_break(index, pk, sk);
    key.pk = std::string(pk);
    key.sk = std::string(sk);
    return key;
}

namespace {
// What a non-ALL index holds of an item: the table's and the index's keys, and the
// attributes it includes.
Item projection_of(const api::TableMeta& table, const SecondaryIndex& index, const Item& item) {
    Item out;
    copy_attr(item, table.partition_key.name, out);
    if (table.sort_key) copy_attr(item, table.sort_key->name, out);
    for (const auto& k : index.hash_keys) copy_attr(item, k.name, out);
    for (const auto& k : index.range_keys) copy_attr(item, k.name, out);
    for (const auto& a : index.non_key_attributes) copy_attr(item, a, out);
    return out;
}

// One side (before or after) of a write, as the indexes see it: the item and its size,
// worked out once for all indexes (or taken from the caller, who has it).
class Image {
public:
    Image(const Item* item, std::int64_t size) : item_(item), size_(size) {}
    const Item* item() const { return item_; }
    std::int64_t size() {
        if (size_ < 0) size_ = static_cast<std::int64_t>(item_size(*item_));
        return size_;
    }

private:
    const Item* item_;
    std::int64_t size_;
};

// An item's entry in one index: its place, and (for non-ALL indexes) what it holds.
struct Placed {
    storage::IndexEntryKey key;
    std::optional<Item> projected;  // empty for an ALL index
    std::int64_t size = 0;
};

std::optional<Placed> place(const api::TableMeta& table, const SecondaryIndex& index,
                            std::string_view pk, std::string_view sk, Image& image) {
    auto key = entry_key(index, pk, sk, *image.item());
    if (!key) return std::nullopt;
    Placed p{std::move(*key), std::nullopt, 0};
    if (index.projection_type == "ALL") {
        p.size = image.size();
    } else {
        p.projected = projection_of(table, index, *image.item());
        p.size = static_cast<std::int64_t>(item_size(*p.projected));
    }
    return p;
}
}  // namespace

// An ALL index holds every attribute of its items, which are the table's: its entries
// keep the place and size but not the attributes, which reads take from the table row
// written in the same transaction. A write then adds a small row to the index instead of
// a copy of the item (issue 13's PutItem target).
void update_entries(storage::RegionStore& store, api::TableMeta& table, std::string_view pk,
                    std::string_view sk, const Item* old, const Item* now, std::int64_t now_size) {
    Image before(old, -1), after(now, now_size);
    for (auto& index : table.indexes) {
        if (!index.maintained()) continue;
        std::optional<Placed> b, a;
        if (old) b = place(table, index, pk, sk, before);
        if (now) a = place(table, index, pk, sk, after);
        if (!b && !a) continue;
        const std::string bytes = a && a->projected ? serialize_item(*a->projected) : std::string();
        if (b && a && b->key.ipk == a->key.ipk && b->key.isk == a->key.isk) {
            // Same place in the index: rewrite the entry (a backfill may not have reached
            // it yet, in which case it is new). An ALL entry written before entries held no
            // attributes is rewritten too, so none keeps an old copy.
            const bool same = a->projected ? *b->projected == *a->projected : *old == *now;
            if (b->size == a->size && same) continue;
            if (store.update_index_entry(table.id, index.id, a->key, a->size, bytes)) {
                index.size_bytes += a->size - b->size;
            } else if (store.insert_index_entry(table.id, index.id, a->key, a->size, bytes)) {
                index.item_count += 1;
                index.size_bytes += a->size;
            }
            continue;
        }
        if (b && store.delete_index_entry(table.id, index.id, b->key)) {
            index.item_count -= 1;
            index.size_bytes -= b->size;
        }
        if (a && store.insert_index_entry(table.id, index.id, a->key, a->size, bytes)) {
            index.item_count += 1;
            index.size_bytes += a->size;
        }
    }
}

double write_units(const api::TableMeta& table, const SecondaryIndex& index, std::string_view pk,
                   std::string_view sk, const Item* old, const Item* now) {
    Image before(old, -1), after(now, -1);
    std::optional<Placed> b, a;
    if (old) b = place(table, index, pk, sk, before);
    if (now) a = place(table, index, pk, sk, after);
    if (b && a && b->key.ipk == a->key.ipk && b->key.isk == a->key.isk) {
        const bool same = a->projected ? *b->projected == *a->projected : *old == *now;
        if (same) return 0;
        return api::write_units(std::max(b->size, a->size));
    }
    double units = 0;
    if (b) units += api::write_units(b->size);
    if (a) units += api::write_units(a->size);
    return units;
}

std::optional<std::int64_t> entry_size(const api::TableMeta& table, const SecondaryIndex& index,
                                       std::string_view pk, std::string_view sk, const Item& item) {
    Image image(&item, -1);
    auto p = place(table, index, pk, sk, image);
    if (!p) return std::nullopt;
    return p->size;
}

bool add_entry(storage::RegionStore& store, const api::TableMeta& table, SecondaryIndex& index,
               std::string_view pk, std::string_view sk, const Item& item, std::int64_t size) {
    Image image(&item, size);
    auto p = place(table, index, pk, sk, image);
    if (!p) return false;
    const std::string bytes = p->projected ? serialize_item(*p->projected) : std::string();
    if (!store.insert_index_entry(table.id, index.id, p->key, p->size, bytes)) return false;
    index.item_count += 1;
    index.size_bytes += p->size;
    return true;
}

void check_index_keys(const api::TableMeta& table, const Item& item, WriteKind kind) {
    // Texts: ../shared/reference/dynamodb-data-plane.md §1.6 (dynalite's putItem and
    // updateItem tests, run against the service; dynalite#184 for the empty value).
    for (const auto& index : table.indexes) {
        if (!index.maintained()) continue;
        // Sizes count per part: a multi-attribute part adds its attributes up.
        std::size_t hash_size = 0, range_size = 0;
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
            (is_partition ? hash_size : range_size) += size;
            if (is_partition && hash_size > kMaxPartitionKeySize)
                throw_invalid_parameter(
                    "Size of hashkey has exceeded the maximum size limit of2048 bytes");
            if (!is_partition && range_size > kMaxSortKeySize)
                throw_invalid_parameter(
                    "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        };
        for (const auto& k : index.hash_keys) check(k, true);
        for (const auto& k : index.range_keys) check(k, false);
    }
}

}  // namespace tablespan::indexes
