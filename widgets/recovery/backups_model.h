#pragma once

// The backups of one region, as ListBackups summarises them (BackupSummary objects),
// newest first.

#include <QAbstractTableModel>
#include <QList>

#include "tablespan/json_codec.h"

class BackupsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackupsModel)

public:
    enum Column { Name, Table, Status, Size, Created, Type, NB_COLUMNS };
    enum Role { StatusRole = Qt::UserRole, ArnRole, CreatedRole };

    explicit BackupsModel(QObject* parent = nullptr);

    // Replaces the rows with these BackupSummary objects. Rows that stay keep their
    // place in the view: when the same backups come back, only their data changes.
    void setBackups(const QList<tablespan::Json>& summaries);
    void removeBackup(const QString& arn);
    QString arn(int row) const;
    int rowOf(const QString& arn) const;
    tablespan::Json summary(int row) const;
    // True while some backup is CREATING (the badge animates).
    bool hasTransitions() const;

    // The user-visible name of a BackupType ("User" for USER, …).
    static QString typeText(const QString& type);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<tablespan::Json> m_backups;
};
