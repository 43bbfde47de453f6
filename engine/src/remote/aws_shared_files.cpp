#include "remote/aws_shared_files.h"

#include <algorithm>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

namespace tablespan::aws_files {

namespace {
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view rstrip(std::string_view s) {
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

std::string_view strip(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    return rstrip(s);
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const std::size_t end = text.find_first_of("\r\n");
        lines.push_back(text.substr(0, end));
        if (end == std::string_view::npos) break;
        // "\r\n", "\n" and "\r" all end a line, as in Python's universal newlines.
        const std::size_t next = text.compare(end, 2, "\r\n") == 0 ? end + 2 : end + 1;
        text.remove_prefix(next);
    }
    return lines;
}

// A nested sub-section must be "key = value" lines; botocore rejects the file otherwise.
bool valid_nested(std::string_view value) {
    for (const std::string_view line : split_lines(value)) {
        const std::string_view stripped = strip(line);
        if (!stripped.empty() && stripped.find('=') == std::string_view::npos) return false;
    }
    return true;
}

// RawConfigParser._read: comment lines start with # or ; (no inline comments); an
// option is split at its first = or :, its name lower-cased; a line indented deeper
// than its option continues the option's value; [DEFAULT] lends its options to every
// section; a duplicate section or option, a line that is neither, or an option before
// any section fails the whole file.
std::optional<IniSections> parse_ini(std::string_view text) {
    using RawOptions = std::map<std::string, std::vector<std::string>>;
    std::deque<std::pair<std::string, RawOptions>> sections;  // stable addresses
    RawOptions defaults;
    std::set<std::string> seen_sections;
    std::set<std::pair<std::string, std::string>> seen_options;

    RawOptions* current = nullptr;
    std::string section_name;
    std::string option;  // empty: no option to continue
    std::size_t indent_level = 0;

    for (const std::string_view line : split_lines(text)) {
        const std::string_view stripped = strip(line);
        const bool comment = !stripped.empty() && (stripped[0] == '#' || stripped[0] == ';');
        if (comment || stripped.empty()) {
            // A blank line may be part of a multi-line value; a comment never is.
            if (!comment && current != nullptr && !option.empty()) {
                (*current)[option].emplace_back();
            }
            continue;
        }
        const std::size_t indent = static_cast<std::size_t>(
            std::find_if_not(line.begin(), line.end(), is_space) - line.begin());
        if (current != nullptr && !option.empty() && indent > indent_level) {
            (*current)[option].emplace_back(stripped);
            continue;
        }
        indent_level = indent;

        // "[" header "]", the header running to the last "]" of the line.
        const std::size_t close = stripped.rfind(']');
        if (stripped[0] == '[' && close != std::string_view::npos && close >= 2) {
            section_name = std::string(stripped.substr(1, close - 1));
            if (section_name == "DEFAULT") {
                current = &defaults;
            } else {
                if (!seen_sections.insert(section_name).second) return std::nullopt;
                current = &sections.emplace_back(section_name, RawOptions{}).second;
            }
            option.clear();
            continue;
        }
        if (current == nullptr) return std::nullopt;
        const std::size_t delimiter = stripped.find_first_of("=:");
        if (delimiter == std::string_view::npos) return std::nullopt;
        std::string name(rstrip(stripped.substr(0, delimiter)));
        if (name.empty()) return std::nullopt;
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
            return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        });
        if (!seen_options.emplace(section_name, name).second) return std::nullopt;
        (*current)[name] = {std::string(strip(stripped.substr(delimiter + 1)))};
        option = std::move(name);
    }

    const auto finish = [](const std::vector<std::string>& parts) -> std::optional<IniValue> {
        std::string joined;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (i > 0) joined += '\n';
            joined += parts[i];
        }
        joined.resize(rstrip(joined).size());
        if (joined.empty() || joined.front() != '\n') return IniValue{std::move(joined), false};
        if (!valid_nested(joined)) return std::nullopt;
        return IniValue{{}, true};
    };
    IniSections result;
    for (const auto& [name, options] : sections) {
        IniSection section;
        for (const RawOptions* source : {&std::as_const(defaults), &options}) {
            for (const auto& [key, parts] : *source) {
                auto value = finish(parts);
                if (!value) return std::nullopt;
                section[key] = std::move(*value);
            }
        }
        result.emplace_back(name, std::move(section));
    }
    return result;
}

// raw_config_parse: a path that is not a regular file is no file at all; one that
// cannot be opened reads as empty, as Python's ConfigParser.read() skips it.
IniFile read_ini(const std::string& path) {
    std::error_code ec;
    if (path.empty() || !std::filesystem::is_regular_file(path, ec)) return {};
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto sections = parse_ini(text);
    if (!sections) return {false, {}};
    return {true, std::move(*sections)};
}

// shlex.split (POSIX mode), which botocore uses on "[profile name]" headers. nullopt for
// an unterminated quote or a trailing backslash.
std::optional<std::vector<std::string>> shell_split(std::string_view s) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            if (in_word) words.push_back(std::exchange(word, {}));
            in_word = false;
            continue;
        }
        in_word = true;
        if (c == '\\') {
            if (++i == s.size()) return std::nullopt;
            word += s[i];
        } else if (c == '\'') {
            const std::size_t end = s.find('\'', i + 1);
            if (end == std::string_view::npos) return std::nullopt;
            word += s.substr(i + 1, end - i - 1);
            i = end;
        } else if (c == '"') {
            for (++i;; ++i) {
                if (i >= s.size()) return std::nullopt;
                if (s[i] == '"') break;
                if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '"' || s[i + 1] == '\\')) ++i;
                word += s[i];
            }
        } else {
            word += c;
        }
    }
    if (in_word) words.push_back(std::move(word));
    return words;
}

