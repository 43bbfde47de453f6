#include "items/item_json.h"

#include <vector>

#include "tablespan/error.h"
#include "tablespan/json_codec.h"

using tablespan::Json;

namespace {
// Numbers from parseJsonExact are kept as {"$n": "<text>"} until converted.
constexpr const char* kNumberTag = "$exact-number";
constexpr int kNumberOverflow = 406;  // nlohmann's out_of_range id for "number overflow"

// Builds a Json document from SAX events, keeping every number's text.
class ExactSax final : public nlohmann::json_sax<Json> {
public:
    Json root;
    std::size_t errorAt = 0;
    std::string errorToken;
    bool failed = false;
    bool overflow = false;  // valid JSON, but a number beyond what a double holds

    bool null() override { return put(nullptr); }
    bool boolean(bool v) override { return put(v); }
    bool number_integer(number_integer_t v) override { return number(std::to_string(v)); }
    bool number_unsigned(number_unsigned_t v) override { return number(std::to_string(v)); }
    bool number_float(number_float_t, const string_t& s) override { return number(s); }
    bool string(string_t& v) override { return put(v); }
    bool binary(binary_t&) override { return put(nullptr); }
    bool start_object(std::size_t) override {
        m_stack.push_back({Json::object(), {}});
        return true;
    }
    bool key(string_t& k) override {
        m_stack.back().key = k;
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override {
        m_stack.push_back({Json::array(), {}});
        return true;
    }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t position, const std::string& last_token,
                     const nlohmann::detail::exception& ex) override {
        failed = true;
        overflow = ex.id == kNumberOverflow;
        errorAt = position;
        errorToken = last_token;
        return false;
    }

private:
    struct Frame {
        Json value;
        std::string key;
    };
    bool number(const std::string& text) { return put(Json{{kNumberTag, text}}); }
    bool put(Json v) {
        if (m_stack.empty())
            root = std::move(v);
        else if (m_stack.back().value.is_object())
            m_stack.back().value[m_stack.back().key] = std::move(v);
        else
            m_stack.back().value.push_back(std::move(v));
        return true;
    }
    bool close() {
        Json v = std::move(m_stack.back().value);
        m_stack.pop_back();
        return put(std::move(v));
    }
    std::vector<Frame> m_stack;
};

// Where `text` first opens more than `limit` arrays and objects at once, or npos. Deeper
// documents are refused before they are parsed: the functions below recurse, and the
// engine refuses them anyway (tablespan::kMaxJsonNesting).
std::size_t nestedTooDeepAt(const std::string& text, std::size_t limit) {
    std::size_t depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > limit) return i;
        } else if ((c == '}' || c == ']') && depth > 0) {
            --depth;
        }
    }
    return std::string::npos;
}

bool isExactNumber(const Json& j) {
    return j.is_object() && j.size() == 1 && j.contains(kNumberTag);
}

// Replaces exact-number tags by their text as strings (DynamoDB JSON wants strings
// anyway; a number where a string belongs is then caught by the item decoder).
Json untag(const Json& j) {
    if (isExactNumber(j)) return j[kNumberTag];
    if (j.is_object()) {
        Json out = Json::object();
        for (auto it = j.begin(); it != j.end(); ++it) out[it.key()] = untag(it.value());
        return out;
    }
    if (j.is_array()) {
        Json out = Json::array();
        for (const auto& e : j) out.push_back(untag(e));
        return out;
    }
    return j;
}

void writePlain(const Json& av, QString& out, int indent, bool pretty);

void writeIndent(QString& out, int indent, bool pretty) {
    if (pretty) out += QLatin1Char('\n') + QString(indent * 2, QLatin1Char(' '));
}

QString quoted(const std::string& s) {
    return QString::fromStdString(Json(s).dump());
}

template <typename F>
void writeArray(const Json& items, QString& out, int indent, bool pretty, F each) {
    out += QLatin1Char('[');
    bool first = true;
    for (const auto& e : items) {
        if (!first) out += pretty ? QStringLiteral(",") : QStringLiteral(", ");
        first = false;
        writeIndent(out, indent + 1, pretty);
        each(e);
    }
    if (!items.empty()) writeIndent(out, indent, pretty);
    out += QLatin1Char(']');
}

void writeMap(const Json& map, QString& out, int indent, bool pretty) {
    out += QLatin1Char('{');
    bool first = true;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!first) out += pretty ? QStringLiteral(",") : QStringLiteral(", ");
        first = false;
        writeIndent(out, indent + 1, pretty);
        out += quoted(it.key()) + QStringLiteral(": ");
        writePlain(it.value(), out, indent + 1, pretty);
    }
    if (!map.empty()) writeIndent(out, indent, pretty);
    out += QLatin1Char('}');
}

void writePlain(const Json& av, QString& out, int indent, bool pretty) {
    if (!av.is_object() || av.size() != 1) {
        out += QString::fromStdString(av.dump());
        return;
    }
    const auto it = av.begin();
    const std::string& type = it.key();
    const Json& v = it.value();
    if (type == "S" || type == "B") {
        out += quoted(v.get<std::string>());
    } else if (type == "N") {
        out += QString::fromStdString(v.get<std::string>());
    } else if (type == "BOOL") {
        out += v.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    } else if (type == "NULL") {
        out += QStringLiteral("null");
    } else if (type == "M") {
        writeMap(v, out, indent, pretty);
    } else if (type == "L") {
        writeArray(v, out, indent, pretty,
                   [&](const Json& e) { writePlain(e, out, indent + 1, pretty); });
    } else if (type == "NS") {
        writeArray(v, out, indent, pretty,
                   [&](const Json& e) { out += QString::fromStdString(e.get<std::string>()); });
    } else {  // SS, BS
        writeArray(v, out, indent, pretty,
                   [&](const Json& e) { out += quoted(e.get<std::string>()); });
    }
}
}  // namespace

