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
    // replicas, then `tags` (a Tags array; null: not known yet). A provisioned table's
    // capacity shows its auto scaling from `scaling` (a TableAutoScalingDescription; a
    // string: why it is not known; null: not known yet) and when it last changed.
    static QString html(const tablespan::Json& table, const tablespan::Json& tags = {},
                        const tablespan::Json& scaling = {});

    // How far the backfill of a GSI being created has come, 0–99: its item count against
    // the table's (both exact in DescribeTable). -1 when `index` is not backfilling. A
    // sparse index (items without its keys) stays below 100 until it is ACTIVE.
    static int backfillPercent(const tablespan::Json& table, const tablespan::Json& index);
    // "name (type)" of the key of `keyType` (HASH or RANGE) in `keySchema`, or empty; the
    // attributes of a multi-attribute key joined in key order: "tenant (S) + zone (N)".
    static QString keyText(const tablespan::Json& table, const tablespan::Json& keySchema,
                           const char* keyType);
    static QString projectionText(const tablespan::Json& projection);

private:
    static QString indexes(const tablespan::Json& table);
    static QString capacity(const tablespan::Json& table, const tablespan::Json& scaling);
    static QString str(const tablespan::Json& j, const char* key);
};
