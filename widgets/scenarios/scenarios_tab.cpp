#include "scenarios/scenarios_tab.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "scenarios/scenario_charts.h"
#include "scenarios/scenario_job.h"
#include "scenarios/scenario_report_view.h"
#include "scenarios/scenario_setup_text.h"
#include "scenarios/scenario_timeline.h"
#include "window/main_window.h"

namespace {

using nlohmann::json;

QStringList regionsOf(const json& outline) {
    QStringList out;
    for (const json& t : outline.value("tables", json::array()))
        for (const json& r : t.value("regions", json::array()))
            if (r.is_string() && !out.contains(QString::fromStdString(r.get<std::string>())))
                out << QString::fromStdString(r.get<std::string>());
    return out;
}

double totalSeconds(const json& outline) {
    return outline.value("durationSeconds", 0.0) + outline.value("drainSeconds", 0.0);
}

// Reads a JSON file; `error` says why not.
json readJson(const QString& path, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = ScenariosTab::tr("Cannot read %1: %2").arg(path, f.errorString());
        return json();
    }
    json value = json::parse(f.readAll().toStdString(), nullptr, false);
    if (value.is_discarded()) {
        *error = ScenariosTab::tr("%1 is not valid JSON.").arg(QFileInfo(path).fileName());
        return json();
    }
    return value;
}

}  // namespace

ScenariosTab::ScenariosTab(QWidget* parent)
    : QWidget(parent), m_job(new ScenarioJob(this)), m_redraw(new QTimer(this)) {
    setObjectName(QStringLiteral("scenariosTab"));
    m_examples = new QComboBox(this);
    m_examples->addItem(tr("Shipped examples…"));
    for (const QString& path : examples()) {
        QString error;
        const json file = readJson(path, &error);
        m_examples->addItem(QString::fromStdString(file.value("name", "")), path);
    }
    m_open = new QPushButton(tr("Open scenario…"), this);
    m_openReport = new QPushButton(tr("Open report…"), this);
    m_seed = new QLineEdit(this);
    m_seed->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{1,15}")), this));
    m_seed->setMaximumWidth(140);
    m_seed->setToolTip(tr("The same file and seed give the same report."));
    m_run = new QPushButton(tr("Run"), this);
    m_stop = new QPushButton(tr("Stop"), this);
    m_save = new QPushButton(tr("Save report…"), this);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_examples);
    bar->addWidget(m_open);
    bar->addWidget(m_openReport);
    bar->addStretch(1);
    bar->addWidget(new QLabel(tr("Seed:"), this));
    bar->addWidget(m_seed);
    bar->addWidget(m_run);
    bar->addWidget(m_stop);
    bar->addWidget(m_save);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("scenarioError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #d13212; font-weight: bold;"));
    m_error->hide();
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
    m_description = new QLabel(this);
    m_description->setWordWrap(true);
    m_description->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_setup = new QLabel(this);
    m_setup->setWordWrap(true);
    m_setup->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* about = new QHBoxLayout;
    about->addWidget(m_description, 1);
    about->addWidget(m_setup, 1);
    m_timeline = new ScenarioTimeline(this);
    m_progress = new QProgressBar(this);
    m_progress->setFormat(tr("%v of %m s"));
    m_status = new QLabel(this);
    auto* progress = new QHBoxLayout;
    progress->addWidget(m_progress, 1);
    progress->addWidget(m_status, 1);
    m_charts = new ScenarioCharts(this);
    m_reportView = new ScenarioReportView(this);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_charts);
    split->addWidget(m_reportView);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    m_reportView->setMinimumHeight(150);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_error);
    layout->addWidget(m_title);
    layout->addLayout(about);
    layout->addWidget(m_timeline);
    layout->addLayout(progress);
    layout->addWidget(split, 1);

    m_redraw->setSingleShot(true);
    m_redraw->setInterval(250);
    connect(m_redraw, &QTimer::timeout, this, &ScenariosTab::redraw);
    connect(m_examples, &QComboBox::activated, this, [this](int index) {
        if (index > 0) openScenario(m_examples->itemData(index).toString());
        m_examples->setCurrentIndex(0);
    });
    connect(m_open, &QPushButton::clicked, this, &ScenariosTab::chooseScenario);
    connect(m_openReport, &QPushButton::clicked, this, &ScenariosTab::chooseReport);
    connect(m_save, &QPushButton::clicked, this, &ScenariosTab::chooseSaveReport);
    connect(m_run, &QPushButton::clicked, this, &ScenariosTab::run);
    connect(m_stop, &QPushButton::clicked, this, &ScenariosTab::stop);
    connect(m_job, &ScenarioJob::second, this, [this](const tablespan::ScenarioSecond& s) {
        m_series.add(s);
        onSecond();
    });
    connect(m_job, &ScenarioJob::finished, this, &ScenariosTab::onFinished);
    m_title->setText(tr("No scenario open"));
    m_description->setText(
        tr("Open a scenario file, or pick one of the shipped examples. A "
           "scenario runs on a private engine on engine time, as fast as this "
           "machine allows; the console's own tables are not touched."));
    updateButtons();
}

