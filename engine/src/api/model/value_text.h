#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "api/model/service_model.h"

namespace tablespan::api::validation {

// A number as JavaScript prints it (1, 0.5, 1e+21), which is what the service's
// messages show.
std::string js_number(double value);

// The "Value …" part of a violation: null, or the value in single quotes — strings
// bare, lists as "[a, b]", structures and maps as compact JSON of the value as the
// service read it (known members in model order, booleans and whole numbers
// converted).
std::string quoted_value(const service_model& model, int shape, const nlohmann::json& value);

}  // namespace tablespan::api::validation
