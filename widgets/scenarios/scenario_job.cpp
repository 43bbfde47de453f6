#include "scenarios/scenario_job.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QThread>

ScenarioJob::ScenarioJob(QObject* parent) : QObject(parent) {
    qRegisterMetaType<tablespan::ScenarioSecond>();
}

ScenarioJob::~ScenarioJob() {
    if (!m_thread) return;
    m_cancel = true;
    m_thread->wait();
    delete m_thread;
}

bool ScenarioJob::start(const nlohmann::json& file, std::optional<quint64> seed, QString* error) {
    if (m_thread) return false;
    // Scratch: in memory where the system offers a tmpfs (commits cost no disk flush).
    const QString shm = QStringLiteral("/dev/shm");
    const QString root = QFileInfo(shm).isWritable() ? shm : QDir::tempPath();
    m_dir = std::make_unique<QTemporaryDir>(root + QStringLiteral("/tablespan-scenario-XXXXXX"));
    if (!m_dir->isValid()) {
        if (error) *error = tr("Cannot create a working directory: %1").arg(m_dir->errorString());
        m_dir.reset();
        return false;
    }
    m_cancel = false;
    m_report = nullptr;
    tablespan::ScenarioOptions options;
    options.data_dir = m_dir->filePath(QStringLiteral("engine")).toStdString();
    options.seed = seed;
    options.cancel = &m_cancel;
    // Runs on the worker thread: each second goes to the GUI thread, queued. Posted events
    // die with this object, and the destructor waits for the thread first.
    options.on_second = [this](const tablespan::ScenarioSecond& s) {
        QMetaObject::invokeMethod(
            this, [this, s] { emit second(s); }, Qt::QueuedConnection);
    };
    m_thread = QThread::create([this, file, options] {
        tablespan::ScenarioOutcome outcome = tablespan::run_scenario(file, options);
        QMetaObject::invokeMethod(
            this, [this, outcome = std::move(outcome)] { done(outcome); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("scenario"));
    m_thread->start();
    return true;
}

void ScenarioJob::stop() {
    m_cancel = true;
}

void ScenarioJob::done(const tablespan::ScenarioOutcome& outcome) {
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_dir.reset();
    m_report = outcome.report;
    emit finished(outcome.error ? QString::fromStdString(*outcome.error) : QString());
}
