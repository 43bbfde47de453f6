#pragma once

// Keeps a CompareModel up to date with one table in two regions, without ever waiting:
// reads each region with a paginated Scan through the bridge (at most maxItems() items a
// region), reads a region again when its items change (at most every kRescanMs), and
// turns the bridge's replication deliveries between the two regions into flashing rows
// once the read that follows the delivery shows them.

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QStringList>

#include "items/compare_model.h"
#include "tablespan/engine.h"

class EngineBridge;
class QTimer;
struct ReplicationRecord;

class CompareLoader final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareLoader)

public:
    static constexpr int kRescanMs = 300;

    // Fills `model`, which must outlive the loader.
    CompareLoader(EngineBridge& bridge, CompareModel& model, QObject* parent = nullptr);

    // Compares `table` (key attributes `keyNames`) in `left` and `right`; reads both.
    void setSource(const QString& table, const QStringList& keyNames, const QString& left,
                   const QString& right);
    // Stops reading and empties the model.
    void clear();
    QString table() const { return m_table; }

    // Items read from each region at most (the first ones in key order).
    void setMaxItems(int count) { m_maxItems = count; }
    int maxItems() const { return m_maxItems; }
    // Whether the region holds more than maxItems() items (its last read stopped there).
    bool isTruncated(CompareModel::Side side) const { return m_sides[side].truncated; }
    bool isLoading() const;
    // The last read's error in that region ("ServiceUnavailable: …"), or empty.
    QString error(CompareModel::Side side) const { return m_sides[side].error; }

signals:
    // Loading started or finished, a read failed or was truncated.
    void stateChanged();

private:
    struct Arrival {
        tablespan::Json key;
        double latencyMs = 0;
    };
    struct SideState {
        QString region;
        bool scanning = false;
        bool dirty = false;  // changed since the read under way started
        bool truncated = false;
        QString error;
        QList<tablespan::Json> buffer;
        QList<Arrival> arrivals;  // delivered, waiting for the next read to start
        QList<Arrival> inFlight;  // delivered before the read under way started
        QTimer* timer = nullptr;
        QElapsedTimer sinceRead;
    };

    CompareModel::Side sideOf(const QString& region) const;
    void request(CompareModel::Side side);
    void startRead(CompareModel::Side side);
    void readPage(CompareModel::Side side, const tablespan::Json& start);
    void pageRead(CompareModel::Side side, const tablespan::Result& r);
    void finishRead(CompareModel::Side side, bool more);
    void onDelivered(const QList<ReplicationRecord>& records);

    EngineBridge& m_bridge;
    CompareModel& m_model;
    QString m_table;
    SideState m_sides[2];
    int m_maxItems = 5000;
    int m_generation = 0;
};
