#pragma once

// What the outage comparison does: the three regions (one region set; the tables are
// created in the first), the region that fails and how, and the load, on engine time.

#include <QStringList>

struct DrillPlan {
    QStringList regions;
    QString faultRegion;
    // Offline: the region answers nothing. Isolated: its links to the other two are cut,
    // and it goes on answering its own clients as the engine lets it.
    bool offline = false;
    qint64 warmupMs = 10'000;
    qint64 outageMs = 30'000;
    qint64 recoveryMs = 10'000;
    int writesPerSecond = 4;  // per region and table
    int hotEvery = 5;         // every n-th write of a region goes to the item all share
};
