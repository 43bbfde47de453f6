#pragma once

// Plays a scenario on a worker thread (run_scenario on its own private engine, in a
// scratch directory on /dev/shm when that is writable), so that the console stays
// responsive. Each second of engine time is posted to the GUI thread (second());
// finished() comes once with the report or the error. stop() sets the engine's cancel
// flag: the run ends at the next step and its report covers what ran.

#include <atomic>
#include <memory>
#include <optional>

#include <QObject>
#include <QString>

#include "tablespan/scenario.h"

Q_DECLARE_METATYPE(tablespan::ScenarioSecond)

class QTemporaryDir;
class QThread;

class ScenarioJob final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioJob)

public:
    explicit ScenarioJob(QObject* parent = nullptr);
    // Stops a run still going and waits for its thread.
    ~ScenarioJob() override;

    // False when a run is going on already or no scratch directory can be made (`error`).
    bool start(const nlohmann::json& file, std::optional<quint64> seed, QString* error = nullptr);
    void stop();
    bool running() const { return m_thread != nullptr; }
    const nlohmann::json& report() const { return m_report; }

signals:
    void second(const tablespan::ScenarioSecond& second);
    // `error` empty: the report is in report().
    void finished(const QString& error);

private:
    void done(const tablespan::ScenarioOutcome& outcome);

    QThread* m_thread = nullptr;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::atomic<bool> m_cancel{false};
    nlohmann::json m_report;
};
