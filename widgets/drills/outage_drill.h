#pragma once

// Runs the outage comparison through the engine's public API, on engine time (no
// sleeping: a timer looks at the engine's clock and does what is due). It creates two
// empty tables in the plan's first region, one eventually (MREC) and one strongly (MRSC)
// consistent, both replicated to the plan's three regions; writes to both from every
// region at a steady rate; applies the fault to one region for the outage's length;
// before lifting it reads the other regions (eventually consistent Scans) to find the
// acknowledged writes that only the faulty region had; then writes on for the recovery
// period, waits for every answer and reports. The tables are left for the user to look
// at. A fault still applied when the drill stops or is destroyed is lifted.

#include <memory>
#include <mutex>

#include <QList>
#include <QObject>
#include <QSet>
#include <QTimer>

#include "drills/drill_plan.h"
#include "drills/drill_report.h"
#include "tablespan/engine.h"

class EngineBridge;

class OutageDrill final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutageDrill)

public:
    enum class Phase {
        Idle,
        Creating,
        Replicating,
        Warmup,
        Outage,
        Reading,
        Recovery,
        Draining,
        Done,
        Failed
    };

    explicit OutageDrill(EngineBridge& bridge, QObject* parent = nullptr);
    ~OutageDrill() override;

    // Starts a run (a run under way is cancelled first).
    void start(const DrillPlan& plan);
    // Stops writing, lifts the fault; the phase becomes Failed with "cancelled".
    void cancel();
    // Does what is due at the engine's current time (a timer calls it every few ms; tests
    // that drive a ManualClock call it after each step).
    void poll();

    Phase phase() const { return m_phase; }
    bool running() const {
        return m_phase != Phase::Idle && m_phase != Phase::Done && m_phase != Phase::Failed;
    }
    const DrillPlan& plan() const { return m_plan; }
    // Whether writes have been sent (the tables were ready).
    bool loadStarted() const { return m_loadStarted; }
    QString tableName(int table) const { return m_tables[table]; }
    const QList<DrillWrite>& writes() const { return m_writes; }
    const DrillTimeline& timeline() const { return m_timeline; }
    // The keys the other regions held when read (valid from Recovery on).
    const QSet<QString>& elsewhere(int table) const { return m_elsewhere[table]; }
    DrillOutcome outcome(int table) const;
    QString errorText() const { return m_error; }
    // The phase in words, with what is due next.
    QString phaseText() const;

signals:
    void phaseChanged();
    // Writes were sent or answered.
    void progressed();
    void finished();

private:
    struct Answer {
        qsizetype index;
        qint64 answeredMs;
        QString errorType;
    };
    struct Inbox {
        std::mutex mutex;
        QList<Answer> answers;  // guarded by mutex
    };

    void setPhase(Phase phase);
    void fail(const QString& error);
    void tick();
    qint64 now() const;
    void control(const QString& region, const QString& operation, tablespan::Json request,
                 std::function<void(const tablespan::Json&)> then);
    void pollTables();
    void onDescribed(int table, const tablespan::Json& description);
    void issueDueWrites(qint64 now);
    void send(int table, int regionIndex, qint64 slot, bool hot);
    void drainAnswers();
    void applyFault(bool on);
    void readOthers();
    void scan(int table, const QString& region, tablespan::Json startKey);

    EngineBridge& m_bridge;
    QTimer m_timer;
    DrillPlan m_plan;
    Phase m_phase = Phase::Idle;
    QString m_error;
    QString m_tables[DrillWrite::kTables];
    bool m_ready[DrillWrite::kTables] = {false, false};
    bool m_describing[DrillWrite::kTables] = {false, false};
    int m_mrecReplicas = 0;  // MREC replicas requested so far (one per call)
    bool m_strongRequested = false;
    qint64 m_nextPollMs = 0;
    QList<qint64> m_nextSlot;  // per region: the next write slot
    QList<DrillWrite> m_writes;
    std::shared_ptr<Inbox> m_inbox = std::make_shared<Inbox>();
    DrillTimeline m_timeline;
    bool m_loadStarted = false;
    bool m_faultApplied = false;
    bool m_wasOnline = true;
    QList<bool> m_wasCut;
    int m_scans = 0;  // scans under way
    QSet<QString> m_elsewhere[DrillWrite::kTables];
    int m_generation = 0;
};
