#pragma once

// Comparisons and functions on attribute values, with the service's rules: values of
// different types are never equal and never ordered; only S, N and B are ordered.

#include <cstddef>
#include <optional>
#include <string_view>

#include "tablespan/attribute_value.h"

namespace tablespan::expr {

// <0, 0 or >0 for two values of one scalar type (S and B by unsigned bytes, N
// numerically); nullopt when they cannot be ordered.
std::optional<int> order(const AttributeValue& a, const AttributeValue& b);

// What size() returns: characters of a string (UTF-16 units, as the service counts them),
// bytes of a binary, elements of a set or list, entries of a map; nullopt otherwise.
std::optional<std::size_t> size_of(const AttributeValue& v);

bool begins_with(const AttributeValue& value, const AttributeValue& prefix);
bool contains(const AttributeValue& haystack, const AttributeValue& needle);

// The long type names used in update messages ("STRING", "NUMBER_SET", …).
const char* long_type_name(AttributeValue::Type type);

}  // namespace tablespan::expr
