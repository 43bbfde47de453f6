#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "api/model/java_regex.h"
#include "api/model/utf8.h"

namespace tablespan::api::validation {
namespace {

struct posix_class {
    std::wstring_view name;
    std::wstring_view body;  // inside [ ]
};

// Java's \p{…} POSIX classes are US-ASCII only.
constexpr posix_class posix_classes[] = {
    {L"Lower", L"a-z"},
    {L"Upper", L"A-Z"},
    {L"ASCII", L"\\x00-\\x7F"},
    {L"Alpha", L"a-zA-Z"},
    {L"Digit", L"0-9"},
    {L"Alnum", L"a-zA-Z0-9"},
    {L"Punct", L"!-\\/:-@\\[-`{-~"},
    {L"Graph", L"\\x21-\\x7E"},
    {L"Print", L"\\x20-\\x7E"},
    {L"Blank", L" \\t"},
    {L"Cntrl", L"\\x00-\\x1F\\x7F"},
    {L"XDigit", L"0-9a-fA-F"},
    {L"Space", L" \\t\\n\\x0B\\f\\r"},
};

[[noreturn]] void unsupported(std::string_view java, std::string_view what) {
    throw std::runtime_error("Java pattern " + std::string(java) + ": unsupported " +
                             std::string(what));
}

int hex_digit(wchar_t c) {
    if (c >= L'0' && c <= L'9') return c - L'0';
    if (c >= L'a' && c <= L'f') return c - L'a' + 10;
    if (c >= L'A' && c <= L'F') return c - L'A' + 10;
    return -1;
}

// Reads the four hex digits of "\uXXXX" starting at src[pos]; -1 if they are not there.
long read_u_escape(const std::wstring& src, std::size_t pos) {
    if (pos + 4 > src.size()) return -1;
    long v = 0;
    for (std::size_t i = pos; i < pos + 4; ++i) {
        int d = hex_digit(src[i]);
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

bool is_quantifier_end(wchar_t c) {
    return c == L'*' || c == L'+' || c == L'?' || c == L'}';
}

}  // namespace

std::wstring utf8_to_wide(std::string_view text) {
    std::wstring out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
        std::uint32_t cp = lead & (0x3Fu >> extra);
        std::size_t k = 1;
        if (extra > 0 && i + extra < text.size()) {
            for (; k <= extra; ++k) {
                const auto next = static_cast<unsigned char>(text[i + k]);
                if ((next & 0xC0) != 0x80) break;
                cp = (cp << 6) | (next & 0x3Fu);
            }
        }
        if (extra == 0 || k != extra + 1) {
            out.push_back(static_cast<wchar_t>(lead));
            ++i;
            continue;
        }
        out.push_back(static_cast<wchar_t>(cp));
        i += extra + 1;
    }
    return out;
}

std::wstring translate_java_pattern(std::string_view java) {
    static_assert(sizeof(wchar_t) >= 4, "patterns are matched over code points");
    const std::wstring src = utf8_to_wide(java);
    std::wstring out;
    bool in_class = false;
    wchar_t previous = 0;  // the previous unescaped character outside a class
    for (std::size_t i = 0; i < src.size(); ++i) {
        const wchar_t c = src[i];
        if (c == L'\\') {
            if (i + 1 >= src.size()) unsupported(java, "trailing backslash");
            const wchar_t e = src[++i];
            previous = 0;
            if (e == L'p' || e == L'P') {
                const std::size_t close = src.find(L'}', i);
                if (i + 1 >= src.size() || src[i + 1] != L'{' || close == std::wstring::npos) {
                    unsupported(java, "property escape");
                }
                const std::wstring name = src.substr(i + 2, close - i - 2);
                std::wstring_view body;
                for (const auto& pc : posix_classes) {
                    if (pc.name == name) body = pc.body;
                }
                if (body.empty() || (in_class && e == L'P')) unsupported(java, "property class");
                if (in_class) {
                    out += body;
                } else {
                    out += e == L'P' ? L"[^" : L"[";
                    out += body;
                    out += L']';
                }
                i = close;
            } else if (e == L'u') {
                const long unit = read_u_escape(src, i + 1);
                if (unit < 0) unsupported(java, "\\u escape");
                const long low = unit >= 0xD800 && unit <= 0xDBFF && i + 6 < src.size() &&
                                         src[i + 5] == L'\\' && src[i + 6] == L'u'
                                     ? read_u_escape(src, i + 7)
                                     : -1;
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    // A UTF-16 surrogate pair names one code point above the BMP.
                    out.push_back(
                        static_cast<wchar_t>(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)));
                    i += 10;
                } else {
                    out += L"\\u";
                    out.append(src, i + 1, 4);
                    i += 4;
                }
            } else if (e == L'_') {
                out.push_back(L'_');  // ECMAScript has no identity escape for word characters
            } else if (std::wstring_view(L"QEAZzGhHRXkK").find(e) != std::wstring_view::npos) {
                unsupported(java, "escape");
            } else {
                out.push_back(L'\\');
                out.push_back(e);
            }
            continue;
        }
        if (in_class) {
            if (c == L'[' || (c == L'&' && i + 1 < src.size() && src[i + 1] == L'&')) {
                unsupported(java, "class union or intersection");
            }
            if (c == L']') in_class = false;
            out.push_back(c);
            continue;
        }
        if (c == L'+' && is_quantifier_end(previous)) unsupported(java, "possessive quantifier");
        if (c == L'[') {
            in_class = true;
            out.push_back(c);
            if (i + 1 < src.size() && src[i + 1] == L'^') out.push_back(src[++i]);
            previous = 0;
            continue;
        }
        out.push_back(c);
        previous = c;
    }
    if (in_class) unsupported(java, "unterminated class");
    return out;
}

std::wregex compile_java_pattern(std::string_view java) {
    auto flags = std::regex_constants::ECMAScript | std::regex_constants::optimize;
#if defined(__GLIBCXX__)
    // libstdc++'s default matcher recurses once per input character and overflows the
    // stack on long strings; the polynomial (breadth-first) one does not.
    flags |= std::regex_constants::__polynomial;
#endif
    return std::wregex(translate_java_pattern(java), flags);
}

}  // namespace tablespan::api::validation
