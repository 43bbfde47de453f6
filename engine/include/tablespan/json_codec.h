#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "tablespan/attribute_value.h"

namespace tablespan {

using Json = nlohmann::json;

// How deep a request may nest arrays and objects: the engine refuses deeper ones with
// SerializationException, as the service's JSON reader (Jackson) does.
inline constexpr std::size_t kMaxJsonNesting = 1000;

// DynamoDB JSON ({"S": "x"}, {"N": "1"}, {"B": "<base64>"}, {"M": {...}}, …) to and
// from attribute values. The decoders validate as the service does and throw ApiError
// with its exception name and message:
//   - {} → ValidationException "Supplied AttributeValue is empty, must contain exactly
//     one of the supported datatypes"
//   - two type keys → "Supplied AttributeValue has more than one datatypes set, must
//     contain exactly one of the supported datatypes"
//   - bad numbers, duplicates in sets, empty sets, bad base64 … with the service's texts.
// Empty strings and binaries are accepted here; key attributes are checked elsewhere.
AttributeValue decode_value(const Json& j);
// Decodes a map of name → DynamoDB JSON value (an item, a key, ExpressionAttributeValues).
AttributeMap decode_item(const Json& j);

Json encode_value(const AttributeValue& v);
Json encode_item(const AttributeMap& item);

// Standard base64 (RFC 4648, with padding), as used for B and BS on the wire.
std::string base64_encode(std::string_view bytes);
// Returns false for text that is not valid base64.
bool base64_decode(std::string_view text, std::string& out);
// True when `text` is canonical base64: length a multiple of 4, only the alphabet, at
// most two '=' at the end, and unused bits of the last character zero.
bool base64_valid(std::string_view text);

// Compact binary form of an item, for storage and change records. Round-trips exactly
// (set order, number text, nested maps and lists).
std::string serialize_item(const Item& item);
// Throws std::runtime_error on corrupt input.
Item deserialize_item(std::string_view bytes);

// Order-preserving encoding of a key attribute value (S, N or B) for storage keys:
// memcmp order of encodings equals DynamoDB's order of the values (S and B by unsigned
// bytes, N numerically). Encodings of one type are compared only with the same type.
std::string encode_key_value(const AttributeValue& v);
AttributeValue decode_key_value(AttributeValue::Type type, std::string_view bytes);

}  // namespace tablespan
