#include <array>
#include <string>
#include <string_view>

#include "tablespan/json_codec.h"

namespace tablespan {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr int kInvalid = -1;
constexpr int kPad = -2;

constexpr std::array<int, 256> make_table() {
    std::array<int, 256> table{};
    for (auto& v : table) v = kInvalid;
    for (int i = 0; i < 64; ++i) table[static_cast<unsigned char>(kAlphabet[i])] = i;
    table[static_cast<unsigned char>('=')] = kPad;
    return table;
}

constexpr std::array<int, 256> kTable = make_table();

int sextet(char c) {
    return kTable[static_cast<unsigned char>(c)];
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    auto byte = [&bytes](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
    for (; i + 3 <= bytes.size(); i += 3) {
        const unsigned v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
        out.push_back(kAlphabet[(v >> 18) & 63]);
        out.push_back(kAlphabet[(v >> 12) & 63]);
        out.push_back(kAlphabet[(v >> 6) & 63]);
        out.push_back(kAlphabet[v & 63]);
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        const unsigned v = byte(i) << 16;
        out.push_back(kAlphabet[(v >> 18) & 63]);
        out.push_back(kAlphabet[(v >> 12) & 63]);
        out.append("==");
    } else if (rest == 2) {
        const unsigned v = (byte(i) << 16) | (byte(i + 1) << 8);
        out.push_back(kAlphabet[(v >> 18) & 63]);
        out.push_back(kAlphabet[(v >> 12) & 63]);
        out.push_back(kAlphabet[(v >> 6) & 63]);
        out.push_back('=');
    }
    return out;
}

bool base64_valid(std::string_view text) {
    if (text.size() % 4 != 0) return false;
    if (text.empty()) return true;
    const std::size_t body = text.size() - 4;
    for (std::size_t i = 0; i < body; ++i) {
        if (sextet(text[i]) < 0) return false;
    }
    const int a = sextet(text[body]), b = sextet(text[body + 1]);
    const int c = sextet(text[body + 2]), d = sextet(text[body + 3]);
    if (a < 0 || b < 0) return false;
    if (c == kPad) return d == kPad && (b & 0x0F) == 0;  // "xx==": one byte
    if (c < 0) return false;
    if (d == kPad) return (c & 0x03) == 0;  // "xxx=": two bytes
    return d >= 0;
}

bool base64_decode(std::string_view text, std::string& out) {
    if (!base64_valid(text)) return false;
    out.clear();
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        const int c = sextet(text[i + 2]), d = sextet(text[i + 3]);
        const unsigned v = (static_cast<unsigned>(sextet(text[i])) << 18) |
                           (static_cast<unsigned>(sextet(text[i + 1])) << 12) |
                           (c >= 0 ? static_cast<unsigned>(c) << 6 : 0u) |
                           (d >= 0 ? static_cast<unsigned>(d) : 0u);
        out.push_back(static_cast<char>((v >> 16) & 0xFF));
        if (c >= 0) out.push_back(static_cast<char>((v >> 8) & 0xFF));
        if (d >= 0) out.push_back(static_cast<char>(v & 0xFF));
    }
    return true;
}

}  // namespace tablespan
