#include "tablespan/aws_credentials.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <utility>

extern char** environ;

namespace tablespan {

namespace {

// ---- The INI dialect of botocore: Python's RawConfigParser plus configloader.py ----

struct IniValue {
    std::string text;
    bool nested = false;  // an indented sub-section: "s3 =\n  max_concurrent_requests = 20"
};
using IniSection = std::map<std::string, IniValue>;
// Sections in the order they first appear.
using IniSections = std::vector<std::pair<std::string, IniSection>>;

struct IniFile {
    bool parsed = true;  // false: the CLI would stop with "Unable to parse config file"
    IniSections sections = {};
};

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

// build_profile_map: in the config file a profile is [profile name] ("profile" then one
// more word) or [default]; other sections ([sso-session x], [services x], [name]) are
// not profiles. A later section of the same profile replaces an earlier one.
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

const std::string* variable(const AwsEnvironment& env, const std::string& name) {
    const auto it = env.variables.find(name);
    return it == env.variables.end() ? nullptr : &it->second;
}

std::string variable_or_empty(const AwsEnvironment& env, const std::string& name) {
    const std::string* value = variable(env, name);
    return value != nullptr ? *value : std::string();
}

// The variable's path if it is set (even to nothing: then there is no such file), else
// the default; "$VAR" and "~" expanded as botocore does.
std::string file_path(const AwsEnvironment& env, const std::string& name,
                      std::string_view fallback) {
    const std::string* value = variable(env, name);
    return expand_home(expand_variables(value != nullptr ? *value : fallback, env), env);
}

struct SharedFiles {
    std::string config_path;
    std::string credentials_path;
    IniFile config;
    IniFile credentials;
};

SharedFiles read_shared_files(const AwsEnvironment& env) {
    SharedFiles files;
    files.config_path = file_path(env, "AWS_CONFIG_FILE", "~/.aws/config");
    files.credentials_path = file_path(env, "AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials");
    files.config = read_ini(files.config_path);
    files.credentials = read_ini(files.credentials_path);
    return files;
}

std::string in_profile(const std::string& profile, const std::string& path) {
    return "profile " + profile + " in " + path;
}

std::string unsupported(const std::string& profile, const std::string& setting) {
    return "Profile " + profile + " uses " + setting +
           ", which Tablespan does not support: give the profile aws_access_key_id and "
           "aws_secret_access_key instead.";
}

std::string unsupported_variable(const std::string& name, const std::string& what) {
    return name + " is set (" + what +
           "), which Tablespan does not support: set AWS_ACCESS_KEY_ID and "
           "AWS_SECRET_ACCESS_KEY instead.";
}

// aws_access_key_id and aws_secret_access_key of one file's section, which has the
// first; the session token is aws_security_token, else aws_session_token, as botocore.
AwsResolution& take_static_keys(AwsResolution& r, const IniSection* section,
                                const std::string& where) {
    const auto text = [&](const char* key) {
        const IniValue* value = find_value(section, key);
        return value != nullptr ? value->text : std::string();
    };
    AwsCredentials credentials{text("aws_access_key_id"), text("aws_secret_access_key"), {}, where};
    const char* missing = credentials.access_key_id.empty()       ? "aws_access_key_id"
                          : credentials.secret_access_key.empty() ? "aws_secret_access_key"
                                                                  : nullptr;
    if (missing != nullptr) {
        r.error = std::string("Partial credentials found in ") + where + ", missing: " + missing;
        return r;
    }
    for (const char* key : {"aws_security_token", "aws_session_token"}) {
        if (find_value(section, key) != nullptr) {
            credentials.session_token = text(key);
            break;
        }
    }
    r.credentials = std::move(credentials);
    return r;
}

}  // namespace

AwsEnvironment AwsEnvironment::from_process() {
    AwsEnvironment env;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        const std::size_t equals = text.find('=');
        if (equals == std::string_view::npos) continue;
        env.variables.emplace(text.substr(0, equals), text.substr(equals + 1));
    }
    if (const auto it = env.variables.find("HOME"); it != env.variables.end()) {
        env.home = it->second;
    } else {
        std::vector<char> buffer(16384);
        passwd entry{};
        passwd* found = nullptr;
        if (getpwuid_r(getuid(), &entry, buffer.data(), buffer.size(), &found) == 0 &&
            found != nullptr && found->pw_dir != nullptr) {
            env.home = found->pw_dir;
        }
    }
    return env;
}

