#include "global/create_replica_dialog.h"

#include <algorithm>

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QStyle>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include "capacity/auto_scaling_dialog.h"
#include "capacity/write_scaling_refusal.h"
#include "common/engine_bridge.h"
#include "kms/kms_key_picker.h"
#include "common/icons.h"
#include "common/view_style.h"
#include "global/region_sets.h"
#include "tablespan/regions.h"

using tablespan::Json;

namespace {
void fillRegions(QComboBox* box, const QStringList& codes) {
    const QString current = box->currentData().toString();
    const QSignalBlocker block(box);
    box->clear();
    for (const QString& code : codes)
        box->addItem(icon(QStringLiteral("region")), EngineBridge::regionLabel(code), code);
    box->setCurrentIndex(std::max(0, box->findData(current)));
}

QStringList dataOf(const QComboBox* box) {
    QStringList out;
    for (int i = 0; i < box->count(); ++i) out << box->itemData(i).toString();
    return out;
}
}  // namespace

CreateReplicaDialog::CreateReplicaDialog(EngineBridge& bridge, const QString& region,
                                         const QString& table, const QStringList& group,
                                         QWidget* parent)
    : QDialog(parent),
      m_bridge(bridge),
      m_region(region),
      m_table(table),
      m_group(group),
      m_eventual(new QRadioButton(tr("Eventual consistency (MREC)"), this)),
      m_strongButton(new QRadioButton(tr("Strong consistency (MRSC)"), this)),
      m_tradeOff(new QLabel(this)),
      m_strongNote(new QLabel(this)),
      m_form(new QFormLayout),
      m_target(new QComboBox(this)),
      m_class(new QComboBox(this)),
      m_shape(new QComboBox(this)),
      m_second(new QComboBox(this)),
      m_third(new QComboBox(this)),
      m_kms(new KmsKeyPicker(bridge, this)),
      m_thirdLabel(new QLabel(this)),
      m_intro(new QLabel(this)),
      m_error(new QLabel(this)),
      m_note(new QLabel(this)),
      m_turnOnScaling(new QPushButton(tr("Turn on write auto scaling…"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("createReplicaDialog"));
    setWindowTitle(tr("Create replica of %1").arg(table));
    m_eventual->setObjectName(QStringLiteral("eventualConsistency"));
    m_strongButton->setObjectName(QStringLiteral("strongConsistency"));
    m_eventual->setChecked(true);
    auto* modes = new QButtonGroup(this);
    modes->addButton(m_eventual);
    modes->addButton(m_strongButton);
    m_tradeOff->setObjectName(QStringLiteral("consistencyTradeOff"));
    m_tradeOff->setWordWrap(true);
    m_strongNote->setObjectName(QStringLiteral("strongUnavailable"));
    m_strongNote->setWordWrap(true);
    QFont italic = m_strongNote->font();
    italic.setItalic(true);
    m_strongNote->setFont(italic);

    m_target->setObjectName(QStringLiteral("replicaRegion"));
    QStringList free;
    for (const auto& r : tablespan::all_regions()) {
        const QString code =
            QString::fromUtf8(r.code.data(), static_cast<qsizetype>(r.code.size()));
        if (!group.contains(code)) free << code;
    }
    fillRegions(m_target, free);
    m_class->setObjectName(QStringLiteral("replicaTableClass"));
    m_class->addItem(tr("Same as the table"), QString());
    m_class->addItem(tr("Standard"), QStringLiteral("STANDARD"));
    m_class->addItem(tr("Standard-IA (infrequent access)"),
                     QStringLiteral("STANDARD_INFREQUENT_ACCESS"));
    m_shape->setObjectName(QStringLiteral("strongShape"));
    m_shape->addItem(tr("Three replicas"), false);
    m_shape->addItem(tr("Two replicas and a witness"), true);
    m_second->setObjectName(QStringLiteral("strongSecondRegion"));
    m_third->setObjectName(QStringLiteral("strongThirdRegion"));
    ViewStyle::inlineError(m_error, QStringLiteral("replicaError"));
    m_note->setObjectName(QStringLiteral("replicaNote"));
    m_note->setWordWrap(true);
    m_note->hide();
    m_turnOnScaling->setObjectName(QStringLiteral("turnOnWriteScaling"));
    m_turnOnScaling->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create replica"));

    const QString code = EngineBridge::regionCode(region);
    if (RegionSets::setOf(code).isEmpty())
        m_strongBlocked =
            tr("%1 is in none of the region sets strong consistency is offered in (US: "
               "us-east-1, us-east-2, us-west-2; EU: eu-west-1, eu-west-2, eu-west-3, "
               "eu-central-1; AP: ap-northeast-1, ap-northeast-2, ap-northeast-3).")
                .arg(code);
    else if (group.size() > 1)
        m_strongBlocked =
            tr("This table already has replicas: the consistency of a global "
               "table is chosen when it is created and cannot be changed.");

    m_intro->setWordWrap(true);
    m_form->addRow(tr("Replica region:"), m_target);
    m_form->addRow(tr("Table class:"), m_class);
    // A table encrypted with a customer managed key needs one of the replica's region.
    m_kms->setObjectName(QStringLiteral("replicaKmsKey"));
    m_kms->lineEdit()->setPlaceholderText(tr("Only for a table with a customer managed key"));
    // A remote table's replica keys are listed where the connection reaches the region.
    const auto keyRegion = [this] {
        return m_bridge.replicaRegion(m_region, m_target->currentData().toString());
    };
    m_kms->setRegion(keyRegion());
    connect(m_target, &QComboBox::currentIndexChanged, m_kms,
            [this, keyRegion] { m_kms->setRegion(keyRegion()); });
    m_form->addRow(tr("Replica's KMS key:"), m_kms);
    m_form->addRow(tr("Members:"), m_shape);
    m_form->addRow(tr("Second replica:"), m_second);
    m_form->addRow(m_thirdLabel, m_third);
    // The choices straight in the dialog's layout (not in a group box, which does not
    // pass on the height its wrapped explanations need at the dialog's width).
    auto* consistency = new QLabel(tr("<b>Consistency</b>"), this);
    // Under the choice it explains, aligned with the button's text.
    const int indent = style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth) +
                       style()->pixelMetric(QStyle::PM_RadioButtonLabelSpacing);
    m_strongNote->setContentsMargins(indent, 0, 0, 0);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(consistency);
    layout->addWidget(m_eventual);
    layout->addWidget(m_strongButton);
    layout->addWidget(m_strongNote);
    layout->addWidget(m_tradeOff);
    layout->addSpacing(layout->spacing());
    layout->addWidget(m_intro);
    layout->addLayout(m_form);
    layout->addWidget(m_error);
    layout->addWidget(m_note);
    layout->addWidget(m_turnOnScaling, 0, Qt::AlignLeft);
    layout->addStretch();
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateReplicaDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_turnOnScaling, &QPushButton::clicked, this, &CreateReplicaDialog::turnOnWriteScaling);
    connect(m_strongButton, &QRadioButton::toggled, this, &CreateReplicaDialog::updateMode);
    connect(m_shape, &QComboBox::currentIndexChanged, this, &CreateReplicaDialog::updateMode);
    connect(m_second, &QComboBox::currentIndexChanged, this,
            &CreateReplicaDialog::updateStrongChoices);
    updateStrongChoices();
    updateMode();
    if (m_strongBlocked.isEmpty()) checkEmpty();
    layout->activate();
    resize(560, std::max(sizeHint().height(), layout->totalHeightForWidth(560)));
}

