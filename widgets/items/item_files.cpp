#include "items/item_files.h"

#include <QRegularExpression>
#include <QSet>

using tablespan::Json;

namespace {
ItemJson::ParseError at(int line, int column, const QString& message) {
    return {line, column, message};
}

QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}
}  // namespace

ItemFiles::Format ItemFiles::formatForFile(const QString& fileName) {
    const QString lower = fileName.toLower();
    if (lower.endsWith(QLatin1String(".csv"))) return Format::Csv;
    if (lower.endsWith(QLatin1String(".jsonl")) || lower.endsWith(QLatin1String(".ndjson")))
        return Format::JsonLines;
    return Format::BatchRequest;
}

ItemFiles::Parsed ItemFiles::parse(const QByteArray& data, Format format) {
    switch (format) {
        case Format::BatchRequest:
            return parseBatchRequest(data);
        case Format::JsonLines:
            return parseJsonLines(data);
        case Format::Csv:
            return parseCsv(data);
    }
    return {};
}

ItemFiles::Parsed ItemFiles::parseBatchRequest(const QByteArray& data) {
    Parsed out;
    const std::string text = data.toStdString();
    const Json doc = ItemJson::parseJsonExact(text, &out.error);
    if (out.error.isError()) return out;
    if (!doc.is_object() || doc.size() != 1 || !doc.begin().value().is_array()) {
        out.error = at(1, 1,
                       tr("A batch request file is an object with one table name and a "
                          "list of requests: {\"Table\": [{\"PutRequest\": …}]}."));
        return out;
    }
    // Values carry no position; the n-th request starts at the n-th request name.
    static const QRegularExpression requestName(QStringLiteral("\"(PutRequest|DeleteRequest)\""));
    QList<int> starts;
    const QString qtext = QString::fromStdString(text);
    for (auto it = requestName.globalMatch(qtext); it.hasNext();) {
        const auto m = it.next();
        starts << static_cast<int>(
            ItemJson::position(text, qtext.left(m.capturedStart()).toStdString().size()).first);
    }
    int index = 0;
    for (const auto& entry : doc.begin().value()) {
        const int line = index < starts.size() ? starts[index] : 1;
        ++index;
        const auto put = entry.is_object() ? entry.find("PutRequest") : entry.end();
        if (put == entry.end() || !put->is_object() || !put->contains("Item")) {
            out.error = at(line, 1, tr("Request %1 is not a PutRequest with an Item.").arg(index));
            return out;
        }
        const Json real = ItemJson::numbersAsText((*put)["Item"]);
        if (const QString problem = ItemJson::validateItem(real); !problem.isEmpty()) {
            out.error = at(line, 1, tr("Request %1: %2").arg(index).arg(problem));
            return out;
        }
        out.items << real;
        out.lines << line;
    }
    return out;
}

ItemFiles::Parsed ItemFiles::parseJsonLines(const QByteArray& data) {
    Parsed out;
    const QList<QByteArray> lines = data.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty()) continue;
        ItemJson::ParseError error;
        const Json doc = ItemJson::parseJsonExact(lines[i].toStdString(), &error, i);
        if (error.isError()) {
            out.error = error;
            return out;
        }
        if (!doc.is_object() || !doc.contains("Item")) {
            out.error = at(i + 1, 1, tr("Each line holds one {\"Item\": {…}} object."));
            return out;
        }
        const Json item = ItemJson::numbersAsText(doc["Item"]);
        if (const QString problem = ItemJson::validateItem(item); !problem.isEmpty()) {
            out.error = at(i + 1, 1, problem);
            return out;
        }
        out.items << item;
        out.lines << i + 1;
    }
    return out;
}

