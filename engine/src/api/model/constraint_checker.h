#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/model/service_model.h"

namespace tablespan::api::validation {

// The service lists at most this many violations.
inline constexpr std::size_t max_listed_violations = 10;

// The model's constraints (required, length, range, pattern, enum, map keys and values)
// checked in model order, depth first, as "Value … at '<path>' failed to satisfy
// constraint: …" texts; at most max_listed_violations of them. Expects a request that
// passed check_types.
std::vector<std::string> collect_violations(const service_model& model, int input_shape,
                                            const nlohmann::json& request);

}  // namespace tablespan::api::validation