void CreateReplicaDialog::checkEmpty() {
    // The service needs an empty table for a strongly consistent group; one item decides.
    m_bridge.call(this, m_region, QStringLiteral("Scan"),
                  {{"TableName", m_table.toStdString()}, {"Limit", 1}, {"Select", "COUNT"}},
                  [this](const tablespan::Result& r) {
                      m_emptyChecked = true;
                      if (r.ok() && r.body.value("Count", 0) > 0)
                          m_strongBlocked =
                              tr("The table holds items: strong consistency "
                                 "needs an empty table.");
                      if (!m_strongBlocked.isEmpty() && isStrong()) m_eventual->setChecked(true);
                      updateMode();
                  });
}

void CreateReplicaDialog::updateStrongChoices() {
    const QString code = EngineBridge::regionCode(m_region);
    QStringList set = RegionSets::setOf(code);
    set.removeAll(code);
    fillRegions(m_second, set);
    set.removeAll(m_second->currentData().toString());
    fillRegions(m_third, set);
}

void CreateReplicaDialog::updateMode() {
    const bool strong = isStrong();
    const bool witness = m_shape->currentData().toBool();
    m_strongButton->setEnabled(strongPossible() || strong);
    const QString reason = strongUnavailableReason();
    m_strongNote->setText(reason.isEmpty() && !m_emptyChecked && m_strongBlocked.isEmpty()
                              ? tr("Checking that the table is empty…")
                              : reason);
    m_strongNote->setVisible(!strongPossible());
    m_tradeOff->setText(
        strong ? tr("Every write is made durable in a second region before it is acknowledged: "
                    "no acknowledged write is lost when a region fails (zero RPO) and "
                    "strongly consistent reads return the latest write in every region, at "
                    "the cost of cross-region write latency and of concurrent writes to one "
                    "item failing as conflicts.")
               : tr("Writes are acknowledged by the region that takes them and replicated "
                    "within about a second: the lowest write latency, but the last writes of "
                    "a failed region can be lost and concurrent writes resolve as last "
                    "writer wins."));
    m_intro->setText(
        strong ? tr("The group is created in one step, three regions of the %1 region set: "
                    "%2 and two more members. It cannot be changed afterwards; to remove it, "
                    "delete the other replica and the witness together.")
                     .arg(RegionSets::nameOf(EngineBridge::regionCode(m_region)),
                          EngineBridge::regionCode(m_region))
               : tr("The replica is created empty, backfilled from %1 and then kept in sync. "
                    "It is CREATING until the backfill is done; the table is UPDATING "
                    "meanwhile.")
                     .arg(m_region));
    m_thirdLabel->setText(witness ? tr("Witness:") : tr("Third replica:"));
    m_form->setRowVisible(m_target, !strong);
    m_form->setRowVisible(m_class, !strong);
    m_form->setRowVisible(m_kms, !strong);
    m_form->setRowVisible(m_shape, strong);
    m_form->setRowVisible(m_second, strong);
    m_form->setRowVisible(m_third, strong);
    auto* ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(strong ? tr("Create strongly consistent group") : tr("Create replica"));
    // The other choice's explanations are longer or shorter: the dialog grows to show
    // them whole (German needs more lines than English).
    layout()->activate();
    const int needed = layout()->totalHeightForWidth(width());
    if (needed > height()) resize(width(), needed);
    ok->setEnabled(!m_busy &&
                   (strong ? strongPossible() && m_third->count() > 0 : m_target->count() > 0));
}

