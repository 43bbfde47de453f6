#include "partiql/partiql_statement.h"

namespace {
bool isWordChar(QChar c) {
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

// The end of the quoted text starting at `i` (a doubled quote stands for itself).
qsizetype skipQuoted(const QString& s, qsizetype i) {
    const QChar quote = s.at(i);
    for (++i; i < s.size(); ++i) {
        if (s.at(i) != quote) continue;
        if (i + 1 < s.size() && s.at(i + 1) == quote) {
            ++i;
            continue;
        }
        return i + 1;
    }
    return s.size();
}

// The name an element of the SELECT list starts with, or empty.
QString leadingName(const QString& element) {
    const QString e = element.trimmed();
    if (e.isEmpty()) return {};
    if (e.at(0) == QLatin1Char('"')) {
        const qsizetype end = skipQuoted(e, 0);
        return e.mid(1, end - 2).replace(QStringLiteral("\"\""), QStringLiteral("\""));
    }
    qsizetype j = 0;
    while (j < e.size() && isWordChar(e.at(j))) ++j;
    return e.left(j);
}
}  // namespace

QString PartiqlStatement::withoutLeadingComments(const QString& statement) {
    qsizetype i = 0;
    const qsizetype n = statement.size();
    while (i < n) {
        if (statement.at(i).isSpace()) {
            ++i;
        } else if (statement.mid(i, 2) == QLatin1String("--")) {
            const qsizetype end = statement.indexOf(QLatin1Char('\n'), i);
            i = end < 0 ? n : end + 1;
        } else if (statement.mid(i, 2) == QLatin1String("/*")) {
            const qsizetype end = statement.indexOf(QLatin1String("*/"), i + 2);
            i = end < 0 ? n : end + 2;
        } else {
            break;
        }
    }
    return statement.mid(i);
}

QString PartiqlStatement::verb(const QString& statement) {
    const QString s = withoutLeadingComments(statement);
    qsizetype j = 0;
    while (j < s.size() && s.at(j).isLetter()) ++j;
    return s.left(j).toUpper();
}

bool PartiqlStatement::isWrite(const QString& statement) {
    const QString v = verb(statement);
    return v == QLatin1String("INSERT") || v == QLatin1String("UPDATE") ||
           v == QLatin1String("DELETE");
}

QStringList PartiqlStatement::projection(const QString& statement) {
    const QString s = withoutLeadingComments(statement);
    if (verb(s) != QLatin1String("SELECT")) return {};
    QStringList names;
    qsizetype start = 6;  // after SELECT
    int depth = 0;
    for (qsizetype i = start; i < s.size();) {
        const QChar c = s.at(i);
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            i = skipQuoted(s, i);
            continue;
        }
        if (c == QLatin1Char('[') || c == QLatin1Char('(') || c == QLatin1Char('{')) ++depth;
        if (c == QLatin1Char(']') || c == QLatin1Char(')') || c == QLatin1Char('}')) --depth;
        const bool from =
            depth == 0 && s.mid(i, 4).compare(QLatin1String("FROM"), Qt::CaseInsensitive) == 0 &&
            (i == 0 || !isWordChar(s.at(i - 1))) && (i + 4 >= s.size() || !isWordChar(s.at(i + 4)));
        if (from || (depth == 0 && c == QLatin1Char(','))) {
            const QString element = s.mid(start, i - start);
            if (element.trimmed() == QLatin1String("*")) return {};
            const QString name = leadingName(element);
            if (!name.isEmpty() && !names.contains(name)) names << name;
            if (from) return names;
            start = i + 1;
        }
        ++i;
    }
    return {};  // no FROM: not a statement whose columns can be told
}
