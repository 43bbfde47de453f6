#pragma once

// A table's auto scaling as the console edits it, read from DescribeTableReplicaAutoScaling's
// TableAutoScalingDescription for one replica, and the UpdateTableReplicaAutoScaling request
// that turns one set into another. Write capacity scales alike in every replica of a global
// table; read capacity is the replica's own (named by its region code in ReplicaUpdates).

#include <QCoreApplication>
#include <QMap>
#include <QString>

#include "tablespan/json_codec.h"

// One scalable dimension: a table's or a GSI's read or write capacity.
struct ScalingDimension {
    bool on = false;
    qint64 minimum = 1;
    qint64 maximum = 10;
    double target = 70;  // target utilization, percent

    // An AutoScalingSettingsDescription; off when it is missing or disabled.
    static ScalingDimension fromDescription(const tablespan::Json& settings);
    // The AutoScalingSettingsUpdate that sets this dimension.
    tablespan::Json update() const;
    bool operator==(const ScalingDimension&) const = default;
};

struct IndexScaling {
    ScalingDimension read;
    ScalingDimension write;
    bool operator==(const IndexScaling&) const = default;
};

struct AutoScalingSettings {
    Q_DECLARE_TR_FUNCTIONS(AutoScalingSettings)

public:
    ScalingDimension read;
    ScalingDimension write;
    QMap<QString, IndexScaling> indexes;  // GSI name →

    // The settings of the replica in region `code` ("us-west-2") of a
    // TableAutoScalingDescription; the first replica's when none is in `code`.
    static AutoScalingSettings fromDescription(const tablespan::Json& description,
                                               const QString& code);
    // The UpdateTableReplicaAutoScaling request for `table`, whose replica in region `code`
    // the read settings belong to, with only the dimensions that change. Null when nothing
    // changes.
    static tablespan::Json updateRequest(const QString& table, const QString& code,
                                         const AutoScalingSettings& from,
                                         const AutoScalingSettings& to);
    // "On: 5–50 units, target 70 %" or "Off".
    static QString summary(const ScalingDimension& d);

    bool operator==(const AutoScalingSettings&) const = default;
};
