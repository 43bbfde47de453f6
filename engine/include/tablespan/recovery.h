#pragma once

#include <cstdint>
#include <optional>

#include "tablespan/clock.h"
#include "tablespan/error.h"

namespace tablespan {

// What a table's point-in-time recovery history takes in one region: a Tablespan
// extension for the console (DescribeContinuousBackups has no such field). The history
// keeps one before-image per write for the recovery window and is pruned after it.
struct PitrStorage {
    std::optional<Error> error;  // ResourceNotFoundException when there is no such table
    bool enabled = false;        // PITR is enabled on the table
    std::int64_t versions = 0;   // before-images kept
    std::int64_t bytes = 0;      // their stored size, keys included
    Millis oldest = 0;           // engine time of the oldest one kept (0: none)
};

}  // namespace tablespan
