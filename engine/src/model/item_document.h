#pragma once

// An item's DynamoDB JSON document built straight from serialize_item()'s bytes: what
// encode_item(deserialize_item(bytes)) gives, without the AttributeMap in between. Query
// and Scan pages without a filter or projection, and GetItem, answer with it.

#include <string_view>

#include "tablespan/json_codec.h"

namespace tablespan {

// Corrupt input throws std::runtime_error, as deserialize_item() does.
Json serialized_item_document(std::string_view serialized);

}  // namespace tablespan
