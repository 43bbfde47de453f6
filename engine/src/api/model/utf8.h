#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tablespan::api::validation {

// Number of code points in UTF-8 text (continuation bytes are not counted).
inline std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// Decodes UTF-8 into code points; a malformed byte decodes as itself.
std::wstring utf8_to_wide(std::string_view text);

}  // namespace tablespan::api::validation
