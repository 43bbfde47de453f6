#pragma once

// For the scenario tests: the shipped example files, and a headless run on a scratch
// engine that fails the test when the scenario cannot run.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <optional>

#include "engine_fixture.h"
#include "tablespan/scenario.h"

// The scenario engines' files are scratch: on a tmpfs where there is one.
inline QString scenarioScratchRoot() {
    return QFileInfo(QStringLiteral("/dev/shm")).isWritable() ? QStringLiteral("/dev/shm")
                                                              : QDir::tempPath();
}

// resources/scenarios/`name`, parsed.
inline tablespan::Json shippedScenario(const char* name) {
    QFile f(QStringLiteral(TABLESPAN_SCENARIO_DIR "/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", name);
    return tablespan::Json::parse(f.readAll().toStdString());
}

// Plays `file` on an engine under `dir`; the report.
inline tablespan::Json runScenario(const QTemporaryDir& dir, const tablespan::Json& file,
                                   std::optional<std::uint64_t> seed = std::nullopt) {
    tablespan::ScenarioOptions options;
    options.data_dir = dir.filePath(QStringLiteral("engine")).toStdString();
    options.seed = seed;
    tablespan::ScenarioOutcome out = tablespan::run_scenario(file, options);
    if (out.error) qFatal("scenario failed: %s", out.error->c_str());
    return out.report;
}
