#pragma once

// The auto scaling dialog, the console's share of the AWS console's "Edit capacity" page:
// for a provisioned table's read and write capacity, and each GSI's, auto scaling on or
// off, minimum and maximum capacity units and target utilization. It reads the table with
// DescribeTable and its settings with DescribeTableReplicaAutoScaling, and sends one
// UpdateTableReplicaAutoScaling with what changed. Write settings are the whole global
// table's; read settings the replica's in the dialog's region. The engine's refusals show
// inline and the dialog stays open; an engine without the operations says so in words.

#include <QDialog>
#include <QList>

#include "capacity/auto_scaling_settings.h"
#include "tablespan/engine.h"

class EngineBridge;
class QDialogButtonBox;
class QGridLayout;
class QLabel;
class QWidget;
class ScalingFields;

class AutoScalingDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AutoScalingDialog)

public:
    // `region` is where the requests go (a remote region too).
    AutoScalingDialog(EngineBridge& bridge, const QString& region, const QString& table,
                      QWidget* parent = nullptr);

    // Turns write auto scaling on for the table and each GSI (as a global table needs),
    // keeping what is set; once loaded, if not yet.
    void turnOnWrites();
    bool isLoaded() const { return m_loaded; }
    // The settings as DescribeTableReplicaAutoScaling last gave them, and as edited.
    AutoScalingSettings current() const { return m_current; }
    AutoScalingSettings edited() const;
    // The inline error (the engine's refusal, or why nothing can be edited), or empty.
    QString errorText() const;

signals:
    // Both descriptions arrived and the form shows them (or the error says why not).
    void loaded();
    // UpdateTableReplicaAutoScaling answered with this TableAutoScalingDescription.
    void applied(const tablespan::Json& description);

public slots:
    void accept() override;

private:
    void load();
    void build(const tablespan::Json& table, const tablespan::Json& scaling);
    void showError(const QString& text);
    void updateEnabled();

    EngineBridge& m_bridge;
    QString m_region;
    QString m_table;
    QLabel* m_intro;
    QLabel* m_scope;
    QWidget* m_form;
    QGridLayout* m_grid;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
    QList<ScalingFields*> m_fields;  // table read, table write, then each GSI's
    QStringList m_indexNames;        // in m_fields' order, from the third field on
    AutoScalingSettings m_current;   // as the engine described it
    AutoScalingSettings m_shown;     // as the form showed it when loaded or applied
    bool m_loaded = false;
    bool m_busy = false;
    bool m_turnOnWrites = false;
};
