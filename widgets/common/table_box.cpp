#include "common/table_box.h"

#include <algorithm>

#include <QComboBox>
#include <QSignalBlocker>

#include "tables/tables_model.h"

bool syncTableBox(QComboBox* box, const TablesModel& tables) {
    QStringList names;
    for (int row = 0; row < tables.rowCount(); ++row) names << tables.tableName(row);
    QStringList shown;
    for (int i = 0; i < box->count(); ++i) shown << box->itemText(i);
    if (names == shown) return false;
    const QString current = box->currentText();
    const QSignalBlocker block(box);
    box->clear();
    box->addItems(names);
    box->setCurrentIndex(std::max(0, static_cast<int>(names.indexOf(current))));
    return true;
}
