#pragma once

// The byte form of an index key part (its HASH attributes, or its RANGE attributes) as
// index entries store it, and the sort-key bounds a Query's key condition gives.
//
// A part of one attribute is that value's order-preserving encoding, as for table keys.
// A part of several attributes (a GSI's multi-attribute key) is a tuple: each value's
// encoding with 0x00 escaped as 0x00 0xFF and ended by 0x00 0x00. Byte order of tuples
// is then their order element by element, and the tuples that start with some values
// are exactly the byte strings that start with those values' encodings.

#include <optional>
#include <string>
#include <vector>

#include "api/key_element.h"
#include "expr/expressions.h"
#include "storage/region_store.h"

namespace tablespan::indexes {

// The encoded part for `keys`, read from `attrs`; nullopt when an attribute is missing
// or has another type than its definition (the item is not in the index).
std::optional<std::string> encode_key_part(const std::vector<api::KeyElement>& keys,
                                           const AttributeMap& attrs);

// The encoded part for values given in key order (a Query's HASH equalities).
std::string encode_key_part(const std::vector<AttributeValue>& values);

// The bounds of the sort-key range a key condition selects, for a RANGE part of
// `range_arity` attributes (0 or 1: the plain encoding; more: tuples).
struct SortBounds {
    std::optional<storage::RangeBound> lower, upper;
};
SortBounds sort_bounds(const expr::KeyCondition& condition, std::size_t range_arity);

}  // namespace tablespan::indexes
