// The simulated KMS of a region: keys created, disabled, enabled, scheduled for deletion
// and deleted on engine time, with KMS's shapes and texts; tables encrypted with them
// (SSESpecification resolved against the KMS, the service's errors for an unusable key);
// and a single-Region table whose key becomes unusable: the data plane fails, the table
// turns INACCESSIBLE_ENCRYPTION_CREDENTIALS, recovers when the key is enabled again, or is
// archived after seven days. All of it survives a restart.
//
// KMS's texts: LocalStack's snapshot tests recorded against AWS
// (tests/aws/services/kms/test_kms.snapshot.json), hashicorp/terraform-provider-aws issue
// 17889 ("... is pending deletion."), Skyscanner/kms-issuer issue 8 ("PendingWindowInDays
// must be between 7 and 30"). DynamoDB's texts and timings: the ack-api-quirks probes
// (aws-controllers-k8s/dynamodb-controller, docs/api-quirks: DDB-TABLE-331, -333, -335,
// -461).

#include <QTest>

#include "kms_fixture.h"

using tablespan::Json;

namespace {
const char* kWest = "us-west-2";
}  // namespace

class TstKms : public QObject {
    Q_OBJECT

private slots:
    void aKeyHasKmsMetadata() {
        KmsEngine e;
        const Json k = e.create_key(kWest, "orders");
        const std::string id = k["KeyId"];
        QCOMPARE(id.size(), std::size_t{36});
        JCOMPARE(k["Arn"], "arn:aws:kms:us-west-2:000000000000:key/" + id);
        JCOMPARE(k["AWSAccountId"], "000000000000");
        JCOMPARE(k["KeyState"], "Enabled");
        JCOMPARE(k["Enabled"], true);
        JCOMPARE(k["Description"], "orders");
        JCOMPARE(k["KeyManager"], "CUSTOMER");
        JCOMPARE(k["KeyUsage"], "ENCRYPT_DECRYPT");
        JCOMPARE(k["KeySpec"], "SYMMETRIC_DEFAULT");
        JCOMPARE(k["CustomerMasterKeySpec"], "SYMMETRIC_DEFAULT");
        JCOMPARE(k["EncryptionAlgorithms"], Json::array({"SYMMETRIC_DEFAULT"}));
        JCOMPARE(k["Origin"], "AWS_KMS");
        JCOMPARE(k["MultiRegion"], false);
        QVERIFY(k["CreationDate"].is_number());
        QVERIFY(!k.contains("DeletionDate"));
        // By id and by ARN.
        JCOMPARE(e.ok("kms:DescribeKey", {{"KeyId", id}})["KeyMetadata"], k);
        JCOMPARE(e.ok("kms:DescribeKey", {{"KeyId", k["Arn"]}})["KeyMetadata"], k);
    }

    void disableEnableScheduleAndCancel() {
        KmsEngine e;
        const std::string id = e.create_key()["KeyId"];
        const std::string arn = "arn:aws:kms:us-west-2:000000000000:key/" + id;
        const auto state = [&] { return e.ok("kms:DescribeKey", {{"KeyId", id}})["KeyMetadata"]; };
        JCOMPARE(e.ok("kms:DisableKey", {{"KeyId", id}}), Json::object());
        JCOMPARE(state()["KeyState"], "Disabled");
        JCOMPARE(state()["Enabled"], false);
        e.ok("kms:DisableKey", {{"KeyId", id}});  // again: allowed
        e.ok("kms:EnableKey", {{"KeyId", arn}});
        JCOMPARE(state()["KeyState"], "Enabled");

        const Json scheduled = e.ok("kms:ScheduleKeyDeletion", {{"KeyId", id}});
        JCOMPARE(scheduled["KeyId"], arn);  // the ARN, as KMS answers
        JCOMPARE(scheduled["KeyState"], "PendingDeletion");
        JCOMPARE(scheduled["PendingWindowInDays"], 30);  // the default
        const double now = static_cast<double>(e.clock->now()) / 1000.0;
        QCOMPARE(scheduled["DeletionDate"].get<double>(), now + 30 * 86400.0);
        JCOMPARE(state()["DeletionDate"], scheduled["DeletionDate"]);
        JCOMPARE(state()["Enabled"], false);

        // A key pending deletion can be neither enabled, disabled nor scheduled again.
        for (const char* op : {"kms:EnableKey", "kms:DisableKey", "kms:ScheduleKeyDeletion"}) {
            auto r = e.call(op, {{"KeyId", id}});
            QCOMPARE(error_of(r), "KMSInvalidStateException: " + arn + " is pending deletion.");
        }
        // Cancelled, the key is Disabled (KMS API reference, CancelKeyDeletion).
        JCOMPARE(e.ok("kms:CancelKeyDeletion", {{"KeyId", id}}), Json({{"KeyId", arn}}));
        JCOMPARE(state()["KeyState"], "Disabled");
        QVERIFY(!state().contains("DeletionDate"));
        QCOMPARE(error_of(e.call("kms:CancelKeyDeletion", {{"KeyId", id}})),
                 "KMSInvalidStateException: " + arn + " is not pending deletion.");
    }

