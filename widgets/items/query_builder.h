#pragma once

// Turns what the Scan/Query form holds into request parameters: KeyConditionExpression,
// FilterExpression, ProjectionExpression, with every name and value as a placeholder in
// ExpressionAttributeNames/Values (so reserved words and odd names just work).

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include "tablespan/engine.h"

struct Condition {
    QString attribute;
    QString op;                          // one of QueryBuilder::filterOperators()
    QString type = QStringLiteral("S");  // S, N, B, BOOL, NULL (for the value)
    QString value;
    QString value2;  // BETWEEN's upper bound
};

// One more attribute of a multi-attribute (GSI) key in a Query: a partition attribute
// (always by equality: `op` unused) or a sort attribute with its condition.
struct KeyCondition {
    QString attribute;
    QString type = QStringLiteral("S");  // S, N or B
    QString op;                          // one of sortKeyOperators(); empty: not given
    QString value;
    QString value2;  // BETWEEN's upper bound
};

struct QuerySpec {
    bool query = false;  // Query (key condition) or Scan
    QString indexName;   // empty: the table itself
    QString partitionKey, partitionType, partitionValue;
    QString sortKey, sortType;  // sortKey empty: the table has none
    QString sortOp;             // empty: no sort key condition
    QString sortValue, sortValue2;
    // A multi-attribute key: the partition attributes after the first, each required by
    // equality, and the sort attributes after the first, given left to right without a
    // gap, each by equality but the last given one.
    QList<KeyCondition> morePartition;
    QList<KeyCondition> moreSort;
    QList<Condition> filters;
    bool matchAll = true;  // AND or OR between filters
    QStringList projection;
    bool descending = false;  // Query only
};

class QueryBuilder {
    Q_DECLARE_TR_FUNCTIONS(QueryBuilder)

public:
    // =, <>, <, <=, >, >=, BETWEEN, begins_with, contains, not contains,
    // attribute_exists, attribute_not_exists, attribute_type.
    static QStringList filterOperators();
    // =, <, <=, >, >=, BETWEEN, begins_with.
    static QStringList sortKeyOperators();
    // How many values an operator takes (0, 1 or 2).
    static int operandCount(const QString& op);

    // The request parameters (no TableName), or null with `error` set: a partition value
    // missing, a sort attribute given after one left out, a range condition before the
    // last sort attribute given, a value not of its type.
    static tablespan::Json build(const QuerySpec& spec, QString* error);
    // A DynamoDB JSON value from text typed as `type`; null with `error` set on failure.
    static tablespan::Json typedValue(const QString& type, const QString& text, QString* error);
};
