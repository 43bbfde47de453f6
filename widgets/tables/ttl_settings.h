#pragma once

// A table's Time to Live setting, read from a DescribeTimeToLive
// `TimeToLiveDescription`, and the UpdateTimeToLive request that turns one setting into
// another.

#include <QString>

#include "tablespan/engine.h"

struct TtlSettings {
    bool enabled = false;
    QString attribute;  // the Number attribute holding each item's expiry (epoch seconds)

    // The setting a DescribeTimeToLive `TimeToLiveDescription` describes: ENABLED with its
    // AttributeName, anything else off (the service names no attribute when DISABLED).
    static TtlSettings fromDescription(const tablespan::Json& description);

    // The UpdateTimeToLive request for table `name` that changes `from` into `to`, or
    // null when nothing changes. Turning TTL off names the attribute it is on, as the
    // service requires.
    static tablespan::Json updateRequest(const QString& name, const TtlSettings& from,
                                         const TtlSettings& to);

    // The attribute matters only while TTL is on.
    bool operator==(const TtlSettings& other) const {
        return enabled == other.enabled && (!enabled || attribute == other.attribute);
    }
};
