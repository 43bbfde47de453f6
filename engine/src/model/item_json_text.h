#pragma once

// Items as DynamoDB JSON text, written straight from the item: byte for byte what
// dump() of encode_item() gives, without building the document first. The endpoint
// answers Scan and Query pages this way (CallOptions::items_as_text).

#include <string>
#include <string_view>

#include "tablespan/attribute_value.h"

namespace tablespan {

// Appends `s` as a JSON string, quoted and escaped as nlohmann's dump() escapes it (no
// ASCII-only escaping; invalid UTF-8 replaced by U+FFFD as its `replace` handler does).
void append_json_string(std::string& out, std::string_view s);

// Appends `item` as a DynamoDB JSON object ({"name":{"S":"…"},…}).
void append_item_json(std::string& out, const AttributeMap& item);

// Appends the item that serialize_item() wrote into `serialized`, without decoding it
// into an AttributeMap. Corrupt input throws std::runtime_error, as deserialize_item().
void append_serialized_item_json(std::string& out, std::string_view serialized);

}  // namespace tablespan
