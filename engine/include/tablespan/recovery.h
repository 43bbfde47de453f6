#pragma once

#include <cstdint>
#include <optional>
#include <vector>

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

// The writes a table took over a span of engine time, per bucket, as its PITR history
// records them: a Tablespan extension for the console's recovery timeline. Only writes
// made while PITR was enabled (and still inside the recovery window) are counted.
struct PitrActivity {
    std::optional<Error> error;  // ResourceNotFoundException (no such table) or
                                 // ValidationException (a bad span or bucket)
    bool enabled = false;        // PITR is enabled on the table
    Millis from = 0;             // start of the first bucket
    Millis bucket_ms = 0;
    // writes[i] counts the writes at engine times [from + i*bucket_ms, from + (i+1)*bucket_ms),
    // the last bucket cut at the span's end.
    std::vector<std::int64_t> writes;
};

}  // namespace tablespan
