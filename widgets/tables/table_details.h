#pragma once

// A readable rendering of a DescribeTable `Table` object for the details pane.

#include <QCoreApplication>
#include <QString>

#include "tablespan/engine.h"

class TableDetails {
    Q_DECLARE_TR_FUNCTIONS(TableDetails)

public:
    // HTML for a QTextBrowser: the overview, keys, capacity, settings, secondary indexes
    // (a line each: kind, keys, projection, status and backfill, item count, size) and
    // replicas.
    static QString html(const tablespan::Json& table);

private:
    static QString indexes(const tablespan::Json& table);
    // "name (type)" of the key of `keyType` (HASH or RANGE) in `keySchema`, or empty.
    static QString keyText(const tablespan::Json& table, const tablespan::Json& keySchema,
                           const char* keyType);
    static QString projectionText(const tablespan::Json& projection);
    static QString str(const tablespan::Json& j, const char* key);
};
