#pragma once

// `tablespan --scenario FILE --report OUT.json [--seed N]`: plays a fault scenario on a
// private engine in manual mode, as fast as the machine allows, writes the report as
// JSON and prints a summary. No window, no endpoint.

#include <optional>

#include <QString>

// Returns the process exit status: 0 done, 1 the scenario failed or the report could
// not be written, 2 the file is unreadable or invalid.
int runScenarioHeadless(const QString& file, const QString& report, std::optional<quint64> seed);
