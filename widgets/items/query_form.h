#pragma once

// The Scan/Query form of the Items tab: mode, key condition (Query), filter conditions
// and projection, on the table or one of its indexes. For a multi-attribute GSI key it
// shows a value per partition attribute and the sort attributes in key order, each
// enabled once the one before it is given by equality (a range only on the last). It produces a
// QuerySpec; QueryBuilder turns it into a request.

#include <QWidget>

#include "items/query_builder.h"

class QComboBox;
class QGridLayout;
class QLineEdit;
class QRadioButton;
class QCheckBox;

class QueryForm final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueryForm)

public:
    explicit QueryForm(QWidget* parent = nullptr);

    using KeyAttributes = QList<QPair<QString, QString>>;  // (name, type)
    // The table's keys: (name, type) of the partition key and optional sort key.
    void setKeys(const QString& pk, const QString& pkType, const QString& sk,
                 const QString& skType);
    // A key of any number of partition (HASH, at least one) and sort (RANGE) attributes,
    // in key order.
    void setKeys(const KeyAttributes& partition, const KeyAttributes& sort);
    QuerySpec spec() const;
    // What can be read: the table (data "") and its indexes (data: the index name), as
    // (label, index name). Selects `select` when it is among them, else the table;
    // indexChanged is not emitted.
    void setSources(const QList<QPair<QString, QString>>& sources, const QString& select = {});
    QList<QPair<QString, QString>> sources() const;
    QString indexName() const;
    void setIndexName(const QString& index);
    void setQueryMode(bool query);
    void setPartitionValue(const QString& value);
    void setSortCondition(const QString& op, const QString& value, const QString& value2 = {});
    // The same for the attribute at `position` of a multi-attribute key (0: the first). An
    // operator of a sort attribute not enabled yet is ignored.
    void setPartitionValue(int position, const QString& value);
    void setSortCondition(int position, const QString& op, const QString& value,
                          const QString& value2 = {});
    // Adds a filter row and returns its index.
    int addFilter(const QString& attribute = {}, const QString& op = QStringLiteral("="),
                  const QString& type = QStringLiteral("S"), const QString& value = {},
                  const QString& value2 = {});
    void clearFilters();
    void setProjection(const QString& names);
    // Puts the keyboard focus where a search starts (the key value, else a new filter).
    void focusInput();

signals:
    void runRequested();
    // The user chose the table or another index.
    void indexChanged(const QString& index);

private:
    struct FilterRow {
        QLineEdit* attribute;
        QComboBox* type;
        QComboBox* op;
        QLineEdit* value;
        QLineEdit* value2;
        QWidget* remove;
    };
    // A partition (no `op`) or sort attribute after the first of a multi-attribute key.
    struct KeyRow {
        QString name, type;
        class QLabel* label;
        QComboBox* op;
        QLineEdit* value;
        QLineEdit* value2;
    };
    void updateMode();
    void clearKeyRows();
    KeyRow addKeyRow(const QString& name, const QString& type, bool sort, int position);
    // The sort attributes' operator pickers (and so values) that may be used now.
    void updateSortRows();

    QComboBox* m_source;
    QRadioButton* m_scan;
    QRadioButton* m_query;
    QWidget* m_keyBox;
    QLineEdit* m_pkValue;
    QComboBox* m_skOp;
    QLineEdit* m_skValue;
    QLineEdit* m_skValue2;
    QCheckBox* m_descending;
    QComboBox* m_match;
    QGridLayout* m_filters;
    QList<FilterRow> m_rows;
    class QGridLayout* m_keyGrid;
    QList<KeyRow> m_morePk;
    QList<KeyRow> m_moreSk;
    QLineEdit* m_projection;
    QString m_pk, m_pkType, m_sk, m_skType;
    class QLabel* m_pkLabel;
    class QLabel* m_skLabel;
};
