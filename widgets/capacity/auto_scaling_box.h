#pragma once

// The auto scaling line of a table's Settings: whether its read and write capacity scale
// (range and target), read with DescribeTableReplicaAutoScaling when another table is shown
// or the table's status changes (auto scaling changes capacity as UpdateTable does), and
// "Edit auto scaling…", which opens the AutoScalingDialog. An engine without the operation
// answers with its error, shown here in words.

#include <QWidget>

#include "tablespan/engine.h"

class EngineBridge;
class QLabel;
class QPushButton;

class AutoScalingBox final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AutoScalingBox)

public:
    explicit AutoScalingBox(EngineBridge& bridge, QWidget* parent = nullptr);

    // A DescribeTable `Table` object in `region` (null: none selected).
    void setTable(const QString& region, const tablespan::Json& table);
    // What the line says now.
    QString text() const;
    QPushButton* editButton() const { return m_edit; }

public slots:
    // Opens the dialog (returns at once); its changes are read back when it applies them.
    void edit();
    // Reads the settings again.
    void describe();

signals:
    // The settings of the table with ARN `arn` as DescribeTableReplicaAutoScaling gave
    // them (a TableAutoScalingDescription), or as a string why they are not known.
    void scalingKnown(const QString& arn, const tablespan::Json& scaling);

private:
    void showScaling(const tablespan::Json& scaling);

    EngineBridge& m_bridge;
    QString m_region;
    QString m_table;
    QString m_arn;
    QString m_status;
    bool m_provisioned = false;
    int m_generation = 0;  // drops answers about a table no longer shown
    QLabel* m_summary;
    QPushButton* m_edit;
};
