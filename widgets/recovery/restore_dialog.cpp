#include "recovery/restore_dialog.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "common/icons.h"
#include "tablespan/regions.h"

namespace {
const QString kErrorStyle = QStringLiteral("color: #d13212;");
}

RestoreDialog::RestoreDialog(EngineBridge& bridge, const QString& region, const Source& source,
                             QWidget* parent)
    : QDialog(parent),
      m_bridge(bridge),
      m_region(region),
      m_source(source),
      m_target(new QLineEdit(this)),
      m_targetRegion(new QComboBox(this)),
      m_billing(new QComboBox(this)),
      m_rcu(new QSpinBox(this)),
      m_wcu(new QSpinBox(this)),
      m_sse(new QComboBox(this)),
      m_kms(new QLineEdit(this)),
      m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("restoreDialog"));
    const bool fromBackup = !source.backupArn.isEmpty();
    setWindowTitle(fromBackup ? tr("Restore backup") : tr("Restore to a point in time"));
    QString what;
    if (fromBackup)
        what = tr("Backup <b>%1</b> of table <b>%2</b>")
                   .arg(source.backupName.toHtmlEscaped(), source.table.toHtmlEscaped());
    else if (source.latest)
        what =
            tr("Table <b>%1</b> at the latest restorable time").arg(source.table.toHtmlEscaped());
    else
        what = tr("Table <b>%1</b> as it was at %2")
                   .arg(source.table.toHtmlEscaped(),
                        QLocale()
                            .toString(QDateTime::fromMSecsSinceEpoch(source.timeMs),
                                      QLocale::LongFormat)
                            .toHtmlEscaped());
    auto* header = new QLabel(what, this);
    header->setObjectName(QStringLiteral("restoreSource"));
    header->setWordWrap(true);

    auto* target = new QGroupBox(tr("New table"), this);
    auto* targetForm = new QFormLayout(target);
    m_target->setObjectName(QStringLiteral("targetTableName"));
    m_target->setMaxLength(300);
    m_target->setText(source.table + QStringLiteral("-restored"));
    targetForm->addRow(tr("Table name"), m_target);
    m_targetRegion->setObjectName(QStringLiteral("targetRegion"));
    if (EngineBridge::isRemoteRegion(region)) {
        // A remote table is restored by its service: into a region its connection serves.
        const QString connection = EngineBridge::connectionOf(region);
        for (const QString& code : bridge.connections().value(connection)) {
            const QString remote = EngineBridge::remoteRegion(code, connection);
            m_targetRegion->addItem(icon(QStringLiteral("region")),
                                    EngineBridge::regionLabel(remote), remote);
        }
    } else {
        for (const auto& r : tablespan::all_regions()) {
            const QString code =
                QString::fromUtf8(r.code.data(), static_cast<qsizetype>(r.code.size()));
            m_targetRegion->addItem(icon(QStringLiteral("region")),
                                    tr("%1 %2").arg(EngineBridge::regionName(code), code), code);
        }
    }
    m_targetRegion->setCurrentIndex(m_targetRegion->findData(region));
    targetForm->addRow(tr("Region"), m_targetRegion);
    auto* note = new QLabel(tr("A restore always creates a new table. Streams, time to live, "
                               "tags, deletion protection and point-in-time recovery are not "
                               "carried over: set them on the new table."),
                            target);
    note->setWordWrap(true);
    note->setEnabled(false);
    targetForm->addRow(note);

    auto* settings = new QGroupBox(tr("Overrides"), this);
    auto* form = new QFormLayout(settings);
    m_billing->setObjectName(QStringLiteral("billingOverride"));
    m_billing->addItem(tr("Same as the source"));
    m_billing->addItem(tr("On-demand"));
    m_billing->addItem(tr("Provisioned"));
    auto* capacity = new QHBoxLayout;
    capacity->addWidget(m_billing);
    capacity->addSpacing(8);
    capacity->addWidget(new QLabel(tr("Read units"), settings));
    capacity->addWidget(m_rcu);
    capacity->addWidget(new QLabel(tr("Write units"), settings));
    capacity->addWidget(m_wcu);
    capacity->addStretch();
    for (auto* spin : {m_rcu, m_wcu}) {
        spin->setRange(0, 1'000'000);
        spin->setValue(5);
        spin->setEnabled(false);
        connect(spin, &QSpinBox::valueChanged, this, &RestoreDialog::revalidate);
    }
    form->addRow(tr("Capacity mode"), capacity);
    m_sse->setObjectName(QStringLiteral("sseOverride"));
    m_sse->addItem(tr("Same as the source"));
    m_sse->addItem(tr("Owned by Amazon DynamoDB"));
    m_sse->addItem(tr("AWS managed key (aws/dynamodb)"));
    m_sse->addItem(tr("Customer managed KMS key"));
    m_kms->setPlaceholderText(tr("KMS key ID, ARN or alias"));
    m_kms->setEnabled(false);
    auto* sse = new QHBoxLayout;
    sse->addWidget(m_sse);
    sse->addWidget(m_kms, 1);
    form->addRow(tr("Encryption at rest"), sse);

    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(kErrorStyle);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Restore"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(header);
    layout->addWidget(target);
    layout->addWidget(settings);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    setMinimumWidth(560);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &RestoreDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RestoreDialog::reject);
    connect(m_target, &QLineEdit::textChanged, this, &RestoreDialog::revalidate);
    connect(m_targetRegion, &QComboBox::currentIndexChanged, this, [this] {
        // Another region cannot keep the source's key: the service wants a choice.
        if (crossRegion() && m_sse->currentIndex() == 0) m_sse->setCurrentIndex(1);
        m_sse->setItemText(0, crossRegion() ? tr("Same as the source (this region only)")
                                            : tr("Same as the source"));
        revalidate();
    });
    connect(m_kms, &QLineEdit::textChanged, this, &RestoreDialog::revalidate);
    connect(m_billing, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_rcu->setEnabled(i == 2);
        m_wcu->setEnabled(i == 2);
        revalidate();
    });
    connect(m_sse, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_kms->setEnabled(i == 3);
        revalidate();
    });
    revalidate();
}