// ---- Environment ----

// os.path.expandvars: $NAME and ${NAME} when NAME is set, anything else left as is.
std::string expand_variables(std::string_view path, const AwsEnvironment& env) {
    const auto is_word = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    };
    std::string out;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] != '$' || i + 1 == path.size()) {
            out += path[i++];
            continue;
        }
        std::size_t end = i + 1;
        std::string_view name;
        if (path[end] == '{') {
            const std::size_t close = path.find('}', end);
            if (close == std::string_view::npos) {
                out += path[i++];
                continue;
            }
            name = path.substr(end + 1, close - end - 1);
            end = close + 1;
        } else {
            while (end < path.size() && is_word(path[end])) ++end;
            name = path.substr(i + 1, end - i - 1);
            if (name.empty()) {
                out += path[i++];
                continue;
            }
        }
        const auto it = env.variables.find(std::string(name));
        out += it != env.variables.end() ? std::string_view(it->second) : path.substr(i, end - i);
        i = end;
    }
    return out;
}

// os.path.expanduser for "~" and "~/...".
std::string expand_home(std::string path, const AwsEnvironment& env) {
    if (path != "~" && !path.starts_with("~/")) return path;
    std::string home(env.home);
    while (!home.empty() && home.back() == '/') home.pop_back();
    path = home + path.substr(1);
    return path.empty() ? "/" : path;
}

// The variable's path if it is set (even to nothing: then there is no such file), else
// the default; "$VAR" and "~" expanded as botocore does.
std::string file_path(const AwsEnvironment& env, const std::string& name,
                      std::string_view fallback) {
    const std::string* value = variable(env, name);
    return expand_home(expand_variables(value != nullptr ? *value : fallback, env), env);
}

}  // namespace

std::map<std::string, IniSection> config_profiles(const IniSections& sections) {
    std::map<std::string, IniSection> profiles;
    for (const auto& [name, section] : sections) {
        if (name.starts_with("profile")) {
            const auto words = shell_split(name);
            if (words && words->size() == 2) profiles[(*words)[1]] = section;
        } else if (name == "default") {
            profiles[name] = section;
        }
    }
    return profiles;
}

const IniSection* find_section(const IniSections& sections, const std::string& name) {
    const auto it = std::find_if(sections.begin(), sections.end(),
                                 [&](const auto& entry) { return entry.first == name; });
    return it == sections.end() ? nullptr : &it->second;
}

const IniValue* find_value(const IniSection* section, const std::string& key) {
    if (section == nullptr) return nullptr;
    const auto it = section->find(key);
    return it == section->end() ? nullptr : &it->second;
}

const std::string* variable(const AwsEnvironment& env, const std::string& name) {
    const auto it = env.variables.find(name);
    return it == env.variables.end() ? nullptr : &it->second;
}

std::string variable_or_empty(const AwsEnvironment& env, const std::string& name) {
    const std::string* value = variable(env, name);
    return value != nullptr ? *value : std::string();
}

SharedFiles read_shared_files(const AwsEnvironment& env) {
    SharedFiles files;
    files.config_path = file_path(env, "AWS_CONFIG_FILE", "~/.aws/config");
    files.credentials_path = file_path(env, "AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials");
    files.config = read_ini(files.config_path);
    files.credentials = read_ini(files.credentials_path);
    return files;
}

std::optional<ProfileSettings::Setting> ProfileSettings::setting(const std::string& key) const {
    if (const IniValue* value = find_value(credentials ? &*credentials : nullptr, key))
        return Setting{value, &files.credentials_path};
    if (const IniValue* value = find_value(config ? &*config : nullptr, key))
        return Setting{value, &files.config_path};
    return std::nullopt;
}

ProfileSettings profile_settings(const AwsEnvironment& env, std::string_view explicit_profile) {
    ProfileSettings p;
    if (!explicit_profile.empty()) {
        p.named = std::string(explicit_profile);
    } else if (const std::string* value = variable(env, "AWS_PROFILE")) {
        p.named = *value;
    } else if (const std::string* value = variable(env, "AWS_DEFAULT_PROFILE")) {
        p.named = *value;
    }
    p.profile = p.named.value_or("default");
    p.files = read_shared_files(env);
    if (!p.files.config.parsed || !p.files.credentials.parsed) {
        p.error = "Unable to parse config file: " +
                  (p.files.config.parsed ? p.files.credentials_path : p.files.config_path);
        return p;
    }
    const auto profiles = config_profiles(p.files.config.sections);
    if (const auto it = profiles.find(p.profile); it != profiles.end()) p.config = it->second;
    if (const IniSection* s = find_section(p.files.credentials.sections, p.profile))
        p.credentials = *s;
    if (p.named && !p.config && !p.credentials)
        p.error = "The config profile (" + *p.named + ") could not be found";
    return p;
}

std::string in_profile(const std::string& profile, const std::string& path) {
    return "profile " + profile + " in " + path;
}

}  // namespace tablespan::aws_files