    void aKeyIsDeletedWhenItsDateComes() {
        KmsEngine e;
        const std::string id = e.create_key()["KeyId"];
        e.ok("kms:ScheduleKeyDeletion", {{"KeyId", id}, {"PendingWindowInDays", 7}});
        e.engine->advance(7 * 24 * kHourMs - 1);
        JCOMPARE(e.ok("kms:DescribeKey", {{"KeyId", id}})["KeyMetadata"]["KeyState"],
                 "PendingDeletion");
        e.engine->advance(1);
        QCOMPARE(error_of(e.call("kms:DescribeKey", {{"KeyId", id}})),
                 "NotFoundException: Key 'arn:aws:kms:us-west-2:000000000000:key/" + id +
                     "' does not exist");
        JCOMPARE(e.ok("kms:ListKeys", Json::object())["Keys"], Json::array());
    }

    void kmsErrors_data() {
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("request");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char* name, const std::string& operation,
                            const std::string& request, const std::string& expected) {
            QTest::newRow(name) << QString::fromStdString(operation)
                                << QString::fromStdString(request)
                                << QString::fromStdString(expected);
        };
        const std::string none = "11111111-2222-4333-8444-555555555555";
        row("unknown id", "DescribeKey", R"({"KeyId": ")" + none + R"("})",
            "NotFoundException: Key 'arn:aws:kms:us-west-2:000000000000:key/" + none +
                "' does not exist");
        row("not an id", "DescribeKey", R"({"KeyId": "fake-key-id"})",
            "NotFoundException: Invalid keyId 'fake-key-id'");
        row("another region's ARN", "DescribeKey",
            R"({"KeyId": "arn:aws:kms:us-east-1:000000000000:key/)" + none + R"("})",
            "NotFoundException: Invalid arn us-east-1");
        row("unknown alias", "EnableKey", R"({"KeyId": "alias/orders"})",
            "NotFoundException: Alias arn:aws:kms:us-west-2:000000000000:alias/orders is not "
            "found.");
        row("no key id", "DisableKey", "{}",
            "ValidationException: 1 validation error detected: Value null at 'keyId' failed "
            "to satisfy constraint: Member must not be null");
        row("empty key id", "DisableKey", R"({"KeyId": ""})",
            "ValidationException: 1 validation error detected: Value '' at 'keyId' failed to "
            "satisfy constraint: Member must have length greater than or equal to 1");
        row("window of 6 days", "ScheduleKeyDeletion",
            R"({"KeyId": ")" + none + R"(", "PendingWindowInDays": 6})",
            "ValidationException: PendingWindowInDays must be between 7 and 30");
        row("window of 31 days", "ScheduleKeyDeletion",
            R"({"KeyId": ")" + none + R"(", "PendingWindowInDays": 31})",
            "ValidationException: PendingWindowInDays must be between 7 and 30");
        row("window outside the model", "ScheduleKeyDeletion",
            R"({"KeyId": ")" + none + R"(", "PendingWindowInDays": 0})",
            "ValidationException: 1 validation error detected: Value '0' at "
            "'pendingWindowInDays' failed to satisfy constraint: Member must have value "
            "greater than or equal to 1");
        row("window as text", "ScheduleKeyDeletion",
            R"({"KeyId": ")" + none + R"(", "PendingWindowInDays": "7"})",
            "SerializationException: STRING_VALUE cannot be converted to Integer");
        row("limit", "ListKeys", R"({"Limit": 1001})",
            "ValidationException: 1 validation error detected: Value '1001' at 'limit' failed "
            "to satisfy constraint: Member must have value less than or equal to 1000");
        row("marker", "ListKeys", R"({"Marker": "nowhere"})",
            "InvalidMarkerException: The request was rejected because the "
            "marker that specifies where pagination should next begin is "
            "not valid.");
        row("asymmetric key", "CreateKey", R"({"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"})",
            "UnsupportedOperationException: Tablespan simulates symmetric encryption keys "
            "(KeyUsage ENCRYPT_DECRYPT) only, not SIGN_VERIFY.");
        row("bad enum", "CreateKey", R"({"Origin": "SOMEWHERE"})",
            "ValidationException: 1 validation error detected: Value 'SOMEWHERE' at 'origin' "
            "failed to satisfy constraint: Member must satisfy enum value set: [AWS_KMS, "
            "EXTERNAL, AWS_CLOUDHSM, EXTERNAL_KEY_STORE]");
        row("unknown operation", "Encrypt", "{}",
            "UnknownOperationException: Tablespan's KMS does not implement Encrypt; it offers "
            "CancelKeyDeletion, CreateKey, DescribeKey, DisableKey, EnableKey, ListKeys and "
            "ScheduleKeyDeletion.");
    }
    void kmsErrors() {
        QFETCH(QString, operation);
        QFETCH(QString, request);
        QFETCH(QString, expected);
        KmsEngine e;
        auto r = e.call("kms:" + operation.toStdString(), Json::parse(request.toStdString()));
        QCOMPARE(QString::fromStdString(error_of(r)), expected);
    }

    void theAwsManagedKey() {
        KmsEngine e;
        // DescribeKey of the alias creates the key (KMS developer guide: "If you call the
        // DescribeKey operation on a predefined AWS alias ... KMS creates an AWS managed key").
        const Json k = e.ok("kms:DescribeKey", {{"KeyId", "alias/aws/dynamodb"}})["KeyMetadata"];
        JCOMPARE(k["KeyManager"], "AWS");
        JCOMPARE(k["KeyState"], "Enabled");
        JCOMPARE(k["Description"],
                 "Default key that protects my DynamoDB data when no other key is defined");
        JCOMPARE(e.ok("kms:DescribeKey",
                      {{"KeyId",
                        "arn:aws:kms:us-west-2:000000000000:alias/aws/dynamodb"}})["KeyMetadata"],
                 k);
        JCOMPARE(e.ok("kms:ListKeys", Json::object())["Keys"],
                 Json::array({{{"KeyId", k["KeyId"]}, {"KeyArn", k["Arn"]}}}));
        // Only DynamoDB may use it.
        QCOMPARE(error_of(e.call("kms:DisableKey", {{"KeyId", "alias/aws/dynamodb"}})),
                 "AccessDeniedException: User: arn:aws:iam::000000000000:root is not authorized "
                 "to perform: kms:DisableKey on resource: " +
                     k["Arn"].get<std::string>() +
                     " because no resource-based policy allows the kms:DisableKey action");
        // The same key every time the region asks, and another in another region.
        e.reopen();
        JCOMPARE(e.ok("kms:DescribeKey", {{"KeyId", "alias/aws/dynamodb"}})["KeyMetadata"]["KeyId"],
                 k["KeyId"]);
        QVERIFY(e.ok("kms:DescribeKey", {{"KeyId", "alias/aws/dynamodb"}},
                     "eu-west-1")["KeyMetadata"]["KeyId"] != k["KeyId"]);
    }

    void listKeysPages() {
        KmsEngine e;
        std::vector<std::string> ids;
        for (int i = 0; i < 3; ++i) {
            ids.push_back(e.create_key(kWest, "key " + std::to_string(i))["KeyId"]);
            e.engine->advance(1);
        }
        Json page = e.ok("kms:ListKeys", {{"Limit", 2}});
        QCOMPARE(page["Keys"].size(), std::size_t{2});
        JCOMPARE(page["Keys"][0]["KeyId"], ids[0]);
        JCOMPARE(page["Truncated"], true);
        page = e.ok("kms:ListKeys", {{"Limit", 2}, {"Marker", page["NextMarker"]}});
        JCOMPARE(page["Keys"],
                 Json::array({{{"KeyId", ids[2]},
                               {"KeyArn", "arn:aws:kms:us-west-2:000000000000:key/" + ids[2]}}}));
        JCOMPARE(page["Truncated"], false);
        QVERIFY(!page.contains("NextMarker"));
        // Keys are regional.
        JCOMPARE(e.ok("kms:ListKeys", Json::object(), "eu-west-1")["Keys"], Json::array());
    }

    void keysSurviveARestart() {
        KmsEngine e;
        const std::string kept = e.create_key(kWest, "kept")["KeyId"];
        const std::string doomed = e.create_key(kWest, "doomed")["KeyId"];
        e.ok("kms:DisableKey", {{"KeyId", kept}});
        e.ok("kms:ScheduleKeyDeletion", {{"KeyId", doomed}, {"PendingWindowInDays", 7}});
        e.reopen();
        const Json k = e.ok("kms:DescribeKey", {{"KeyId", kept}})["KeyMetadata"];
        JCOMPARE(k["KeyState"], "Disabled");
        JCOMPARE(k["Description"], "kept");
        JCOMPARE(e.ok("kms:DescribeKey", {{"KeyId", doomed}})["KeyMetadata"]["KeyState"],
                 "PendingDeletion");
        // Its deletion date still comes.
        e.engine->advance(7 * 24 * kHourMs);
        QVERIFY(e.call("kms:DescribeKey", {{"KeyId", doomed}}).error);
        QVERIFY(!e.call("kms:DescribeKey", {{"KeyId", kept}}).error);
    }

    // ---- tables ----

    void aTableResolvesItsKey_data() {
        QTest::addColumn<QString>("how");
        QTest::newRow("id") << QStringLiteral("id");
        QTest::newRow("ARN") << QStringLiteral("arn");
    }
    void aTableResolvesItsKey() {
        QFETCH(QString, how);
        KmsEngine e;
        const Json k = e.create_key();
        e.create_encrypted_table("orders", how == QLatin1String("id") ? k["KeyId"] : k["Arn"]);
        JCOMPARE(e.describe("orders")["SSEDescription"],
                 Json({{"Status", "ENABLED"}, {"SSEType", "KMS"}, {"KMSMasterKeyArn", k["Arn"]}}));
    }

    void theDefaultIsTheAwsManagedKey() {
        KmsEngine e;
        e.ok("CreateTable",
             {{"TableName", "orders"},
              {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
              {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
              {"BillingMode", "PAY_PER_REQUEST"},
              {"SSESpecification", {{"Enabled", true}, {"SSEType", "KMS"}}}});
        e.create_encrypted_table("invoices", "alias/aws/dynamodb");
        const Json managed =
            e.ok("kms:DescribeKey", {{"KeyId", "alias/aws/dynamodb"}})["KeyMetadata"];
        JCOMPARE(e.describe("orders")["SSEDescription"]["KMSMasterKeyArn"], managed["Arn"]);
        JCOMPARE(e.describe("invoices")["SSEDescription"]["KMSMasterKeyArn"], managed["Arn"]);
    }

    void unusableKeysAreRefused() {
        KmsEngine e;
        const std::string disabled = e.create_key()["Arn"];
        const std::string pending = e.create_key()["Arn"];
        e.ok("kms:DisableKey", {{"KeyId", disabled}});
        e.ok("kms:ScheduleKeyDeletion", {{"KeyId", pending}});
        const auto create = [&](const std::string& key) {
            return e.call(
                "CreateTable",
                {{"TableName", "orders"},
                 {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                 {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                 {"BillingMode", "PAY_PER_REQUEST"},
                 {"SSESpecification",
                  {{"Enabled", true}, {"SSEType", "KMS"}, {"KMSMasterKeyId", key}}}});
        };
        QVERIFY(starts_with(error_of(create(disabled)), disabled_text(disabled)));
        QVERIFY(starts_with(error_of(create(pending)),
                            "ValidationException: KMS validation error: com.amazonaws.services.kms."
                            "model.KMSInvalidStateException: " +
                                pending +
                                " is pending deletion. (Service: AWSKMS; Status Code: 400; Error "
                                "Code: KMSInvalidStateException; Request ID: "));
        const std::string missing =
            "arn:aws:kms:us-west-2:000000000000:key/11111111-2222-4333-8444-555555555555";
        const std::string error = error_of(create(missing));
        QVERIFY2(starts_with(error,
                             "ValidationException: KMS validation error: com.amazonaws."
                             "services.kms.model.NotFoundException: Key '" +
                                 missing +
                                 "' does not exist (Service: AWSKMS; Status Code: 400; "
                                 "Error Code: NotFoundException; Request ID: "),
                 error.c_str());
        const std::string end = "; Proxy: null)";
        QVERIFY(error.size() > end.size() && error.substr(error.size() - end.size()) == end);
        // Nothing was created.
        QVERIFY(e.call("DescribeTable", {{"TableName", "orders"}}).error);
    }

    void sseSpecificationShape_data() {
        QTest::addColumn<QString>("sse");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char* name, const char* sse, const char* expected) {
            QTest::newRow(name) << QString::fromUtf8(sse) << QString::fromUtf8(expected);
        };
        row("type while disabled", R"({"Enabled": false, "SSEType": "KMS"})",
            "ValidationException: One or more parameter values were invalid: SSEType can not "
            "be specified if Enabled is false");
        row("key while disabled", R"({"Enabled": false, "KMSMasterKeyId": "alias/aws/dynamodb"})",
            "ValidationException: One or more parameter values were invalid: KMSMasterKeyId "
            "can not be specified if Enabled is false");
        row("AES256", R"({"Enabled": true, "SSEType": "AES256"})",
            "ValidationException: One or more parameter values were "
            "invalid: SSEType AES256 is not supported");
        row("key without type", R"({"Enabled": true, "KMSMasterKeyId": "alias/aws/dynamodb"})",
            "ValidationException: One or more parameter values were invalid: SSEType KMS is "
            "required if KMSMasterKeyId is specified");
    }
    void sseSpecificationShape() {
        QFETCH(QString, sse);
        QFETCH(QString, expected);
        KmsEngine e;
        auto r =
            e.call("CreateTable",
                   {{"TableName", "orders"},
                    {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                    {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                    {"BillingMode", "PAY_PER_REQUEST"},
                    {"SSESpecification", Json::parse(sse.toStdString())}});
        QCOMPARE(QString::fromStdString(error_of(r)), expected);
    }

    void updateTableChangesTheKey() {
        KmsEngine e;
        const Json first = e.create_key(), second = e.create_key();
        e.create_encrypted_table("orders", first["KeyId"]);
        const Json sse = {
            {"Enabled", true}, {"SSEType", "KMS"}, {"KMSMasterKeyId", second["KeyId"]}};
        e.ok("UpdateTable", {{"TableName", "orders"}, {"SSESpecification", sse}});
        e.engine->advance(60'000);
        JCOMPARE(e.describe("orders")["SSEDescription"]["KMSMasterKeyArn"], second["Arn"]);
        // Re-sending the exact ARN is refused (ack-api-quirks, DDB-TABLE-082).
        auto r =
            e.call("UpdateTable",
                   {{"TableName", "orders"},
                    {"SSESpecification",
                     {{"Enabled", true}, {"SSEType", "KMS"}, {"KMSMasterKeyId", second["Arn"]}}}});
        QCOMPARE(
            error_of(r),
            std::string("ValidationException: Table is already encrypted with given KMSMasterKey"));
    }

    // ---- a single-Region table whose key becomes unusable ----

    void aDisabledKeyMakesTheTableInaccessible() {
        KmsEngine e;
        const std::string arn = e.create_key()["Arn"];
        e.create_encrypted_table("orders", arn);
        QVERIFY(!e.put("orders", "a").error);
        const tablespan::Millis disabled_at = e.clock->now();
        e.ok("kms:DisableKey", {{"KeyId", arn}});

        // The cached data key serves for 5.5 minutes (observed 5.5 min).
        e.engine->advance(5 * kMinuteMs);
        QVERIFY(!e.get("orders", "a").error);
        e.engine->advance(30'000);
        QVERIFY2(starts_with(error_of(e.get("orders", "a")), disabled_text(arn)),
                 error_of(e.get("orders", "a")).c_str());
        QVERIFY(starts_with(error_of(e.put("orders", "b")), disabled_text(arn)));
        // Reads of the control plane work; the status lags (observed 13-75 min).
        Json d = e.describe("orders");
        JCOMPARE(d["TableStatus"], "ACTIVE");
        QVERIFY(!d["SSEDescription"].contains("InaccessibleEncryptionDateTime"));

        e.engine->advance(disabled_at + 44 * kMinuteMs - e.clock->now() - 1);
        JCOMPARE(e.describe("orders")["TableStatus"], "ACTIVE");
        e.engine->advance(1);
        d = e.describe("orders");
        JCOMPARE(d["TableStatus"], "INACCESSIBLE_ENCRYPTION_CREDENTIALS");
        JCOMPARE(d["SSEDescription"],
                 Json({{"Status", "ENABLED"},
                       {"SSEType", "KMS"},
                       {"KMSMasterKeyArn", arn},
                       {"InaccessibleEncryptionDateTime",
                        static_cast<double>(disabled_at + 44 * kMinuteMs) / 1000.0}}));
        QVERIFY(!d.contains("ArchivalSummary"));
        // What needs the key is refused with its error (DDB-TABLE-333).
        const std::string backup =
            error_of(e.call("CreateBackup", {{"TableName", "orders"}, {"BackupName", "backup1"}}));
        QVERIFY2(starts_with(backup, disabled_text(arn)), backup.c_str());
        QVERIFY(starts_with(
            error_of(e.call("UpdateTimeToLive", {{"TableName", "orders"},
                                                 {"TimeToLiveSpecification",
                                                  {{"Enabled", true}, {"AttributeName", "ttl"}}}})),
            disabled_text(arn)));
        QVERIFY(starts_with(
            error_of(e.call("UpdateTable",
                            {{"TableName", "orders"}, {"SSESpecification", {{"Enabled", true}}}})),
            disabled_text(arn)));

        // Enabled again: the data plane works after 5 minutes, the status after 37.5.
        const tablespan::Millis enabled_at = e.clock->now();
        e.ok("kms:EnableKey", {{"KeyId", arn}});
        e.engine->advance(5 * kMinuteMs - 1);
        QVERIFY(e.get("orders", "a").error);
        e.engine->advance(1);
        JCOMPARE(
            e.ok("GetItem", {{"TableName", "orders"}, {"Key", {{"pk", {{"S", "a"}}}}}})["Item"],
            Json({{"pk", {{"S", "a"}}}}));
        JCOMPARE(e.describe("orders")["TableStatus"], "INACCESSIBLE_ENCRYPTION_CREDENTIALS");
        e.engine->advance(enabled_at + 37 * kMinuteMs + 30'000 - e.clock->now());
        d = e.describe("orders");
        JCOMPARE(d["TableStatus"], "ACTIVE");
        JCOMPARE(d["SSEDescription"],
                 Json({{"Status", "ENABLED"}, {"SSEType", "KMS"}, {"KMSMasterKeyArn", arn}}));
    }

    void aKeyBackInTimeChangesNothing() {
        KmsEngine e;
        const std::string arn = e.create_key()["Arn"];
        e.create_encrypted_table("orders", arn);
        e.ok("kms:DisableKey", {{"KeyId", arn}});
        e.engine->advance(4 * kMinuteMs);
        e.ok("kms:EnableKey", {{"KeyId", arn}});
        e.engine->advance(2 * kHourMs);
        QVERIFY(!e.put("orders", "a").error);
        JCOMPARE(e.describe("orders")["TableStatus"], "ACTIVE");
    }

    void aKeyPendingDeletionAndThenDeleted() {
        KmsEngine e;
        const std::string arn = e.create_key()["Arn"];
        e.create_encrypted_table("orders", arn);
        e.ok("kms:ScheduleKeyDeletion", {{"KeyId", arn}, {"PendingWindowInDays", 7}});
        e.engine->advance(6 * kMinuteMs);
        QVERIFY(starts_with(error_of(e.get("orders", "a")),
                            "ValidationException: KMS validation error: com.amazonaws.services.kms."
                            "model.KMSInvalidStateException: " +
                                arn + " is pending deletion."));
        // CancelKeyDeletion alone leaves the key disabled (DDB-TABLE-335).
        e.ok("kms:CancelKeyDeletion", {{"KeyId", arn}});
        e.engine->advance(2 * kHourMs);
        QVERIFY(starts_with(error_of(e.get("orders", "a")), disabled_text(arn)));
        JCOMPARE(e.describe("orders")["TableStatus"], "INACCESSIBLE_ENCRYPTION_CREDENTIALS");
        // Scheduled again and deleted: the key is gone for good.
        e.ok("kms:ScheduleKeyDeletion", {{"KeyId", arn}, {"PendingWindowInDays", 7}});
        e.engine->advance(7 * 24 * kHourMs);
        QVERIFY(starts_with(error_of(e.get("orders", "a")),
                            "ValidationException: KMS validation error: com.amazonaws.services.kms."
                            "model.NotFoundException: Key '" +
                                arn + "' does not exist"));
    }

    void aTableInaccessibleForSevenDaysIsArchived() {
        KmsEngine e;
        const std::string arn = e.create_key()["Arn"];
        e.create_encrypted_table("orders", arn);
        QVERIFY(!e.put("orders", "a").error);
        const tablespan::Millis disabled_at = e.clock->now();
        e.ok("kms:DisableKey", {{"KeyId", arn}});
        const tablespan::Millis detected = disabled_at + 44 * kMinuteMs;
        e.engine->advance(detected + 7 * 24 * kHourMs - e.clock->now() - 1);
        JCOMPARE(e.describe("orders")["TableStatus"], "INACCESSIBLE_ENCRYPTION_CREDENTIALS");
        e.engine->advance(1);
        Json d = e.describe("orders");
        JCOMPARE(d["TableStatus"], "ARCHIVING");
        const Json summary = d["ArchivalSummary"];
        JCOMPARE(summary["ArchivalReason"], "INACCESSIBLE_ENCRYPTION_CREDENTIALS");
        JCOMPARE(summary["ArchivalDateTime"],
                 static_cast<double>(detected + 7 * 24 * kHourMs) / 1000.0);
        // An on-demand backup was created at the archival time.
        const Json backups = e.ok("ListBackups", {{"TableName", "orders"}})["BackupSummaries"];
        QCOMPARE(backups.size(), std::size_t{1});
        JCOMPARE(summary["ArchivalBackupArn"], backups[0]["BackupArn"]);
        e.engine->advance(5 * kMinuteMs);
        JCOMPARE(e.describe("orders")["TableStatus"], "ARCHIVED");
        // The key coming back changes nothing now; the table can be deleted.
        e.ok("kms:EnableKey", {{"KeyId", arn}});
        e.engine->advance(kHourMs);
        JCOMPARE(e.describe("orders")["TableStatus"], "ARCHIVED");
        e.ok("DeleteTable", {{"TableName", "orders"}});
        e.engine->advance(60'000);
        QVERIFY(e.call("DescribeTable", {{"TableName", "orders"}}).error);
    }

    void anInaccessibleTableCanBeDeleted() {
        KmsEngine e;
        const std::string arn = e.create_key()["Arn"];
        e.create_encrypted_table("orders", arn);
        e.ok("kms:DisableKey", {{"KeyId", arn}});
        e.engine->advance(kHourMs);
        JCOMPARE(e.describe("orders")["TableStatus"], "INACCESSIBLE_ENCRYPTION_CREDENTIALS");
        JCOMPARE(e.ok("DeleteTable", {{"TableName", "orders"}})["TableDescription"]["TableStatus"],
                 "DELETING");
        e.engine->advance(60'000);
        QVERIFY(e.call("DescribeTable", {{"TableName", "orders"}}).error);
    }

    void theTimelineSurvivesARestart() {
        KmsEngine e;
        const std::string arn = e.create_key()["Arn"];
        e.create_encrypted_table("orders", arn);
        const tablespan::Millis disabled_at = e.clock->now();
        e.ok("kms:DisableKey", {{"KeyId", arn}});
        e.engine->advance(3 * kMinuteMs);
        e.reopen();
        e.engine->advance(3 * kMinuteMs);
        QVERIFY(starts_with(error_of(e.get("orders", "a")), disabled_text(arn)));
        e.reopen();
        e.engine->advance(disabled_at + 44 * kMinuteMs - e.clock->now());
        JCOMPARE(e.describe("orders")["TableStatus"], "INACCESSIBLE_ENCRYPTION_CREDENTIALS");
        const tablespan::Millis enabled_at = e.clock->now();
        e.ok("kms:EnableKey", {{"KeyId", arn}});
        e.reopen();
        e.engine->advance(enabled_at + 37 * kMinuteMs + 30'000 - e.clock->now());
        JCOMPARE(e.describe("orders")["TableStatus"], "ACTIVE");
        QVERIFY(!e.get("orders", "a").error);
    }
};

QTEST_APPLESS_MAIN(TstKms)
#include "tst_kms.moc"
