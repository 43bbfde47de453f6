#pragma once

// Items as text: DynamoDB JSON ({"n": {"N": "1"}}) and plain JSON ({"n": 1}). Numbers
// are kept exactly as written in both directions: they never pass through a double.

#include <QCoreApplication>
#include <QString>

#include "tablespan/engine.h"

class ItemJson {
    Q_DECLARE_TR_FUNCTIONS(ItemJson)

public:
    // An error in a text: a message with its 1-based line and column.
    struct ParseError {
        int line = 0;
        int column = 0;
        QString message;
        bool isError() const { return !message.isEmpty(); }
        QString toString() const;
    };

    // Pretty text of an item in DynamoDB JSON.
    static QString toDynamoText(const tablespan::Json& item);
    // Pretty text of an item in plain JSON (sets become arrays).
    static QString toPlainText(const tablespan::Json& item);
    // One attribute value for a table cell: strings and numbers as they are, other
    // types in compact plain JSON.
    static QString cellText(const tablespan::Json& value);
    // The type code of a DynamoDB JSON value ("S", "N", "M", …).
    static QString typeOf(const tablespan::Json& value);

    // Parses an item in DynamoDB JSON and checks it as the service does (types, number
    // syntax and range, sets). On failure returns null and fills `error`.
    static tablespan::Json parseDynamo(const QString& text, ParseError* error);
    // Parses an item in plain JSON: strings, numbers (exact), booleans, null, objects (M)
    // and arrays (L).
    static tablespan::Json parsePlain(const QString& text, ParseError* error);
    // Parses JSON text keeping number text exactly: for whole files. `lineOffset` is
    // added to reported lines.
    static tablespan::Json parseJsonExact(const std::string& text, ParseError* error,
                                          int lineOffset = 0);
    // Checks a DynamoDB JSON item with the engine's own decoder; returns the service's
    // message, or empty when valid.
    static QString validateItem(const tablespan::Json& item);
    // Converts plain JSON (numbers as produced by parseJsonExact) to DynamoDB JSON.
    static tablespan::Json plainToDynamo(const tablespan::Json& plain);
    // Turns the exact numbers of parseJsonExact into their text (as DynamoDB JSON writes
    // numbers).
    static tablespan::Json numbersAsText(const tablespan::Json& j);
    // The line and column of byte offset `offset` in `text` (1-based).
    static std::pair<int, int> position(const std::string& text, std::size_t offset);
};
