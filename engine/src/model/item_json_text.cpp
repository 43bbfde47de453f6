#include "model/item_json_text.h"

#include <nlohmann/json.hpp>

#include "model/item_reader.h"
#include "tablespan/json_codec.h"

namespace tablespan {

namespace {

using Type = AttributeValue::Type;

// The length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong forms, no
// surrogates, nothing past U+10FFFF), or 0.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = at(i);
    const auto continuation = [&](std::size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
        return k < s.size() && at(k) >= lo && at(k) <= hi;
    };
    if (c >= 0xC2 && c <= 0xDF) return continuation(i + 1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
        const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
        return continuation(i + 1, lo, hi) && continuation(i + 2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
        const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
        return continuation(i + 1, lo, hi) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
    }
    return 0;
}

void append_key(std::string& out, std::string_view type) {
    out += "{\"";
    out += type;
    out += "\":";
}

template <typename Strings, typename Text>
void append_string_list(std::string& out, const Strings& strings, Text&& text) {
    out.push_back('[');
    bool first = true;
    for (const auto& s : strings) {
        if (!first) out.push_back(',');
        first = false;
        append_json_string(out, text(s));
    }
    out.push_back(']');
}

void append_value(std::string& out, const AttributeValue& v) {
    switch (v.type()) {
        case Type::S:
            append_key(out, "S");
            append_json_string(out, v.as_string());
            break;
        case Type::N:
            append_key(out, "N");
            append_json_string(out, v.as_number().to_string());
            break;
        case Type::B:
            append_key(out, "B");
            append_json_string(out, base64_encode(v.as_binary()));
            break;
        case Type::BOOL:
            append_key(out, "BOOL");
            out += v.as_bool() ? "true" : "false";
            break;
        case Type::NUL:
            append_key(out, "NULL");
            out += "true";
            break;
        case Type::M:
            append_key(out, "M");
            append_item_json(out, v.as_map());
            break;
        case Type::L: {
            append_key(out, "L");
            out.push_back('[');
            bool first = true;
            for (const auto& e : v.as_list()) {
                if (!first) out.push_back(',');
                first = false;
                append_value(out, e);
            }
            out.push_back(']');
            break;
        }
        case Type::SS:
            append_key(out, "SS");
            append_string_list(out, v.as_string_set(),
                               [](const std::string& s) -> const std::string& { return s; });
            break;
        case Type::NS:
            append_key(out, "NS");
            append_string_list(out, v.as_number_set(),
                               [](const Number& n) { return n.to_string(); });
            break;
        case Type::BS:
            append_key(out, "BS");
            append_string_list(out, v.as_binary_set(),
                               [](const std::string& b) { return base64_encode(b); });
            break;
    }
    out.push_back('}');
}

// Walks serialize_item()'s bytes and writes them as text.
class TextWriter : public SerializedItemReader {
public:
    TextWriter(std::string_view bytes, std::string& out) : SerializedItemReader(bytes), out_(out) {}

    void map(int depth) {
        const std::size_t n = count();
        out_.push_back('{');
        std::string_view previous;
        for (std::size_t i = 0; i < n; ++i) {
            const std::string_view name = bytes();
            if (i && !(previous < name)) corrupt("map names out of order");
            previous = name;
            if (i) out_.push_back(',');
            append_json_string(out_, name);
            out_.push_back(':');
            value(depth);
        }
        out_.push_back('}');
    }

    void value(int depth) {
        if (depth > kMaxItemDepth) corrupt("nested too deeply");
        const auto type = static_cast<Type>(byte());
        switch (type) {
            case Type::S:
                append_key(out_, "S");
                append_json_string(out_, bytes());
                break;
            case Type::N:
                append_key(out_, "N");
                append_json_string(out_, number().to_string());
                break;
            case Type::B:
                append_key(out_, "B");
                append_json_string(out_, base64_encode(bytes()));
                break;
            case Type::BOOL: {
                const unsigned char b = byte();
                if (b > 1) corrupt("bad boolean");
                append_key(out_, "BOOL");
                out_ += b ? "true" : "false";
                break;
            }
            case Type::NUL:
                append_key(out_, "NULL");
                out_ += "true";
                break;
            case Type::M:
                append_key(out_, "M");
                map(depth + 1);
                break;
            case Type::L: {
                append_key(out_, "L");
                const std::size_t n = count();
                out_.push_back('[');
                for (std::size_t i = 0; i < n; ++i) {
                    if (i) out_.push_back(',');
                    value(depth + 1);
                }
                out_.push_back(']');
                break;
            }
            case Type::SS:
            case Type::NS:
            case Type::BS: {
                append_key(out_, type == Type::SS ? "SS" : type == Type::NS ? "NS" : "BS");
                const std::size_t n = count();
                out_.push_back('[');
                for (std::size_t i = 0; i < n; ++i) {
                    if (i) out_.push_back(',');
                    if (type == Type::SS)
                        append_json_string(out_, bytes());
                    else if (type == Type::NS)
                        append_json_string(out_, number().to_string());
                    else
                        append_json_string(out_, base64_encode(bytes()));
                }
                out_.push_back(']');
                break;
            }
            default:
                corrupt("unknown type");
        }
        out_.push_back('}');
    }

private:
    std::string& out_;
};

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    const std::size_t begin = out.size();
    out.push_back('"');
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            const std::size_t n = utf8_sequence(s, i);
            if (n == 0) {
                // Not well-formed: let nlohmann write the whole string, with its rules for
                // what a replacement character stands for.
                out.resize(begin);
                out += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
                return;
            }
            i += n;
            continue;
        }
        out.append(s.data() + run, i - run);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                out += "\\u00";
                out.push_back(kHex[c >> 4]);
                out.push_back(kHex[c & 0xF]);
        }
        run = ++i;
    }
    out.append(s.data() + run, s.size() - run);
    out.push_back('"');
}

void append_item_json(std::string& out, const AttributeMap& item) {
    out.push_back('{');
    bool first = true;
    for (const auto& [name, value] : item) {
        if (!first) out.push_back(',');
        first = false;
        append_json_string(out, name);
        out.push_back(':');
        append_value(out, value);
    }
    out.push_back('}');
}

void append_serialized_item_json(std::string& out, std::string_view serialized) {
    TextWriter writer(serialized, out);
    if (writer.byte() != kItemFormatVersion) TextWriter::corrupt("unknown format version");
    writer.map(0);
    if (!writer.at_end()) TextWriter::corrupt("trailing bytes");
}

}  // namespace tablespan
