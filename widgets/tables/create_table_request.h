#pragma once

// What the create-table dialog collects, the service's rules for it, and the
// CreateTable request it makes.

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include "tables/index_spec.h"
#include "tablespan/engine.h"

struct CreateTableSpec {
    QString name;
    QString partitionKey;
    QString partitionType = QStringLiteral("S");  // S, N or B
    bool hasSortKey = false;
    QString sortKey;
    QString sortType = QStringLiteral("S");
    bool onDemand = true;
    int readCapacity = 5;
    int writeCapacity = 5;
    bool infrequentAccess = false;
    QString streamViewType;  // empty: no stream
    enum class Encryption { Owned, AwsManagedKms, CustomerKms } encryption = Encryption::Owned;
    QString kmsKeyId;
    bool deletionProtection = false;
    QList<QPair<QString, QString>> tags;
    QList<IndexSpec> indexes;
};

// One problem with a field, in the words the dialog shows next to it.
struct SpecProblem {
    enum Field { Name, PartitionKey, SortKey, Capacity, Kms, Tags, Indexes } field;
    QString message;
};

// Checks the spec with the service's rules (table name 3–255 characters of
// a-z A-Z 0-9 _ . -, key names 1–255 bytes and distinct, capacity 1–40,000 per table,
// tag keys 1–128 and values up to 256 characters, at most 50 distinct tag keys), then
// the indexes (validateIndexes).
QList<SpecProblem> validateSpec(const CreateTableSpec& spec);

// The CreateTable request for a valid spec.
tablespan::Json createTableRequest(const CreateTableSpec& spec);
