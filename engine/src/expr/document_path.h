#pragma once

#include <string>

#include "expr/expressions.h"

namespace tablespan::expr {

// "[a, b, [2], c]": how the service writes a path in its messages.
std::string path_to_string(const Path& path);

// Looks a path up in a value (the first step applies to the map or list `root`).
const AttributeValue* resolve_in(const AttributeValue& root, const Path& path, std::size_t from);

// Mutable lookup of an item path; nullptr when a step is missing or of the wrong type.
AttributeValue* resolve_mutable(Item& item, const Path& path);

}  // namespace tablespan::expr
