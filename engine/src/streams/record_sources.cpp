#include "streams/record_sources.h"

#include "core/region.h"
#include "streams/region_streams.h"
#include "streams/stream_format.h"

namespace tablespan::streams {

StreamRecordSources record_sources(core::Region& region, const std::string& stream_arn,
                                   const std::vector<std::string>& sequence_numbers) {
    StreamRecordSources out;
    const Stream* stream = region.streams().find_arn(stream_arn);
    if (!stream) {
        out.error =
            Error{"ResourceNotFoundException",
                  "Requested resource not found: Stream: " + stream_arn + " not found", 400};
        return out;
    }
    for (const auto& number : sequence_numbers) {
        StreamRecordSource source{number, {}, false};
        if (auto seq = parse_sequence(number)) {
            if (auto row = region.store().stream_record_source(stream->id, *seq)) {
                source.region = row->first.empty() ? std::string(region.code()) : row->first;
                source.ttl_delete = row->second;
            }
        }
        out.records.push_back(std::move(source));
    }
    return out;
}

}  // namespace tablespan::streams
