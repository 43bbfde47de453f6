#pragma once

// Request statistics per region, table and operation, aggregated from the engine's
// RequestCompleted events: totals, errors, the rate over the last seconds and latency;
// plus per-second buckets (engine time) for the Monitoring charts. A remote region's
// calls (the console's own) are timed on the wall clock, and so are their rates.

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QMap>

#include "common/engine_bridge.h"

class RequestStatsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestStatsModel)

public:
    enum Column {
        Region,
        Table,
        Operation,
        Requests,
        Rate,
        Errors,
        AvgLatency,
        MaxLatency,
        LastError,
        NB_COLUMNS
    };
    enum Role { SortRole = Qt::UserRole, RegionCodeRole };
    static constexpr int kRateSeconds = 10;
    static constexpr int kKeepSeconds = 120;

    // One second of one operation in one region.
    struct Bucket {
        qint64 requests = 0;
        qint64 errors = 0;
        double sumMs = 0;
        double maxMs = 0;
    };

    explicit RequestStatsModel(QObject* parent = nullptr);

    void append(const QList<RequestRecord>& records);
    // Engine time now: the rate column covers the kRateSeconds before it.
    void setNow(qint64 nowMs);
    void clear();

    // Per-second buckets of `region` ("" = all) keyed by second (ms) then operation.
    QMap<qint64, QHash<QString, Bucket>> series(const QString& region) const;
    qint64 requests(const QString& region, const QString& table, const QString& operation) const;
    qint64 errors(const QString& region, const QString& table, const QString& operation) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString region, table, operation;
        qint64 requests = 0;
        qint64 errors = 0;
        double sumMs = 0;
        double maxMs = 0;
        QString lastError;
        QMap<qint64, Bucket> seconds;  // kept for kKeepSeconds
        double rate = 0;
    };
    int rowOf(const QString& region, const QString& table, const QString& operation) const;
    void updateRates();

    QList<Row> m_rows;
    QHash<QString, int> m_index;  // "region\ntable\noperation" → row
    qint64 m_now = 0;
};
