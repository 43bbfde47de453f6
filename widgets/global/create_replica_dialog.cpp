#include "global/create_replica_dialog.h"

#include <algorithm>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "common/icons.h"
#include "tablespan/regions.h"
#include "common/view_style.h"

using tablespan::Json;

CreateReplicaDialog::CreateReplicaDialog(EngineBridge& bridge, const QString& region,
                                         const QString& table, const QStringList& group,
                                         QWidget* parent)
    : QDialog(parent),
      m_bridge(bridge),
      m_region(region),
      m_table(table),
      m_target(new QComboBox(this)),
      m_class(new QComboBox(this)),
      m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("createReplicaDialog"));
    setWindowTitle(tr("Create replica of %1").arg(table));
    m_target->setObjectName(QStringLiteral("replicaRegion"));
    for (const auto& r : tablespan::all_regions()) {
        const QString code =
            QString::fromUtf8(r.code.data(), static_cast<qsizetype>(r.code.size()));
        if (group.contains(code)) continue;
        m_target->addItem(icon(QStringLiteral("region")),
                          tr("%1 %2").arg(EngineBridge::regionName(code), code), code);
    }
    m_class->setObjectName(QStringLiteral("replicaTableClass"));
    m_class->addItem(tr("Same as the table"), QString());
    m_class->addItem(tr("Standard"), QStringLiteral("STANDARD"));
    m_class->addItem(tr("Standard-IA (infrequent access)"),
                     QStringLiteral("STANDARD_INFREQUENT_ACCESS"));
    ViewStyle::inlineError(m_error, QStringLiteral("replicaError"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create replica"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_target->count() > 0);

    auto* intro =
        new QLabel(tr("The replica is created empty, backfilled from %1 and then kept in sync. "
                      "It is CREATING until the backfill is done; the table is UPDATING meanwhile.")
                       .arg(region),
                   this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Replica region:"), m_target);
    form->addRow(tr("Table class:"), m_class);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateReplicaDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(480, sizeHint().height());
}

void CreateReplicaDialog::setReplicaRegion(const QString& code) {
    m_target->setCurrentIndex(m_target->findData(code));
}

void CreateReplicaDialog::setTableClass(const QString& tableClass) {
    m_class->setCurrentIndex(std::max(0, m_class->findData(tableClass)));
}

QStringList CreateReplicaDialog::offeredRegions() const {
    QStringList out;
    for (int i = 0; i < m_target->count(); ++i) out << m_target->itemData(i).toString();
    return out;
}

QString CreateReplicaDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void CreateReplicaDialog::accept() {
    const QString target = m_target->currentData().toString();
    if (m_busy || target.isEmpty()) return;
    Json create = {{"RegionName", target.toStdString()}};
    const QString tableClass = m_class->currentData().toString();
    if (!tableClass.isEmpty()) create["TableClassOverride"] = tableClass.toStdString();
    m_busy = true;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_error->hide();
    m_bridge.call(this, m_region, QStringLiteral("UpdateTable"),
                  {{"TableName", m_table.toStdString()},
                   {"ReplicaUpdates", Json::array({{{"Create", create}}})}},
                  [this, target](const tablespan::Result& r) {
                      m_busy = false;
                      m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
                      if (!r.ok()) {
                          m_error->setText(EngineBridge::errorText(r));
                          m_error->show();
                          return;
                      }
                      emit replicaRequested(target);
                      QDialog::accept();
                  });
}
