#pragma once

// Every request the engine answered, newest last, capped at a fixed number of rows
// (the oldest are dropped first).

#include <QAbstractTableModel>
#include <QList>

#include "common/engine_bridge.h"

class ActivityModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityModel)

public:
    enum Column { Time, Region, Operation, Table, Latency, Outcome, NB_COLUMNS };
    enum Role { FailedRole = Qt::UserRole };

    explicit ActivityModel(int capacity = 10'000, QObject* parent = nullptr);

    void append(const QList<RequestRecord>& records);
    void clear();
    int capacity() const { return m_capacity; }
    const RequestRecord& record(int row) const { return m_records.at(row); }
    // Of the rows kept, the requests refused for throughput
    // (ProvisionedThroughputExceededException, ThrottlingException, RequestLimitExceeded):
    // an SDK's retries of a throttled table show here.
    int throttledCount() const { return m_throttled; }
    static bool isThrottled(const RequestRecord& record);
    // The Outcome column: OK or the error, and for a remote call how many attempts it
    // took and how long the adaptive retry mode's rate limiter held it back.
    static QString outcome(const RequestRecord& record);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    int m_capacity;
    QList<RequestRecord> m_records;
    int m_throttled = 0;
};
