#include "capacity/auto_scaling_dialog.h"

#include <algorithm>

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "capacity/scaling_fields.h"
#include "common/engine_bridge.h"
#include "common/view_style.h"

using tablespan::Json;

namespace {
// What the form offers for a dimension that does not scale: the AWS console's defaults,
// with room above the capacity provisioned now.
ScalingDimension offered(const ScalingDimension& d, qint64 current) {
    if (d.on) return d;
    ScalingDimension out;
    out.maximum = std::max<qint64>(out.maximum, current);
    return out;
}

qint64 units(const Json& owner, const char* member) {
    return owner.value("ProvisionedThroughput", Json::object()).value(member, qint64{0});
}

QLabel* heading(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}
}  // namespace

AutoScalingDialog::AutoScalingDialog(EngineBridge& bridge, const QString& region,
                                     const QString& table, QWidget* parent)
    : QDialog(parent),
      m_bridge(bridge),
      m_region(region),
      m_table(table),
      m_intro(new QLabel(this)),
      m_scope(new QLabel(this)),
      m_form(new QWidget(this)),
      m_grid(new QGridLayout(m_form)),
      m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("autoScalingDialog"));
    setWindowTitle(tr("Auto scaling of %1").arg(table));
    m_intro->setObjectName(QStringLiteral("autoScalingIntro"));
    m_intro->setWordWrap(true);
    m_intro->setText(
        tr("Auto scaling adjusts provisioned capacity to the traffic: it adds capacity after 2 "
           "minutes above the target utilization and removes it after 15 minutes at 20 points "
           "or more below it, never outside the minimum and maximum."));
    m_scope->setObjectName(QStringLiteral("autoScalingScope"));
    m_scope->setWordWrap(true);
    m_scope->hide();
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(12);
    m_grid->setVerticalSpacing(4);
    m_form->hide();
    ViewStyle::inlineError(m_error, QStringLiteral("autoScalingError"));
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveAutoScaling"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_scope);
    layout->addSpacing(layout->spacing());
    layout->addWidget(m_form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AutoScalingDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateEnabled();
    resize(640, sizeHint().height());
    load();
}

void AutoScalingDialog::load() {
    const Json name = {{"TableName", m_table.toStdString()}};
    m_bridge.call(
        this, m_region, QStringLiteral("DescribeTable"), name,
        [this, name](const tablespan::Result& table) {
            if (!table.ok()) {
                showError(tr("Could not read %1: %2").arg(m_table, EngineBridge::errorText(table)));
                return emit loaded();
            }
            m_bridge.call(this, m_region, QStringLiteral("DescribeTableReplicaAutoScaling"), name,
                          [this, t = table.body["Table"]](const tablespan::Result& r) {
                              if (r.ok())
                                  build(t, r.body["TableAutoScalingDescription"]);
                              else
                                  showError(tr("The auto scaling settings of %1 are "
                                               "not available in %2: %3")
                                                .arg(m_table, EngineBridge::regionLabel(m_region),
                                                     EngineBridge::errorText(r)));
                              emit loaded();
                          });
        });
}

