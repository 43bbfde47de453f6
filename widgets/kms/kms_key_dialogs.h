#pragma once

// The KMS keys tab's two dialogs: creating a customer managed key (its description), and
// scheduling a key's deletion (the waiting period, 7 to 30 days). Each sends its request
// through the bridge and shows KMS's refusal inline, staying open.

#include <QDialog>

class EngineBridge;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

class CreateKeyDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateKeyDialog)

public:
    CreateKeyDialog(EngineBridge& bridge, const QString& region, QWidget* parent = nullptr);

    void setDescription(const QString& text);
    QString errorText() const;

signals:
    // KMS created the key.
    void keyCreated(const QString& keyId);

public slots:
    void accept() override;

private:
    EngineBridge& m_bridge;
    QString m_region;
    QLineEdit* m_description;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
};

class ScheduleDeletionDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduleDeletionDialog)

public:
    // `keyId` and `label` (its description, or its id) name the key.
    ScheduleDeletionDialog(EngineBridge& bridge, const QString& region, const QString& keyId,
                           const QString& label, QWidget* parent = nullptr);

    void setWindowDays(int days);
    int windowDays() const;
    QString errorText() const;

signals:
    // KMS scheduled the deletion.
    void deletionScheduled(const QString& keyId);

public slots:
    void accept() override;

private:
    EngineBridge& m_bridge;
    QString m_region;
    QString m_keyId;
    QSpinBox* m_days;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
};
