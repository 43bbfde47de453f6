#pragma once

// One key of a region's simulated KMS: a symmetric encryption key, customer managed or
// the AWS managed key of DynamoDB (alias/aws/dynamodb), and the KeyMetadata KMS shows.

#include <string>

#include "tablespan/clock.h"
#include "tablespan/json_codec.h"

namespace tablespan::kms {

enum class KeyState { Enabled, Disabled, PendingDeletion };

// The alias of the AWS managed key DynamoDB uses by default.
inline constexpr const char* kDynamoDbAlias = "alias/aws/dynamodb";

struct Key {
    std::string id;  // a UUID
    std::string arn;
    std::string description;
    KeyState state = KeyState::Enabled;
    bool aws_managed = false;  // KeyManager AWS
    Millis created = 0;
    Millis deletion_date = 0;  // PendingDeletion: when KMS deletes it

    // Tables can encrypt and decrypt with it.
    bool usable() const { return state == KeyState::Enabled; }
    // KMS's KeyMetadata of the key, in `account`.
    Json metadata(const std::string& account) const;

    Json to_storage() const;
    static Key from_storage(const Json& j);
};

// "Enabled", "Disabled", "PendingDeletion".
const char* state_name(KeyState state);
// arn:aws:kms:<region>:<account>:key/<id>
std::string key_arn(const std::string& region, const std::string& account, const std::string& id);
// The id of the AWS managed key of DynamoDB in `region`: the same every time (a UUID
// derived from the account and the region), so that a replica's key ARN is known in
// the region that creates it.
std::string aws_managed_key_id(const std::string& region, const std::string& account);
std::string aws_managed_key_arn(const std::string& region, const std::string& account);
// Whether `arn` names the AWS managed key of DynamoDB of its region.
bool is_aws_managed_arn(const std::string& arn);
// Whether `text` has the shape of a key id (a UUID, or a multi-Region key's mrk-<32 hex>).
bool looks_like_key_id(const std::string& text);

}  // namespace tablespan::kms
