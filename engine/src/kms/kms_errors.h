#pragma once

// The texts of KMS's own errors, and of DynamoDB's errors about a table's KMS key.
//
// KMS (each recorded against AWS): NotFoundException "Key '<arn>' does not exist",
// "Invalid arn <region>" and "Invalid keyId '<id>'" (LocalStack's snapshot tests,
// tests/aws/services/kms/test_kms.snapshot.json: test_get_key_does_not_exist,
// test_get_key_in_different_region, test_get_key_invalid_uuid); "Alias <alias ARN> is
// not found." (LocalStack's provider: "AWS itself uses AliasArn ... in this exception");
// KMSInvalidStateException "<arn> is pending deletion." (hashicorp/terraform-provider-aws
// issue 17889, from AWS); ValidationException "PendingWindowInDays must be between 7 and
// 30" (Skyscanner/kms-issuer issue 8, an AWS response with its request id).
//
// DynamoDB wraps KMS's exception (aws-controllers-k8s/dynamodb-controller,
// docs/api-quirks/details/DDB-TABLE-461.md and the error catalogue of service.md):
// ValidationException "KMS key disabled error: com.amazonaws.services.kms.model.
// DisabledException: <arn> is disabled. (Service: AWSKMS; Status Code: 400; Error Code:
// DisabledException; Request ID: <uuid>; Proxy: null)" and "KMS validation error: com.
// amazonaws.services.kms.model.NotFoundException: Key '<arn>' does not exist (Service:
// ...)"; a replica's key: "KMS validation error for region <region>: ...".

#include <string>

#include "tablespan/error.h"

namespace tablespan::kms {

// A KMS exception: its name and KMS's message.
struct KmsFailure {
    std::string type;  // NotFoundException, DisabledException, KMSInvalidStateException
    std::string message;
};

KmsFailure key_not_found(const std::string& arn);
KmsFailure invalid_arn(const std::string& region);
KmsFailure invalid_key_id(const std::string& key_id);
KmsFailure alias_not_found(const std::string& alias_arn);
KmsFailure key_disabled(const std::string& arn);
KmsFailure key_pending_deletion(const std::string& arn);

// The failure as KMS's own endpoint answers it (HTTP 400).
[[noreturn]] void throw_kms(const KmsFailure& failure);

// DynamoDB's ValidationException for a request that needed the key: "KMS key disabled
// error: ..." for a disabled key, "KMS validation error: ..." otherwise; `region` is
// given for a replica's key in another region ("... error for region <region>: ...").
ApiError dynamodb_error(const KmsFailure& failure, const std::string& region = {});

}  // namespace tablespan::kms
