#pragma once

// The create-backup dialog: a table of the region and a backup name, validated as you
// type with the service's rule; the engine's error is shown inline when it refuses.

#include <QDialog>

class EngineBridge;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class TablesModel;

class CreateBackupDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateBackupDialog)

public:
    CreateBackupDialog(EngineBridge& bridge, const QString& region, const TablesModel& tables,
                       QWidget* parent = nullptr);

    QString table() const;
    void setTable(const QString& table);
    QString backupName() const;
    void setBackupName(const QString& name);
    // The message under the form: a rule the name breaks, or the engine's error.
    QString errorText() const;

signals:
    // The engine accepted the request; the backup exists (CREATING or AVAILABLE).
    void backupCreated(const QString& arn, const QString& name);

public slots:
    void accept() override;

private:
    void revalidate();
    void suggestName();

    EngineBridge& m_bridge;
    QString m_region;
    QComboBox* m_table;
    QLineEdit* m_name;
    QLabel* m_hint;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
    bool m_nameEdited = false;
    bool m_busy = false;
};
