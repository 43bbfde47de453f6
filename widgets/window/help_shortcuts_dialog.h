#pragma once

// Help > Keyboard shortcuts (F1): every menu action that has a shortcut, by menu, and
// the keys that work inside the views and dialogs.

#include <QDialog>

class QMenuBar;
class QTableWidget;

class HelpShortcutsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HelpShortcutsDialog)

public:
    enum Column { Keys, Action, Where, NB_COLUMNS };

    // Lists the shortcuts of `menus` as they are now (shortcuts change with the platform).
    explicit HelpShortcutsDialog(const QMenuBar* menus, QWidget* parent = nullptr);

    QTableWidget* list() const { return m_list; }

private:
    void addRow(const QString& keys, const QString& action, const QString& where);

    QTableWidget* m_list;
};
