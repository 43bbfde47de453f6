#pragma once

// Expression text written for a legacy (non-expression) parameter: the parameter's
// attribute names and values become generated placeholders ("#legacy0", ":legacy0") so
// that the legacy request is parsed and evaluated by the expression code, with no second
// evaluator (../shared/reference/dynamodb-data-plane.md §7).

#include <map>
#include <string>

#include "tablespan/attribute_value.h"

namespace tablespan::api {

class LegacyText {
public:
    // A placeholder for an attribute name, reused when the name comes again.
    std::string name(const std::string& attribute) {
        auto it = by_attribute_.find(attribute);
        if (it != by_attribute_.end()) return it->second;
        std::string placeholder = "#legacy" + std::to_string(names.size());
        names.emplace(placeholder, attribute);
        by_attribute_.emplace(attribute, placeholder);
        return placeholder;
    }
    // A new placeholder for a value.
    std::string value(AttributeValue v) {
        std::string placeholder = ":legacy" + std::to_string(values.size());
        values.emplace(placeholder, std::move(v));
        return placeholder;
    }

    std::map<std::string, std::string> names;  // placeholder → attribute name
    AttributeMap values;                       // placeholder → value

private:
    std::map<std::string, std::string> by_attribute_;
};

}  // namespace tablespan::api
