#pragma once

// The settings of a table that UpdateTable changes after creation, read from a
// DescribeTable `Table` object, and the UpdateTable request that turns one set into
// another.

#include <QString>

#include "tablespan/engine.h"

struct TableSettings {
    bool deletionProtection = false;
    QString billingMode = QStringLiteral("PAY_PER_REQUEST");  // or PROVISIONED
    qint64 readCapacity = 5;                                  // meaningful when PROVISIONED
    qint64 writeCapacity = 5;                                 // meaningful when PROVISIONED
    QString tableClass = QStringLiteral("STANDARD");          // or STANDARD_INFREQUENT_ACCESS
    bool streamEnabled = false;
    QString streamViewType = QStringLiteral("NEW_AND_OLD_IMAGES");

    // The settings a DescribeTable `Table` object describes.
    static TableSettings fromDescription(const tablespan::Json& table);

    // The UpdateTable request for table `name` that changes `from` into `to`, with only
    // the members that change (the service refuses, for example, enabling a stream that
    // is enabled). Null when nothing changes.
    static tablespan::Json updateRequest(const QString& name, const TableSettings& from,
                                         const TableSettings& to);

    bool operator==(const TableSettings&) const = default;
};
