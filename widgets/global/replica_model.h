#pragma once

// The replication group of one table as seen from one region: a row for that region, one
// for each of its replicas and one for a witness (MRSC), with status (and backfill
// progress while CREATING), table class, item count, replication latency into the
// region, pending changes, write latency in the region (p50 / p99) and write conflicts.
// A remote table's members are named as the console reaches them ("us-east-1@lab"); one
// in a region its connection does not serve is listed, but is out of the console's reach.

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
        WriteLatency,
        Conflicts,
        NB_COLUMNS
    };
    enum Role { StatusRole = Qt::UserRole, ProgressRole, RegionCodeRole, LocalRole, WitnessRole };

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
        bool witness = false;  // an MRSC witness: no table, no reads or writes
        double writeP50 = -1;  // ms, writes acknowledged in the region recently
        double writeP99 = -1;
        qint64 conflicts = 0;  // writes refused with ReplicatedWriteConflictException
        // Why the console cannot reach this member (a remote replica in a region its
        // connection does not serve), else empty.
        QString unreachable;
    };

    explicit ReplicaModel(QObject* parent = nullptr);

    // Rebuilds the group from the local region's TableDescription (a null json clears).
    // For a remote `localRegion` the members are "<code>@<connection>"; `served` lists
    // the region codes its connection serves, the others are unreachable.
    void setGroup(const QString& localRegion, const tablespan::Json& description,
                  const QStringList& served = {});
    // The region's own DescribeTable answer (its item count), or its error.
    void setRegionDescription(const QString& region, const tablespan::Json& description);
    void setRegionError(const QString& region, const QString& error);
    void setLatency(const QString& region, double lastMs, double avgMs, qint64 pending);
    void setWriteStats(const QString& region, double p50, double p99, qint64 conflicts);

    // The regions with a replica (the local one first); witnesses are not among them.
    QStringList regions() const;
    QStringList witnesses() const;
    // The regions with a replica the console can reach (all of them, for an embedded
    // table).
    QStringList reachableRegions() const;
    // "STRONG" or "EVENTUAL" for a global table, "" for a regional one.
    QString consistency() const { return m_consistency; }
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
    QString m_consistency;
};
