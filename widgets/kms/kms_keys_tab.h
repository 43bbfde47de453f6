#pragma once

// The KMS keys tab: the keys of the selected region's simulated KMS with their state,
// creating a customer managed key, disabling and enabling it, scheduling its deletion
// (7 to 30 days) and cancelling that, with KMS's refusals shown inline. A note tells what
// tables encrypted with a key go through when it becomes unusable. Reads and changes keys
// through the bridge, like every other view; requests made elsewhere (the AWS CLI) show
// on their completion.

#include <QWidget>

#include "tablespan/engine.h"

class EngineBridge;
class KmsKeysModel;
class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;
class QTimer;
struct RequestRecord;

class KmsKeysTab final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KmsKeysTab)

public:
    explicit KmsKeysTab(EngineBridge& bridge, QWidget* parent = nullptr);

    KmsKeysModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QString region() const { return m_region; }
    QString selectedKeyId() const;
    // The message above the list: the last refusal, or empty.
    QString errorText() const;
    QString detailsText() const;

public slots:
    void setRegion(const QString& region);
    // Reads every key of the region again.
    void refresh();
    void selectKey(const QString& keyId);
    // Open their dialogs (return at once).
    void createKey();
    void scheduleDeletionOfSelected();
    // Act on the selected key at once.
    void disableSelected();
    void enableSelected();
    void cancelDeletionOfSelected();

signals:
    void message(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    // Shows these KeyMetadata objects, keeping (or making) the selection.
    void showKeys(const QList<tablespan::Json>& keys);
    // Sends `operation` for the selected key; `done` names what happened.
    void act(const QString& operation, const QString& done);
    void onRequests(const QList<RequestRecord>& records);
    void updateActions();
    void showDetails();
    void showError(const QString& text);

    EngineBridge& m_bridge;
    QString m_region;
    QString m_pendingSelection;  // selected once the list has it
    KmsKeysModel* m_model;
    QTableView* m_view;
    QTextBrowser* m_details;
    QLabel* m_error;
    QPushButton* m_disable;
    QPushButton* m_enable;
    QPushButton* m_schedule;
    QPushButton* m_cancel;
    QTimer* m_reload;  // coalesces refreshes after KMS requests made elsewhere
    int m_generation = 0;
};
