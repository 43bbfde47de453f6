#pragma once

// One table in two regions side by side, rows aligned by primary key (in key order).
// Column Status first (the replication latency of the row's last arrival, and a mark
// when the two replicas differ), then the attribute columns of the left region, then the
// same columns of the right region; attribute columns are the union of the names seen
// on either side, key attributes first. A row whose change arrived by replication
// flashes: its background fades out over flashDuration().

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QList>
#include <QStringList>

#include <string>
#include <utility>

#include "tablespan/json_codec.h"

class QTimer;

class CompareModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareModel)

public:
    enum Side { Left = 0, Right = 1, NoSide = -1 };
    enum Column { Status = 0 };
    enum Role {
        DiffersRole = Qt::UserRole,  // bool: the two replicas of the row differ
        FlashRole,                   // double: 1 when the row just arrived, fading to 0
        LatencyRole,                 // double: ms of the last arrival, or invalid
        ItemRole,                    // the side's item as DynamoDB JSON text (cells only)
    };

    explicit CompareModel(QObject* parent = nullptr);

    // Forgets every row; `keyNames` are the partition and optional sort key.
    void setSource(const QString& leftRegion, const QString& rightRegion,
                   const QStringList& keyNames);
    QString region(Side side) const { return m_regions[side]; }
    QStringList keyNames() const { return m_keyNames; }

    // Replaces what `side` holds with `items` (a complete read of that region): rows
    // gain, change or lose that side; rows absent from both sides go.
    void applySide(Side side, const QList<tablespan::Json>& items);
    // A replicated change of `key` was applied in `destination`, `latencyMs` after its
    // commit in the other region: the row shows the latency and flashes (if it exists).
    void markArrived(Side destination, const tablespan::Json& key, double latencyMs);

    // The row of the item with this key (DynamoDB JSON), or -1.
    int rowOfKey(const tablespan::Json& key) const;
    tablespan::Json key(int row) const;
    tablespan::Json item(int row, Side side) const;  // null when absent there
    bool differs(int row) const;
    // What differs, in words (empty when the replicas agree).
    QString difference(int row) const;
    bool isFlashing(int row) const;
    int differingRows() const;
    // A latency as the Status column shows it ("↓ 412 ms").
    static QString latencyText(double ms);

    // Which side an attribute column shows (NoSide for Status), and its attribute.
    Side sideOf(int column) const;
    QString attributeOf(int column) const;
    int attributeCount() const { return static_cast<int>(m_columns.size()); }

    void setFlashDuration(int ms) { m_flashMs = ms; }
    int flashDuration() const { return m_flashMs; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    // Encoded key attributes (order-preserving): rows sort and match on it.
    using SortKey = std::pair<std::string, std::string>;
    struct Row {
        SortKey sortKey;
        tablespan::Json key;
        tablespan::Json items[2];  // null: absent in that region
        double latencyMs = -1;     // of the last arrival; -1: none seen
        Side arrivedIn = NoSide;
        qint64 flashStart = -1;  // on m_clock; -1: not flashing
    };

    SortKey sortKeyOf(const tablespan::Json& itemOrKey, bool* ok) const;
    int lowerBound(const SortKey& key) const;
    void addColumns(const tablespan::Json& item);
    double flashLevel(const Row& row) const;
    QVariant background(const Row& row) const;
    QString latencyTip(const Row& row) const;
    void fadeStep();

    QString m_regions[2];
    QStringList m_keyNames;
    QStringList m_columns;              // attribute names, key attributes first (the left columns)
    int m_rightCount = 0;               // the first m_rightCount of m_columns are also on the right
    bool m_loaded[2] = {false, false};  // a side's first read arrived: differences count
    QList<Row> m_rows;                  // sorted by sortKey
    QElapsedTimer m_clock;
    QTimer* m_fade;
    int m_flashMs = 1500;
};
