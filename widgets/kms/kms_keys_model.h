#pragma once

// The KMS keys of one region, as DescribeKey shows them (KeyMetadata objects), oldest
// first.

#include <QAbstractTableModel>
#include <QList>

#include "tablespan/json_codec.h"

class KmsKeysModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KmsKeysModel)

public:
    enum Column { Description, KeyId, State, Manager, Created, Deletion, NB_COLUMNS };
    enum Role { StateRole = Qt::UserRole, KeyIdRole, ArnRole, CustomerRole };

    explicit KmsKeysModel(QObject* parent = nullptr);

    // Replaces the rows with these KeyMetadata objects. When the same keys come back,
    // only their data changes (the selection stays).
    void setKeys(const QList<tablespan::Json>& keys);
    tablespan::Json key(int row) const;
    int rowOf(const QString& keyId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<tablespan::Json> m_keys;
};
