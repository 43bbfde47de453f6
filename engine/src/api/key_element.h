#pragma once

// One attribute of a key schema: its name and scalar type (S, N or B).

#include <string>

#include "tablespan/attribute_value.h"

namespace tablespan::api {

struct KeyElement {
    std::string name;
    AttributeValue::Type type = AttributeValue::Type::S;
};

}  // namespace tablespan::api
