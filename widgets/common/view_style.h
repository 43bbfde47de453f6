#pragma once

// Looks the console's tabs and dialogs share, set up in one place.

class QLabel;
class QString;
class QTableView;

namespace ViewStyle {
// The inline error line: red, word-wrapped, hidden until it has something to say.
void inlineError(QLabel* label, const QString& objectName);
// A read-only list of rows (tables, replicas, backups): whole rows selected, columns
// sized to their contents, the last one stretched, no row numbers.
void rowList(QTableView* view, const QString& objectName);
// A sentence standing in for a view that has nothing to show here (a chart of the
// embedded engine's simulation, on a remote region): word-wrapped and centred in a
// panel, hidden until it has something to say.
void notice(QLabel* label, const QString& objectName);
}  // namespace ViewStyle
