#pragma once

// UpdateItem's legacy AttributeUpdates (PUT, ADD, DELETE per attribute), checked with
// the service's texts (../shared/reference/dynamodb-data-plane.md §7.2, dynalite's
// validations/updateItem.js) and written as an update expression over LegacyText's
// placeholders.

#include <string>

#include "api/legacy_text.h"
#include "tablespan/json_codec.h"

namespace tablespan::api {

// "Only DELETE action is allowed when no attribute value is specified", "DELETE action
// with value is not supported for the type S", "ADD action is not supported for the
// type S".
void check_attribute_updates(const Json& updates);

// The update expression; empty for `AttributeUpdates: {}` (which still writes the key).
// PUT is SET, DELETE without a value REMOVE, DELETE of a set DELETE, ADD of a number or
// a set ADD, and ADD of a list appends it.
std::string update_text(const Json& updates, LegacyText& text);

// True when every action is a DELETE: such an update creates no item where none exists
// (dynalite's updateItem tests).
bool deletes_only(const Json& updates);

// What the service says when an action meets a stored value of another type, in the
// place of the update expression's text.
inline constexpr const char* kLegacyTypeMismatch = "Type mismatch for attribute to update";

}  // namespace tablespan::api