void AutoScalingDialog::build(const Json& table, const Json& scaling) {
    const QString code = EngineBridge::regionCode(m_region);
    const bool provisioned =
        table.value("BillingModeSummary", Json::object()).value("BillingMode", "PROVISIONED") ==
        "PROVISIONED";
    if (!provisioned) {
        showError(tr("%1 uses on-demand capacity, which needs no scaling. Switch it to "
                     "provisioned capacity in its Settings to set auto scaling.")
                      .arg(m_table));
        return;
    }
    m_current = AutoScalingSettings::fromDescription(scaling, code);
    if (table.value("Replicas", Json::array()).size() > 0) {
        m_scope->setText(tr("%1 is a global table: the write settings apply to every replica, "
                            "the read settings to the replica in %2.")
                             .arg(m_table, code));
        m_scope->show();
    }

    int row = 0;
    const QStringList heads = {
        QString(),           tr("Auto scaling"),       tr("Minimum units"),
        tr("Maximum units"), tr("Target utilization"), tr("Provisioned now")};
    for (int c = 0; c < heads.size(); ++c) {
        auto* head = new QLabel(heads[c], m_form);
        head->setStyleSheet(QStringLiteral("color: palette(mid)"));
        m_grid->addWidget(head, row, c,
                          c >= ScalingFields::Minimum ? Qt::AlignRight | Qt::AlignBottom
                                                      : Qt::AlignLeft | Qt::AlignBottom);
    }
    const auto add = [&](const QString& owner, const QString& title, const Json& capacityOf,
                         const ScalingDimension& read, const ScalingDimension& write) {
        QLabel* head = heading(title, m_form);
        // A little air between one table's or index's rows and the next heading.
        if (!m_fields.isEmpty()) head->setContentsMargins(0, 8, 0, 0);
        m_grid->addWidget(head, ++row, 0, 1, ScalingFields::NB_COLUMNS);
        const qint64 rcu = units(capacityOf, "ReadCapacityUnits");
        const qint64 wcu = units(capacityOf, "WriteCapacityUnits");
        auto* r = new ScalingFields(owner, false, tr("Read capacity"), m_grid, ++row, m_form);
        auto* w = new ScalingFields(owner, true, tr("Write capacity"), m_grid, ++row, m_form);
        r->set(offered(read, rcu));
        w->set(offered(write, wcu));
        r->setCurrentUnits(rcu);
        w->setCurrentUnits(wcu);
        for (ScalingFields* f : {r, w}) {
            m_fields << f;
            connect(f, &ScalingFields::edited, this, [this] {
                showError({});
                updateEnabled();
            });
        }
    };
    add(QStringLiteral("table"), tr("Table"), table, m_current.read, m_current.write);
    for (const auto& gsi : table.value("GlobalSecondaryIndexes", Json::array())) {
        const QString name = QString::fromStdString(gsi.value("IndexName", ""));
        const IndexScaling ix = m_current.indexes.value(name);
        m_indexNames << name;
        add(name, tr("Index %1").arg(name), gsi, ix.read, ix.write);
    }
    m_grid->setColumnStretch(ScalingFields::Name, 1);
    m_form->show();
    m_loaded = true;
    m_shown = edited();
    if (m_turnOnWrites) turnOnWrites();
    updateEnabled();
    layout()->activate();
    resize(std::max(width(), sizeHint().width()), std::max(height(), sizeHint().height()));
}

void AutoScalingDialog::turnOnWrites() {
    m_turnOnWrites = true;
    if (!m_loaded) return;
    // Every second field is a write capacity's.
    for (int i = 1; i < m_fields.size(); i += 2) {
        ScalingDimension d = m_fields[i]->value();
        if (!d.on) m_fields[i]->onBox()->setChecked(true);
    }
    m_turnOnWrites = false;
}

AutoScalingSettings AutoScalingDialog::edited() const {
    AutoScalingSettings s;
    if (m_fields.size() < 2) return s;
    s.read = m_fields[0]->value();
    s.write = m_fields[1]->value();
    for (int i = 0; i < m_indexNames.size(); ++i) {
        IndexScaling& ix = s.indexes[m_indexNames[i]];
        ix.read = m_fields[2 + 2 * i]->value();
        ix.write = m_fields[3 + 2 * i]->value();
    }
    return s;
}

QString AutoScalingDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void AutoScalingDialog::showError(const QString& text) {
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
    // The engine's words take lines of their own: grow rather than squeeze the form.
    layout()->activate();
    const int needed = layout()->totalHeightForWidth(width());
    if (needed > height()) resize(width(), needed);
}

void AutoScalingDialog::updateEnabled() {
    auto* save = m_buttons->button(QDialogButtonBox::Save);
    save->setEnabled(m_loaded && !m_busy && edited() != m_shown);
}

void AutoScalingDialog::accept() {
    if (!m_loaded || m_busy) return;
    const Json request = AutoScalingSettings::updateRequest(
        m_table, EngineBridge::regionCode(m_region), m_shown, edited());
    if (request.is_null()) return QDialog::accept();
    m_busy = true;
    showError({});
    updateEnabled();
    m_bridge.call(this, m_region, QStringLiteral("UpdateTableReplicaAutoScaling"), request,
                  [this](const tablespan::Result& r) {
                      m_busy = false;
                      if (!r.ok()) {
                          showError(tr("DynamoDB did not change the auto scaling of %1: %2")
                                        .arg(m_table, QString::fromStdString(r.error->message)));
                          return updateEnabled();
                      }
                      const Json& description = r.body["TableAutoScalingDescription"];
                      m_current = AutoScalingSettings::fromDescription(
                          description, EngineBridge::regionCode(m_region));
                      m_shown = edited();
                      updateEnabled();
                      emit applied(description);
                      QDialog::accept();
                  });
}
