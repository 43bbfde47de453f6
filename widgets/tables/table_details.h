#pragma once

// A readable rendering of a DescribeTable `Table` object for the details pane.

#include <QCoreApplication>
#include <QString>

#include "tablespan/engine.h"

class TableDetails {
    Q_DECLARE_TR_FUNCTIONS(TableDetails)

public:
    // HTML for a QTextBrowser: the overview, keys, capacity, settings, secondary indexes
    // (kind, keys, projection, status, backfill, item count, size) and replicas.
    static QString html(const tablespan::Json& table);

private:
    static QString indexes(const tablespan::Json& table);
    static QString keysText(const tablespan::Json& table, const tablespan::Json& keySchema);
    static QString projectionText(const tablespan::Json& projection);
    static QString str(const tablespan::Json& j, const char* key);
};
