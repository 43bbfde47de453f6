#pragma once

// Item files for import and export:
//  - BatchWriteItem request files: {"Table": [{"PutRequest": {"Item": {…}}}, …]}
//  - DynamoDB JSON lines, as in S3 exports: one {"Item": {…}} per line
//  - CSV with a header row; "name (T)" headers give the type, plain names are inferred
// A file is parsed and checked whole before anything is written; the first problem is
// reported with its line and column.

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QStringList>

#include "items/item_json.h"

class ItemFiles {
    Q_DECLARE_TR_FUNCTIONS(ItemFiles)

public:
    enum class Format { BatchRequest, JsonLines, Csv };

    struct Parsed {
        QList<tablespan::Json> items;
        QList<int> lines;  // the line each item starts on
        ItemJson::ParseError error;
    };
    // (name, type) of the key attributes, partition key first.
    using KeySchema = QList<QPair<QString, QString>>;

    // The format a file name suggests (.csv, .jsonl/.json lines, else batch request).
    static Format formatForFile(const QString& fileName);
    static Parsed parse(const QByteArray& data, Format format);
    // Checks that every item has the key attributes with their types, and that no two
    // items share a key; reports the offending item's line.
    static ItemJson::ParseError checkKeys(const Parsed& parsed, const KeySchema& keys);
    // Writes `items` in `format`; `table` names the batch request's table and
    // `keyNames` come first in CSV columns.
    static QByteArray write(const QList<tablespan::Json>& items, Format format,
                            const QString& table, const QStringList& keyNames);

private:
    static Parsed parseBatchRequest(const QByteArray& data);
    static Parsed parseJsonLines(const QByteArray& data);
    static Parsed parseCsv(const QByteArray& data);
};
