#pragma once

#include "tablespan/clock.h"

namespace tablespan::api {

// How long tables stay in transitional states, in engine time. Close to what the
// service shows for small tables; the console's time scale speeds them up.
inline constexpr Millis kCreatingMs = 3'000;
inline constexpr Millis kUpdatingMs = 2'000;
inline constexpr Millis kDeletingMs = 2'000;

}  // namespace tablespan::api
