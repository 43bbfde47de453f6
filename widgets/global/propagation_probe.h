#pragma once

// The propagation probe: writes an item with a distinctive key in a source region and
// reports how long it took to arrive in a destination region, in engine time. Arrival is
// taken from the replication the engine reports (exact latency), with a slow GetItem
// poll (a few per second of engine time) as a fallback. Every probe ends with an
// outcome in the history list — arrived, not arrived within the timeout, or stopped —
// and its item is then deleted again in the source region (which replicates).
// Between remote regions (which report no replication) arrival is found by the GetItem
// poll alone, a few times a second of wall time, and times are wall-clock times.

#include <QMap>
#include <QWidget>

#include "tablespan/engine.h"

class EngineBridge;
class QComboBox;
class QLabel;
class QListView;
class QStringListModel;
class QPushButton;
class QTimer;
struct ReplicationRecord;

class PropagationProbe final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PropagationProbe)

public:
    // Engine time between two GetItem polls of the destination, and until a probe gives up.
    static constexpr tablespan::Millis kPollEveryMs = 500;
    static constexpr tablespan::Millis kTimeoutMs = 30'000;
    // Wall time between two polls of a remote destination.
    static constexpr tablespan::Millis kRemotePollEveryMs = 250;

    explicit PropagationProbe(EngineBridge& bridge, QWidget* parent = nullptr);

    // The table (its TableDescription, for the key schema) and the regions of its group
    // the console reaches. `unreachable` (region → why) are members listed but not
    // offered. A probe running on another table stops, with an outcome in the history.
    void setGroup(const tablespan::Json& description, const QStringList& regions,
                  const QMap<QString, QString>& unreachable = {});
    void setSource(const QString& region);
    void setDestination(const QString& region);
    QString resultText() const;
    QString noteText() const;
    // Outcomes, newest first; owned by the bridge, so it outlives the window.
    QStringListModel* history() const { return m_history; }
    bool isRunning() const;

public slots:
    // Writes a probe item in the source region and starts watching the destination.
    void send();
    // Stops a running probe; its outcome ("stopped") goes to the history.
    void cancel();

signals:
    // The probe item arrived after `ms` of engine time.
    void arrived(const QString& source, const QString& destination, qint64 ms);

private:
    // Engine time, or for a probe between remote regions the wall clock (ms).
    tablespan::Millis now() const;
    // The key of probe number `n`, following the table's key schema.
    tablespan::Json probeKey(qint64 n) const;
    void tick();
    void poll();
    void onDelivered(const QList<ReplicationRecord>& records);
    void arrive(qint64 ms);
    // Ends the probe with `outcome` (shown and added to the history) and removes its item.
    void finish(const QString& outcome);
    void addToHistory(const QString& outcome);
    void removeProbeItem();

    EngineBridge& m_bridge;
    tablespan::Json m_description;
    QComboBox* m_source;
    QComboBox* m_destination;
    QPushButton* m_send;
    QLabel* m_note;
    QLabel* m_result;
    QStringListModel* m_history;
    QListView* m_historyView;
    QTimer* m_tick;
    int m_count = 0;
    int m_generation = 0;    // drops answers of a finished probe
    bool m_running = false;  // from send() until the outcome
    bool m_waiting = false;  // the item is written, watching the destination
    bool m_polling = false;  // a GetItem is in flight
    bool m_remote = false;   // the running probe is between remote regions
    tablespan::Json m_key;
    QString m_table;                   // the group's table
    QString m_runTable, m_from, m_to;  // the running probe's
    tablespan::Millis m_sentAt = 0;
    tablespan::Millis m_lastPoll = 0;
};