namespace {
struct CsvRecord {
    QStringList fields;
    int line = 0;
};

// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
QList<CsvRecord> readCsv(const QString& text, ItemJson::ParseError* error) {
    QList<CsvRecord> records;
    CsvRecord record{{}, 1};
    QString field;
    int line = 1;
    int column = 0;
    bool quoted = false;
    bool wasQuoted = false;
    int quoteLine = 0, quoteColumn = 0;
    const auto endRecord = [&] {
        record.fields << field;
        field.clear();
        wasQuoted = false;
        if (!(record.fields.size() == 1 && record.fields.first().isEmpty())) records << record;
        record = {{}, line + 1};
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        ++column;
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                    field += c;
                    ++i;
                    ++column;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n')) {
                    ++line;
                    column = 0;
                }
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            if (!field.isEmpty() || wasQuoted) {
                *error = {line, column,
                          ItemFiles::tr("a quote inside an unquoted field; quote the whole "
                                        "field and double the quote")};
                return {};
            }
            quoted = wasQuoted = true;
            quoteLine = line;
            quoteColumn = column;
        } else if (c == QLatin1Char(',')) {
            record.fields << field;
            field.clear();
            wasQuoted = false;
        } else if (c == QLatin1Char('\n')) {
            endRecord();
            ++line;
            column = 0;
        } else if (c == QLatin1Char('\r')) {
            // CRLF line ends
        } else {
            if (wasQuoted) {
                *error = {line, column, ItemFiles::tr("text after a closing quote")};
                return {};
            }
            field += c;
        }
    }
    if (quoted) {
        *error = {quoteLine, quoteColumn, ItemFiles::tr("this quote is never closed")};
        return {};
    }
    if (!field.isEmpty() || !record.fields.isEmpty()) endRecord();
    return records;
}

Json inferValue(const QString& text) {
    static const QRegularExpression number(
        QStringLiteral("^-?(0|[1-9]\\d*)(\\.\\d+)?([eE][-+]?\\d+)?$"));
    if (number.match(text).hasMatch()) return {{"N", text.toStdString()}};
    if (text == QLatin1String("true") || text == QLatin1String("false"))
        return {{"BOOL", text == QLatin1String("true")}};
    return {{"S", text.toStdString()}};
}
}  // namespace

ItemFiles::Parsed ItemFiles::parseCsv(const QByteArray& data) {
    Parsed out;
    QString text = QString::fromUtf8(data);
    if (text.startsWith(QChar(0xFEFF))) text.remove(0, 1);
    const QList<CsvRecord> records = readCsv(text, &out.error);
    if (out.error.isError()) return out;
    if (records.isEmpty()) {
        out.error = at(1, 1, tr("The file is empty; a CSV file starts with a header row."));
        return out;
    }
    static const QRegularExpression typed(
        QStringLiteral("^(.+?)\\s*\\((S|N|B|BOOL|NULL|M|L|SS|NS|BS)\\)$"));
    QStringList names, types;
    for (const QString& h : records.first().fields) {
        const auto m = typed.match(h.trimmed());
        names << (m.hasMatch() ? m.captured(1) : h.trimmed());
        types << (m.hasMatch() ? m.captured(2) : QString());
        if (names.last().isEmpty()) {
            out.error = at(1, static_cast<int>(names.size()),
                           tr("column %1 has no name").arg(names.size()));
            return out;
        }
    }
    for (qsizetype r = 1; r < records.size(); ++r) {
        const CsvRecord& rec = records[r];
        if (rec.fields.size() != names.size()) {
            out.error = at(rec.line, 1,
                           tr("this row has %1 fields; the header has %2")
                               .arg(rec.fields.size())
                               .arg(names.size()));
            return out;
        }
        Json item = Json::object();
        int column = 1;
        for (qsizetype c = 0; c < names.size(); ++c) {
            const QString& cell = rec.fields[c];
            const int cellColumn = column;
            column += static_cast<int>(cell.size()) + 1;
            if (cell.isEmpty()) continue;  // an empty cell: no attribute
            Json value;
            const QString& type = types[c];
            if (type.isEmpty()) {
                value = inferValue(cell);
            } else if (type == QLatin1String("S") || type == QLatin1String("N") ||
                       type == QLatin1String("B")) {
                value = {{type.toStdString(), cell.toStdString()}};
            } else if (type == QLatin1String("BOOL")) {
                if (cell != QLatin1String("true") && cell != QLatin1String("false")) {
                    out.error = at(rec.line, cellColumn, tr("a BOOL is true or false"));
                    return out;
                }
                value = {{"BOOL", cell == QLatin1String("true")}};
            } else if (type == QLatin1String("NULL")) {
                value = {{"NULL", true}};
            } else {
                ItemJson::ParseError e;
                const Json inner = ItemJson::parseJsonExact(cell.toStdString(), &e);
                if (e.isError()) {
                    out.error = at(rec.line, cellColumn,
                                   tr("the %1 value is not valid DynamoDB JSON").arg(type));
                    return out;
                }
                value = {{type.toStdString(), ItemJson::numbersAsText(inner)}};
            }
            item[names[c].toStdString()] = value;
        }
        if (const QString problem = ItemJson::validateItem(item); !problem.isEmpty()) {
            out.error = at(rec.line, 1, problem);
            return out;
        }
        out.items << item;
        out.lines << rec.line;
    }
    return out;
}

