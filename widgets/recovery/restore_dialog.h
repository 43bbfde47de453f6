#pragma once

// The restore dialog, for both kinds of restore: from an on-demand backup
// (RestoreTableFromBackup) or of a table as it was at a moment
// (RestoreTableToPointInTime). Asks for the new table's name, validated as you type, the
// region to create it in (the source's by default; another region gets the request with
// the source's ARN, and needs an encryption setting of its own), and the overrides the
// service allows (capacity mode with provisioned throughput, encryption); the engine's
// error is shown inline when it refuses.

#include <QDialog>

#include "recovery/recovery_request.h"

class EngineBridge;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

class RestoreDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RestoreDialog)

public:
    struct Source {
        QString table;       // the source table's name
        QString backupArn;   // set: restore this backup
        QString backupName;  // shown with it
        bool latest = true;  // point in time: UseLatestRestorableTime…
        qint64 timeMs = 0;   // …or this RestoreDateTime (engine ms, whole seconds)
    };

    RestoreDialog(EngineBridge& bridge, const QString& region, const Source& source,
                  QWidget* parent = nullptr);

    QString targetName() const;
    void setTargetName(const QString& name);
    // The region the new table is created in (a region code).
    QString targetRegion() const;
    void setTargetRegion(const QString& region);
    RestoreOverrides overrides() const;
    void setOverrides(const RestoreOverrides& overrides);
    // The message under the form: a rule the input breaks, or the engine's error.
    QString errorText() const;
    // The request accept() sends (to targetRegion()).
    tablespan::Json request() const;

signals:
    // The engine accepted the request: `table` is CREATING while the restore fills it.
    void restoreStarted(const QString& table);

public slots:
    void accept() override;

private:
    void revalidate();
    QString problem() const;
    bool crossRegion() const;
    void send();

    EngineBridge& m_bridge;
    QString m_region;
    Source m_source;
    QLineEdit* m_target;
    QComboBox* m_targetRegion;
    QString m_sourceArn;  // of the source table, for a point-in-time restore elsewhere
    QComboBox* m_billing;
    QSpinBox* m_rcu;
    QSpinBox* m_wcu;
    QComboBox* m_sse;
    QLineEdit* m_kms;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
};
