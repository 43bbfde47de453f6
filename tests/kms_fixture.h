#pragma once

// A test engine with the simulated KMS at hand: keys, encrypted tables, and the error
// texts the service answers for a table's key.

#include <string>

#include "engine_fixture.h"

struct KmsEngine : TestEngine {
    // CreateKey in `region`; returns the KeyMetadata.
    tablespan::Json create_key(const std::string& region = "us-west-2",
                               const std::string& description = "orders key") {
        return ok("kms:CreateKey", {{"Description", description}}, region)["KeyMetadata"];
    }
    // An on-demand table encrypted with `key_id` (an id, ARN or alias), ACTIVE.
    void create_encrypted_table(const std::string& name, const std::string& key_id,
                                const std::string& region = "us-west-2") {
        ok("CreateTable",
           {{"TableName", name},
            {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
            {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
            {"BillingMode", "PAY_PER_REQUEST"},
            {"SSESpecification",
             {{"Enabled", true}, {"SSEType", "KMS"}, {"KMSMasterKeyId", key_id}}}},
           region);
        engine->advance(60'000);
    }
    tablespan::Json describe(const std::string& table, const std::string& region = "us-west-2") {
        return ok("DescribeTable", {{"TableName", table}}, region)["Table"];
    }
    tablespan::Result get(const std::string& table, const std::string& pk,
                          const std::string& region = "us-west-2") {
        return call("GetItem", {{"TableName", table}, {"Key", {{"pk", {{"S", pk}}}}}}, region);
    }
    tablespan::Result put(const std::string& table, const std::string& pk,
                          const std::string& region = "us-west-2") {
        return call("PutItem", {{"TableName", table}, {"Item", {{"pk", {{"S", pk}}}}}}, region);
    }
};

// The message of a failed result ("" when it succeeded), for QCOMPARE.
inline std::string error_of(const tablespan::Result& r) {
    return r.error ? r.error->type + ": " + r.error->message : std::string();
}

// DynamoDB's text for a request that needs a disabled key, without the per-request KMS
// request id (aws-controllers-k8s/dynamodb-controller, details/DDB-TABLE-461.md).
inline std::string disabled_text(const std::string& arn) {
    return "ValidationException: KMS key disabled error: com.amazonaws.services.kms.model."
           "DisabledException: " +
           arn +
           " is disabled. (Service: AWSKMS; Status Code: 400; Error Code: DisabledException; "
           "Request ID: ";
}

// Whether `text` starts with `prefix`.
inline bool starts_with(const std::string& text, const std::string& prefix) {
    return text.rfind(prefix, 0) == 0;
}

constexpr tablespan::Millis kMinuteMs = 60'000;
constexpr tablespan::Millis kHourMs = 60 * kMinuteMs;
