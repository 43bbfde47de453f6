#pragma once

// The create-table dialog: every CreateTable option the engine supports, validated as
// you type; the engine's own error is shown inline when it refuses the request.

#include <QDialog>

#include "tables/create_table_request.h"

class EngineBridge;
class IndexEditor;
class KmsKeyPicker;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QTableWidget;

class CreateTableDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateTableDialog)

public:
    CreateTableDialog(EngineBridge& bridge, const QString& region, QWidget* parent = nullptr);

    CreateTableSpec spec() const;
    // The message under the form: a rule the input breaks, or the engine's error.
    QString errorText() const;
    IndexEditor* indexEditor() const { return m_indexes; }
    // The customer managed key chooser (Encryption at rest).
    KmsKeyPicker* kmsKeyPicker() const { return m_kms; }

signals:
    // The engine accepted the request; the table is CREATING.
    void tableCreated(const QString& name);

public slots:
    void accept() override;

private:
    void revalidate();
    QWidget* buildKeys();
    QWidget* buildSettings();
    QWidget* buildTags();

    EngineBridge& m_bridge;
    QString m_region;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_pk = nullptr;
    QComboBox* m_pkType = nullptr;
    QCheckBox* m_hasSort = nullptr;
    QLineEdit* m_sk = nullptr;
    QComboBox* m_skType = nullptr;
    QRadioButton* m_onDemand = nullptr;
    QSpinBox* m_rcu = nullptr;
    QSpinBox* m_wcu = nullptr;
    QComboBox* m_class = nullptr;
    QComboBox* m_stream = nullptr;
    QComboBox* m_sse = nullptr;
    KmsKeyPicker* m_kms = nullptr;
    QCheckBox* m_protect = nullptr;
    QTableWidget* m_tags = nullptr;
    IndexEditor* m_indexes = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_busy = false;
};
