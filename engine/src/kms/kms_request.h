#pragma once

// KMS's first line of checks on a request (members of the KMS API model, 2014-11-01):
// member types (SerializationException), then the constraints of every member, listed in
// one "N validation error(s) detected: ..." ValidationException, as the AWS services'
// common front end words them.

#include <string_view>

#include "tablespan/json_codec.h"

namespace tablespan::kms {

// Throws ApiError for the first problem KMS would report for `request` as input of
// `operation` ("CreateKey").
void validate_request(std::string_view operation, const Json& request);

}  // namespace tablespan::kms
