#include "tags/table_tags.h"

#include <algorithm>
#include <string>
#include <vector>

#include "tablespan/error.h"

namespace tablespan::tags {

namespace {
// Decodes one UTF-8 code point at `i` (advancing it); 0xFFFD for a broken sequence.
char32_t next_code_point(const std::string& s, std::size_t& i) {
    const auto c = static_cast<unsigned char>(s[i++]);
    if (c < 0x80) return c;
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
    if (extra < 0) return 0xFFFD;
    char32_t cp = c & (0x3F >> extra);
    for (int k = 0; k < extra; ++k) {
        if (i >= s.size()) return 0xFFFD;
        cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
    }
    return cp;
}

// The service allows letters of any script, digits, white space and + - = . _ : / @,
// and refuses emoji and % , ' " ( ) [ ] { } & * ; ? | \ < > ~ ! # (ACK#DDB-TABLE-372).
// Outside ASCII, code points are taken as letters unless they lie in the blocks of
// symbols, punctuation and emoji (an approximation: no Unicode tables here).
bool allowed(char32_t cp) {
    if (cp < 0x80) {
        const char c = static_cast<char>(cp);
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
               std::string_view("+-=._:/@").find(c) != std::string_view::npos;
    }
    if (cp == 0xFFFD) return false;
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;         // punctuation, symbols, arrows
    if (cp >= 0x3000 && cp <= 0x303F) return cp == 0x3000;  // CJK punctuation (ideographic space)
    if (cp >= 0xFE00 && cp <= 0xFE0F) return false;         // variation selectors
    if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;       // emoji and pictographs
    if (cp >= 0xE000 && cp <= 0xF8FF) return false;         // private use
    return true;
}

bool allowed_text(const std::string& text) {
    for (std::size_t i = 0; i < text.size();)
        if (!allowed(next_code_point(text, i))) return false;
    return true;
}

std::string key_of(const Json& tag) {
    return tag.at("Key").get<std::string>();
}
}  // namespace

void check_tag(const Json& tag) {
    const std::string key = key_of(tag);
    if (key.rfind("aws:", 0) == 0)
        throw_validation("Tag Key cannot be prefixed with aws:, Key: " + key);
    if (!allowed_text(key)) throw_validation("The Tag Key provided is invalid, Key: " + key);
    const std::string value = tag.at("Value").get<std::string>();
    if (!allowed_text(value))
        throw_validation("The Tag Value provided is invalid, Value: " + value);
}

void check_tags(const Json& tags) {
    std::vector<std::string> keys;
    for (const auto& tag : tags) {
        check_tag(tag);
        const std::string key = key_of(tag);
        if (std::find(keys.begin(), keys.end(), key) != keys.end())
            throw_validation("Duplicate Tag Keys provided as input: Duplicate Tag Key found " +
                             key);
        keys.push_back(key);
    }
}

Json merged(const Json& current, const Json& added) {
    Json out = current;
    for (const auto& tag : added) {
        bool replaced = false;
        for (auto& existing : out)
            if (key_of(existing) == key_of(tag)) {
                existing["Value"] = tag.at("Value");
                replaced = true;
            }
        if (!replaced) out.push_back({{"Key", tag.at("Key")}, {"Value", tag.at("Value")}});
    }
    if (out.size() > kMaxTags)
        throw_validation("Number of Tags exceed the current limit for the provided ResourceArn");
    return out;
}

Json without(const Json& current, const Json& keys) {
    Json out = Json::array();
    for (const auto& tag : current) {
        bool removed = false;
        for (const auto& k : keys) removed = removed || (k.is_string() && k == tag.at("Key"));
        if (!removed) out.push_back(tag);
    }
    return out;
}

}  // namespace tablespan::tags
