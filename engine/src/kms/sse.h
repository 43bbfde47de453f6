#pragma once

// SSESpecification against the region's KMS: which key a table (or a new replica)
// encrypts with, and the service's errors for a key that is missing, disabled or pending
// deletion (kms/kms_errors.h for the texts and their sources).

#include <optional>
#include <string>

#include "api/table_meta.h"
#include "tablespan/json_codec.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::kms {

// What an SSESpecification asks for, checked as the service checks it (the observed
// texts of ack-api-quirks' error catalogue: "SSEType can not be specified if Enabled is
// false", "KMSMasterKeyId can not be specified if Enabled is false", "SSEType AES256 is
// not supported", "SSEType KMS is required if KMSMasterKeyId is specified"). Without
// Enabled, SSEType KMS enables; otherwise `enabled_by_default` decides.
struct SseRequest {
    bool enabled = false;
    std::optional<std::string> key_id;  // KMSMasterKeyId
};
SseRequest read_sse(const Json& sse, bool enabled_by_default);

// The ARN of the key a table of `region` encrypts with: `key_id` (a key id, key ARN,
// alias/aws/dynamodb or its alias ARN) resolved in the region's KMS, or the AWS managed
// key without one. Throws DynamoDB's ValidationException when the key does not exist or
// is not enabled.
std::string resolve_table_key(core::Region& region, const std::optional<std::string>& key_id);

// UpdateTable ReplicaUpdates Create of `table` in `destination`: the key ARN the new
// replica encrypts with (empty when the table does not use KMS). Every replica uses a
// key of its own region, all customer managed or all the AWS managed one (reference
// §1.4): KMSMasterKeyId is needed for a table with a customer managed key, and is
// resolved in the destination's KMS. A group with a replica whose key is unusable takes
// no new replica.
std::string replica_key(core::Region& region, const api::TableMeta& table,
                        const std::string& destination, const std::optional<std::string>& key_id);

// UpdateTable SSESpecification of `table`, checked before anything changes: the new
// key's ARN (empty: back to the AWS owned key). A table whose key is unusable refuses
// with that key's error (details/DDB-TABLE-333.md); re-sending the exact key ARN is
// refused as the service does.
std::string sse_update(core::Region& region, const api::TableMeta& table, const SseRequest& sse);

}  // namespace tablespan::kms