QStringList ScenariosTab::examples() {
    QStringList out;
    const QDir dir(QStringLiteral(":/scenarios"));
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
        out << dir.filePath(name);
    return out;
}

bool ScenariosTab::openScenario(const QString& path) {
    QString error;
    const json file = readJson(path, &error);
    if (file.is_null()) {
        showError(error);
        return false;
    }
    return setScenario(file, QFileInfo(path).fileName());
}

bool ScenariosTab::setScenario(const json& file, const QString& source) {
    if (running()) return false;
    if (auto error = tablespan::check_scenario(file)) {
        m_file = nullptr;
        showError(tr("The scenario %1 is invalid: %2").arg(source, QString::fromStdString(*error)));
        return false;
    }
    m_file = file;
    m_report = nullptr;
    m_error->hide();
    showOutline(tablespan::outline_scenario(file));
    m_seed->setText(QString::number(m_outline.value("seed", std::uint64_t{1})));
    m_reportView->clear();
    m_status->setText(tr("Ready to run."));
    updateButtons();
    return true;
}

void ScenariosTab::showOutline(const json& outline) {
    m_outline = outline;
    m_title->setText(QString::fromStdString(outline.value("name", "")));
    m_description->setText(QString::fromStdString(outline.value("description", "")));
    m_setup->setText(outline.contains("tables") ? ScenarioSetupText::describe(outline) : QString());
    m_timeline->setScenario(outline);
    m_series.clear();
    m_series.setRegions(regionsOf(outline));
    m_charts->reset(m_series.regions(), totalSeconds(outline), m_timeline->faults());
    m_progress->setRange(0, int(totalSeconds(outline)));
    m_progress->setValue(0);
}

void ScenariosTab::showError(const QString& text) {
    m_error->setText(text);
    m_error->show();
    updateButtons();
}

QString ScenariosTab::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

bool ScenariosTab::running() const {
    return m_job->running();
}

void ScenariosTab::setSeed(quint64 seed) {
    m_seed->setText(QString::number(seed));
}

std::optional<quint64> ScenariosTab::seed() const {
    bool ok = false;
    const quint64 s = m_seed->text().toULongLong(&ok);
    return ok ? std::optional<quint64>(s) : std::nullopt;
}

void ScenariosTab::run() {
    if (running() || m_file.is_null()) return;
    showOutline(tablespan::outline_scenario(m_file));
    m_report = nullptr;
    m_reportView->clear();
    m_error->hide();
    m_timeline->setProgress(0);
    QString error;
    if (!m_job->start(m_file, seed(), &error)) {
        showError(error);
        return;
    }
    m_status->setText(tr("Setting up the tables…"));
    updateButtons();
}

void ScenariosTab::stop() {
    if (!running()) return;
    m_job->stop();
    m_status->setText(tr("Stopping…"));
    m_stop->setEnabled(false);
}

void ScenariosTab::onSecond() {
    const int done = m_series.seconds();
    m_progress->setValue(std::min(done, m_progress->maximum()));
    m_timeline->setProgress(done);
    if (m_job->running() && m_stop->isEnabled())
        m_status->setText(
            done <= m_outline.value("durationSeconds", 0.0)
                ? tr("Running: %1 of load done.").arg(ScenarioSetupText::duration(done))
                : tr("Draining: the load has stopped, replication settles."));
    if (!m_redraw->isActive()) m_redraw->start();
}

