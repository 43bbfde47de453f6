#pragma once

// Paints a table status as a coloured badge. CREATING, UPDATING and DELETING animate (a
// spinning arc) while `phase` advances; the owner drives it with a timer.

#include <QStyledItemDelegate>

class StatusDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusDelegate)

public:
    explicit StatusDelegate(int statusRole, QObject* parent = nullptr);

    void setPhase(int phase) { m_phase = phase; }
    static bool isTransitional(const QString& status);
    // The user-visible text of a status ("Active", "Creating", …).
    static QString statusText(const QString& status);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_statusRole;
    int m_phase = 0;
};
