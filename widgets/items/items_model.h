#pragma once

// The items of one table in one region, loaded page by page as the view scrolls
// (canFetchMore/fetchMore on LastEvaluatedKey), so a table of any size opens at once.
// Columns are the union of the attribute names seen so far: key attributes first, then
// the others in name order (the same order on every page and every run). With Time to
// Live on, an Expires column follows the key columns: when each item expires, beside
// engine time now.

#include <deque>

#include <QAbstractTableModel>
#include <QStringList>

#include "tablespan/engine.h"

class EngineBridge;

class ItemsModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ItemsModel)

public:
    // ExpiryRole: the Expires column's moment, seconds since the epoch (invalid: none).
    enum Role { TypeRole = Qt::UserRole, ItemRole, ExpiryRole };

    explicit ItemsModel(EngineBridge& bridge, QObject* parent = nullptr);

    // Browses `operation` ("Scan" or "Query") with `request` (without TableName, Limit or
    // ExclusiveStartKey). `keyNames` are the table's partition and optional sort key (rows
    // are addressed by them). Reading an index (request's IndexName), `indexKeyNames` are
    // its keys and `projected` the non-key attributes it includes: the first columns are
    // the index keys, then the table keys, then `projected`. The first
    // `indexPartitionKeys` of `indexKeyNames` are its partition (HASH) attributes, the
    // others its sort (RANGE) ones.
    void setSource(const QString& region, const QString& table, const QStringList& keyNames,
                   const QString& operation, tablespan::Json request,
                   const QStringList& indexKeyNames = {}, const QStringList& projected = {},
                   int indexPartitionKeys = 1);
    // Forgets everything (no table selected).
    void clear();
    // Reloads from the first page with the same source.
    void reload();
    void setPageSize(int size) { m_pageSize = size; }
    // Shows the Expires column from the Number attribute `attribute` (the table's Time
    // to Live attribute), or hides it (empty). Another table or region hides it.
    void setExpiryAttribute(const QString& attribute);
    QString expiryAttribute() const { return m_expiryAttribute; }
    // The Expires column, or -1.
    int expiryColumn() const;
    // Engine time moved: the Expires column says so.
    void refreshExpiry();

    QString table() const { return m_table; }
    QString operation() const { return m_operation; }  // "Scan" or "Query"
    QString region() const { return m_region; }
    // The request read page by page (no TableName, Limit or ExclusiveStartKey).
    tablespan::Json request() const { return m_request; }
    QStringList keyNames() const { return m_keyNames; }
    // The index read, or empty for the table.
    QString indexName() const;
    tablespan::Json item(int row) const;
    // The key attributes of the item at `row`.
    tablespan::Json key(int row) const;
    // Replaces the item with the same key, or appends it.
    void upsert(const tablespan::Json& item);
    void removeKey(const tablespan::Json& key);
    bool isLoading() const { return m_loading; }
    bool hasMore() const { return m_hasMore; }
    // Sums over the pages loaded since the last reload, as the engine answered them:
    // Count, ScannedCount and ConsumedCapacity.CapacityUnits (the console asks for TOTAL).
    qint64 returnedCount() const { return m_returned; }
    qint64 scannedCount() const { return m_scanned; }
    double consumedCapacity() const { return m_consumed; }
    // The pages answered since the last reload.
    int pagesLoaded() const { return m_pages; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void loadingChanged(bool loading);
    // A page arrived (possibly with no rows after a filter).
    void pageLoaded();
    void loadFailed(const QString& errorType, const QString& message);

private:
    void addColumns(const tablespan::Json& item);
    // The index into m_columns of view column `column`, or -1 for the Expires column.
    int attributeIndex(int column) const;
    QVariant expiryData(const tablespan::Json& item, int role) const;
    int rowOfKey(const tablespan::Json& key) const;
    void setLoading(bool loading);

    EngineBridge& m_bridge;
    QString m_region;
    QString m_table;
    QString m_operation;
    QStringList m_keyNames;
    QStringList m_indexKeyNames;
    int m_indexPartitionKeys = 1;
    QStringList m_leadColumns;
    tablespan::Json m_request;
    tablespan::Json m_startKey;
    // A deque: a million rows grow by pages without moving every row already loaded
    // (a QList reallocating at 2^20 rows stalled the GUI for 60 ms).
    std::deque<tablespan::Json> m_items;
    QStringList m_columns;  // attribute names; the Expires column is not among them
    QString m_expiryAttribute;
    bool m_hasMore = false;
    bool m_loading = false;
    qint64 m_returned = 0;
    qint64 m_scanned = 0;
    double m_consumed = 0;
    int m_pages = 0;
    int m_pageSize = 200;
    int m_generation = 0;
};