void CreateReplicaDialog::setReplicaRegion(const QString& code) {
    m_target->setCurrentIndex(m_target->findData(code));
}

void CreateReplicaDialog::setTableClass(const QString& tableClass) {
    m_class->setCurrentIndex(std::max(0, m_class->findData(tableClass)));
}

QStringList CreateReplicaDialog::offeredRegions() const {
    return dataOf(m_target);
}

QString CreateReplicaDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

QString CreateReplicaDialog::noteText() const {
    return m_note->isHidden() ? QString() : m_note->text();
}

void CreateReplicaDialog::turnOnWriteScaling() {
    auto* dialog = new AutoScalingDialog(m_bridge, m_region, m_table, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->turnOnWrites();
    connect(dialog, &AutoScalingDialog::applied, this, [this] {
        m_error->hide();
        m_turnOnScaling->hide();
        m_note->setText(tr("Write auto scaling is on. Create the replica now."));
        m_note->show();
    });
    dialog->open();
}

void CreateReplicaDialog::setStrong(bool strong) {
    (strong ? m_strongButton : m_eventual)->setChecked(true);
}

bool CreateReplicaDialog::isStrong() const {
    return m_strongButton->isChecked();
}

bool CreateReplicaDialog::strongPossible() const {
    return m_strongBlocked.isEmpty() && m_emptyChecked;
}

QString CreateReplicaDialog::strongUnavailableReason() const {
    return m_strongBlocked;
}

void CreateReplicaDialog::setWithWitness(bool witness) {
    m_shape->setCurrentIndex(witness ? 1 : 0);
}

void CreateReplicaDialog::setSecondRegion(const QString& code) {
    m_second->setCurrentIndex(std::max(0, m_second->findData(code)));
}

void CreateReplicaDialog::setThirdRegion(const QString& code) {
    m_third->setCurrentIndex(std::max(0, m_third->findData(code)));
}

QStringList CreateReplicaDialog::offeredSecondRegions() const {
    return dataOf(m_second);
}

QStringList CreateReplicaDialog::offeredThirdRegions() const {
    return dataOf(m_third);
}

Json CreateReplicaDialog::request() const {
    Json request = {{"TableName", m_table.toStdString()}};
    const auto create = [](const QString& region) {
        return Json{{"Create", {{"RegionName", region.toStdString()}}}};
    };
    if (!isStrong()) {
        Json action = create(m_target->currentData().toString());
        const QString tableClass = m_class->currentData().toString();
        if (!tableClass.isEmpty())
            action["Create"]["TableClassOverride"] = tableClass.toStdString();
        if (const QString key = m_kms->keyId(); !key.isEmpty())
            action["Create"]["KMSMasterKeyId"] = key.toStdString();
        request["ReplicaUpdates"] = Json::array({action});
        return request;
    }
    const QString second = m_second->currentData().toString();
    const QString third = m_third->currentData().toString();
    if (m_shape->currentData().toBool()) {
        request["ReplicaUpdates"] = Json::array({create(second)});
        request["GlobalTableWitnessUpdates"] = Json::array({create(third)});
    } else {
        request["ReplicaUpdates"] = Json::array({create(second), create(third)});
    }
    request["MultiRegionConsistency"] = "STRONG";
    return request;
}

void CreateReplicaDialog::accept() {
    if (m_busy || !m_buttons->button(QDialogButtonBox::Ok)->isEnabled()) return;
    const bool strong = isStrong();
    const bool witness = strong && m_shape->currentData().toBool();
    const QString target =
        strong ? m_second->currentData().toString() : m_target->currentData().toString();
    const QString third = m_third->currentData().toString();
    m_busy = true;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_error->hide();
    m_note->hide();
    m_turnOnScaling->hide();
    m_bridge.call(this, m_region, QStringLiteral("UpdateTable"), request(),
                  [this, strong, witness, target, third](const tablespan::Result& r) {
                      m_busy = false;
                      updateMode();
                      if (!r.ok()) {
                          const bool scaling = WriteScalingRefusal::matches(r);
                          m_error->setText(scaling ? WriteScalingRefusal::explanation(m_table, r)
                                                   : EngineBridge::errorText(r));
                          m_error->show();
                          m_turnOnScaling->setVisible(scaling);
                          // The explanation is longer than the form's width: grow to show it.
                          layout()->activate();
                          const int needed = layout()->totalHeightForWidth(width());
                          if (needed > height()) resize(width(), needed);
                          return;
                      }
                      if (strong)
                          emit strongGroupRequested(
                              witness ? QStringList{target} : QStringList{target, third},
                              witness ? third : QString());
                      else
                          emit replicaRequested(target);
                      QDialog::accept();
                  });
}
