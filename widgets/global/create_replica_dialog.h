#pragma once

// The create-replica dialog. Eventual consistency (MREC): one region not yet in the
// table's replication group and an optional table class override; sends UpdateTable with
// one ReplicaUpdates Create. Strong consistency (MRSC): the whole group at once, three
// replicas or two replicas and a witness, all in the table region's region set; sends
// one UpdateTable with the Creates, the witness and MultiRegionConsistency STRONG. Strong
// consistency is offered only for an empty table without replicas in a region of a
// region set; otherwise the dialog says why. The engine's error is shown inline and the
// dialog stays open; its refusal of a provisioned table whose writes do not auto scale
// says what to do, with a button that opens the AutoScalingDialog for the table.

#include <QDialog>

#include "tablespan/engine.h"

class EngineBridge;
class KmsKeyPicker;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QRadioButton;

class CreateReplicaDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateReplicaDialog)

public:
    // `region` is where UpdateTable is sent (a remote region too); `group` lists the region
    // codes already in it.
    CreateReplicaDialog(EngineBridge& bridge, const QString& region, const QString& table,
                        const QStringList& group, QWidget* parent = nullptr);

    void setReplicaRegion(const QString& code);
    void setTableClass(const QString& tableClass);  // "" = same as the table
    QStringList offeredRegions() const;
    // The replica's KMS key (a customer managed key of the replica's region), for a table
    // encrypted with a customer managed key.
    KmsKeyPicker* kmsKeyPicker() const { return m_kms; }
    QString errorText() const;
    // The note under the error ("" when hidden): write auto scaling was turned on.
    QString noteText() const;
    // "Turn on write auto scaling…", shown after the refusal of a provisioned table.
    QPushButton* turnOnScalingButton() const { return m_turnOnScaling; }

    // Strong consistency: chosen, possible, and why not (empty when possible; "" while
    // the dialog still checks that the table is empty).
    void setStrong(bool strong);
    bool isStrong() const;
    bool strongPossible() const;
    QString strongUnavailableReason() const;
    // Two replicas and a witness (true) or three replicas (false).
    void setWithWitness(bool witness);
    void setSecondRegion(const QString& code);
    void setThirdRegion(const QString& code);
    // The regions offered for the second replica and for the third member.
    QStringList offeredSecondRegions() const;
    QStringList offeredThirdRegions() const;
    // The UpdateTable request the dialog sends for the current choice.
    tablespan::Json request() const;

signals:
    void replicaRequested(const QString& region);
    // A strongly consistent group was requested: its new replicas and witness ("" = none).
    void strongGroupRequested(const QStringList& replicas, const QString& witness);

public slots:
    void accept() override;

private:
    void checkEmpty();
    void updateStrongChoices();
    void updateMode();
    // Opens the AutoScalingDialog with write auto scaling turned on (returns at once).
    void turnOnWriteScaling();

    EngineBridge& m_bridge;
    QString m_region;
    QString m_table;
    QStringList m_group;
    QString m_strongBlocked;  // why strong consistency is not possible ("" = possible)
    bool m_emptyChecked = false;
    QRadioButton* m_eventual;
    QRadioButton* m_strongButton;
    QLabel* m_tradeOff;
    QLabel* m_strongNote;
    QFormLayout* m_form;
    QComboBox* m_target;
    QComboBox* m_class;
    QComboBox* m_shape;
    QComboBox* m_second;
    QComboBox* m_third;
    KmsKeyPicker* m_kms;
    QLabel* m_thirdLabel;
    QLabel* m_intro;
    QLabel* m_error;
    QLabel* m_note;
    QPushButton* m_turnOnScaling;
    QDialogButtonBox* m_buttons;
    bool m_busy = false;
};
