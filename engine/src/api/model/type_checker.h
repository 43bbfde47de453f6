#pragma once

#include <nlohmann/json.hpp>

#include "api/model/service_model.h"

namespace tablespan::api::validation {

// The checks the service makes while it reads a request: every present member (depth
// first, in model order) must have a JSON type its shape accepts. Throws ApiError
// "SerializationException" with the service's text for the first one that does not.
// Unknown members and nulls are ignored.
void check_types(const service_model& model, int input_shape, const nlohmann::json& request);

}  // namespace tablespan::api::validation
