// DynamoDB Streams: ListStreams, DescribeStream, GetShardIterator and GetRecords, served
// on the same endpoint under the target prefix DynamoDBStreams_20120810 (the region comes
// from the credential scope, as for DynamoDB). Behaviour and texts:
// ../shared/reference/dynamodb-data-plane.md §3.3-3.4. Texts the reference does not give
// are marked "unverified".

#include <algorithm>
#include <limits>

#include "api/handlers.h"
#include "api/request_util.h"
#include "core/region.h"
#include "streams/region_streams.h"
#include "streams/stream_format.h"
#include "tablespan/error.h"

namespace tablespan::api {

namespace {
using streams::Stream;

constexpr std::size_t kMaxRecordBytes = 1024 * 1024;  // per GetRecords [M-S]

void throw_validation_error(const std::string& message) {
    throw ApiError("ValidationException", message);
}

// arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>. A malformed ARN is
// refused before anything else, whatever its length ("Invalid StreamArn": the AWS SDK for
// JavaScript's integration tests, run against the service, describe 'fake-stream').
void check_stream_arn(const std::string& arn) {
    const auto table = arn.find(":table/");
    const auto stream = arn.find("/stream/");
    if (arn.rfind("arn:", 0) != 0 || table == std::string::npos || stream == std::string::npos ||
        stream < table || stream + 8 == arn.size())
        throw_validation_error("Invalid StreamArn");
}

Stream& stream_for(core::Region& region, const std::string& arn) {
    check_stream_arn(arn);
    Stream* s = region.streams().find_arn(arn);
    if (!s)
        throw ApiError("ResourceNotFoundException",
                       "Requested resource not found: Stream: " + arn + " not found");
    region.streams().roll(*s);
    return *s;
}

Json shard_json(const storage::ShardRow& shard) {
    Json range = {{"StartingSequenceNumber", streams::format_sequence(shard.first_seq)}};
    // An empty closed shard ends where it starts.
    if (shard.last_seq)
        range["EndingSequenceNumber"] =
            streams::format_sequence(std::max(*shard.last_seq, shard.first_seq));
    Json out = {{"ShardId", shard.shard_id}, {"SequenceNumberRange", std::move(range)}};
    if (!shard.parent_id.empty()) out["ParentShardId"] = shard.parent_id;
    return out;
}

std::int64_t limit_of(const Json& request, std::int64_t most) {
    const Json* limit = member(request, "Limit");
    if (!limit) return most;
    // Compared as a double: past int64's range (1e19, 1e300) int_member would wrap or
    // overflow and slip under `most`. The validator has made it a number of at least 1.
    if (limit->get<double>() > static_cast<double>(most))
        throw_validation_error("1 validation error detected: Value '" + limit->dump() +
                               "' at 'limit' failed to satisfy constraint: Member must have value "
                               "less than or equal to " +
                               std::to_string(most));
    return *int_member(request, "Limit");
}
}  // namespace

Json list_streams(core::Region& region, const Json& request) {
    const std::int64_t limit = limit_of(request, 100);
    auto table = string_member(request, "TableName");
    auto start = string_member(request, "ExclusiveStartStreamArn");
    if (start) check_stream_arn(*start);
    Json list = Json::array();
    std::optional<std::string> last;
    for (const Stream* s : region.streams().list()) {
        if (table && s->table_name != *table) continue;
        if (start && s->arn <= *start) continue;
        if (static_cast<std::int64_t>(list.size()) == limit) {
            last = list.back().at("StreamArn").get<std::string>();
            break;
        }
        list.push_back(
            {{"StreamArn", s->arn}, {"TableName", s->table_name}, {"StreamLabel", s->label}});
    }
    Json out = {{"Streams", std::move(list)}};
    if (last) out["LastEvaluatedStreamArn"] = *last;
    return out;
}

Json describe_stream(core::Region& region, const Json& request) {
    const std::int64_t limit = limit_of(request, 100);
    Stream& s = stream_for(region, request.at("StreamArn").get<std::string>());
    auto start = string_member(request, "ExclusiveStartShardId");
    std::optional<std::string> parent;
    if (const Json* filter = member(request, "ShardFilter")) {
        auto type = string_member(*filter, "Type");
        parent = string_member(*filter, "ShardId");
        if (!type || !parent)  // unverified text
            throw_validation_error("ShardFilter requires both Type and ShardId");
    }
    const auto shards = region.streams().shards(s);
    Json list = Json::array();
    std::optional<std::string> last;
    bool started = !start;
    for (const auto* shard : shards) {
        if (!started) {
            started = shard->shard_id == *start;  // an unknown start lists nothing (ALT)
            continue;
        }
        if (parent && shard->parent_id != *parent) continue;
        if (static_cast<std::int64_t>(list.size()) == limit) {
            last = list.back().at("ShardId").get<std::string>();
            break;
        }
        list.push_back(shard_json(*shard));
    }
    const Millis now = region.now();
    Json d = {{"StreamArn", s.arn},
              {"StreamLabel", s.label},
              {"StreamStatus", s.status(now)},
              {"StreamViewType", s.view_type},
              {"CreationRequestDateTime", static_cast<double>(s.created_at) / 1000.0},
              {"TableName", s.table_name},
              {"KeySchema", s.key_schema()},
              {"Shards", std::move(list)}};
    if (last) d["LastEvaluatedShardId"] = *last;
    return {{"StreamDescription", std::move(d)}};
}

Json get_shard_iterator(core::Region& region, const Json& request) {
    const std::string type = request.at("ShardIteratorType").get<std::string>();
    auto sequence = string_member(request, "SequenceNumber");
    const bool at_number = type == "AT_SEQUENCE_NUMBER" || type == "AFTER_SEQUENCE_NUMBER";
    // Texts unverified; ALT::test_get_shard_iterator shows these are ValidationExceptions.
    if (at_number && !sequence)
        throw_validation_error("SequenceNumber must be provided for ShardIteratorType " + type);
    if (!at_number && sequence)
        throw_validation_error("SequenceNumber must not be provided for ShardIteratorType " + type);
    Stream& s = stream_for(region, request.at("StreamArn").get<std::string>());
    const std::string shard_id = request.at("ShardId").get<std::string>();
    const storage::ShardRow* shard = region.streams().shard(s, shard_id);
    if (!shard)
        throw ApiError("ResourceNotFoundException",
                       "Requested resource not found: Shard does not exist");  // unverified
    std::int64_t position = 0;
    if (type == "TRIM_HORIZON") {
        position = region.streams().trim_horizon(s, *shard);
    } else if (type == "LATEST") {
        position = region.streams().latest(*shard);
    } else {
        auto seq = streams::parse_sequence(*sequence);
        const std::int64_t end = shard->last_seq ? std::max(*shard->last_seq, shard->first_seq)
                                                 : std::numeric_limits<std::int64_t>::max();
        if (!seq || *seq < shard->first_seq || *seq > end)
            throw_validation_error("Invalid SequenceNumber " + *sequence + " for shard " +
                                   shard_id);  // unverified
        position = type == "AT_SEQUENCE_NUMBER" ? *seq : *seq + 1;
        if (region.streams().trimmed(s, position))
            throw ApiError("TrimmedDataAccessException",
                           "The data you are trying to access has been trimmed");
    }
    const streams::IteratorState state{s.id, shard->shard_no, position, region.now()};
    return {{"ShardIterator", streams::encode_iterator(s, state)}};
}

Json get_records(core::Region& region, const Json& request) {
    const std::int64_t limit = limit_of(request, 1000);
    const std::string text = request.at("ShardIterator").get<std::string>();
    std::string arn;
    auto state = streams::decode_iterator(text, &arn);
    if (!state) throw_validation_error("Invalid ShardIterator");  // unverified
    Stream* s = region.streams().find(state->stream_id);
    if (!s || s->arn != arn || s->expired(region.now()))
        throw ApiError("ResourceNotFoundException",
                       "Requested resource not found: Stream: " + arn + " not found");
    if (region.now() > state->issued_at + streams::kIteratorLifetimeMs)
        throw ApiError("ExpiredIteratorException",
                       "The provided iterator exceeds the maximum age allowed.");
    region.streams().roll(*s);
    const storage::ShardRow* shard = nullptr;
    for (const auto& candidate : s->shards)
        if (candidate.shard_no == state->shard_no) shard = &candidate;
    if (!shard || (shard->last_seq && shard->closed_at < region.now() - streams::kRetentionMs) ||
        region.streams().trimmed(*s, state->position))
        throw ApiError("TrimmedDataAccessException",
                       "The data you are trying to access has been trimmed");
    const std::int64_t end =
        shard->last_seq ? *shard->last_seq : std::numeric_limits<std::int64_t>::max();
    Json records = Json::array();
    std::int64_t next = state->position;
    std::size_t bytes = 0;
    if (next <= end) {
        for (const auto& row :
             region.store().stream_records(s->id, next, end, static_cast<std::size_t>(limit))) {
            Json record = streams::record_json(*s, region.code(), row);
            bytes += record["dynamodb"]["SizeBytes"].get<std::size_t>();
            next = row.seq + 1;
            records.push_back(std::move(record));
            if (bytes >= kMaxRecordBytes) break;
        }
    }
    Json out = {{"Records", std::move(records)}};
    // A closed shard read to its end has no next iterator (ALT::test_streams_closed_read).
    const bool drained = shard->last_seq && next > *shard->last_seq;
    if (!drained) {
        const streams::IteratorState after{s->id, shard->shard_no, next, region.now()};
        out["NextShardIterator"] = streams::encode_iterator(*s, after);
    }
    return out;
}

}  // namespace tablespan::api
