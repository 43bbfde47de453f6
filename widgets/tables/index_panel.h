#pragma once

// The Indexes tab of a table's details, as the AWS console's: a row per GSI and LSI
// (name, kind, keys, projection, status, items) with a progress bar while a new GSI is
// backfilled, and the Create index / Delete index actions (buttons and a context menu).
// It only shows and asks; the Tables tab sends the requests.

#include <QWidget>

#include "tablespan/engine.h"

class QLabel;
class QPushButton;
class QTableWidget;

class IndexPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IndexPanel)

public:
    // Status last: it takes the room left, for the progress bar of a backfill.
    enum Column { Name, Kind, PartitionKey, SortKey, Projection, Items, Status, NB_COLUMNS };

    explicit IndexPanel(QWidget* parent = nullptr);

    // Shows the indexes of a DescribeTable `Table` object (null: no table selected). The
    // selected index stays selected while it exists.
    void setTable(const tablespan::Json& table);
    QTableWidget* list() const { return m_list; }
    // The index of the selected row, or empty.
    QString selectedIndex() const;
    void selectIndex(const QString& name);
    // The backfill progress shown for `index` (0–100), or -1 when it is not backfilling.
    int backfillPercent(const QString& index) const;

signals:
    void createRequested();
    // Only for a GSI: an LSI lives and dies with its table.
    void deleteRequested(const QString& index);

private:
    void updateActions();
    void showMenu(const QPoint& pos);

    QTableWidget* m_list;
    QLabel* m_empty;
    QPushButton* m_create;
    QPushButton* m_delete;
    bool m_hasTable = false;
};
