#pragma once

// The replication group of one table as seen from one region: a row for that region and
// one for each of its replicas, with status (and backfill progress while CREATING), table
// class, item count, replication latency into the region and pending changes.

#include <QAbstractTableModel>
#include <QList>

#include "tablespan/engine.h"

class ReplicaModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplicaModel)

public:
    enum Column {
        Region,
        Status,
        TableClass,
        ItemCount,
        LastLatency,
        AvgLatency,
        Pending,
        NB_COLUMNS
    };
    enum Role { StatusRole = Qt::UserRole, ProgressRole, RegionCodeRole, LocalRole };

    struct Replica {
        QString region;
        QString status;
        int progress = -1;  // backfill percent while CREATING, else -1
        QString tableClass;
        qint64 itemCount = -1;  // -1 until the region answered
        QString error;          // the region's error (offline), else empty
        double lastMs = -1;     // latest replication latency into the region
        double avgMs = -1;      // average over the metrics window
        qint64 pending = 0;     // changes waiting to reach the region
        bool local = false;
    };

    explicit ReplicaModel(QObject* parent = nullptr);

    // Rebuilds the group from the local region's TableDescription (a null json clears).
    void setGroup(const QString& localRegion, const tablespan::Json& description);
    // The region's own DescribeTable answer (its item count), or its error.
    void setRegionDescription(const QString& region, const tablespan::Json& description);
    void setRegionError(const QString& region, const QString& error);
    void setLatency(const QString& region, double lastMs, double avgMs, qint64 pending);

    QStringList regions() const;
    int rowOf(const QString& region) const;
    const Replica& replica(int row) const { return m_rows.at(row); }
    // True while a member is CREATING, UPDATING or DELETING.
    bool hasTransitions() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void rowChanged(int row);

    QList<Replica> m_rows;
};
