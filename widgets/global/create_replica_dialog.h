#pragma once

// The create-replica dialog: the regions not yet in the table's replication group and an
// optional table class override. Sends UpdateTable with ReplicaUpdates Create; the
// engine's error is shown inline and the dialog stays open.

#include <QDialog>

class EngineBridge;
class QComboBox;
class QDialogButtonBox;
class QLabel;

class CreateReplicaDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateReplicaDialog)

public:
    // `region` is where UpdateTable is sent; `group` lists the regions already in it.
    CreateReplicaDialog(EngineBridge& bridge, const QString& region, const QString& table,
                        const QStringList& group, QWidget* parent = nullptr);

    void setReplicaRegion(const QString& code);
    void setTableClass(const QString& tableClass);  // "" = same as the table
    QStringList offeredRegions() const;
    QString errorText() const;

signals:
    void replicaRequested(const QString& region);

public slots:
    void accept() override;

private:
    EngineBridge& m_bridge;
    QString m_region;
    QString m_table;
    QComboBox* m_target;
    QComboBox* m_class;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
};
