#pragma once

// The changes staged in the Items tab to be written together by one TransactWriteItems
// ("Save as transaction"): each a Put (an item created or edited) or a Delete, with the
// item as it was loaded, so that the change is made only if the item is unchanged since.
// After a cancelled transaction each change carries the service's reason. At most 100
// changes (the service's limit), in one region, at most one per item.

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

#include "tablespan/engine.h"

class PendingTransaction final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PendingTransaction)

public:
    enum Column { Action, Table, Key, Condition, Result, Buttons, ColumnCount };
    // ReasonRole: the cancellation reason's Code ("None", "ConditionalCheckFailed", …),
    // or empty before a transaction was cancelled.
    enum Role { ReasonRole = Qt::UserRole };
    enum class Kind { Put, Delete };

    struct Change {
        Kind kind = Kind::Put;
        QString table;
        QStringList keyNames;  // the table's partition and optional sort key
        tablespan::Json key;   // the key attributes (DynamoDB JSON)
        tablespan::Json item;  // Put: the item written
        // The item as it was loaded; null for a new item, which must not exist yet.
        tablespan::Json loaded;
        // After a cancelled transaction: {"Code", "Message", "Item"} as the service sent it.
        tablespan::Json reason;
    };

    // The service's limit on the actions of one TransactWriteItems.
    static constexpr int kMaxActions = 100;

    explicit PendingTransaction(QObject* parent = nullptr);

    // Stages `change` in `region`. Returns empty, or why it was refused, in words: a
    // 101st change, a second change of one item, or a region other than the staged
    // changes'. A Put's key is taken from its item; a Put whose key differs from the
    // loaded item's creates a new item.
    QString add(const QString& region, Change change);
    void remove(int row);
    void clear();
    int count() const { return static_cast<int>(m_changes.size()); }
    const Change& change(int row) const { return m_changes.at(row); }
    // The region of the staged changes (empty when there are none).
    QString region() const { return m_region; }
    // The row of the change of the item `key` of `table`, or -1.
    int rowOf(const QString& table, const tablespan::Json& key) const;

    // Whether an edit or delete of a loaded item is made only if the item still holds
    // every attribute as loaded (on by default). A new item must not exist either way.
    bool onlyIfUnchanged() const { return m_onlyIfUnchanged; }
    void setOnlyIfUnchanged(bool on);

    // The TransactWriteItems request of the staged changes, each asking for the item as
    // it is when its condition fails (ReturnValuesOnConditionCheckFailure ALL_OLD). Null
    // with `error` set when a condition cannot be written (an expression over 4 KB).
    tablespan::Json request(QString* error) const;
    // The CancellationReasons of a TransactionCanceledException, one per change in order.
    void setReasons(const tablespan::Json& reasons);
    void clearReasons();
    bool hasReasons() const;
    // The service's reason for `row` in words ("would have succeeded" for None).
    QString reasonText(int row) const;

    // "customer: Ada · orderDate: 2026-01-10".
    static QString keyText(const tablespan::Json& key, const QStringList& keyNames);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    // The condition of `change` and the names and values it uses, or null when it needs
    // none; `error` set when it cannot be written.
    tablespan::Json condition(const Change& change, QString* error) const;
    QString conditionText(const Change& change) const;

    QList<Change> m_changes;
    QString m_region;
    bool m_onlyIfUnchanged = true;
};
