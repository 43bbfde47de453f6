#pragma once

// A scenario's timeline: a horizontal strip over the run's seconds of engine time (the
// load, then the drain, shaded), each fault on a lane of its own as a labelled span from
// its start to its heal (or to the end of the load when it does not heal), a region lost
// for good as a mark; a cursor shows how far a run has got.

#include <QList>
#include <QString>
#include <QWidget>

#include <nlohmann/json.hpp>

class ScenarioTimeline final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioTimeline)

public:
    struct Fault {
        QString kind;   // as in the file: "region-offline", "region-lost", …
        QString label;  // "us-west-2 offline"
        double at = 0;
        double until = 0;  // == at for a mark
        bool mark() const { return kind == QLatin1String("region-lost"); }
    };

    explicit ScenarioTimeline(QWidget* parent = nullptr);

    // From an outline (outline_scenario) or a report: durationSeconds, drainSeconds, faults.
    void setScenario(const nlohmann::json& outline);
    void clear();
    // Seconds done (-1: no run).
    void setProgress(double seconds);

    QList<Fault> faults() const { return m_faults; }
    double duration() const { return m_duration; }
    double drain() const { return m_drain; }
    // Where fault `i` is drawn (a mark: a few pixels wide around its time).
    QRectF faultRect(int i) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QRectF strip() const;
    double xOf(double seconds) const;

    double m_duration = 0, m_drain = 0, m_progress = -1;
    QList<Fault> m_faults;
};
