#pragma once

// Context menus on the console's lists: a right click on a row outside the selection
// selects that row first, then the view's menu offers the actions of the selection.
// Actions that mirror a tab's buttons take the button's text, icon and enabled state,
// so the menu never offers what the tab would refuse.

#include <functional>

class QAbstractButton;
class QAbstractItemView;
class QAction;
class QMenu;
class QPoint;

namespace ContextMenu {
using Fill = std::function<void(QMenu* menu)>;

// Gives `view` a context menu; `fill` adds the actions when it opens.
void install(QAbstractItemView* view, Fill fill);
// The menu a right click at `pos` (viewport coordinates) opens, not shown yet; the caller
// owns it. Null when `view` has no menu installed.
QMenu* build(QAbstractItemView* view, const QPoint& pos);
// Adds an action that clicks `button`, named after it ("<button name>Action").
QAction* addButton(QMenu* menu, QAbstractButton* button);
}  // namespace ContextMenu
