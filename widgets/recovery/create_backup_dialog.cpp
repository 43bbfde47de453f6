#include "recovery/create_backup_dialog.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "recovery/recovery_request.h"
#include "common/table_box.h"
#include "tables/tables_model.h"

namespace {
const QString kErrorStyle = QStringLiteral("color: #d13212;");
}

CreateBackupDialog::CreateBackupDialog(EngineBridge& bridge, const QString& region,
                                       const TablesModel& tables, QWidget* parent)
    : QDialog(parent),
      m_bridge(bridge),
      m_region(region),
      m_table(new QComboBox(this)),
      m_name(new QLineEdit(this)),
      m_hint(new QLabel(this)),
      m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("createBackupDialog"));
    setWindowTitle(tr("Create backup in %1").arg(region));
    m_table->setObjectName(QStringLiteral("backupTable"));
    m_table->setMinimumContentsLength(20);
    syncTableBox(m_table, tables);
    m_name->setObjectName(QStringLiteral("backupName"));
    m_name->setMaxLength(300);  // longer than allowed, so the rule can be shown
    m_hint->setText(
        tr("3 to 255 characters: a–z, A–Z, 0–9, underscore (_), hyphen (-) and period (.)."));
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false);
    auto* form = new QFormLayout;
    form->addRow(tr("Table"), m_table);
    form->addRow(tr("Backup name"), m_name);
    form->addRow(QString(), m_hint);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(kErrorStyle);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create backup"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch();
    layout->addWidget(m_buttons);
    setMinimumWidth(460);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateBackupDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CreateBackupDialog::reject);
    connect(m_name, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    connect(m_name, &QLineEdit::textChanged, this, &CreateBackupDialog::revalidate);
    connect(m_table, &QComboBox::currentTextChanged, this, &CreateBackupDialog::suggestName);
    suggestName();
    revalidate();
}

QString CreateBackupDialog::table() const {
    return m_table->currentText();
}

void CreateBackupDialog::setTable(const QString& table) {
    const int index = m_table->findText(table);
    if (index >= 0) m_table->setCurrentIndex(index);
}

QString CreateBackupDialog::backupName() const {
    return m_name->text();
}

void CreateBackupDialog::setBackupName(const QString& name) {
    m_nameEdited = true;
    m_name->setText(name);
}

QString CreateBackupDialog::errorText() const {
    return m_error->text();
}

void CreateBackupDialog::suggestName() {
    // "orders-2026-09-21-1405": unique enough, and valid by the service's rule.
    if (m_nameEdited || table().isEmpty()) return;
    const QString stamp = QDateTime::fromMSecsSinceEpoch(m_bridge.engine().clock().now())
                              .toString(QStringLiteral("yyyy-MM-dd-HHmm"));
    m_name->setText(table() + QLatin1Char('-') + stamp);
}

void CreateBackupDialog::revalidate() {
    QString problem = backupNameProblem(m_name->text());
    if (table().isEmpty()) problem = tr("This region has no table to back up.");
    m_name->setStyleSheet(problem.isEmpty() || m_name->text().isEmpty()
                              ? QString()
                              : QStringLiteral("border: 1px solid #d13212;"));
    m_error->setStyleSheet(kErrorStyle);
    m_error->setText(problem);
    m_hint->setVisible(problem.isEmpty());  // the error says the same, in detail
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty() && !m_busy);
}

void CreateBackupDialog::accept() {
    if (m_busy || !backupNameProblem(backupName()).isEmpty() || table().isEmpty()) return;
    m_busy = true;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_error->setStyleSheet(QString());
    m_error->setText(tr("Creating…"));
    m_bridge.call(
        this, m_region, QStringLiteral("CreateBackup"),
        {{"TableName", table().toStdString()}, {"BackupName", backupName().toStdString()}},
        [this](const tablespan::Result& r) {
            m_busy = false;
            if (r.ok()) {
                const auto& d = r.body["BackupDetails"];
                emit backupCreated(QString::fromStdString(d.value("BackupArn", "")),
                                   QString::fromStdString(d.value("BackupName", "")));
                QDialog::accept();
                return;
            }
            m_error->setStyleSheet(kErrorStyle);
            m_error->setText(EngineBridge::errorText(r));
            m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
        });
}
