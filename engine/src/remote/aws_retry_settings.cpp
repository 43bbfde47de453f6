#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

#include "remote/aws_shared_files.h"
#include "tablespan/aws_credentials.h"

// botocore's configprovider: retry_mode from AWS_RETRY_MODE or the profile's retry_mode,
// max_attempts from AWS_MAX_ATTEMPTS or max_attempts, the variable first. The texts are
// botocore's (InvalidRetryModeError, InvalidMaxRetryAttemptsError, and Python's int()),
// as the AWS CLI 2.9 prints them.

namespace tablespan {

namespace {

struct Found {
    std::string value;
    std::string source;
};

// The variable when it is set (even to nothing), else the profile's setting.
std::optional<Found> lookup(const AwsEnvironment& env, const aws_files::ProfileSettings& profile,
                            const std::string& variable, const std::string& key) {
    if (const std::string* value = aws_files::variable(env, variable))
        return Found{*value, variable};
    if (const auto setting = profile.setting(key); setting && !setting->value->nested)
        return Found{setting->value->text, aws_files::in_profile(profile.profile, *setting->path)};
    return std::nullopt;
}

// Python's int() of a string: blanks around, an optional sign, decimal digits (and
// underscores between them, which nobody writes in a config file and which are refused
// here). nullopt for anything else.
std::optional<long long> python_int(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

std::string_view retry_mode_name(RetryMode mode) {
    switch (mode) {
        case RetryMode::Legacy:
            return "legacy";
        case RetryMode::Adaptive:
            return "adaptive";
        case RetryMode::Standard:
            break;
    }
    return "standard";
}

AwsRetrySettings resolve_aws_retry(const AwsEnvironment& env, std::string_view explicit_profile) {
    AwsRetrySettings settings;
    const aws_files::ProfileSettings profile = aws_files::profile_settings(env, explicit_profile);
    if (!profile.error.empty()) {
        settings.error = profile.error;
        return settings;
    }
    if (const auto attempts = lookup(env, profile, "AWS_MAX_ATTEMPTS", "max_attempts")) {
        const auto value = python_int(attempts->value);
        if (!value) {
            settings.error = "invalid literal for int() with base 10: '" + attempts->value + "'";
            return settings;
        }
        if (*value < 1) {
            settings.error = "Value provided to \"max_attempts\": " + std::to_string(*value) +
                             " must be an integer greater than or equal to 1.";
            return settings;
        }
        // No one waits for more attempts than this; the SDKs set no limit.
        settings.max_attempts = static_cast<int>(std::min(*value, 1000LL));
        settings.max_attempts_source = attempts->source;
    }
    if (const auto mode = lookup(env, profile, "AWS_RETRY_MODE", "retry_mode")) {
        bool known = false;
        for (RetryMode m : {RetryMode::Legacy, RetryMode::Standard, RetryMode::Adaptive}) {
            if (mode->value == retry_mode_name(m)) {
                settings.mode = m;
                known = true;
            }
        }
        if (!known) {
            AwsRetrySettings invalid;
            invalid.error = "Invalid value provided to \"mode\": \"" + mode->value +
                            "\" must be one of: ('legacy', 'standard', 'adaptive')";
            return invalid;
        }
        settings.mode_source = mode->source;
    }
    return settings;
}

}  // namespace tablespan
