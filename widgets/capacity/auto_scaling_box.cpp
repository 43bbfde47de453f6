#include "capacity/auto_scaling_box.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include "capacity/auto_scaling_dialog.h"
#include "capacity/auto_scaling_settings.h"
#include "common/engine_bridge.h"

using tablespan::Json;

AutoScalingBox::AutoScalingBox(EngineBridge& bridge, QWidget* parent)
    : QWidget(parent),
      m_bridge(bridge),
      m_summary(new QLabel(this)),
      m_edit(new QPushButton(tr("Edit auto scaling…"), this)) {
    setObjectName(QStringLiteral("autoScalingBox"));
    m_summary->setObjectName(QStringLiteral("autoScalingSummary"));
    m_summary->setWordWrap(true);
    m_edit->setObjectName(QStringLiteral("editAutoScaling"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary, 1);
    layout->addWidget(m_edit, 0, Qt::AlignTop);
    connect(m_edit, &QPushButton::clicked, this, &AutoScalingBox::edit);
    setTable({}, {});
}

QString AutoScalingBox::text() const {
    return m_summary->text();
}

void AutoScalingBox::setTable(const QString& region, const Json& table) {
    const bool has = table.is_object();
    const QString name = has ? QString::fromStdString(table.value("TableName", "")) : QString();
    const QString status = has ? QString::fromStdString(table.value("TableStatus", "")) : QString();
    const bool other = name != m_table || region != m_region;
    const bool statusChanged = status != m_status;
    m_region = region;
    m_table = name;
    m_status = status;
    m_arn = has ? QString::fromStdString(table.value("TableArn", "")) : QString();
    m_provisioned =
        has &&
        table.value("BillingModeSummary", Json::object()).value("BillingMode", "PROVISIONED") ==
            "PROVISIONED";
    if (other || statusChanged) describe();
}

void AutoScalingBox::describe() {
    const int generation = ++m_generation;
    m_edit->setEnabled(false);
    if (m_table.isEmpty()) {
        m_summary->setText(QStringLiteral("—"));
        return;
    }
    if (!m_provisioned) {
        m_summary->setText(tr("Off: on-demand capacity needs no scaling."));
        return;
    }
    if (m_summary->text() == QStringLiteral("—")) m_summary->setText(tr("Loading…"));
    m_bridge.call(this, m_region, QStringLiteral("DescribeTableReplicaAutoScaling"),
                  {{"TableName", m_table.toStdString()}},
                  [this, generation, arn = m_arn](const tablespan::Result& r) {
                      if (generation != m_generation) return;
                      if (!r.ok()) {
                          const QString why =
                              tr("Not available here: %1").arg(EngineBridge::errorText(r));
                          m_summary->setText(why);
                          return emit scalingKnown(arn, why.toStdString());
                      }
                      const Json& scaling = r.body["TableAutoScalingDescription"];
                      showScaling(scaling);
                      m_edit->setEnabled(true);
                      emit scalingKnown(arn, scaling);
                  });
}

void AutoScalingBox::showScaling(const Json& scaling) {
    const AutoScalingSettings s =
        AutoScalingSettings::fromDescription(scaling, EngineBridge::regionCode(m_region));
    QString text = tr("Read: %1").arg(AutoScalingSettings::summary(s.read)) + QLatin1Char('\n') +
                   tr("Write: %1").arg(AutoScalingSettings::summary(s.write));
    int indexes = 0;
    for (const IndexScaling& ix : s.indexes)
        indexes += (ix.read.on ? 1 : 0) + (ix.write.on ? 1 : 0);
    if (!s.indexes.isEmpty())
        //: %1 of %2 read and write capacities of the table's GSIs have auto scaling on
        text +=
            QLatin1Char('\n') +
            tr("Indexes: %1 of %2 capacities auto scaled").arg(indexes).arg(2 * s.indexes.size());
    m_summary->setText(text);
}

void AutoScalingBox::edit() {
    if (m_table.isEmpty()) return;
    auto* dialog = new AutoScalingDialog(m_bridge, m_region, m_table, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AutoScalingDialog::applied, this, [this](const Json& scaling) {
        ++m_generation;  // an answer to an earlier describe is stale
        showScaling(scaling);
        emit scalingKnown(m_arn, scaling);
    });
    dialog->open();
}
