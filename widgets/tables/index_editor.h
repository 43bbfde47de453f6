#pragma once

// The create-table dialog's "Secondary indexes" section: a row per GSI or LSI with its
// name, key pickers (an LSI's partition key is the table's; a GSI's key may have up to 4
// partition and 4 sort attributes), projection and non-key attributes. It only collects;
// validateIndexes() judges. In SingleGlobal mode (the create-index dialog of an existing table) it
// holds exactly one GSI row, which can be neither removed nor turned into an LSI.

#include <QGroupBox>
#include <QList>

#include "tables/index_spec.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class KeyAttributeList;
class QVBoxLayout;

class IndexEditor final : public QGroupBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IndexEditor)

public:
    enum class Mode { Table, SingleGlobal };
    explicit IndexEditor(QWidget* parent = nullptr) : IndexEditor(Mode::Table, parent) {}
    explicit IndexEditor(Mode mode, QWidget* parent = nullptr);

    QList<IndexSpec> indexes() const;
    int count() const { return static_cast<int>(m_rows.size()); }
    // Adds a row (a GSI, or an LSI when `local`) and returns its position.
    int addIndex(bool local);
    // Fills row `row` from `index` (as if typed).
    void setIndex(int row, const IndexSpec& index);
    void removeIndex(int row);
    // The table's partition key, shown (fixed) in every LSI row.
    void setTablePartitionKey(const QString& name, const QString& type);

signals:
    void changed();

private:
    struct Row {
        QWidget* frame;
        QComboBox* kind;
        QLineEdit* name;
        QLineEdit* pk;
        QComboBox* pkType;
        QCheckBox* hasSort;
        QLineEdit* sk;
        QComboBox* skType;
        KeyAttributeList* morePk;  // a GSI's partition key attributes after the first
        KeyAttributeList* moreSk;  // and its sort key attributes after the first
        QComboBox* projection;
        QLineEdit* nonKey;
        QWidget* remove;
    };
    void updateRow(const Row& row);
    void renumber();

    Mode m_mode;
    QVBoxLayout* m_rowsLayout;
    QList<Row> m_rows;
    QString m_tablePk;
    QString m_tablePkType = QStringLiteral("S");
};
