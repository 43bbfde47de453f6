#pragma once

// DynamoDB adds a replica to a provisioned table only when the write capacity of the table
// and of each GSI is auto scaled ("Table write capacity should either be Pay-Per-Request
// or AutoScaled.", "GSI write capacity …"). This recognises that refusal and says what to
// do about it.

#include <QCoreApplication>
#include <QString>

#include "tablespan/engine.h"

class WriteScalingRefusal {
    Q_DECLARE_TR_FUNCTIONS(WriteScalingRefusal)

public:
    // Whether `result` is that refusal.
    static bool matches(const tablespan::Result& result);
    // What the console shows instead: why, and the two ways out, then the service's words.
    static QString explanation(const QString& table, const tablespan::Result& result);
};
