#pragma once

// The items a PartiQL statement returned, page after page. Columns are the union of the
// attribute names over the items, in the order they were first seen (within one item, by
// name, after the names the statement's SELECT lists, in its order); a cell shows its
// value compactly, as the Items tab does.

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

#include "tablespan/engine.h"

class PartiqlResultsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PartiqlResultsModel)

public:
    // TypeRole: the value's DynamoDB type ("S", "N", "M", …; empty where the item lacks
    // the attribute).
    enum Role { TypeRole = Qt::UserRole };

    explicit PartiqlResultsModel(QObject* parent = nullptr);

    // Adds the items of one page (a DynamoDB JSON array), new columns after the others.
    void append(const tablespan::Json& items);
    // Forgets the items and columns; the columns of the next items put `leading` first.
    void clear(const QStringList& leading = {});
    const tablespan::Json& item(int row) const { return m_items.at(row); }
    // Every item so far, as a DynamoDB JSON array.
    tablespan::Json items() const;
    // The same as text: one attribute a line, its value on that line.
    QString jsonText() const;
    QStringList columns() const { return m_columns; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<tablespan::Json> m_items;
    QStringList m_columns;
    QStringList m_leading;
};
