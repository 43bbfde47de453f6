#pragma once

// A readable rendering of a DescribeBackup `BackupDescription` for the details pane of
// the Backups tab.

#include <QCoreApplication>
#include <QString>

#include "tablespan/engine.h"

class BackupDetails {
    Q_DECLARE_TR_FUNCTIONS(BackupDetails)

public:
    // HTML for a QTextBrowser: the backup, its source table, and the table's features.
    static QString html(const tablespan::Json& description);
};
