#include "kms/kms_key_dialogs.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "common/view_style.h"

namespace {
// KMS: "between 7 and 30, inclusive. If you do not include a value, it defaults to 30".
constexpr int kMinDays = 7;
constexpr int kMaxDays = 30;
constexpr int kDefaultDays = 30;

void showRefusal(QLabel* error, const tablespan::Result& r) {
    error->setText(EngineBridge::errorText(r));
    error->setVisible(true);
}
}  // namespace

CreateKeyDialog::CreateKeyDialog(EngineBridge& bridge, const QString& region, QWidget* parent)
    : QDialog(parent),
      m_bridge(bridge),
      m_region(region),
      m_description(new QLineEdit(this)),
      m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("createKeyDialog"));
    setWindowTitle(tr("Create KMS key in %1").arg(region));
    m_description->setObjectName(QStringLiteral("keyDescription"));
    m_description->setMaxLength(8192);
    m_description->setPlaceholderText(tr("e.g. orders table key"));
    auto* note =
        new QLabel(tr("A symmetric encryption key, managed by you, for the tables of this region. "
                      "Each replica of a global table needs a key of its own region."),
                   this);
    note->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Description"), m_description);
    ViewStyle::inlineError(m_error, QStringLiteral("errorLabel"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create key"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(460);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateKeyDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CreateKeyDialog::reject);
}

void CreateKeyDialog::setDescription(const QString& text) {
    m_description->setText(text);
}

QString CreateKeyDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void CreateKeyDialog::accept() {
    if (m_busy) return;
    m_busy = true;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_bridge.call(
        this, m_region, QStringLiteral("kms:CreateKey"),
        {{"Description", m_description->text().toStdString()}}, [this](const tablespan::Result& r) {
            m_busy = false;
            m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
            if (!r.ok()) return showRefusal(m_error, r);
            emit keyCreated(QString::fromStdString(r.body["KeyMetadata"].value("KeyId", "")));
            QDialog::accept();
        });
}

ScheduleDeletionDialog::ScheduleDeletionDialog(EngineBridge& bridge, const QString& region,
                                               const QString& keyId, const QString& label,
                                               QWidget* parent)
    : QDialog(parent),
      m_bridge(bridge),
      m_region(region),
      m_keyId(keyId),
      m_days(new QSpinBox(this)),
      m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("scheduleDeletionDialog"));
    setWindowTitle(tr("Schedule deletion of %1").arg(label));
    m_days->setObjectName(QStringLiteral("pendingWindowDays"));
    m_days->setRange(kMinDays, kMaxDays);
    m_days->setValue(kDefaultDays);
    m_days->setSuffix(tr(" days"));
    auto* warning = new QLabel(
        tr("KMS deletes the key when the waiting period ends, and data encrypted with it can "
           "no longer be read. Until then the key is pending deletion: tables that use it stop "
           "serving requests after about 5 minutes and become inaccessible after about an "
           "hour; a replica leaves its global table 20 hours later. Cancelling the deletion "
           "leaves the key disabled."),
        this);
    warning->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Waiting period"), m_days);
    ViewStyle::inlineError(m_error, QStringLiteral("errorLabel"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Schedule deletion"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(warning);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(480);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ScheduleDeletionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ScheduleDeletionDialog::reject);
}

void ScheduleDeletionDialog::setWindowDays(int days) {
    m_days->setValue(days);
}

int ScheduleDeletionDialog::windowDays() const {
    return m_days->value();
}

QString ScheduleDeletionDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void ScheduleDeletionDialog::accept() {
    if (m_busy) return;
    m_busy = true;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_bridge.call(this, m_region, QStringLiteral("kms:ScheduleKeyDeletion"),
                  {{"KeyId", m_keyId.toStdString()}, {"PendingWindowInDays", m_days->value()}},
                  [this](const tablespan::Result& r) {
                      m_busy = false;
                      m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
                      if (!r.ok()) return showRefusal(m_error, r);
                      emit deletionScheduled(m_keyId);
                      QDialog::accept();
                  });
}