void ScenariosTab::redraw() {
    m_charts->draw(m_series);
}

void ScenariosTab::onFinished(const QString& error) {
    m_redraw->stop();
    if (!error.isEmpty()) {
        redraw();
        m_status->setText(tr("Failed."));
        showError(tr("The scenario failed: %1").arg(error));
        emit runFinished(error);
        return;
    }
    m_report = m_job->report();
    // The charts from the report's own timeline: what the saved JSON holds.
    m_series.loadReport(m_report);
    redraw();
    m_reportView->setReport(m_report);
    m_status->setText(m_report.value("stopped", false)
                          ? tr("Stopped after %1 s of engine time.").arg(m_series.seconds())
                          : tr("Done: %1 s of engine time.").arg(m_series.seconds()));
    updateButtons();
    emit runFinished(QString());
}

bool ScenariosTab::openReport(const QString& path) {
    if (running()) return false;
    QString error;
    const json report = readJson(path, &error);
    if (report.is_null()) {
        showError(error);
        return false;
    }
    if (!report.is_object() || !report.contains("regions") || !report.contains("timeline") ||
        !report["timeline"].is_object()) {
        showError(tr("%1 is not a scenario report.").arg(QFileInfo(path).fileName()));
        return false;
    }
    m_error->hide();
    m_file = nullptr;
    json outline = {{"name", report.value("scenario", "")},
                    {"durationSeconds", report.value("durationSeconds", 0.0)},
                    {"drainSeconds", report.value("drainSeconds", 0.0)},
                    {"faults", report.value("faults", json::array())}};
    showOutline(outline);
    m_description->setText(tr("A saved report (%1), seed %2.")
                               .arg(QFileInfo(path).fileName())
                               .arg(report.value("seed", std::uint64_t{0})));
    m_report = report;
    m_series.loadReport(report);
    m_charts->reset(m_series.regions(), totalSeconds(outline), m_timeline->faults());
    redraw();
    m_progress->setValue(std::min(m_series.seconds(), m_progress->maximum()));
    m_reportView->setReport(report);
    m_status->setText(tr("A saved report."));
    updateButtons();
    return true;
}

bool ScenariosTab::saveReport(const QString& path) {
    if (m_report.is_null()) return false;
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        out.write(QByteArray::fromStdString(m_report.dump(2))) < 0) {
        showError(tr("Cannot write the report %1: %2").arg(path, out.errorString()));
        return false;
    }
    emit message(tr("Report saved to %1").arg(path));
    return true;
}

void ScenariosTab::chooseScenario() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open scenario"), {}, tr("Scenario files (*.json)"));
    if (!path.isEmpty()) openScenario(path);
}

void ScenariosTab::chooseReport() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open report"), {}, tr("Scenario reports (*.json)"));
    if (!path.isEmpty()) openReport(path);
}

void ScenariosTab::chooseSaveReport() {
    QString name = QString::fromStdString(m_report.value("scenario", "report"));
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]+")), QStringLiteral("-"));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save report"), name.toLower() + QStringLiteral("-report.json"),
        tr("Scenario reports (*.json)"));
    if (!path.isEmpty()) saveReport(path);
}

void ScenariosTab::updateButtons() {
    const bool busy = running();
    m_run->setEnabled(!busy && !m_file.is_null());
    m_stop->setEnabled(busy);
    m_save->setEnabled(!busy && !m_report.is_null());
    m_open->setEnabled(!busy);
    m_openReport->setEnabled(!busy);
    m_examples->setEnabled(!busy);
    m_seed->setEnabled(!busy && !m_file.is_null());
}

ScenariosTab* installScenariosTab(MainWindow& window) {
    auto* tab = new ScenariosTab(window.tabs());
    window.addTab(tab, ScenariosTab::tr("Fault scenarios"));
    QObject::connect(tab, &ScenariosTab::message, &window, &MainWindow::showMessage);
    return tab;
}
