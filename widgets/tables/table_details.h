#pragma once

// A readable rendering of a DescribeTable `Table` object for the details pane.

#include <QCoreApplication>
#include <QString>

#include "tablespan/engine.h"

class TableDetails {
    Q_DECLARE_TR_FUNCTIONS(TableDetails)

public:
    // HTML for a QTextBrowser: the overview, keys, capacity, settings and replicas.
    static QString html(const tablespan::Json& table);

private:
    static QString str(const tablespan::Json& j, const char* key);
};
