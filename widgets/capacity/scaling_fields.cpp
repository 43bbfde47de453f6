#include "capacity/scaling_fields.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>

ScalingFields::ScalingFields(const QString& owner, bool write, const QString& label,
                             QGridLayout* grid, int row, QWidget* parent)
    : QObject(parent),
      m_on(new QCheckBox(tr("On"), parent)),
      m_min(new QSpinBox(parent)),
      m_max(new QSpinBox(parent)),
      m_target(new QSpinBox(parent)),
      m_current(new QLabel(parent)) {
    const QString prefix = owner + (write ? QStringLiteral(".write.") : QStringLiteral(".read."));
    m_on->setObjectName(prefix + QStringLiteral("on"));
    m_min->setObjectName(prefix + QStringLiteral("min"));
    m_max->setObjectName(prefix + QStringLiteral("max"));
    m_target->setObjectName(prefix + QStringLiteral("target"));
    m_current->setObjectName(prefix + QStringLiteral("current"));
    for (QSpinBox* box : {m_min, m_max}) {
        box->setRange(1, 1'000'000);
        box->setGroupSeparatorShown(true);
        box->setAlignment(Qt::AlignRight);
    }
    m_min->setToolTip(tr("Auto scaling never sets fewer capacity units."));
    m_max->setToolTip(tr("Auto scaling never sets more capacity units."));
    // Wider than the 20–90 % DynamoDB accepts: the service's refusal says why.
    m_target->setRange(1, 100);
    m_target->setSuffix(QStringLiteral(" %"));
    m_target->setAlignment(Qt::AlignRight);
    m_target->setToolTip(
        tr("The share of the provisioned capacity the traffic should use, 20–90 %. DynamoDB "
           "scales out after 2 minutes above it and scales in after 15 minutes at 20 points "
           "or more below it."));
    m_current->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    grid->addWidget(new QLabel(label, parent), row, Name);
    grid->addWidget(m_on, row, On);
    grid->addWidget(m_min, row, Minimum);
    grid->addWidget(m_max, row, Maximum);
    grid->addWidget(m_target, row, Target);
    grid->addWidget(m_current, row, Current);
    set({});
    connect(m_on, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        emit edited();
    });
    for (QSpinBox* box : {m_min, m_max, m_target})
        connect(box, &QSpinBox::valueChanged, this, &ScalingFields::edited);
}

void ScalingFields::set(const ScalingDimension& d) {
    m_on->setChecked(d.on);
    m_min->setValue(static_cast<int>(d.minimum));
    m_max->setValue(static_cast<int>(d.maximum));
    m_target->setValue(static_cast<int>(d.target));
    updateEnabled();
}

ScalingDimension ScalingFields::value() const {
    if (!m_on->isChecked()) return {};
    return {true, m_min->value(), m_max->value(), static_cast<double>(m_target->value())};
}

void ScalingFields::setCurrentUnits(qint64 units) {
    m_current->setText(QLocale().toString(units));
}

void ScalingFields::updateEnabled() {
    for (QSpinBox* box : {m_min, m_max, m_target}) box->setEnabled(m_on->isChecked());
}
