#pragma once

#include <string_view>

#include "tablespan/json_codec.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::api {

// Validates `request` against the API model and runs the operation's handler on the
// region's strand. Throws ApiError with the service's exception name and message.
Json dispatch(core::Region& region, std::string_view operation, const Json& request);

// The operations the engine implements, sorted.
std::vector<std::string_view> implemented_operations();

}  // namespace tablespan::api
