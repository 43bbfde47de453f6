#include "api/item_key.h"

#include "tablespan/error.h"
#include "tablespan/json_codec.h"

namespace tablespan::api {

namespace {
void check_piece(const std::string& name, const AttributeValue& v, bool is_partition,
                 const char* prefix) {
    if ((v.is(AttributeValue::Type::S) && v.as_string().empty()) ||
        (v.is(AttributeValue::Type::B) && v.as_binary().empty()))
        throw_validation(std::string(prefix) +
                         "The AttributeValue for a key attribute cannot contain an empty " +
                         (v.is(AttributeValue::Type::S) ? "string" : "binary") +
                         " value. Key: " + name);
    std::size_t size = v.is(AttributeValue::Type::S)   ? v.as_string().size()
                       : v.is(AttributeValue::Type::B) ? v.as_binary().size()
                                                       : 0;
    if (is_partition && size > kMaxPartitionKeySize)
        throw_invalid_parameter("Size of hashkey has exceeded the maximum size limit of2048 bytes");
    if (!is_partition && size > kMaxSortKeySize)
        throw_invalid_parameter(
            "Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
}

std::string encode_piece(const KeyElement& k, const AttributeMap& attrs) {
    return encode_key_value(attrs.find(k.name)->second);
}
}  // namespace

StorageKey key_from_key(const TableMeta& table, const AttributeMap& key) {
    std::size_t expected = table.has_sort_key() ? 2 : 1;
    if (key.size() != expected)
        throw_validation("The provided key element does not match the schema");
    auto check = [&](const KeyElement& k, bool is_partition) {
        auto it = key.find(k.name);
        if (it == key.end() || it->second.type() != k.type)
            throw_validation("The provided key element does not match the schema");
        check_piece(k.name, it->second, is_partition,
                    "One or more parameter values were invalid: ");
    };
    check(table.partition_key, true);
    if (table.sort_key) check(*table.sort_key, false);
    return {encode_piece(table.partition_key, key),
            table.sort_key ? encode_piece(*table.sort_key, key) : std::string()};
}

StorageKey key_from_item(const TableMeta& table, const Item& item) {
    auto check = [&](const KeyElement& k, bool is_partition) {
        auto it = item.find(k.name);
        if (it == item.end()) throw_invalid_parameter("Missing the key " + k.name + " in the item");
        if (it->second.type() != k.type)
            throw_invalid_parameter("Type mismatch for key " + k.name +
                                    " expected: " + AttributeValue::type_name(k.type) +
                                    " actual: " + it->second.type_name());
        check_piece(k.name, it->second, is_partition,
                    "One or more parameter values are not valid. ");
    };
    check(table.partition_key, true);
    if (table.sort_key) check(*table.sort_key, false);
    return {encode_piece(table.partition_key, item),
            table.sort_key ? encode_piece(*table.sort_key, item) : std::string()};
}

AttributeMap key_attributes(const TableMeta& table, const Item& item) {
    AttributeMap out;
    if (auto it = item.find(table.partition_key.name); it != item.end()) out.insert(*it);
    if (table.sort_key)
        if (auto it = item.find(table.sort_key->name); it != item.end()) out.insert(*it);
    return out;
}

AttributeMap key_from_storage(const TableMeta& table, const std::string& pk,
                              const std::string& sk) {
    AttributeMap out;
    out.emplace(table.partition_key.name, decode_key_value(table.partition_key.type, pk));
    if (table.sort_key)
        out.emplace(table.sort_key->name, decode_key_value(table.sort_key->type, sk));
    return out;
}

}  // namespace tablespan::api
