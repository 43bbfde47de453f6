#pragma once

// Primary keys: checking a request's key or an item's key attributes against the
// table's schema, and their storage encoding.

#include <string>

#include "api/table_meta.h"

namespace tablespan::api {

struct StorageKey {
    std::string pk;
    std::string sk;  // empty for tables without a sort key
};

// The Key member of GetItem/DeleteItem/UpdateItem and BatchGetItem: exactly the key
// attributes with the schema's types ("The provided key element does not match the
// schema"), non-empty, within the size limits.
StorageKey key_from_key(const TableMeta& table, const AttributeMap& key);
// The key attributes of a whole item (PutItem): "Missing the key pk in the item",
// "Type mismatch for key …", empty values, size limits.
StorageKey key_from_item(const TableMeta& table, const Item& item);
// The key attributes of an item, as LastEvaluatedKey and UnprocessedKeys show them.
AttributeMap key_attributes(const TableMeta& table, const Item& item);
// Decodes stored key bytes back to the key's attributes.
AttributeMap key_from_storage(const TableMeta& table, const std::string& pk, const std::string& sk);

}  // namespace tablespan::api
