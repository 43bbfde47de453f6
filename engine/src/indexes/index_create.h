#pragma once

// The secondary indexes of a CreateTable request, checked as the service checks them and
// in its order (after the table's own key schema): unused attribute definitions, then
// each LSI, the LSI count, each GSI, the GSI count.

#include <string>
#include <vector>

#include "api/table_meta.h"

namespace tablespan::indexes {

// `table` holds the table's keys, billing mode and attribute definitions already.
// Throws ValidationException with the service's texts; returns the indexes in the order
// the request lists them (LSIs first), with storage ids assigned from 1.
std::vector<SecondaryIndex> indexes_for_create(const Json& request, const api::TableMeta& table);

// One GSI definition (CreateTable's GlobalSecondaryIndexes entry, or UpdateTable's
// Create action): key schema, projection and throughput, checked in the service's order.
SecondaryIndex gsi_from_definition(const Json& definition, const api::TableMeta& table,
                                   const Json& definitions, bool on_create);

// The checks every key schema passes, the table's or an index's: its attributes are
// defined, hash and range differ, HASH comes first and RANGE second.
void check_key_schema(const Json& key_schema, const std::vector<std::string>& defined);
// A GSI's key schema: the same checks for one HASH and at most one RANGE attribute;
// otherwise those of multi-attribute keys (up to four of each, HASH first, no repeats).
void check_gsi_key_schema(const Json& key_schema, const std::vector<std::string>& defined);

// The attribute type the definitions give `name` (S when it has none).
AttributeValue::Type defined_type(const Json& definitions, const std::string& name);

}  // namespace tablespan::indexes