Json ItemJson::numbersAsText(const Json& j) {
    return untag(j);
}

QString ItemJson::ParseError::toString() const {
    return tr("Line %1, column %2: %3").arg(line).arg(column).arg(message);
}

std::pair<int, int> ItemJson::position(const std::string& text, std::size_t offset) {
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++column;  // count characters, not UTF-8 continuation bytes
        }
    }
    return {line, column};
}

QString ItemJson::toDynamoText(const Json& item) {
    return QString::fromStdString(item.dump(2));
}

QString ItemJson::toPlainText(const Json& item) {
    QString out;
    writeMap(item, out, 0, true);
    return out;
}

QString ItemJson::cellText(const Json& value) {
    if (!value.is_object() || value.size() != 1) return {};
    const auto it = value.begin();
    if (it.key() == "S" || it.key() == "N" || it.key() == "B")
        return QString::fromStdString(it.value().get<std::string>());
    QString out;
    writePlain(value, out, 0, false);
    return out;
}

QString ItemJson::typeOf(const Json& value) {
    return value.is_object() && value.size() == 1 ? QString::fromStdString(value.begin().key())
                                                  : QString();
}

Json ItemJson::parseJsonExact(const std::string& text, ParseError* error, int lineOffset) {
    if (const auto at = nestedTooDeepAt(text, tablespan::kMaxJsonNesting);
        at != std::string::npos) {
        if (error) {
            const auto [line, column] = position(text, at);
            error->line = line + lineOffset;
            error->column = column;
            error->message =
                tr("the JSON nests deeper than %1 levels").arg(tablespan::kMaxJsonNesting);
        }
        return {};
    }
    ExactSax sax;
    const bool ok = Json::sax_parse(text, &sax, nlohmann::detail::input_format_t::json, true);
    if (!ok || sax.failed) {
        if (error) {
            // nlohmann reports the position one past the offending character.
            const auto [line, column] = position(text, sax.errorAt > 0 ? sax.errorAt - 1 : 0);
            error->line = line + lineOffset;
            error->column = column;
            // 1e500 is valid JSON; it is the number that DynamoDB cannot store, and the
            // form says so in the service's words.
            const QString token = QString::fromStdString(sax.errorToken).left(40);
            const QString overflow =
                sax.overflow ? validateItem({{"n", {{"N", sax.errorToken}}}}) : QString();
            error->message = !overflow.isEmpty() ? tr("%1: %2").arg(token, overflow)
                             : sax.errorToken.empty()
                                 ? tr("unexpected end of the text")
                                 : tr("this is not valid JSON near '%1'")
                                       .arg(QString::fromStdString(sax.errorToken).left(40));
        }
        return {};
    }
    return sax.root;
}

QString ItemJson::validateItem(const Json& item) {
    if (!item.is_object()) return tr("An item is a JSON object of attributes.");
    try {
        tablespan::decode_item(item);
    } catch (const tablespan::ApiError& e) {
        return QString::fromStdString(e.error().message);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

Json ItemJson::parseDynamo(const QString& text, ParseError* error) {
    const std::string utf8 = text.toStdString();
    Json parsed = parseJsonExact(utf8, error);
    if (error && error->isError()) return {};
    // A number where DynamoDB JSON wants a string: point at it rather than guessing.
    Json item = untag(parsed);
    if (const QString problem = validateItem(item); !problem.isEmpty()) {
        if (error) *error = {1, 1, problem};
        return {};
    }
    return item;
}

Json ItemJson::plainToDynamo(const Json& plain) {
    if (isExactNumber(plain)) return {{"N", plain[kNumberTag]}};
    if (plain.is_string()) return {{"S", plain}};
    if (plain.is_boolean()) return {{"BOOL", plain}};
    if (plain.is_null()) return {{"NULL", true}};
    if (plain.is_array()) {
        Json list = Json::array();
        for (const auto& e : plain) list.push_back(plainToDynamo(e));
        return {{"L", list}};
    }
    if (plain.is_object()) {
        Json map = Json::object();
        for (auto it = plain.begin(); it != plain.end(); ++it)
            map[it.key()] = plainToDynamo(it.value());
        return {{"M", map}};
    }
    if (plain.is_number()) return {{"N", plain.dump()}};
    return {{"NULL", true}};
}

Json ItemJson::parsePlain(const QString& text, ParseError* error) {
    const std::string utf8 = text.toStdString();
    Json parsed = parseJsonExact(utf8, error);
    if (error && error->isError()) return {};
    if (!parsed.is_object() || isExactNumber(parsed)) {
        if (error) *error = {1, 1, tr("An item is a JSON object of attributes.")};
        return {};
    }
    Json item = plainToDynamo(parsed)["M"];
    if (const QString problem = validateItem(item); !problem.isEmpty()) {
        if (error) *error = {1, 1, problem};
        return {};
    }
    return item;
}
