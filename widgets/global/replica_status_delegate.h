#pragma once

// The status column of the Global tables tab: a progress bar with the backfill percent
// while a replica is CREATING, else the usual status badge.

#include <QStyledItemDelegate>

class StatusDelegate;

class ReplicaStatusDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplicaStatusDelegate)

public:
    ReplicaStatusDelegate(int statusRole, int progressRole, QObject* parent = nullptr);
    void setPhase(int phase);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    StatusDelegate* m_badge;
    int m_progressRole;
};
