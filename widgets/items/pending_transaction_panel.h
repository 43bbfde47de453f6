#pragma once

// The Items tab's "Pending transaction" panel: the changes staged from the item editor
// and from Delete, each with its condition and a button to take it out, and "Save as
// transaction", which writes them all or none with one TransactWriteItems. When the
// service cancels the transaction, each change shows its reason, and a change whose
// condition failed shows the item as it is now beside the item as it was loaded.

#include <QWidget>

#include "tablespan/engine.h"

class EngineBridge;
class PendingTransaction;
class QCheckBox;
class QLabel;
class QPushButton;
class QTableView;

class PendingTransactionPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PendingTransactionPanel)

public:
    explicit PendingTransactionPanel(EngineBridge& bridge, QWidget* parent = nullptr);

    PendingTransaction* transaction() const { return m_transaction; }
    QTableView* view() const { return m_view; }
    // "2 of at most 100 changes".
    QString countText() const;
    // The outcome of the last save when it wrote nothing (cancelled, refused), or why
    // it could not be sent; empty otherwise.
    QString messageText() const;
    bool isSaving() const { return m_saving; }

public slots:
    // Sends the staged changes as one TransactWriteItems in their region.
    void save();
    // Takes the change at `row` out of the transaction.
    void removeChange(int row);
    // Asks, then discards every staged change ("confirmClearTransaction" box).
    void clearAll();
    // Shows the item of a change whose condition failed as it is now ("currentItem"
    // dialog), beside the item as it was loaded.
    void showCurrentItem(int row);

signals:
    // The transaction was written: `changes` items created, replaced or deleted.
    void saved(int changes);
    // A save ended: `error` is empty when it was written, else what the panel shows.
    void saveFinished(const QString& error);

private:
    void showMessage(const QString& text);
    // The per-row buttons (remove, and the current item where the service sent one).
    void refreshRows();
    void updateState();

    EngineBridge& m_bridge;
    PendingTransaction* m_transaction;
    QLabel* m_title;
    QLabel* m_count;
    QCheckBox* m_onlyIfUnchanged;
    QPushButton* m_clear;
    QPushButton* m_save;
    QLabel* m_message;
    QTableView* m_view;
    bool m_saving = false;
};
