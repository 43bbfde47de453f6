#pragma once

// Engine::stream_record_sources: where a stream's records came from (the console's
// Streams view shows local, replicated and TTL-deleted writes apart).

#include <string>
#include <vector>

#include "tablespan/stream_sources.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::streams {

// On the region's strand.
StreamRecordSources record_sources(core::Region& region, const std::string& stream_arn,
                                   const std::vector<std::string>& sequence_numbers);

}  // namespace tablespan::streams
