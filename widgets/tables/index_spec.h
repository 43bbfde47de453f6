#pragma once

// One secondary index of the create-table dialog: what it collects, the service's rules
// for it, and its part of the CreateTable request.

#include <QList>
#include <QString>
#include <QStringList>

#include "tablespan/engine.h"

struct CreateTableSpec;
struct SpecProblem;

struct IndexSpec {
    bool local = false;  // an LSI (partition key = the table's) or a GSI
    QString name;
    QString partitionKey;  // an LSI's is the table's, whatever this holds
    QString partitionType = QStringLiteral("S");
    bool hasSortKey = false;  // an LSI always has one
    QString sortKey;
    QString sortType = QStringLiteral("S");
    QString projection = QStringLiteral("ALL");  // ALL, KEYS_ONLY or INCLUDE
    QStringList nonKeyAttributes;                // INCLUDE only
};

// Appends the problems of the spec's indexes: names 3–255 characters of a-z A-Z 0-9 _ . -
// and unique, key names given, an LSI only on a table with a sort key and with a sort key
// of its own, INCLUDE with at least one attribute (at most 100 over all indexes), at most
// 20 GSIs and 5 LSIs, and no attribute given two types.
void validateIndexes(const CreateTableSpec& spec, QList<SpecProblem>& problems);

// Adds GlobalSecondaryIndexes/LocalSecondaryIndexes and the index keys'
// AttributeDefinitions (each attribute once) to a CreateTable request.
void addIndexesToRequest(const CreateTableSpec& spec, tablespan::Json& request);
