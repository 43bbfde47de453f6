#pragma once

// The KMS operations on the endpoint (X-Amz-Target "TrentService.<Op>", which the engine
// receives as "kms:<Op>"): the ones tables need, with KMS's shapes and errors.

#include <string_view>

#include "tablespan/json_codec.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::kms {

// The prefix of a KMS operation's name in Engine::call ("kms:CreateKey").
inline constexpr std::string_view kOperationPrefix = "kms:";

inline bool is_kms_operation(std::string_view operation) {
    return operation.substr(0, kOperationPrefix.size()) == kOperationPrefix;
}

// Validates `request` as KMS does and runs the operation `name` ("CreateKey") in the
// region, on its strand. Throws ApiError with KMS's exception name and message.
Json dispatch(core::Region& region, std::string_view name, const Json& request);

}  // namespace tablespan::kms
