#include "partiql/partiql_highlighter.h"

#include <QEvent>
#include <QPlainTextEdit>
#include <QSet>

namespace {
// Block states: inside a /* comment */ that continues on the next line.
constexpr int kInComment = 1;

bool isWordStart(QChar c) {
    return c.isLetter() || c == QLatin1Char('_');
}
bool isWordPart(QChar c) {
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

// Colours chosen to keep a contrast of at least 4.5:1 against the theme's base colour
// (white in the light theme, #161d26 in the dark one).
struct Palette {
    QColor keyword, string, identifier, number, parameter, comment;
};
constexpr Palette kLight = {QColor(0x00, 0x4d, 0xb3), QColor(0xa3, 0x15, 0x15),
                            QColor(0x6f, 0x2d, 0xa8), QColor(0x09, 0x7a, 0x4c),
                            QColor(0xb0, 0x5a, 0x00), QColor(0x5f, 0x6b, 0x7a)};
constexpr Palette kDark = {QColor(0x6c, 0xb6, 0xff), QColor(0xf0, 0x9a, 0x8a),
                           QColor(0xd2, 0xa8, 0xff), QColor(0x7e, 0xe7, 0x87),
                           QColor(0xff, 0xc1, 0x6b), QColor(0x8d, 0x99, 0xa8)};
}  // namespace

PartiqlHighlighter::PartiqlHighlighter(QPlainTextEdit* editor)
    : QSyntaxHighlighter(editor->document()), m_editor(editor) {
    updateFormats();
    editor->installEventFilter(this);
}

const QStringList& PartiqlHighlighter::keywords() {
    static const QStringList words = {
        QStringLiteral("SELECT"), QStringLiteral("FROM"),      QStringLiteral("WHERE"),
        QStringLiteral("INSERT"), QStringLiteral("INTO"),      QStringLiteral("VALUE"),
        QStringLiteral("UPDATE"), QStringLiteral("SET"),       QStringLiteral("REMOVE"),
        QStringLiteral("DELETE"), QStringLiteral("RETURNING"), QStringLiteral("AND"),
        QStringLiteral("OR"),     QStringLiteral("NOT"),       QStringLiteral("BETWEEN"),
        QStringLiteral("IN"),     QStringLiteral("IS"),        QStringLiteral("MISSING"),
        QStringLiteral("NULL"),   QStringLiteral("EXISTS"),    QStringLiteral("ORDER"),
        QStringLiteral("BY"),     QStringLiteral("ASC"),       QStringLiteral("DESC")};
    return words;
}

bool PartiqlHighlighter::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_editor && event->type() == QEvent::PaletteChange) {
        updateFormats();
        rehighlight();
    }
    return QSyntaxHighlighter::eventFilter(watched, event);
}

void PartiqlHighlighter::updateFormats() {
    const bool dark = m_editor->palette().color(QPalette::Base).lightness() < 128;
    const Palette& p = dark ? kDark : kLight;
    const QColor colours[NB_KINDS] = {p.keyword, p.string,    p.identifier,
                                      p.number,  p.parameter, p.comment};
    for (int k = 0; k < NB_KINDS; ++k) {
        m_formats[k] = QTextCharFormat();
        m_formats[k].setForeground(colours[k]);
    }
    m_formats[Keyword].setFontWeight(QFont::Bold);
    m_formats[Parameter].setFontWeight(QFont::Bold);
    m_formats[Comment].setFontItalic(true);
}

void PartiqlHighlighter::highlightBlock(const QString& text) {
    static const QSet<QString> words(keywords().cbegin(), keywords().cend());
    const qsizetype n = text.size();
    qsizetype i = 0;
    setCurrentBlockState(0);
    if (previousBlockState() == kInComment) {
        const qsizetype end = text.indexOf(QStringLiteral("*/"));
        if (end < 0) {
            setFormat(0, static_cast<int>(n), m_formats[Comment]);
            setCurrentBlockState(kInComment);
            return;
        }
        setFormat(0, static_cast<int>(end + 2), m_formats[Comment]);
        i = end + 2;
    }
    const auto mark = [this](qsizetype from, qsizetype to, Kind kind) {
        setFormat(static_cast<int>(from), static_cast<int>(to - from), m_formats[kind]);
    };
    while (i < n) {
        const QChar c = text.at(i);
        const QChar next = i + 1 < n ? text.at(i + 1) : QChar();
        if (c == QLatin1Char('-') && next == QLatin1Char('-')) {
            mark(i, n, Comment);
            return;
        }
        if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            const qsizetype end = text.indexOf(QStringLiteral("*/"), i + 2);
            if (end < 0) {
                mark(i, n, Comment);
                setCurrentBlockState(kInComment);
                return;
            }
            mark(i, end + 2, Comment);
            i = end + 2;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            // A doubled quote inside stands for the quote itself ('it''s').
            qsizetype j = i + 1;
            while (j < n) {
                if (text.at(j) == c) {
                    if (j + 1 < n && text.at(j + 1) == c) {
                        j += 2;
                        continue;
                    }
                    ++j;
                    break;
                }
                ++j;
            }
            mark(i, j, c == QLatin1Char('\'') ? String : Identifier);
            i = j;
        } else if (c == QLatin1Char('?')) {
            mark(i, i + 1, Parameter);
            ++i;
        } else if (c.isDigit() || (c == QLatin1Char('.') && next.isDigit())) {
            qsizetype j = i;
            while (j < n && (text.at(j).isDigit() || text.at(j) == QLatin1Char('.'))) ++j;
            if (j < n && (text.at(j) == QLatin1Char('e') || text.at(j) == QLatin1Char('E'))) {
                qsizetype k = j + 1;
                if (k < n && (text.at(k) == QLatin1Char('+') || text.at(k) == QLatin1Char('-')))
                    ++k;
                if (k < n && text.at(k).isDigit()) {
                    j = k;
                    while (j < n && text.at(j).isDigit()) ++j;
                }
            }
            mark(i, j, Number);
            i = j;
        } else if (isWordStart(c)) {
            qsizetype j = i + 1;
            while (j < n && isWordPart(text.at(j))) ++j;
            if (words.contains(text.mid(i, j - i).toUpper())) mark(i, j, Keyword);
            i = j;
        } else {
            ++i;
        }
    }
}
