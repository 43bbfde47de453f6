#pragma once

// AWS credentials and region for a remote DynamoDB endpoint, resolved from the same
// sources and in the same order as the AWS CLI v2 (botocore's credential chain):
//
//   1. AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN (not consulted
//      when a profile is given explicitly, like the CLI's --profile);
//   2. the profile's role_arn, web_identity_token_file (or AWS_WEB_IDENTITY_TOKEN_FILE),
//      sso_account_id / sso_role_name: the CLI would fetch temporary credentials with
//      them, Tablespan does not, so they end the search with an error;
//   3. aws_access_key_id in the profile's section of the shared credentials file
//      (AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials);
//   4. the profile's credential_process: an error, as in 2;
//   5. aws_access_key_id in the profile's section of the config file (AWS_CONFIG_FILE,
//      default ~/.aws/config);
//   6. container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI): an
//      error, as in 2. Instance metadata (IMDS), AWS_CREDENTIAL_FILE and ~/.boto are not
//      consulted.
//
// The profile is the explicit one, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else
// "default". A profile that is named (explicitly or by those variables) must exist in
// one of the two files, even when the environment variables hold the keys: the CLI
// refuses to run otherwise. The region is AWS_REGION, else AWS_DEFAULT_REGION, else the
// profile's `region`. Both files are read with botocore's INI rules (# and ; comment
// lines, `=` or `:`, indented continuation lines and nested sub-sections such as
// `s3 =\n  max_concurrent_requests = 20`, duplicate sections or keys are an error); in
// the config file a profile's section is [profile name] (or [default]); in the
// credentials file it is [name]; the credentials file wins for a key set in both.
//
// Deliberate differences from the CLI: empty AWS_REGION, AWS_DEFAULT_REGION and `region`
// values count as unset (the CLI would use the empty region and fail later); an empty
// aws_access_key_id or aws_secret_access_key counts as missing (the CLI would sign with
// the empty key).
//
// resolve_aws_retry reads the retry settings the same way (see below).
//
// Secrets never appear in error messages or in `source`. No function here logs.
// The functions only read files; they are thread-safe.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tablespan {

// What the resolution reads besides the files: the environment variables and the home
// directory ("~" in paths). Injectable for tests.
struct AwsEnvironment {
    std::map<std::string, std::string> variables = {};
    std::string home = {};

    // The current process's environment; home is $HOME, else the user database's entry.
    static AwsEnvironment from_process();
};

struct AwsCredentials {
    std::string access_key_id = {};
    std::string secret_access_key = {};
    std::string session_token = {};  // empty for long-term keys
    // Where they came from, for people: "environment variables" or
    // "profile dev in /home/u/.aws/credentials".
    std::string source = {};
};

struct AwsResolution {
    // Set on success; then `error` is empty.
    std::optional<AwsCredentials> credentials = std::nullopt;
    // The profile the resolution used ("default" when none was named).
    std::string profile = {};
    // The region, and where it came from ("AWS_REGION", "profile dev in
    // /home/u/.aws/config"); both empty when none is configured, which is not an error.
    std::string region = {};
    std::string region_source = {};
    // Why there are no credentials, in English, e.g. "The config profile (dev) could not
    // be found" or "Profile dev uses role_arn, which Tablespan does not support: ...".
    std::string error = {};
};

// Credentials and region as `aws` would use them; `profile` empty means as without
// --profile, otherwise as with --profile <profile>. A file that cannot be parsed or a
// named profile that does not exist give an error and neither credentials nor region;
// partial keys, an unsupported source or no keys at all give an error and no
// credentials, but the region. A missing region alone is not an error.
AwsResolution resolve_aws(const AwsEnvironment& env, std::string_view profile = {});

// The AWS SDKs' retry modes (AWS SDKs and Tools Reference Guide, "Retry behavior"):
// legacy (botocore's DynamoDB policy: 10 attempts, 50 ms doubling, no jitter, no quota),
// standard (3 attempts, full-jitter backoff, a retry quota) and adaptive (standard plus a
// client-side rate limiter that slows down when throttled).
enum class RetryMode { Legacy, Standard, Adaptive };

// "legacy", "standard", "adaptive": the names of the setting.
std::string_view retry_mode_name(RetryMode mode);

struct AwsRetrySettings {
    RetryMode mode = RetryMode::Standard;  // the AWS CLI v2's default
    int max_attempts = 0;                  // the first attempt included; 0: the mode's default
    // Where each came from ("AWS_RETRY_MODE", "profile dev in /home/u/.aws/config"), empty
    // for a default.
    std::string mode_source = {};
    std::string max_attempts_source = {};
    // Why the settings cannot be used, in botocore's words; then the CLI stops before any
    // request, and the other fields are the defaults.
    std::string error = {};
};

// The retry settings `aws` would use with the same profile argument: AWS_RETRY_MODE,
// else the profile's retry_mode; AWS_MAX_ATTEMPTS, else the profile's max_attempts.
// Values are checked as botocore checks them (the mode case-sensitively, an empty one
// included; attempts an integer of at least 1). A file that cannot be parsed or a named
// profile that does not exist give the same error as resolve_aws.
AwsRetrySettings resolve_aws_retry(const AwsEnvironment& env, std::string_view profile = {});

// The profile names in the config and credentials files, each once, "default" first and
// the others sorted: what `aws configure list-profiles` knows, for a combo box. A file
// that is missing or cannot be parsed contributes nothing.
std::vector<std::string> list_aws_profiles(const AwsEnvironment& env);

}  // namespace tablespan