ItemJson::ParseError ItemFiles::checkKeys(const Parsed& parsed, const KeySchema& keys) {
    QSet<QByteArray> seen;
    for (qsizetype i = 0; i < parsed.items.size(); ++i) {
        const Json& item = parsed.items[i];
        const int line = i < parsed.lines.size() ? parsed.lines[i] : 1;
        Json key = Json::object();
        for (const auto& [name, type] : keys) {
            const auto it = item.find(name.toStdString());
            if (it == item.end())
                return at(line, 1, tr("the item has no key attribute %1").arg(name));
            if (ItemJson::typeOf(*it) != type)
                return at(line, 1,
                          tr("key attribute %1 must be of type %2, not %3")
                              .arg(name, type, ItemJson::typeOf(*it)));
            const QString text = ItemJson::cellText(*it);
            if (text.isEmpty() && type != QLatin1String("N"))
                return at(line, 1, tr("key attribute %1 is empty").arg(name));
            key[name.toStdString()] = *it;
        }
        const QByteArray k = QByteArray::fromStdString(key.dump());
        if (seen.contains(k)) return at(line, 1, tr("another item in the file has the same key"));
        seen.insert(k);
    }
    return {};
}

QByteArray ItemFiles::write(const QList<Json>& items, Format format, const QString& table,
                            const QStringList& keyNames) {
    QByteArray out;
    if (format == Format::BatchRequest) {
        QStringList entries;
        for (const Json& item : items)
            entries << QStringLiteral("    {\"PutRequest\": {\"Item\": %1}}")
                           .arg(QString::fromStdString(item.dump()));
        out = QStringLiteral("{\n  %1: [\n%2\n  ]\n}\n")
                  .arg(QString::fromStdString(Json(table.toStdString()).dump()),
                       entries.join(QStringLiteral(",\n")))
                  .toUtf8();
    } else if (format == Format::JsonLines) {
        for (const Json& item : items)
            out += QByteArray::fromStdString(Json{{"Item", item}}.dump()) + '\n';
    } else {
        // Columns: the keys, then every other attribute; one typed column per (name, type)
        // so that every value round-trips exactly.
        QList<QPair<QString, QString>> columns;
        for (const QString& k : keyNames)
            for (const Json& item : items)
                if (const auto it = item.find(k.toStdString()); it != item.end()) {
                    columns.append({k, ItemJson::typeOf(*it)});
                    break;
                }
        for (const Json& item : items)
            for (auto it = item.begin(); it != item.end(); ++it) {
                const QPair<QString, QString> column{QString::fromStdString(it.key()),
                                                     ItemJson::typeOf(it.value())};
                if (!columns.contains(column)) columns << column;
            }
        QStringList header;
        for (const auto& [n, t] : columns) header << csvField(QStringLiteral("%1 (%2)").arg(n, t));
        out += header.join(QLatin1Char(',')).toUtf8() + '\n';
        for (const Json& item : items) {
            QStringList row;
            for (const auto& [n, t] : columns) {
                const auto it = item.find(n.toStdString());
                if (it == item.end() || ItemJson::typeOf(*it) != t) {
                    row << QString();
                    continue;
                }
                const QString type = ItemJson::typeOf(*it);
                const Json& inner = it->begin().value();
                if (type == QLatin1String("S") || type == QLatin1String("N") ||
                    type == QLatin1String("B"))
                    row << csvField(QString::fromStdString(inner.get<std::string>()));
                else if (type == QLatin1String("BOOL"))
                    row << (inner.get<bool>() ? QStringLiteral("true") : QStringLiteral("false"));
                else if (type == QLatin1String("NULL"))
                    row << QStringLiteral("null");
                else
                    row << csvField(QString::fromStdString(inner.dump()));
            }
            out += row.join(QLatin1Char(',')).toUtf8() + '\n';
        }
    }
    return out;
}