QString RestoreDialog::targetRegion() const {
    return m_targetRegion->currentData().toString();
}

void RestoreDialog::setTargetRegion(const QString& region) {
    m_targetRegion->setCurrentIndex(m_targetRegion->findData(region));
}

bool RestoreDialog::crossRegion() const {
    return targetRegion() != m_region;
}

QString RestoreDialog::targetName() const {
    return m_target->text();
}

void RestoreDialog::setTargetName(const QString& name) {
    m_target->setText(name);
}

RestoreOverrides RestoreDialog::overrides() const {
    RestoreOverrides o;
    o.billing = static_cast<RestoreOverrides::Billing>(m_billing->currentIndex());
    o.readCapacity = m_rcu->value();
    o.writeCapacity = m_wcu->value();
    o.encryption = static_cast<RestoreOverrides::Encryption>(m_sse->currentIndex());
    o.kmsKeyId = m_kms->text();
    return o;
}

void RestoreDialog::setOverrides(const RestoreOverrides& o) {
    m_billing->setCurrentIndex(static_cast<int>(o.billing));
    m_rcu->setValue(o.readCapacity);
    m_wcu->setValue(o.writeCapacity);
    m_sse->setCurrentIndex(static_cast<int>(o.encryption));
    m_kms->setText(o.kmsKeyId);
}

QString RestoreDialog::errorText() const {
    return m_error->text();
}

QString RestoreDialog::problem() const {
    QString p = targetTableProblem(targetName());
    if (p.isEmpty()) p = overridesProblem(overrides());
    if (p.isEmpty() && crossRegion() && m_sse->currentIndex() == 0)
        p = tr("A restore into another region needs its own encryption at rest: choose one.");
    return p;
}

void RestoreDialog::revalidate() {
    const QString p = problem();
    m_target->setStyleSheet(targetTableProblem(targetName()).isEmpty()
                                ? QString()
                                : QStringLiteral("border: 1px solid #d13212;"));
    m_error->setStyleSheet(kErrorStyle);
    m_error->setText(p);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(p.isEmpty() && !m_busy);
}

tablespan::Json RestoreDialog::request() const {
    tablespan::Json r = {{"TargetTableName", targetName().toStdString()}};
    if (!m_source.backupArn.isEmpty()) {
        r["BackupArn"] = m_source.backupArn.toStdString();
    } else {
        // Another region names the source by its ARN.
        if (crossRegion())
            r["SourceTableArn"] = m_sourceArn.toStdString();
        else
            r["SourceTableName"] = m_source.table.toStdString();
        if (m_source.latest)
            r["UseLatestRestorableTime"] = true;
        else
            r["RestoreDateTime"] = static_cast<double>(m_source.timeMs / 1000);
    }
    addOverrides(r, overrides());
    return r;
}

void RestoreDialog::accept() {
    if (m_busy || !problem().isEmpty()) return;
    m_busy = true;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_error->setStyleSheet(QString());
    m_error->setText(tr("Starting the restore…"));
    if (!crossRegion() || !m_source.backupArn.isEmpty() || !m_sourceArn.isEmpty()) return send();
    m_bridge.call(
        this, m_region, QStringLiteral("DescribeTable"),
        {{"TableName", m_source.table.toStdString()}}, [this](const tablespan::Result& r) {
            if (r.ok()) {
                m_sourceArn = QString::fromStdString(r.body["Table"].value("TableArn", ""));
                return send();
            }
            m_busy = false;
            m_error->setStyleSheet(kErrorStyle);
            m_error->setText(EngineBridge::errorText(r));
            m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
        });
}

void RestoreDialog::send() {
    const QString operation = m_source.backupArn.isEmpty()
                                  ? QStringLiteral("RestoreTableToPointInTime")
                                  : QStringLiteral("RestoreTableFromBackup");
    m_bridge.call(this, targetRegion(), operation, request(),
                  [this, name = targetName()](const tablespan::Result& r) {
                      m_busy = false;
                      if (r.ok()) {
                          emit restoreStarted(name);
                          QDialog::accept();
                          return;
                      }
                      m_error->setStyleSheet(kErrorStyle);
                      m_error->setText(EngineBridge::errorText(r));
                      m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
                  });
}
