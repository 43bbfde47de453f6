#pragma once

// The PartiQL editor tab: a statement editor with highlighting, run with Ctrl+Enter or
// Run in the console's region (ExecuteStatement, as any SDK sends it, with an optional
// Limit and the values of its ? placeholders as Parameters), the items returned
// as a table or as DynamoDB JSON, further pages on "Load more" (the answer's NextToken),
// the engine's error under the editor with the place it names marked in the statement,
// and this session's statements beside the editor, newest first.

#include <QWidget>

#include "tablespan/engine.h"

class EngineBridge;
class PartiqlEditor;
class PartiqlHistory;
class PartiqlResultsModel;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableView;
class QRadioButton;
class QTreeView;

class PartiqlTab final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PartiqlTab)

public:
    explicit PartiqlTab(EngineBridge& bridge, QWidget* parent = nullptr);

    QString region() const { return m_region; }
    PartiqlEditor* editor() const { return m_editor; }
    PartiqlResultsModel* results() const { return m_results; }
    PartiqlHistory* history() const { return m_history; }
    QTableView* resultsView() const { return m_view; }
    QPlainTextEdit* jsonView() const { return m_json; }
    QTreeView* historyView() const { return m_historyView; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* loadMoreButton() const { return m_loadMore; }
    QRadioButton* jsonButton() const { return m_jsonButton; }
    QRadioButton* tableButton() const { return m_tableButton; }
    QSpinBox* limitBox() const { return m_limit; }
    // The values of the statement's ? placeholders (a JSON list of DynamoDB values).
    QLineEdit* parametersEdit() const { return m_parameters; }
    // The error under the editor ("ExceptionName: message"), or empty.
    QString errorText() const;
    // What the last answer brought ("3 items returned …"), or what is under way.
    QString statusText() const;
    bool isRunning() const { return m_running; }
    // The answer's NextToken: more items wait (Load more).
    bool hasMore() const { return !m_nextToken.isEmpty(); }
    bool isJsonShown() const;

public slots:
    void setRegion(const QString& region);
    // The table chosen in another tab: the editor's hint names it.
    void setTable(const QString& table);
    // Runs the editor's statement (does nothing while a statement runs).
    void run();
    // Sends the same statement with the last NextToken; its items are added below.
    void loadMore();
    void setJsonShown(bool json);
    // Puts the history's statement at `row` back in the editor.
    void restore(int row);

signals:
    // An answer arrived (`ok`: items, or an error shown under the editor).
    void finished(bool ok);
    void message(const QString& text);

private:
    void send(tablespan::Json request, bool more);
    void showAnswer(const tablespan::Result& result, bool more);
    void showError(const QString& text);
    void setRunning(bool running);
    void updateStatus();
    void updateJson();

    EngineBridge& m_bridge;
    PartiqlHistory* m_history;
    QString m_region;
    PartiqlEditor* m_editor;
    QPushButton* m_run;
    QSpinBox* m_limit;
    QLineEdit* m_parameters;
    QLabel* m_error;
    QTreeView* m_historyView;
    PartiqlResultsModel* m_results;
    QLabel* m_status;
    QRadioButton* m_tableButton;
    QRadioButton* m_jsonButton;
    QPushButton* m_loadMore;
    QStackedWidget* m_stack;
    QTableView* m_view;
    QPlainTextEdit* m_json;

    // The statement whose items are shown (as sent, and trimmed for the history), the
    // region it ran in and its request.
    QString m_sent;
    QString m_statement;
    QString m_sentParameters;
    QString m_runRegion;
    tablespan::Json m_request;
    QString m_nextToken;
    bool m_ran = false;
    bool m_running = false;
    bool m_jsonStale = false;
    int m_generation = 0;
};
