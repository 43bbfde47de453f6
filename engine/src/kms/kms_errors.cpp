#include "kms/kms_errors.h"

#include "api/ids.h"

namespace tablespan::kms {

KmsFailure key_not_found(const std::string& arn) {
    return {"NotFoundException", "Key '" + arn + "' does not exist"};
}

KmsFailure invalid_arn(const std::string& region) {
    return {"NotFoundException", "Invalid arn " + region};
}

KmsFailure invalid_key_id(const std::string& key_id) {
    return {"NotFoundException", "Invalid keyId '" + key_id + "'"};
}

KmsFailure alias_not_found(const std::string& alias_arn) {
    return {"NotFoundException", "Alias " + alias_arn + " is not found."};
}

KmsFailure key_disabled(const std::string& arn) {
    return {"DisabledException", arn + " is disabled."};
}

KmsFailure key_pending_deletion(const std::string& arn) {
    return {"KMSInvalidStateException", arn + " is pending deletion."};
}

void throw_kms(const KmsFailure& failure) {
    throw ApiError(failure.type, failure.message);
}

ApiError dynamodb_error(const KmsFailure& failure, const std::string& region) {
    const bool disabled = failure.type == "DisabledException";
    std::string text = disabled ? "KMS key disabled error" : "KMS validation error";
    if (!region.empty()) text += " for region " + region;
    text += ": com.amazonaws.services.kms.model." + failure.type + ": " + failure.message;
    // The Java SDK's suffix, with the KMS request id that each answer carries.
    text += " (Service: AWSKMS; Status Code: 400; Error Code: " + failure.type +
            "; Request ID: " + api::new_uuid() + "; Proxy: null)";
    return ApiError("ValidationException", std::move(text));
}

}  // namespace tablespan::kms
