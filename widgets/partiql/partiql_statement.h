#pragma once

// What the console reads from a statement's text without parsing it as the engine does:
// its first word, its text without the comments in front, and the attributes its SELECT
// names (the order the results' columns follow).

#include <QString>
#include <QStringList>

namespace PartiqlStatement {
// The statement without the comments and white space in front of it.
QString withoutLeadingComments(const QString& statement);
// The first word, upper case ("SELECT", "INSERT", …), after any comments.
QString verb(const QString& statement);
// INSERT, UPDATE or DELETE.
bool isWrite(const QString& statement);
// The top-level attributes a SELECT lists, in its order ("SELECT b, a.x, \"c d\"[0] FROM"
// gives b, a, c d); empty for SELECT * or anything else.
QStringList projection(const QString& statement);
}  // namespace PartiqlStatement
