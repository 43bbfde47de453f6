#pragma once

// The statement editor of the PartiQL tab: a monospaced plain-text editor with PartiQL
// highlighting, where Ctrl+Enter asks to run the statement and the place an error
// points at (line and column, 1-based) is underlined until the text changes.

#include <utility>

#include <QPlainTextEdit>

class PartiqlHighlighter;

class PartiqlEditor final : public QPlainTextEdit {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PartiqlEditor)

public:
    explicit PartiqlEditor(QWidget* parent = nullptr);

    PartiqlHighlighter* highlighter() const { return m_highlighter; }
    // Underlines the word (or character) at `line`, `column` (1-based, as the engine's
    // messages count them; past the end of the text: its last character) and puts the
    // cursor there. Returns false when the text has no such line.
    bool markError(int line, int column);
    void clearErrorMark();
    // The marked range as (position, length) in the document, or (-1, 0).
    std::pair<int, int> errorMark() const;

    // The line and column named by a message such as "Unexpected keyword at line 1,
    // column 26", or (0, 0) when it names none.
    static std::pair<int, int> positionIn(const QString& message);

signals:
    // Ctrl+Enter (either Enter key).
    void runRequested();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    void updateErrorColour();

    PartiqlHighlighter* m_highlighter;
    QString m_markedText;  // the text when the mark was made
    int m_errorStart = -1;
    int m_errorLength = 0;
};
