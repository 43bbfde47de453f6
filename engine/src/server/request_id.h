#pragma once

#include <string>

namespace tablespan::server {

// A fresh x-amzn-RequestId in the service's form: 52 random characters of [A-Z0-9].
// Thread-safe.
std::string new_request_id();

}  // namespace tablespan::server
