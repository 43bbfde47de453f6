#pragma once

// The tables of one region, as DescribeTable shows them.

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include "tablespan/json_codec.h"

class TablesModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TablesModel)

public:
    enum Column {
        Name,
        Status,
        PartitionKey,
        SortKey,
        BillingMode,
        TableClass,
        ItemCount,
        Size,
        Replicas,
        Pitr,
        NB_COLUMNS
    };
    enum Role { StatusRole = Qt::UserRole, DescriptionRole };
    // Point-in-time recovery as DescribeContinuousBackups reports it; Unknown until the
    // engine answers that operation.
    enum class PitrState { Unknown, Enabled, Disabled };

    explicit TablesModel(QObject* parent = nullptr);

    // Replaces the rows with these TableDescription objects (sorted by name).
    void setTables(const QList<tablespan::Json>& descriptions);
    // Updates or inserts one table's description.
    void updateTable(const tablespan::Json& description);
    void removeTable(const QString& name);
    void setPitr(const QString& name, PitrState state);
    QString tableName(int row) const;
    int rowOf(const QString& name) const;
    tablespan::Json description(int row) const;
    // True while some table is CREATING, UPDATING or DELETING (the badge animates).
    bool hasTransitions() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<tablespan::Json> m_tables;
    QHash<QString, PitrState> m_pitr;
};
