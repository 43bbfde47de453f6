#pragma once

#include <regex>
#include <string>
#include <string_view>

namespace tablespan::api::validation {

// Translates a Java regular expression, as the API model writes its patterns, into an
// ECMAScript one over code points (std::wregex on 32-bit wchar_t): \p{Print}-style
// POSIX classes become ASCII ranges, UTF-16 surrogate pairs become code points, "\_"
// becomes "_". Throws std::runtime_error for Java constructs it does not translate.
std::wstring translate_java_pattern(std::string_view java);

// The translated pattern compiled for whole-string matching (std::regex_match).
std::wregex compile_java_pattern(std::string_view java);

}  // namespace tablespan::api::validation
