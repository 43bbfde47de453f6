#pragma once

// The words for a scenario's faults and phases in the console's language. The engine's
// outline and report carry each fault's kind and regions; its English "label" is for the
// headless report and is used here only for a kind this console does not know.

#include <QCoreApplication>
#include <QString>

#include <nlohmann/json.hpp>

class ScenarioLabels {
    Q_DECLARE_TR_FUNCTIONS(ScenarioLabels)

public:
    // "us-west-2 offline", "us-west-2/ap-southeast-2 cut", … from an outline's or a
    // report's fault.
    static QString fault(const nlohmann::json& fault);
    // A report's phase: the faults in effect, or before / after the faults.
    static QString phase(const nlohmann::json& phase, const nlohmann::json& faults);
    // A finding's fault, by its index into the report's faults.
    static QString faultAt(const nlohmann::json& finding, const nlohmann::json& faults);
    // A throttling reason of the service (ThrottlingReasons[].reason, e.g.
    // TableWriteProvisionedThroughputExceeded) in words: "table writes over provisioned
    // capacity". An exception name or a reason this console does not know stays as it is.
    static QString throttlingReason(const QString& reason);
};