AwsResolution resolve_aws(const AwsEnvironment& env, std::string_view explicit_profile) {
    AwsResolution r;
    const bool is_explicit = !explicit_profile.empty();
    // The profile the user named, if any: --profile, AWS_PROFILE, AWS_DEFAULT_PROFILE.
    std::optional<std::string> named;
    if (is_explicit) {
        named = std::string(explicit_profile);
    } else if (const std::string* value = variable(env, "AWS_PROFILE")) {
        named = *value;
    } else if (const std::string* value = variable(env, "AWS_DEFAULT_PROFILE")) {
        named = *value;
    }
    r.profile = named.value_or("default");

    const SharedFiles files = read_shared_files(env);
    if (!files.config.parsed || !files.credentials.parsed) {
        r.error = "Unable to parse config file: " +
                  (files.config.parsed ? files.credentials_path : files.config_path);
        return r;
    }
    const auto profiles = config_profiles(files.config.sections);
    const auto config_it = profiles.find(r.profile);
    const IniSection* config_section = config_it == profiles.end() ? nullptr : &config_it->second;
    const IniSection* credentials_section = find_section(files.credentials.sections, r.profile);
    if (named && config_section == nullptr && credentials_section == nullptr) {
        r.error = "The config profile (" + *named + ") could not be found";
        return r;
    }
    // The profile's settings from both files, the credentials file's first.
    struct Setting {
        const IniValue* value;
        const std::string* path;
    };
    const auto setting = [&](const std::string& key) -> std::optional<Setting> {
        if (const IniValue* value = find_value(credentials_section, key)) {
            return Setting{value, &files.credentials_path};
        }
        if (const IniValue* value = find_value(config_section, key)) {
            return Setting{value, &files.config_path};
        }
        return std::nullopt;
    };

    for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
        if (std::string value = variable_or_empty(env, name); !value.empty()) {
            r.region = std::move(value);
            r.region_source = name;
            break;
        }
    }
    if (r.region.empty()) {
        if (const auto region = setting("region"); region && !region->value->text.empty()) {
            r.region = region->value->text;
            r.region_source = in_profile(r.profile, *region->path);
        }
    }

    // The credential chain, in botocore's order.
    if (!is_explicit) {
        if (const std::string key_id = variable_or_empty(env, "AWS_ACCESS_KEY_ID");
            !key_id.empty()) {
            const std::string secret = variable_or_empty(env, "AWS_SECRET_ACCESS_KEY");
            if (secret.empty()) {
                r.error =
                    "Partial credentials found in environment variables, missing: "
                    "AWS_SECRET_ACCESS_KEY";
                return r;
            }
            std::string token = variable_or_empty(env, "AWS_SECURITY_TOKEN");
            if (token.empty()) token = variable_or_empty(env, "AWS_SESSION_TOKEN");
            r.credentials =
                AwsCredentials{key_id, secret, std::move(token), "environment variables"};
            return r;
        }
    }
    if (setting("role_arn") && !setting("web_identity_token_file")) {
        r.error = unsupported(r.profile, "role_arn");
        return r;
    }
    const std::string* token_file_variable =
        is_explicit ? nullptr : variable(env, "AWS_WEB_IDENTITY_TOKEN_FILE");
    if (token_file_variable != nullptr) {
        if (!token_file_variable->empty()) {
            r.error = unsupported_variable("AWS_WEB_IDENTITY_TOKEN_FILE", "web identity");
            return r;
        }
    } else if (const auto token_file = setting("web_identity_token_file");
               token_file && (token_file->value->nested || !token_file->value->text.empty())) {
        r.error = unsupported(r.profile, "web_identity_token_file");
        return r;
    }
    for (const char* key : {"sso_account_id", "sso_role_name"}) {
        if (setting(key)) {
            r.error = unsupported(r.profile, key);
            return r;
        }
    }
    if (find_value(credentials_section, "aws_access_key_id") != nullptr) {
        return take_static_keys(r, credentials_section,
                                in_profile(r.profile, files.credentials_path));
    }
    if (setting("credential_process")) {
        r.error = unsupported(r.profile, "credential_process");
        return r;
    }
    if (find_value(config_section, "aws_access_key_id") != nullptr) {
        return take_static_keys(r, config_section, in_profile(r.profile, files.config_path));
    }
    for (const char* name :
         {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"}) {
        if (variable(env, name) != nullptr) {
            r.error = unsupported_variable(name, "container credentials");
            return r;
        }
    }
    r.error = "Unable to locate credentials: " +
              std::string(is_explicit ? "" : "AWS_ACCESS_KEY_ID is not set, and ") + "profile " +
              r.profile + " has no aws_access_key_id in " + files.credentials_path + " or " +
              files.config_path + ".";
    return r;
}

std::vector<std::string> list_aws_profiles(const AwsEnvironment& env) {
    const SharedFiles files = read_shared_files(env);
    std::set<std::string> names;
    if (files.config.parsed) {
        for (const auto& [name, section] : config_profiles(files.config.sections)) {
            names.insert(name);
        }
    }
    if (files.credentials.parsed) {
        for (const auto& [name, section] : files.credentials.sections) names.insert(name);
    }
    std::vector<std::string> result;
    if (names.erase("default") > 0) result.emplace_back("default");
    result.insert(result.end(), names.begin(), names.end());
    return result;
}

}  // namespace tablespan
