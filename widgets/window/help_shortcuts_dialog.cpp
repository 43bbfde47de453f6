#include "window/help_shortcuts_dialog.h"

#include <functional>

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {
// "&File" → "File", "ファイル(&F)" → "ファイル", "Import items…" stays.
QString plain(QString text) {
    text.remove(QRegularExpression(QStringLiteral("\\(&[^)]\\)")));
    return text.remove(QRegularExpression(QStringLiteral("&(?!&)"))).trimmed();
}
}  // namespace

HelpShortcutsDialog::HelpShortcutsDialog(const QMenuBar* menus, QWidget* parent)
    : QDialog(parent), m_list(new QTableWidget(0, NB_COLUMNS, this)) {
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    m_list->setObjectName(QStringLiteral("shortcutsList"));
    m_list->setHorizontalHeaderLabels({tr("Keys"), tr("Action"), tr("Where")});
    m_list->verticalHeader()->hide();
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->horizontalHeader()->setStretchLastSection(true);

    // The menus' own shortcuts, in menu order: always what the actions really use.
    const std::function<void(const QMenu*, const QString&)> walk = [&](const QMenu* menu,
                                                                       const QString& where) {
        for (const QAction* a : menu->actions()) {
            if (a->menu()) {
                walk(a->menu(), where + QStringLiteral(" › ") + plain(a->text()));
                continue;
            }
            for (const QKeySequence& key : a->shortcuts())
                addRow(key.toString(QKeySequence::NativeText), plain(a->text()), where);
        }
    };
    if (menus)
        for (const QAction* a : menus->actions())
            if (a->menu()) walk(a->menu(), plain(a->text()));

    addRow(tr("Enter"), tr("Run the query or scan"), tr("Items: query builder"));
    addRow(QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText),
           tr("Run the statement"), tr("PartiQL editor"));
    addRow(tr("Double-click"), tr("Explore the table's items"), tr("Tables"));
    addRow(tr("Double-click"), tr("Edit the item"), tr("Items"));
    addRow(QKeySequence(Qt::Key_Escape).toString(QKeySequence::NativeText),
           tr("Close the dialog (asks first when there are edits)"), tr("Dialogs"));
    m_list->resizeColumnsToContents();

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    // Every row without scrolling (about 15 of them).
    resize(620, 560);
}

void HelpShortcutsDialog::addRow(const QString& keys, const QString& action, const QString& where) {
    const int row = m_list->rowCount();
    m_list->insertRow(row);
    m_list->setItem(row, Keys, new QTableWidgetItem(keys));
    m_list->setItem(row, Action, new QTableWidgetItem(action));
    m_list->setItem(row, Where, new QTableWidgetItem(where));
}
