#pragma once

// The region sets of multi-Region strong consistency (MRSC): a strongly consistent
// global table has exactly three members (replicas or a witness), all in one set.
// The sets are the service's documented ones (dynamodb-semantics.md §3.5).

#include <QStringList>

namespace RegionSets {

// The set `region` belongs to (its regions in the order the service lists them), or an
// empty list when MRSC is not offered there.
QStringList setOf(const QString& region);
// Every set, US, EU and AP.
QList<QStringList> all();
// "US", "EU" or "AP" for a region of a set, else "".
QString nameOf(const QString& region);

}  // namespace RegionSets
