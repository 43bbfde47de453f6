#include "common/view_style.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>

void ViewStyle::inlineError(QLabel* label, const QString& objectName) {
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #d13212;"));
    label->hide();
}

void ViewStyle::rowList(QTableView* view, const QString& objectName) {
    view->setObjectName(objectName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->hide();
}

void ViewStyle::notice(QLabel* label, const QString& objectName) {
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignCenter);
    label->setFrameShape(QFrame::StyledPanel);
    label->setMargin(16);
    label->setMinimumHeight(label->fontMetrics().height() * 4);
    label->hide();
}
