#include "tablespan/aws_credentials.h"

#include <pwd.h>
#include <unistd.h>

#include <set>
#include <utility>
#include <vector>

#include "remote/aws_shared_files.h"

extern char** environ;

namespace tablespan {

namespace {

using aws_files::find_value;
using aws_files::in_profile;
using aws_files::IniSection;
using aws_files::IniValue;
using aws_files::variable;
using aws_files::variable_or_empty;

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
    const aws_files::ProfileSettings p = aws_files::profile_settings(env, explicit_profile);
    r.profile = p.profile;
    if (!p.error.empty()) {
        r.error = p.error;
        return r;
    }
    const auto& files = p.files;
    const IniSection* config_section = p.config ? &*p.config : nullptr;
    const IniSection* credentials_section = p.credentials ? &*p.credentials : nullptr;
    const auto setting = [&](const std::string& key) { return p.setting(key); };

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
    const aws_files::SharedFiles files = aws_files::read_shared_files(env);
    std::set<std::string> names;
    if (files.config.parsed) {
        for (const auto& [name, section] : aws_files::config_profiles(files.config.sections)) {
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
