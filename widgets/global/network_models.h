#pragma once

// The models of the Regions & network panel, both reading the engine's simulated network:
// RegionsModel lists every region with an online switch; LinkMatrixModel is the matrix of
// links between a set of regions with each link's current latency and state.

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

namespace tablespan {
class Network;
}

class RegionsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionsModel)

public:
    enum Column { Online, Code, Name, Tables, NB_COLUMNS };
    enum Role { RegionCodeRole = Qt::UserRole };

    explicit RegionsModel(tablespan::Network& network, QObject* parent = nullptr);

    // The number of tables known in each region (for the Tables column).
    void setTableCounts(const QHash<QString, int>& counts);
    QString regionCode(int row) const { return m_codes.at(row); }
    int rowOf(const QString& code) const { return static_cast<int>(m_codes.indexOf(code)); }
    // Re-reads the online states (after NetworkChanged).
    void refresh();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    tablespan::Network& m_network;
    QStringList m_codes;
    QHash<QString, int> m_tables;
};

class LinkMatrixModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkMatrixModel)

public:
    enum Role { LatencyRole = Qt::UserRole, CutRole, OverrideRole };

    explicit LinkMatrixModel(tablespan::Network& network, QObject* parent = nullptr);

    // The regions of the matrix, in catalog order.
    void setRegions(const QStringList& regions);
    QStringList regions() const { return m_regions; }
    QString region(int i) const { return m_regions.at(i); }
    // Re-reads every link (after NetworkChanged).
    void refresh();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    tablespan::Network& m_network;
    QStringList m_regions;
};
