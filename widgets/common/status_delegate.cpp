#include "common/status_delegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace {
QColor colourOf(const QString& status) {
    if (status == QLatin1String("ACTIVE") || status == QLatin1String("AVAILABLE") ||
        status == QLatin1String("Enabled"))
        return QColor(0x03, 0x74, 0x3c);
    if (status == QLatin1String("DELETING") || status == QLatin1String("PendingDeletion"))
        return QColor(0xb8, 0x3b, 0x1d);
    // A table or replica whose KMS key is unusable: a warning, not a transition.
    if (status == QLatin1String("INACCESSIBLE_ENCRYPTION_CREDENTIALS") ||
        status == QLatin1String("ARCHIVING"))
        return QColor(0xc0, 0x62, 0x00);
    if (status == QLatin1String("ARCHIVED") || status == QLatin1String("DELETED") ||
        status == QLatin1String("OFFLINE") || status == QLatin1String("Disabled"))
        return QColor(0x6b, 0x6b, 0x6b);
    return QColor(0x06, 0x6f, 0xb8);  // CREATING, UPDATING, …
}
}  // namespace

StatusDelegate::StatusDelegate(int statusRole, QObject* parent)
    : QStyledItemDelegate(parent), m_statusRole(statusRole) {}

bool StatusDelegate::isTransitional(const QString& status) {
    return status == QLatin1String("CREATING") || status == QLatin1String("UPDATING") ||
           status == QLatin1String("DELETING") || status == QLatin1String("ARCHIVING");
}

QString StatusDelegate::statusText(const QString& status) {
    if (status == QLatin1String("ACTIVE")) return tr("Active");
    if (status == QLatin1String("CREATING")) return tr("Creating");
    if (status == QLatin1String("UPDATING")) return tr("Updating");
    if (status == QLatin1String("DELETING")) return tr("Deleting");
    if (status == QLatin1String("ARCHIVED")) return tr("Archived");
    if (status == QLatin1String("ARCHIVING")) return tr("Archiving");
    if (status == QLatin1String("INACCESSIBLE_ENCRYPTION_CREDENTIALS"))
        return tr("Key inaccessible");
    // KMS keys (KeyState).
    if (status == QLatin1String("Enabled")) return tr("Enabled");
    if (status == QLatin1String("Disabled")) return tr("Disabled");
    if (status == QLatin1String("PendingDeletion")) return tr("Pending deletion");
    // Backups (BackupStatus): CREATING, AVAILABLE, DELETED.
    if (status == QLatin1String("AVAILABLE")) return tr("Available");
    if (status == QLatin1String("DELETED")) return tr("Deleted");
    // The console's own: a replica whose region does not answer.
    if (status == QLatin1String("OFFLINE")) return tr("Offline");
    return status;
}

void StatusDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                           const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString status = index.data(m_statusRole).toString();
    opt.text.clear();
    QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    if (status.isEmpty()) return;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QString text = statusText(status);
    const QFontMetrics fm(opt.font);
    const int h = fm.height() + 4;
    const int dot = h - 8;
    const int w = fm.horizontalAdvance(text) + dot + 18;
    QRect badge(opt.rect.left() + 4, opt.rect.center().y() - h / 2 + 1, w, h);
    const QColor c = colourOf(status);
    QColor fill = c;
    fill.setAlpha(36);
    painter->setPen(QPen(c, 1));
    painter->setBrush(fill);
    painter->drawRoundedRect(badge, h / 2.0, h / 2.0);
    QRect mark(badge.left() + 6, badge.center().y() - dot / 2 + 1, dot, dot);
    if (isTransitional(status)) {
        painter->setPen(QPen(c, 2, Qt::SolidLine, Qt::RoundCap));
        painter->setBrush(Qt::NoBrush);
        painter->drawArc(mark.adjusted(1, 1, -1, -1), -m_phase * 16 * 30, 270 * 16);
    } else {
        painter->setPen(Qt::NoPen);
        painter->setBrush(c);
        painter->drawEllipse(mark.adjusted(1, 1, -1, -1));
    }
    painter->setPen(opt.palette.color(QPalette::Text));
    painter->drawText(QRect(mark.right() + 5, badge.top(), badge.right() - mark.right() - 5, h),
                      Qt::AlignVCenter | Qt::AlignLeft, text);
    painter->restore();
}

QSize StatusDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    const QFontMetrics fm(option.font);
    const QString text = statusText(index.data(m_statusRole).toString());
    return {fm.horizontalAdvance(text) + fm.height() + 30, fm.height() + 8};
}
