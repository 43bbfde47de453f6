#pragma once

// The text that tells what a scenario sets up before it runs: how long the load and the
// drain last, its tables (regions, consistency, billing) and the load per region.

#include <QCoreApplication>
#include <QString>

#include <nlohmann/json.hpp>

class ScenarioSetupText final {
    Q_DECLARE_TR_FUNCTIONS(ScenarioSetupText)

public:
    // From outline_scenario(): an HTML paragraph.
    static QString describe(const nlohmann::json& outline);
    // 90 → "1 min 30 s", 3600 → "1 h".
    static QString duration(double seconds);
};
