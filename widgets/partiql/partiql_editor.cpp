#include "partiql/partiql_editor.h"

#include <algorithm>

#include <QFontDatabase>
#include <QKeyEvent>
#include <QRegularExpression>
#include <QTextBlock>

#include "partiql/partiql_highlighter.h"

PartiqlEditor::PartiqlEditor(QWidget* parent)
    : QPlainTextEdit(parent), m_highlighter(new PartiqlHighlighter(this)) {
    setObjectName(QStringLiteral("partiqlEditor"));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(true);
    // Re-highlighting (a theme change) signals textChanged too: only an edit clears.
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        if (m_errorStart >= 0 && toPlainText() != m_markedText) clearErrorMark();
    });
}

void PartiqlEditor::keyPressEvent(QKeyEvent* event) {
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
        (event->modifiers() & Qt::ControlModifier)) {
        event->accept();
        emit runRequested();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

bool PartiqlEditor::event(QEvent* event) {
    // Ctrl+Enter belongs to the editor while it has focus, ahead of any shortcut.
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            (key->modifiers() & Qt::ControlModifier)) {
            event->accept();
            return true;
        }
    }
    if (event->type() == QEvent::PaletteChange && m_errorStart >= 0) updateErrorColour();
    return QPlainTextEdit::event(event);
}

std::pair<int, int> PartiqlEditor::positionIn(const QString& message) {
    static const QRegularExpression at(QStringLiteral("at line (\\d+), column (\\d+)"));
    const QRegularExpressionMatch m = at.match(message);
    if (!m.hasMatch()) return {0, 0};
    return {m.captured(1).toInt(), m.captured(2).toInt()};
}

bool PartiqlEditor::markError(int line, int column) {
    clearErrorMark();
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (line < 1 || !block.isValid()) return false;
    const QString text = block.text();
    // Past the end of the line (an unexpected end of the statement): its last character.
    int offset = std::clamp(column - 1, 0, std::max(0, static_cast<int>(text.size()) - 1));
    const auto isWord = [](QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_'); };
    int end = offset + 1;
    if (offset < text.size() && isWord(text.at(offset)))
        while (end < text.size() && isWord(text.at(end))) ++end;
    end = std::min(end, static_cast<int>(text.size()));
    m_markedText = toPlainText();
    m_errorStart = block.position() + offset;
    m_errorLength = std::max(0, end - offset);
    updateErrorColour();
    QTextCursor cursor(document());
    cursor.setPosition(m_errorStart);
    setTextCursor(cursor);
    ensureCursorVisible();
    return true;
}

void PartiqlEditor::updateErrorColour() {
    QTextEdit::ExtraSelection mark;
    mark.cursor = QTextCursor(document());
    mark.cursor.setPosition(m_errorStart);
    mark.cursor.setPosition(m_errorStart + m_errorLength, QTextCursor::KeepAnchor);
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    const QColor red = dark ? QColor(0xff, 0x6b, 0x5a) : QColor(0xd1, 0x32, 0x12);
    QColor tint = red;
    tint.setAlpha(dark ? 70 : 40);
    mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    mark.format.setUnderlineColor(red);
    mark.format.setBackground(tint);
    setExtraSelections({mark});
}

void PartiqlEditor::clearErrorMark() {
    if (m_errorStart < 0) return;
    m_errorStart = -1;
    m_errorLength = 0;
    setExtraSelections({});
}

std::pair<int, int> PartiqlEditor::errorMark() const {
    return {m_errorStart, m_errorLength};
}
