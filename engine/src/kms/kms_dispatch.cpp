// The KMS operations tables need, with KMS's shapes (KMS API reference; the response
// members as LocalStack's snapshot tests recorded them against AWS).

#include "kms/kms_dispatch.h"

#include <algorithm>
#include <map>
#include <string>

#include "api/request_util.h"
#include "core/region.h"
#include "kms/kms_request.h"
#include "kms/kms_timings.h"
#include "kms/region_kms.h"
#include "tablespan/error.h"

namespace tablespan::kms {

namespace {
using Handler = Json (*)(core::Region&, const Json&);

std::string account(core::Region& region) {
    return region.core().account_id;
}

std::string key_id_of(const Json& request) {
    return request.at("KeyId").get<std::string>();
}

// KMS's CreateKey can make asymmetric, HMAC, multi-Region and external keys; tables use
// symmetric encryption keys of their own region only, and only those are simulated.
void check_supported(const Json& request) {
    const std::pair<const char*, const char*> supported[] = {
        {"KeyUsage", "ENCRYPT_DECRYPT"},
        {"KeySpec", "SYMMETRIC_DEFAULT"},
        {"CustomerMasterKeySpec", "SYMMETRIC_DEFAULT"},
        {"Origin", "AWS_KMS"}};
    for (auto [member, value] : supported)
        if (auto v = api::string_member(request, member); v && *v != value)
            throw ApiError("UnsupportedOperationException",
                           "Tablespan simulates symmetric encryption keys (" + std::string(member) +
                               " " + value + ") only, not " + *v + ".");
    if (api::bool_member(request, "MultiRegion").value_or(false))
        throw ApiError("UnsupportedOperationException",
                       "Tablespan simulates single-Region keys only (MultiRegion false).");
    for (const char* member : {"CustomKeyStoreId", "XksKeyId"})
        if (api::member(request, member))
            throw ApiError("UnsupportedOperationException",
                           std::string("Tablespan simulates keys in the AWS KMS key store only, "
                                       "without ") +
                               member + ".");
}

Json create_key(core::Region& region, const Json& request) {
    check_supported(request);
    const Key k = region.kms().create_key(api::string_member(request, "Description").value_or(""));
    return {{"KeyMetadata", k.metadata(account(region))}};
}

Json describe_key(core::Region& region, const Json& request) {
    const Key k = region.kms().describe(key_id_of(request));
    return {{"KeyMetadata", k.metadata(account(region))}};
}

Json list_keys(core::Region& region, const Json& request) {
    const std::int64_t limit = api::int_member(request, "Limit").value_or(100);
    const auto marker = api::string_member(request, "Marker");
    const std::vector<Key> keys = region.kms().list();
    // The marker is the id of the first key of the next page.
    auto from = keys.begin();
    if (marker) {
        from =
            std::find_if(keys.begin(), keys.end(), [&](const Key& k) { return k.id == *marker; });
        if (from == keys.end())
            throw ApiError("InvalidMarkerException",
                           "The request was rejected because the marker that specifies where "
                           "pagination should next begin is not valid.");
    }
    Json list = Json::array();
    auto it = from;
    for (; it != keys.end() && static_cast<std::int64_t>(list.size()) < limit; ++it)
        list.push_back({{"KeyId", it->id}, {"KeyArn", it->arn}});
    Json out = {{"Keys", list}, {"Truncated", it != keys.end()}};
    if (it != keys.end()) out["NextMarker"] = it->id;
    return out;
}

Json disable_key(core::Region& region, const Json& request) {
    region.kms().disable(key_id_of(request));
    return Json::object();
}

Json enable_key(core::Region& region, const Json& request) {
    region.kms().enable(key_id_of(request));
    return Json::object();
}

Json schedule_key_deletion(core::Region& region, const Json& request) {
    const auto days =
        api::int_member(request, "PendingWindowInDays").value_or(kDefaultPendingWindowDays);
    // Past the model's 1-365: KMS's own rule, in the text AWS answered to a 1-day window
    // (Skyscanner/kms-issuer issue 8).
    if (days < kMinPendingWindowDays || days > kMaxPendingWindowDays)
        throw_validation("PendingWindowInDays must be between 7 and 30");
    const Key k = region.kms().schedule_deletion(key_id_of(request), static_cast<int>(days));
    return {{"KeyId", k.arn},
            {"DeletionDate", api::epoch_seconds(k.deletion_date)},
            {"KeyState", state_name(k.state)},
            {"PendingWindowInDays", days}};
}

Json cancel_key_deletion(core::Region& region, const Json& request) {
    const Key k = region.kms().cancel_deletion(key_id_of(request));
    // "The Amazon Resource Name (key ARN) of the KMS key whose deletion is canceled."
    return {{"KeyId", k.arn}};
}

const std::map<std::string_view, Handler>& handlers() {
    static const std::map<std::string_view, Handler> table = {
        {"CancelKeyDeletion", cancel_key_deletion},
        {"CreateKey", create_key},
        {"DescribeKey", describe_key},
        {"DisableKey", disable_key},
        {"EnableKey", enable_key},
        {"ListKeys", list_keys},
        {"ScheduleKeyDeletion", schedule_key_deletion},
    };
    return table;
}
}  // namespace

Json dispatch(core::Region& region, std::string_view name, const Json& request) {
    auto it = handlers().find(name);
    if (it == handlers().end())
        throw ApiError("UnknownOperationException",
                       name.empty() ? std::string()
                                    : "Tablespan's KMS does not implement " + std::string(name) +
                                          "; it offers CancelKeyDeletion, CreateKey, DescribeKey, "
                                          "DisableKey, EnableKey, ListKeys and "
                                          "ScheduleKeyDeletion.");
    if (!request.is_object())
        throw ApiError("SerializationException", request.is_array()
                                                     ? "Start of list found where not expected"
                                                     : "Unexpected token received from parser");
    validate_request(name, request);
    return it->second(region, request);
}

}  // namespace tablespan::kms
