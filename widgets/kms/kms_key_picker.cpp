#include "kms/kms_key_picker.h"

#include <QLineEdit>

#include "common/engine_bridge.h"
#include "kms/kms_key_list.h"

using tablespan::Json;

KmsKeyPicker::KmsKeyPicker(EngineBridge& bridge, QWidget* parent)
    : QComboBox(parent), m_bridge(bridge) {
    setObjectName(QStringLiteral("kmsKeyPicker"));
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(24);
    lineEdit()->setPlaceholderText(tr("KMS key ID, ARN or alias"));
    setToolTip(
        tr("A customer managed key of the region (see the KMS keys tab), or a key ID, "
           "key ARN or alias typed by hand"));
    connect(this, &QComboBox::currentTextChanged, this, &KmsKeyPicker::keyChanged);
}

void KmsKeyPicker::setRegion(const QString& region) {
    if (region == m_region) return;
    m_region = region;
    clear();
    reload();
}

int KmsKeyPicker::keyCount() const {
    return count();
}

QString KmsKeyPicker::keyId() const {
    const QString text = currentText().trimmed();
    const int i = findText(text);
    return i >= 0 ? itemData(i).toString() : text;
}

void KmsKeyPicker::setKeyId(const QString& arn) {
    const int i = findData(arn);
    if (i >= 0) {
        setCurrentIndex(i);
        setEditText(itemText(i));
    } else {
        setCurrentIndex(-1);
        setEditText(arn);
    }
}

void KmsKeyPicker::reload() {
    const int generation = ++m_generation;
    if (m_region.isEmpty()) return;
    readKmsKeys(m_bridge, this, m_region,
                [this, generation](const QList<Json>& keys, const QString&) {
                    if (generation == m_generation) showKeys(keys);
                });
}

void KmsKeyPicker::showKeys(const QList<Json>& keys) {
    const QString typed = currentText();
    const QString chosen = keyId();
    blockSignals(true);
    clear();
    for (const Json& k : keys) {
        // Only a key a table can use now, and one the user manages.
        if (k.value("KeyManager", "") != "CUSTOMER" || k.value("KeyState", "") != "Enabled")
            continue;
        const QString description = QString::fromStdString(k.value("Description", ""));
        const QString id = QString::fromStdString(k.value("KeyId", ""));
        const QString arn = QString::fromStdString(k.value("Arn", ""));
        addItem(description.isEmpty() ? id : tr("%1 (%2…)").arg(description, id.left(8)), arn);
        setItemData(count() - 1, arn, Qt::ToolTipRole);
    }
    // What was chosen stays chosen; what was typed stays typed.
    const int i = findData(chosen);
    setCurrentIndex(i);
    setEditText(i >= 0 ? itemText(i) : typed);
    blockSignals(false);
    emit keysLoaded();
    emit keyChanged();
}
