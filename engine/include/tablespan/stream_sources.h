#pragma once

// Tablespan extension for the console's Streams view: where stream records came from.
// GetRecords carries none of this, exactly as in the service (a replica's records do not
// say which region wrote them).

#include <optional>
#include <string>
#include <vector>

#include "tablespan/error.h"

namespace tablespan {

struct StreamRecordSource {
    std::string sequence_number;
    // The region whose write the record is: the stream's own region for a local write,
    // another region for a write replicated into it. Empty: no such record (trimmed, or
    // not of this stream).
    std::string region;
    bool ttl_delete = false;  // a Time to Live delete (its record names the service)
};

struct StreamRecordSources {
    std::optional<Error> error;  // ResourceNotFoundException: no such stream in the region
    std::vector<StreamRecordSource> records;  // in the order asked
};

}  // namespace tablespan
