#include "common/context_menu.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QItemSelectionModel>
#include <QMenu>

namespace {
// Holds the view's fill function, as a child of the view.
class MenuFill final : public QObject {
public:
    MenuFill(ContextMenu::Fill f, QObject* parent) : QObject(parent), fill(std::move(f)) {
        setObjectName(QStringLiteral("contextMenuFill"));
    }
    ContextMenu::Fill fill;
};
}  // namespace

namespace ContextMenu {

void install(QAbstractItemView* view, Fill fill) {
    new MenuFill(std::move(fill), view);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(view, &QWidget::customContextMenuRequested, view, [view](const QPoint& pos) {
        QMenu* menu = build(view, pos);
        if (!menu || menu->isEmpty()) {
            delete menu;
            return;
        }
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(view->viewport()->mapToGlobal(pos));
    });
}

QMenu* build(QAbstractItemView* view, const QPoint& pos) {
    const auto* holder = dynamic_cast<MenuFill*>(
        view->findChild<QObject*>(QStringLiteral("contextMenuFill"), Qt::FindDirectChildrenOnly));
    if (!holder) return nullptr;
    const QModelIndex index = view->indexAt(pos);
    QItemSelectionModel* selection = view->selectionModel();
    if (index.isValid() && selection && !selection->isRowSelected(index.row(), index.parent())) {
        view->setCurrentIndex(index);
        selection->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    auto* menu = new QMenu(view);
    menu->setObjectName(QStringLiteral("contextMenu"));
    holder->fill(menu);
    return menu;
}

QAction* addButton(QMenu* menu, QAbstractButton* button) {
    QAction* action = menu->addAction(button->icon(), button->text());
    action->setObjectName(button->objectName() + QStringLiteral("Action"));
    action->setEnabled(button->isEnabled());
    QObject::connect(action, &QAction::triggered, button, &QAbstractButton::click);
    return action;
}

}  // namespace ContextMenu
