#pragma once

// One write of the outage comparison's load, as the drill records it: which table
// (eventually or strongly consistent), where it was sent, the item it wrote, when it was
// sent and answered (engine time) and how.

#include <QList>
#include <QString>

struct DrillWrite {
    enum Table { Eventual = 0, Strong = 1 };
    static constexpr int kTables = 2;

    int table = Eventual;
    QString region;
    QString key;
    bool hot = false;        // the item every region writes (conflicts); not counted for RPO
    qint64 sentMs = 0;       // engine time
    qint64 answeredMs = -1;  // engine time of the answer; -1 = no answer (yet)
    QString errorType;       // "" = acknowledged

    bool answered() const { return answeredMs >= 0; }
    bool acknowledged() const { return answered() && errorType.isEmpty(); }
    double latencyMs() const { return static_cast<double>(answeredMs - sentMs); }
};

// When the drill's phases happened, on engine time.
struct DrillTimeline {
    qint64 loadStartMs = 0;
    qint64 outageStartMs = 0;  // the fault was applied
    qint64 readMs = 0;         // the other regions were read (the fault still on)
    qint64 healedMs = 0;       // the fault was lifted
    qint64 loadEndMs = 0;
};
