#pragma once

// The service's rules for what the backup and restore dialogs collect (backup and table
// names: 3–255 characters of a–z A–Z 0–9 _ . -), and the overrides a restore may carry
// (RestoreTableFromBackup and RestoreTableToPointInTime take the same ones).

#include <QString>

#include "tablespan/engine.h"

// The problem with a backup name in the words the dialog shows, or empty when valid.
QString backupNameProblem(const QString& name);
// The same for the name of the table a restore creates.
QString targetTableProblem(const QString& name);

struct RestoreOverrides {
    enum class Billing { Source, OnDemand, Provisioned } billing = Billing::Source;
    int readCapacity = 5;
    int writeCapacity = 5;
    enum class Encryption {
        Source,
        Owned,
        AwsManagedKms,
        CustomerKms
    } encryption = Encryption::Source;
    QString kmsKeyId;
};

// The problem with the overrides (capacity 1–40,000, a KMS key when one is asked for).
QString overridesProblem(const RestoreOverrides& overrides);
// Adds BillingModeOverride, ProvisionedThroughputOverride and SSESpecificationOverride to
// a restore request; "Source" leaves a setting as the source had it.
void addOverrides(tablespan::Json& request, const RestoreOverrides& overrides);
