#pragma once

// The editors of one scalable dimension in a row of a grid, as the AWS console's "Edit
// capacity" page has them: auto scaling on or off, minimum and maximum capacity units,
// target utilization, and the units provisioned now. Named "<owner>.<read|write>.<field>"
// (owner "table" or the GSI's name; field on, min, max, target) for tests and screenshots.

#include <QObject>

#include "capacity/auto_scaling_settings.h"

class QCheckBox;
class QGridLayout;
class QLabel;
class QSpinBox;
class QWidget;

class ScalingFields final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScalingFields)

public:
    enum Column { Name, On, Minimum, Maximum, Target, Current, NB_COLUMNS };

    // Adds the row to `grid` at `row`, labelled `label`; the widgets are `parent`'s.
    ScalingFields(const QString& owner, bool write, const QString& label, QGridLayout* grid,
                  int row, QWidget* parent);

    // Shows `d`; off, the fields keep their values but are disabled.
    void set(const ScalingDimension& d);
    // As edited; off: the default (off) dimension, whatever the disabled fields hold.
    ScalingDimension value() const;
    void setCurrentUnits(qint64 units);
    QCheckBox* onBox() const { return m_on; }
    QSpinBox* targetBox() const { return m_target; }

signals:
    void edited();

private:
    void updateEnabled();

    QCheckBox* m_on;
    QSpinBox* m_min;
    QSpinBox* m_max;
    QSpinBox* m_target;
    QLabel* m_current;
};
