#pragma once

// Colours a PartiQL statement as it is typed: keywords (case-insensitive), 'strings',
// "quoted identifiers", numbers, ? parameters, -- line comments and /* block comments */
// (which may span lines). The colours follow the editor's palette: one set for a light
// base, another for a dark one, swapped when the theme changes.

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QPlainTextEdit;

class PartiqlHighlighter final : public QSyntaxHighlighter {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PartiqlHighlighter)

public:
    // What a piece of text is; the formats are indexed by it.
    enum Kind { Keyword, String, Identifier, Number, Parameter, Comment, NB_KINDS };

    // Highlights `editor`'s document and follows its palette.
    explicit PartiqlHighlighter(QPlainTextEdit* editor);

    // The format given to `kind` with the current palette (for tests and legends).
    QTextCharFormat format(Kind kind) const { return m_formats[kind]; }
    // The words coloured as keywords, upper case.
    static const QStringList& keywords();

protected:
    void highlightBlock(const QString& text) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void updateFormats();

    QPlainTextEdit* m_editor;
    QTextCharFormat m_formats[NB_KINDS];
};
