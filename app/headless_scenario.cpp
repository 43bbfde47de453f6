#include "headless_scenario.h"

#include <cstdio>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include "tablespan/scenario.h"

namespace {

void print(FILE* to, const QString& line) {
    std::fputs(line.toLocal8Bit().append('\n').constData(), to);
}

}  // namespace

int runScenarioHeadless(const QString& file, const QString& report, std::optional<quint64> seed) {
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        print(stderr, QCoreApplication::translate("scenario", "Cannot read the scenario %1: %2")
                          .arg(file, in.errorString()));
        return 2;
    }
    const nlohmann::json scenario =
        nlohmann::json::parse(in.readAll().toStdString(), nullptr, false);
    if (scenario.is_discarded()) {
        print(stderr, QCoreApplication::translate("scenario", "The scenario %1 is not valid JSON.")
                          .arg(file));
        return 2;
    }
    if (auto error = tablespan::check_scenario(scenario)) {
        print(stderr, QCoreApplication::translate("scenario", "The scenario %1 is invalid: %2")
                          .arg(file, QString::fromStdString(*error)));
        return 2;
    }
    // The scenario's engine is scratch: in memory where the system offers a tmpfs (its
    // commits then cost no disk flush), else in the temporary directory.
    const QString shm = QStringLiteral("/dev/shm");
    QTemporaryDir work(QFileInfo(shm).isWritable()
                           ? shm + QStringLiteral("/tablespan-scenario-XXXXXX")
                           : QString());
    if (!work.isValid()) {
        print(stderr,
              QCoreApplication::translate("scenario", "Cannot create a working directory: %1")
                  .arg(work.errorString()));
        return 1;
    }
    tablespan::ScenarioOptions options;
    options.data_dir = work.filePath(QStringLiteral("engine")).toStdString();
    if (seed) options.seed = *seed;
    QElapsedTimer timer;
    timer.start();
    const tablespan::ScenarioOutcome outcome = tablespan::run_scenario(scenario, options);
    if (outcome.error) {
        print(stderr, QCoreApplication::translate("scenario", "The scenario failed: %1")
                          .arg(QString::fromStdString(*outcome.error)));
        return 1;
    }
    if (!report.isEmpty()) {
        QFile out(report);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            out.write(QByteArray::fromStdString(outcome.report.dump() + "\n")) < 0) {
            print(stderr, QCoreApplication::translate("scenario", "Cannot write the report %1: %2")
                              .arg(report, out.errorString()));
            return 1;
        }
    }
    const nlohmann::json& totals = outcome.report["totals"];
    std::int64_t lost = 0;
    for (const auto& r : outcome.report["rpo"]) lost += r.value("lostWrites", std::int64_t{0});
    print(stdout, QCoreApplication::translate(
                      "scenario",
                      "%1: %2 s of engine time in %3 s; writes served %4, refused %5, throttled "
                      "%6; acknowledged writes lost %7; last-writer-wins conflicts %8")
                      .arg(QString::fromStdString(outcome.report.value("scenario", "")))
                      .arg(outcome.report.value("durationSeconds", 0.0))
                      .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1)
                      .arg(totals.value("writesServed", std::int64_t{0}))
                      .arg(totals.value("writesRefused", std::int64_t{0}))
                      .arg(totals.value("writesThrottled", std::int64_t{0}))
                      .arg(lost)
                      .arg(outcome.report["conflicts"].value("lwwConflicts", std::int64_t{0})));
    return 0;
}
