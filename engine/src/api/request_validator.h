#pragma once

// The service's first line of checks, driven by DynamoDB's API model: member types
// (SerializationException while the request is read), then the constraints of every
// member — required, length, range, pattern, enum — collected into the service's
// "N validation error(s) detected: …" ValidationException (at most 10 listed).

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace tablespan::api {

// Throws ApiError for the first problem the service would report for `request` as
// input of `operation` (e.g. "CreateTable"). Unknown operations are not checked here.
void validate_request(std::string_view operation, const nlohmann::json& request);

// Throws the service's "N validation error(s) detected: a; b" ValidationException for
// these constraint violations ("Value 'ab' at 'tableName' failed to satisfy constraint:
// …"); does nothing when there are none.
void throw_constraint_violations(const std::vector<std::string>& violations);

// True when the model knows the operation.
bool model_has_operation(std::string_view operation);

}  // namespace tablespan::api
