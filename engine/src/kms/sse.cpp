#include "kms/sse.h"

#include <variant>

#include "api/request_util.h"
#include "core/region.h"
#include "kms/key_watch.h"
#include "kms/region_kms.h"

namespace tablespan::kms {

namespace {
Key resolve(core::Region& kms_region, const std::string& key_id, const std::string& for_region) {
    auto found = kms_region.kms().find(key_id);
    if (auto* failure = std::get_if<KmsFailure>(&found)) throw dynamodb_error(*failure, for_region);
    const Key& key = std::get<Key>(found);
    if (key.state == KeyState::Disabled) throw dynamodb_error(key_disabled(key.arn), for_region);
    if (key.state == KeyState::PendingDeletion)
        throw dynamodb_error(key_pending_deletion(key.arn), for_region);
    return key;
}

[[noreturn]] void throw_mixed_keys() {
    throw_invalid_parameter(
        "All replica keys must either be Customer Managed CMK or AWS Managed CMK.");
}
}  // namespace

SseRequest read_sse(const Json& sse, bool enabled_by_default) {
    const auto enabled = api::bool_member(sse, "Enabled");
    const auto type = api::string_member(sse, "SSEType");
    const auto key = api::string_member(sse, "KMSMasterKeyId");
    if (enabled && !*enabled) {
        if (type) throw_invalid_parameter("SSEType can not be specified if Enabled is false");
        if (key) throw_invalid_parameter("KMSMasterKeyId can not be specified if Enabled is false");
    }
    if (type && *type == "AES256") throw_invalid_parameter("SSEType AES256 is not supported");
    if (key && type != "KMS")
        throw_invalid_parameter("SSEType KMS is required if KMSMasterKeyId is specified");
    return {enabled.value_or(type.has_value() || enabled_by_default), key};
}

std::string resolve_table_key(core::Region& region, const std::optional<std::string>& key_id) {
    if (!key_id) return region.kms().aws_managed().arn;
    return resolve(region, *key_id, {}).arn;
}

std::string replica_key(core::Region& region, const api::TableMeta& t,
                        const std::string& destination, const std::optional<std::string>& key_id) {
    // A replica whose key is unusable holds the group's encryption in UPDATING, as
    // observed while a replica's key was disabled (details/DDB-TABLE-311.md).
    const auto& holds = *region.core().kms_holds;
    for (const auto& m : t.group.members)
        if (holds.held(t.name, m.region))
            throw_validation(
                "Operation cannot be performed while replica server-side encryption status is "
                "in UPDATING state. Please retry the request after the status is updated to "
                "ENABLED.");
    if (holds.held(t.name, std::string(region.code())))
        throw_validation(
            "Operation cannot be performed while replica server-side encryption status is in "
            "UPDATING state. Please retry the request after the status is updated to ENABLED.");
    const bool customer = t.sse_enabled && !is_aws_managed_arn(t.sse_kms_key_arn);
    if (customer && !key_id)
        throw_invalid_parameter("KMSMasterKeyId must be specified for each replica.");
    if (!t.sse_enabled) {
        if (key_id) throw_mixed_keys();
        return {};
    }
    core::Region* there = region.core().region(destination);
    if (!there) return {};
    if (!key_id) return there->kms().aws_managed().arn;
    const Key key = resolve(*there, *key_id, destination);
    if (key.aws_managed == customer) throw_mixed_keys();
    return key.arn;
}

std::string sse_update(core::Region& region, const api::TableMeta& t, const SseRequest& sse) {
    if (t.sse_enabled && (t.key_state.failing_since || t.key_state.inaccessible_at))
        throw key_error(t);
    if (!sse.enabled) return {};
    if (sse.key_id && t.sse_enabled && *sse.key_id == t.sse_kms_key_arn)
        throw_validation("Table is already encrypted with given KMSMasterKey");
    const std::string arn = resolve_table_key(region, sse.key_id);
    // Each replica would need a key of its own region: a group changes to the AWS managed
    // keys only (its replicas take theirs, see Replicator::fan_out_encryption).
    if (t.group.global() && !is_aws_managed_arn(arn)) throw_mixed_keys();
    return arn;
}

}  // namespace tablespan::kms
