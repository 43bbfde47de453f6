#pragma once

// One secondary index of the create-table dialog: what it collects, the service's rules
// for it, and its part of the CreateTable request.

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include "tablespan/engine.h"

struct CreateTableSpec;
struct SpecProblem;

struct IndexSpec {
    using KeyAttributes = QList<QPair<QString, QString>>;  // (name, type S/N/B)
    static constexpr int kMaxKeyAttributes = 4;            // of each kind, in a GSI's key

    bool local = false;  // an LSI (partition key = the table's) or a GSI
    QString name;
    QString partitionKey;  // an LSI's is the table's, whatever this holds
    QString partitionType = QStringLiteral("S");
    bool hasSortKey = false;  // an LSI always has one
    QString sortKey;
    QString sortType = QStringLiteral("S");
    // A GSI's multi-attribute key: the partition (HASH) and sort (RANGE) attributes after
    // the first ones above, in key order. An LSI has none; without a sort key the sort
    // ones are ignored.
    KeyAttributes morePartitionKeys;
    KeyAttributes moreSortKeys;
    QString projection = QStringLiteral("ALL");  // ALL, KEYS_ONLY or INCLUDE
    QStringList nonKeyAttributes;                // INCLUDE only
};

// Appends the problems of the spec's indexes: names 3–255 characters of a-z A-Z 0-9 _ . -
// and unique, key names given, an LSI only on a table with a sort key and with a sort key
// of its own, a GSI key of at most 4 partition and 4 sort attributes with no attribute
// twice, INCLUDE with at least one attribute (at most 100 over all indexes), at most 20
// GSIs and 5 LSIs, and no attribute given two types.
void validateIndexes(const CreateTableSpec& spec, QList<SpecProblem>& problems);

// The index's partition (HASH) and sort (RANGE) key attributes as (name, type), in key
// order; an LSI's partition key is `table`'s.
IndexSpec::KeyAttributes partitionKeysOf(const CreateTableSpec& table, const IndexSpec& index);
IndexSpec::KeyAttributes sortKeysOf(const IndexSpec& index);

// Adds GlobalSecondaryIndexes/LocalSecondaryIndexes and the index keys'
// AttributeDefinitions (each attribute once) to a CreateTable request. A KeySchema lists
// the HASH attributes first, then the RANGE ones.
void addIndexesToRequest(const CreateTableSpec& spec, tablespan::Json& request);
