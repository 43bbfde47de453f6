#pragma once

// The Fault scenarios tab: the user opens a scenario file (or one of the shipped
// examples), sees its description, tables, load and faults on a timeline, sets the seed
// and runs it on a private engine on a worker thread (ScenarioJob). The charts grow a
// point per second of engine time while it runs, Stop ends it early; at the end the
// report (ScenarioReportView) can be saved as JSON, and a saved report opened again
// (the same view without running). An invalid file shows the engine's message, which
// names the field.

#include <optional>

#include <QWidget>

#include <nlohmann/json.hpp>

#include "scenarios/scenario_series.h"

class MainWindow;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTimer;
class ScenarioCharts;
class ScenarioJob;
class ScenarioReportView;
class ScenarioTimeline;

class ScenariosTab final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenariosTab)

public:
    explicit ScenariosTab(QWidget* parent = nullptr);

    // The shipped examples (Qt resources, ":/scenarios/…").
    static QStringList examples();

    // Reads a scenario file; false (and the error shown) when it cannot be read or is
    // invalid.
    bool openScenario(const QString& path);
    bool setScenario(const nlohmann::json& file, const QString& source);
    // Shows a saved report without running; false (and the error shown) when unreadable.
    bool openReport(const QString& path);
    bool saveReport(const QString& path);
    void setSeed(quint64 seed);
    std::optional<quint64> seed() const;

    const nlohmann::json& report() const { return m_report; }
    QString errorText() const;
    bool running() const;
    int secondsDone() const { return m_series.seconds(); }

    ScenarioTimeline* timeline() const { return m_timeline; }
    ScenarioCharts* charts() const { return m_charts; }
    ScenarioReportView* reportView() const { return m_reportView; }
    QProgressBar* progress() const { return m_progress; }
    ScenarioJob* job() const { return m_job; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* stopButton() const { return m_stop; }
    QLabel* descriptionLabel() const { return m_description; }
    QLabel* setupLabel() const { return m_setup; }

public slots:
    void run();
    void stop();
    void chooseScenario();
    void chooseReport();
    void chooseSaveReport();

signals:
    void message(const QString& text);
    // Emitted when a run ends (with its report) or fails (`error`).
    void runFinished(const QString& error);

private:
    void showError(const QString& text);
    void showOutline(const nlohmann::json& outline);
    void onSecond();
    void onFinished(const QString& error);
    void redraw();
    void updateButtons();

    ScenarioJob* m_job;
    nlohmann::json m_file;     // the scenario open (null: none)
    nlohmann::json m_outline;  // outline_scenario or a report's header
    nlohmann::json m_report;
    ScenarioSeries m_series;
    QComboBox* m_examples;
    QPushButton* m_open;
    QPushButton* m_openReport;
    QLineEdit* m_seed;
    QPushButton* m_run;
    QPushButton* m_stop;
    QPushButton* m_save;
    QLabel* m_error;
    QLabel* m_title;
    QLabel* m_description;
    QLabel* m_setup;
    ScenarioTimeline* m_timeline;
    QProgressBar* m_progress;
    QLabel* m_status;
    ScenarioCharts* m_charts;
    ScenarioReportView* m_reportView;
    QTimer* m_redraw;
};

// Adds the tab after the window's others; owned by `window`.
ScenariosTab* installScenariosTab(MainWindow& window);
