#pragma once

// The item editor's form: one row per attribute with its name, type and value; maps and
// lists hold their elements as child rows; sets are written as a JSON array.

#include <QWidget>

#include "tablespan/engine.h"

class QTreeWidget;
class QTreeWidgetItem;

class ItemForm final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ItemForm)

public:
    enum Column { Name, Type, Value };

    explicit ItemForm(QWidget* parent = nullptr);

    void setItem(const tablespan::Json& item, const QStringList& lockedNames = {});
    // The item in DynamoDB JSON, or null with `error` naming the attribute at fault.
    tablespan::Json item(QString* error) const;
    QTreeWidget* tree() const { return m_tree; }

public slots:
    void addAttribute();
    void addChild();
    void removeCurrent();

private:
    QTreeWidgetItem* addRow(QTreeWidgetItem* parent, const QString& name,
                            const tablespan::Json& value, bool locked);
    tablespan::Json valueOf(const QTreeWidgetItem* row, const QString& path, QString* error) const;

    QTreeWidget* m_tree;
};
