#include "recovery/recovery_request.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace {
bool validName(const QString& name) {
    static const QRegularExpression pattern(QStringLiteral("^[a-zA-Z0-9_.-]+$"));
    return pattern.match(name).hasMatch();
}
}  // namespace

QString backupNameProblem(const QString& name) {
    if (name.size() < 3 || name.size() > 255)
        return QCoreApplication::translate("RecoveryRequest",
                                           "A backup name has 3 to 255 characters.");
    if (!validName(name))
        return QCoreApplication::translate(
            "RecoveryRequest",
            "A backup name may contain only a–z, A–Z, 0–9, underscore (_), hyphen (-) "
            "and period (.).");
    return {};
}

QString targetTableProblem(const QString& name) {
    if (name.size() < 3 || name.size() > 255)
        return QCoreApplication::translate("RecoveryRequest",
                                           "A table name has 3 to 255 characters.");
    if (!validName(name))
        return QCoreApplication::translate(
            "RecoveryRequest",
            "A table name may contain only a–z, A–Z, 0–9, underscore (_), hyphen (-) "
            "and period (.).");
    return {};
}

QString overridesProblem(const RestoreOverrides& o) {
    if (o.billing == RestoreOverrides::Billing::Provisioned &&
        (o.readCapacity < 1 || o.writeCapacity < 1 || o.readCapacity > 40000 ||
         o.writeCapacity > 40000))
        return QCoreApplication::translate(
            "RecoveryRequest", "Read and write capacity units are between 1 and 40,000.");
    if (o.encryption == RestoreOverrides::Encryption::CustomerKms && o.kmsKeyId.trimmed().isEmpty())
        return QCoreApplication::translate("RecoveryRequest",
                                           "Enter the KMS key ID, ARN or alias.");
    return {};
}

void addOverrides(tablespan::Json& request, const RestoreOverrides& o) {
    using B = RestoreOverrides::Billing;
    using E = RestoreOverrides::Encryption;
    if (o.billing == B::OnDemand) request["BillingModeOverride"] = "PAY_PER_REQUEST";
    if (o.billing == B::Provisioned) {
        request["BillingModeOverride"] = "PROVISIONED";
        request["ProvisionedThroughputOverride"] = {{"ReadCapacityUnits", o.readCapacity},
                                                    {"WriteCapacityUnits", o.writeCapacity}};
    }
    switch (o.encryption) {
        case E::Source:
            break;
        case E::Owned:
            request["SSESpecificationOverride"] = {{"Enabled", false}};
            break;
        case E::AwsManagedKms:
            request["SSESpecificationOverride"] = {{"Enabled", true}, {"SSEType", "KMS"}};
            break;
        case E::CustomerKms:
            request["SSESpecificationOverride"] = {
                {"Enabled", true},
                {"SSEType", "KMS"},
                {"KMSMasterKeyId", o.kmsKeyId.trimmed().toStdString()}};
            break;
    }
}
