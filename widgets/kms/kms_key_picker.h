#pragma once

// Picks the KMS key a table (or a new replica) encrypts with: the enabled customer
// managed keys of one region, listed by description, or a key ID, ARN or alias typed by
// hand. Reads the region's keys through the bridge (ListKeys, DescribeKey).

#include <QComboBox>

#include "tablespan/json_codec.h"

class EngineBridge;

class KmsKeyPicker final : public QComboBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KmsKeyPicker)

public:
    explicit KmsKeyPicker(EngineBridge& bridge, QWidget* parent = nullptr);

    // Lists the enabled customer managed keys of `region` (read again when it changes).
    void setRegion(const QString& region);
    QString region() const { return m_region; }
    // Reads the region's keys again; keeps what the user typed or picked.
    void reload();
    // What CreateTable's KMSMasterKeyId gets: the picked key's ARN, or the text typed.
    QString keyId() const;
    // Shows `arn` (a listed key by its description, another as it is).
    void setKeyId(const QString& arn);
    // How many keys the region offers.
    int keyCount() const;

signals:
    // The region's keys are listed (after setRegion or reload).
    void keysLoaded();
    // The choice changed (picked or typed).
    void keyChanged();

private:
    // Lists the usable keys of these KeyMetadata objects.
    void showKeys(const QList<tablespan::Json>& keys);

    EngineBridge& m_bridge;
    QString m_region;
    int m_generation = 0;
};
