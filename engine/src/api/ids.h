#pragma once

#include <string>

#include "tablespan/clock.h"

namespace tablespan::api {

// A random version-4 UUID ("3f2c…-4…"), as the service uses for TableId. Thread-safe.
std::string new_uuid();
// A stream label: the creation time as "2026-11-21T14:55:00.123".
std::string stream_label(Millis t);

}  // namespace tablespan::api
