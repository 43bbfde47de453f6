#include "kms/table_encryption_box.h"

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>

#include "common/engine_bridge.h"
#include "kms/kms_key_picker.h"

using tablespan::Json;

TableEncryptionBox::TableEncryptionBox(EngineBridge& bridge, QWidget* parent)
    : QGroupBox(tr("Encryption at rest"), parent),
      m_bridge(bridge),
      m_choice(new QComboBox(this)),
      m_key(new KmsKeyPicker(bridge, this)),
      m_status(new QLabel(this)) {
    setObjectName(QStringLiteral("tableEncryption"));
    m_choice->setObjectName(QStringLiteral("encryptionChoice"));
    m_choice->addItem(tr("Owned by Amazon DynamoDB"));
    m_choice->addItem(tr("AWS managed key (aws/dynamodb)"));
    m_choice->addItem(tr("Customer managed KMS key"));
    m_status->setObjectName(QStringLiteral("encryptionStatus"));
    m_status->setWordWrap(true);
    auto* form = new QFormLayout(this);
    form->setVerticalSpacing(4);
    form->addRow(tr("Key"), m_choice);
    form->addRow(tr("KMS key"), m_key);
    form->addRow(m_status);
    const auto changed = [this] {
        if (m_loading) return;
        updateEnabled();
        emit edited();
    };
    connect(m_choice, &QComboBox::currentIndexChanged, this, changed);
    connect(m_key, &KmsKeyPicker::keyChanged, this, changed);
    setTable({}, {});
}

TableEncryptionBox::Choice TableEncryptionBox::choice() const {
    return static_cast<Choice>(m_choice->currentIndex());
}

void TableEncryptionBox::setChoice(Choice choice) {
    m_choice->setCurrentIndex(choice);
}

QString TableEncryptionBox::statusText() const {
    return m_status->text();
}

bool TableEncryptionBox::dirty() const {
    if (m_table.isEmpty() || !m_known) return false;
    if (choice() != m_current) return true;
    return choice() == Customer && m_key->keyId() != m_currentArn;
}

Json TableEncryptionBox::updateRequest(const QString& name) const {
    if (!dirty()) return {};
    Json sse = {{"Enabled", choice() != Owned}};
    if (choice() != Owned) sse["SSEType"] = "KMS";
    if (choice() == Customer) sse["KMSMasterKeyId"] = m_key->keyId().toStdString();
    return {{"TableName", name.toStdString()}, {"SSESpecification", sse}};
}

void TableEncryptionBox::revert() {
    display(m_current, m_currentArn);
}

void TableEncryptionBox::display(Choice choice, const QString& arn) {
    m_loading = true;
    m_choice->setCurrentIndex(choice);
    m_key->setKeyId(choice == Customer ? arn : QString());
    m_loading = false;
    updateEnabled();
}

void TableEncryptionBox::setTable(const QString& region, const Json& table) {
    const QString name =
        table.is_object() ? QString::fromStdString(table.value("TableName", "")) : QString();
    const bool other = name != m_table || region != m_region;
    const bool keep = !other && dirty();
    m_table = name;
    m_region = region;
    m_key->setRegion(region);
    const Json sse = table.is_object() ? table.value("SSEDescription", Json::object()) : Json();
    const QString arn =
        sse.is_object() ? QString::fromStdString(sse.value("KMSMasterKeyArn", "")) : QString();
    // The status line: where the table stands with its key.
    const QString status =
        table.is_object() ? QString::fromStdString(table.value("TableStatus", "")) : QString();
    if (sse.is_object() && sse.contains("InaccessibleEncryptionDateTime")) {
        const auto ms =
            static_cast<qint64>(sse["InaccessibleEncryptionDateTime"].get<double>() * 1000.0);
        m_status->setText(
            tr("The KMS key has been inaccessible since %1: the table serves no requests. "
               "Enable the key within 7 days, or the table is archived.")
                .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat)));
    } else if (status == QLatin1String("INACCESSIBLE_ENCRYPTION_CREDENTIALS")) {
        m_status->setText(
            tr("The KMS key is inaccessible: the table serves no requests and "
               "replication to and from it has stopped. Enable the key within 20 "
               "hours, or the replica leaves its global table."));
    } else if (status == QLatin1String("ARCHIVED") || status == QLatin1String("ARCHIVING")) {
        m_status->setText(
            tr("Archived because its KMS key stayed inaccessible: restore the "
               "archival backup to read its items."));
    } else {
        m_status->clear();
    }
    m_status->setVisible(!m_status->text().isEmpty());

    if (!other && arn == m_currentArn && m_known) return updateEnabled();
    m_currentArn = arn;
    if (arn.isEmpty()) {
        m_current = Owned;
        m_known = !m_table.isEmpty();
        ++m_generation;
        if (!keep) display(Owned, {});
        return updateEnabled();
    }
    m_known = false;
    updateEnabled();
    describeKey(arn);
}

void TableEncryptionBox::describeKey(const QString& arn) {
    const int generation = ++m_generation;
    m_bridge.call(this, m_region, QStringLiteral("kms:DescribeKey"), {{"KeyId", arn.toStdString()}},
                  [this, arn, generation](const tablespan::Result& r) {
                      if (generation != m_generation) return;
                      // A key deleted since is no AWS managed key.
                      const bool managed =
                          r.ok() && r.body["KeyMetadata"].value("KeyManager", "") == "AWS";
                      m_current = managed ? AwsManaged : Customer;
                      m_known = true;
                      display(m_current, arn);
                  });
}

void TableEncryptionBox::updateEnabled() {
    const bool has = !m_table.isEmpty() && m_known;
    m_choice->setEnabled(has);
    m_key->setEnabled(has && choice() == Customer);
}
