#include "global/replica_status_delegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

#include "common/status_delegate.h"

ReplicaStatusDelegate::ReplicaStatusDelegate(int statusRole, int progressRole, QObject* parent)
    : QStyledItemDelegate(parent),
      m_badge(new StatusDelegate(statusRole, this)),
      m_progressRole(progressRole) {}

void ReplicaStatusDelegate::setPhase(int phase) {
    m_badge->setPhase(phase);
}

void ReplicaStatusDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
    const int progress = index.data(m_progressRole).toInt();
    if (index.data(m_progressRole).isNull() || progress < 0) {
        m_badge->paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    QStyleOptionProgressBar bar;
    bar.rect = opt.rect.adjusted(4, 3, -4, -3);
    bar.minimum = 0;
    bar.maximum = 100;
    bar.progress = progress;
    bar.text = text;
    bar.textVisible = true;
    bar.state = QStyle::State_Enabled | QStyle::State_Horizontal;
    bar.palette = opt.palette;
    bar.fontMetrics = opt.fontMetrics;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, opt.widget);
}

QSize ReplicaStatusDelegate::sizeHint(const QStyleOptionViewItem& option,
                                      const QModelIndex& index) const {
    const QSize badge = m_badge->sizeHint(option, index);
    return {std::max(badge.width(), 140), badge.height()};
}
