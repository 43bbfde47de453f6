#pragma once

#include <string>
#include <string_view>

#include "tablespan/error.h"

namespace tablespan::server {

// The "__type" DynamoDB puts in an error body for the exception named `type`: the
// Coral framework's namespaces for the errors it raises before a request reaches the
// service (validation, serialization, unknown operation, authentication), the
// service's own namespace for modelled exceptions.
std::string error_type_id(std::string_view type);

// The JSON error body: __type, the message (under "Message" for the exceptions whose
// model spells it so; left out when empty, as the service does), then Error::extra.
std::string error_body(const Error& error);

}  // namespace tablespan::server
