#pragma once

// The AWS CLI's shared files as botocore reads them: the config and credentials files
// (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/), in botocore's INI
// dialect, and a profile's settings from both. Shared by the credential resolution and
// the retry settings; not part of the public API.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tablespan/aws_credentials.h"

namespace tablespan::aws_files {

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

// build_profile_map: in the config file a profile is [profile name] ("profile" then one
// more word) or [default]; other sections ([sso-session x], [services x], [name]) are
// not profiles. A later section of the same profile replaces an earlier one.
std::map<std::string, IniSection> config_profiles(const IniSections& sections);
const IniSection* find_section(const IniSections& sections, const std::string& name);
const IniValue* find_value(const IniSection* section, const std::string& key);

// The variable's value, or nullptr when it is not set.
const std::string* variable(const AwsEnvironment& env, const std::string& name);
std::string variable_or_empty(const AwsEnvironment& env, const std::string& name);

struct SharedFiles {
    std::string config_path;
    std::string credentials_path;
    IniFile config;
    IniFile credentials;
};
SharedFiles read_shared_files(const AwsEnvironment& env);

// One profile's settings from both files, the credentials file's first, as botocore
// merges them.
struct ProfileSettings {
    std::string profile;               // "default" when none was named
    std::optional<std::string> named;  // the profile the user named, if any
    SharedFiles files;
    std::optional<IniSection> config;       // its section in the config file
    std::optional<IniSection> credentials;  // its section in the credentials file
    // Why the files cannot be used: a file that cannot be parsed, or a named profile that
    // exists in neither. Empty when they can.
    std::string error;

    struct Setting {
        const IniValue* value;
        const std::string* path;  // the file it came from
    };
    std::optional<Setting> setting(const std::string& key) const;
};
// The profile is `explicit_profile`, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else
// "default".
ProfileSettings profile_settings(const AwsEnvironment& env, std::string_view explicit_profile);

// "profile dev in /home/u/.aws/config", for the sources people are shown.
std::string in_profile(const std::string& profile, const std::string& path);

}  // namespace tablespan::aws_files
