#pragma once

// When an item expires under Time to Live, read as the service reads it: a top-level
// Number of seconds since the epoch (fractions and exponents count); strings, even all
// digits, never expire, and a value more than five years in the past is ignored. And
// that moment as the Items tab shows it, beside engine time now.

#include <optional>

#include <QCoreApplication>
#include <QString>

#include "tablespan/engine.h"

class TtlExpiry {
    Q_DECLARE_TR_FUNCTIONS(TtlExpiry)

public:
    // The expiry, in whole seconds since the epoch, that `item`'s (DynamoDB JSON)
    // `attribute` gives it at engine time `nowMs`; nothing when the attribute is missing,
    // not a Number, more than five years before now, or beyond the year 9999.
    static std::optional<qint64> seconds(const tablespan::Json& item, const std::string& attribute,
                                         qint64 nowMs);
    // "in 3 h", "expired 5 min ago, pending deletion".
    static QString relative(qint64 seconds, qint64 nowMs);
    // The local date and time with relative(): "2026-09-21 14:03:20 · in 3 h".
    static QString text(qint64 seconds, qint64 nowMs);
    // A sentence for the tooltip, naming the attribute.
    static QString toolTip(qint64 seconds, qint64 nowMs, const QString& attribute);
};
