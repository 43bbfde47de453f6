// Credentials and region resolved as the AWS CLI v2 resolves them. The rules, and where
// they are written down:
//   https://docs.aws.amazon.com/cli/latest/userguide/cli-chap-configure.html
//     (precedence: command line, environment variables, assume role, web identity,
//     IAM Identity Center, credentials file, custom process, config file, containers)
//   https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-envvars.html
//     (AWS_ACCESS_KEY_ID, AWS_PROFILE, AWS_REGION over AWS_DEFAULT_REGION over the
//     profile's region, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE)
//   https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html
//     ([default] and [profile name] in config, [name] in credentials, # comments)
//   https://docs.aws.amazon.com/cli/latest/topic/config-vars.html (nested values)
//   https://docs.aws.amazon.com/sdkref/latest/guide/file-location.html ("~" is HOME)
// and in the CLI v2's own code (github.com/aws/aws-cli, branch v2, awscli/botocore/):
// credentials.py (the chain; --profile drops the environment provider, AWS_PROFILE does
// not), configprovider.py (AWS_PROFILE before AWS_DEFAULT_PROFILE, AWS_REGION before
// AWS_DEFAULT_REGION), configloader.py and session.py (INI parsing, the credentials
// file's keys over the config file's, "The config profile (x) could not be found").

#include "aws_home_fixture.h"

using namespace aws_test;

class TestAwsCredentials : public QObject {
    Q_OBJECT

private slots:
    void processEnvironment() {
        QVERIFY(qputenv("TABLESPAN_TEST_AWS_VARIABLE", "a=b c"));
        const AwsEnvironment env = AwsEnvironment::from_process();
        QCOMPARE(q(env.variables.at("TABLESPAN_TEST_AWS_VARIABLE")), QStringLiteral("a=b c"));
        if (qEnvironmentVariableIsSet("HOME")) {
            QCOMPARE(q(env.home), qEnvironmentVariable("HOME"));
        }
        QVERIFY(!env.home.empty());
        qunsetenv("TABLESPAN_TEST_AWS_VARIABLE");
    }

    void environmentKeysWithoutProfile() {
        Home home;
        writeStandardFiles(home);
        const AwsResolution r = resolve_aws(home.env(kEnvironmentKeys));
        QCOMPARE(q(r.error), QString());
        QVERIFY(r.credentials);
        QCOMPARE(q(r.credentials->access_key_id), QStringLiteral("AKIAENVEXAMPLE"));
        QCOMPARE(q(r.credentials->secret_access_key), QStringLiteral("secret-env"));
        QCOMPARE(q(r.credentials->session_token), QStringLiteral("token-env"));
        QCOMPARE(q(r.credentials->source), QStringLiteral("environment variables"));
        QCOMPARE(q(r.profile), QStringLiteral("default"));
        QCOMPARE(q(r.region), QStringLiteral("us-east-1"));

        // Long-term keys: no session token.
        const AwsResolution plain = resolve_aws(home.env(kEnvironmentKeys.mid(0, 2)));
        QCOMPARE(keyId(plain), QStringLiteral("AKIAENVEXAMPLE"));
        QCOMPARE(q(plain.credentials->session_token), QString());
    }

    // AWS_PROFILE does not outrank the key variables (aws/aws-cli#3877: expected
    // behaviour), but the region comes from the profile it names.
    void environmentKeysBeatAwsProfile() {
        Home home;
        writeStandardFiles(home);
        const AwsResolution r = resolve_aws(
            home.env(kEnvironmentKeys + QStringList{QStringLiteral("AWS_PROFILE=dev")}));
        QCOMPARE(keyId(r), QStringLiteral("AKIAENVEXAMPLE"));
        QCOMPARE(q(r.profile), QStringLiteral("dev"));
        QCOMPARE(q(r.region), QStringLiteral("eu-west-1"));
        QCOMPARE(q(r.region_source), home.expand(QStringLiteral("profile dev in {config}")));
    }

    // An explicit profile, like --profile: the key variables are not consulted.
    void explicitProfileIgnoresEnvironmentKeys() {
        Home home;
        writeStandardFiles(home);
        const AwsResolution r = resolve_aws(home.env(kEnvironmentKeys), "dev");
        QCOMPARE(q(r.error), QString());
        QCOMPARE(keyId(r), QStringLiteral("AKIADEVEXAMPLE"));
        QCOMPARE(q(r.credentials->secret_access_key), QStringLiteral("secret-dev"));
        QCOMPARE(q(r.credentials->session_token), QStringLiteral("token-dev"));
        QCOMPARE(q(r.credentials->source),
                 home.expand(QStringLiteral("profile dev in {credentials}")));
    }

    void profileSelection_data() {
        QTest::addColumn<QStringList>("variables");
        QTest::addColumn<QString>("explicitProfile");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("expectedKeyId");

        QTest::newRow("nothing named: default") << QStringList() << QString() << "default"
                                                << "AKIADEFAULTEXAMPLE";
        QTest::newRow("AWS_PROFILE")
            << QStringList{QStringLiteral("AWS_PROFILE=dev")} << QString() << "dev"
            << "AKIADEVEXAMPLE";
        QTest::newRow("AWS_DEFAULT_PROFILE")
            << QStringList{QStringLiteral("AWS_DEFAULT_PROFILE=ci")} << QString() << "ci"
            << "AKIACIEXAMPLE";
        QTest::newRow("AWS_PROFILE before AWS_DEFAULT_PROFILE")
            << QStringList{QStringLiteral("AWS_PROFILE=dev"),
                           QStringLiteral("AWS_DEFAULT_PROFILE=ci")}
            << QString() << "dev"
            << "AKIADEVEXAMPLE";
        QTest::newRow("explicit before AWS_PROFILE")
            << QStringList{QStringLiteral("AWS_PROFILE=dev")} << QStringLiteral("ci") << "ci"
            << "AKIACIEXAMPLE";
        QTest::newRow("a secret without a key id is not a key")
            << QStringList{QStringLiteral("AWS_SECRET_ACCESS_KEY=secret-lonely")} << QString()
            << "default"
            << "AKIADEFAULTEXAMPLE";
    }

    void profileSelection() {
        QFETCH(QStringList, variables);
        QFETCH(QString, explicitProfile);
        QFETCH(QString, profile);
        QFETCH(QString, expectedKeyId);
        Home home;
        writeStandardFiles(home);
        const AwsResolution r = resolve_aws(home.env(variables), explicitProfile.toStdString());
        QCOMPARE(q(r.error), QString());
        QCOMPARE(q(r.profile), profile);
        QCOMPARE(keyId(r), expectedKeyId);
    }

    void region_data() {
        QTest::addColumn<QStringList>("variables");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("source");

        QTest::newRow("AWS_REGION first")
            << QStringList{QStringLiteral("AWS_REGION=us-west-2"),
                           QStringLiteral("AWS_DEFAULT_REGION=eu-central-1")}
            << "us-west-2"
            << "AWS_REGION";
        QTest::newRow("AWS_DEFAULT_REGION next")
            << QStringList{QStringLiteral("AWS_DEFAULT_REGION=eu-central-1")} << "eu-central-1"
            << "AWS_DEFAULT_REGION";
        QTest::newRow("the profile's region last") << QStringList() << "us-east-1"
                                                   << "profile default in {config}";
        QTest::newRow("the named profile's region")
            << QStringList{QStringLiteral("AWS_PROFILE=ci")} << "ap-southeast-2"
            << "profile ci in {config}";
        QTest::newRow("the environment before the named profile")
            << QStringList{QStringLiteral("AWS_PROFILE=ci"),
                           QStringLiteral("AWS_DEFAULT_REGION=eu-north-1")}
            << "eu-north-1"
            << "AWS_DEFAULT_REGION";
        QTest::newRow("an empty AWS_REGION is unset")
            << QStringList{QStringLiteral("AWS_REGION="),
                           QStringLiteral("AWS_DEFAULT_REGION=eu-central-1")}
            << "eu-central-1"
            << "AWS_DEFAULT_REGION";
    }

    void region() {
        QFETCH(QStringList, variables);
        QFETCH(QString, region);
        QFETCH(QString, source);
        Home home;
        writeStandardFiles(home);
        const AwsResolution r = resolve_aws(home.env(variables));
        QCOMPARE(q(r.error), QString());
        QCOMPARE(q(r.region), region);
        QCOMPARE(q(r.region_source), home.expand(source));
    }

    void noRegionIsNotAnError() {
        Home home;
        const AwsResolution r = resolve_aws(home.env(kEnvironmentKeys));
        QCOMPARE(keyId(r), QStringLiteral("AKIAENVEXAMPLE"));
        QCOMPARE(q(r.error), QString());
        QCOMPARE(q(r.region), QString());
        QCOMPARE(q(r.region_source), QString());
    }

    void unsupportedSources_data() {
        QTest::addColumn<QByteArray>("credentials");
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QStringList>("variables");
        QTest::addColumn<QString>("error");

        const QByteArray defaultKeys =
            "[default]\naws_access_key_id = AKIADEFAULTEXAMPLE\n"
            "aws_secret_access_key = secret-default\n";
        QTest::newRow("role_arn") << defaultKeys
                                  << QByteArray(
                                         "[profile dev]\n"
                                         "role_arn = arn:aws:iam::123456789012:role/Dev\n"
                                         "source_profile = default\n")
                                  << QStringList{QStringLiteral("AWS_PROFILE=dev")}
                                  << "Profile dev uses role_arn, which Tablespan does not "
                                     "support: give the profile aws_access_key_id and "
                                     "aws_secret_access_key instead.";
        // The CLI would assume the role with these keys, not use them as they are.
        QTest::newRow("role_arn beside static keys")
            << QByteArray(
                   "[dev]\naws_access_key_id = AKIADEVEXAMPLE\n"
                   "aws_secret_access_key = secret-dev\n")
            << QByteArray(
                   "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/Dev\n"
                   "source_profile = dev\n")
            << QStringList{QStringLiteral("AWS_PROFILE=dev")}
            << "Profile dev uses role_arn, which Tablespan does not support: give the "
               "profile aws_access_key_id and aws_secret_access_key instead.";
        QTest::newRow("IAM Identity Center")
            << defaultKeys
            << QByteArray(
                   "[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\n"
                   "sso_role_name = ReadOnly\n"
                   "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
                   "sso_region = us-east-1\n")
            << QStringList{QStringLiteral("AWS_PROFILE=dev")}
            << "Profile dev uses sso_account_id, which Tablespan does not support: give the "
               "profile aws_access_key_id and aws_secret_access_key instead.";
        QTest::newRow("credential_process")
            << defaultKeys
            << QByteArray(
                   "[profile dev]\ncredential_process = /usr/bin/fetch-credentials --json\n"
                   "aws_access_key_id = AKIADEVCONFIGEXAMPLE\n"
                   "aws_secret_access_key = secret-dev-config\n")
            << QStringList{QStringLiteral("AWS_PROFILE=dev")}
            << "Profile dev uses credential_process, which Tablespan does not support: give "
               "the profile aws_access_key_id and aws_secret_access_key instead.";
        QTest::newRow("web_identity_token_file")
            << defaultKeys
            << QByteArray(
                   "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/Dev\n"
                   "web_identity_token_file = /var/run/secrets/token\n")
            << QStringList{QStringLiteral("AWS_PROFILE=dev")}
            << "Profile dev uses web_identity_token_file, which Tablespan does not support: "
               "give the profile aws_access_key_id and aws_secret_access_key instead.";
        QTest::newRow("AWS_WEB_IDENTITY_TOKEN_FILE")
            << defaultKeys << QByteArray()
            << QStringList{QStringLiteral("AWS_WEB_IDENTITY_TOKEN_FILE=/var/run/secrets/token"),
                           QStringLiteral("AWS_ROLE_ARN=arn:aws:iam::123456789012:role/Pod")}
            << "AWS_WEB_IDENTITY_TOKEN_FILE is set (web identity), which Tablespan does not "
               "support: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead.";
        QTest::newRow("container credentials")
            << QByteArray() << QByteArray("[default]\nregion = us-east-1\n")
            << QStringList{QStringLiteral(
                   "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=/v2/credentials/x")}
            << "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set (container credentials), which "
               "Tablespan does not support: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
               "instead.";
    }

    void unsupportedSources() {
        QFETCH(QByteArray, credentials);
        QFETCH(QByteArray, config);
        QFETCH(QStringList, variables);
        QFETCH(QString, error);
        Home home;
        home.writeCredentials(credentials);
        home.writeConfig(config);
        const AwsResolution r = resolve_aws(home.env(variables));
        QVERIFY(!r.credentials);
        QCOMPARE(q(r.error), error);
        QVERIFY(!mentionsSecret(r));
    }

    // Sources Tablespan cannot use only matter where the CLI would reach them.
    void unsupportedSourcesAfterStaticKeys() {
        Home home;
        home.writeCredentials(
            "[dev]\naws_access_key_id = AKIADEVEXAMPLE\naws_secret_access_key = secret-dev\n");
        home.writeConfig("[profile dev]\ncredential_process = /usr/bin/fetch-credentials\n");
        QCOMPARE(keyId(resolve_aws(home.env(), "dev")), QStringLiteral("AKIADEVEXAMPLE"));

        // An explicit profile ignores AWS_WEB_IDENTITY_TOKEN_FILE, as --profile does; the
        // files' keys come before container credentials.
        const AwsEnvironment env =
            home.env({QStringLiteral("AWS_WEB_IDENTITY_TOKEN_FILE=/var/run/secrets/token"),
                      QStringLiteral("AWS_CONTAINER_CREDENTIALS_FULL_URI=http://169.254.170.2/")});
        QCOMPARE(keyId(resolve_aws(env, "dev")), QStringLiteral("AKIADEVEXAMPLE"));
    }

    void missingProfile() {
        Home home;
        writeStandardFiles(home);
        const AwsResolution r = resolve_aws(home.env(), "nope");
        QVERIFY(!r.credentials);
        QCOMPARE(q(r.error), QStringLiteral("The config profile (nope) could not be found"));

        // A profile named by AWS_PROFILE must exist even when the key variables are set:
        // the CLI stops before it looks at them.
        const AwsResolution named = resolve_aws(
            home.env(kEnvironmentKeys + QStringList{QStringLiteral("AWS_PROFILE=nope")}));
        QVERIFY(!named.credentials);
        QCOMPARE(q(named.error), QStringLiteral("The config profile (nope) could not be found"));

        // "default" named explicitly must exist too; left unnamed, it need not.
        Home other;
        other.writeCredentials(
            "[dev]\naws_access_key_id = AKIADEVEXAMPLE\naws_secret_access_key = secret-dev\n");
        QCOMPARE(q(resolve_aws(other.env({QStringLiteral("AWS_PROFILE=default")})).error),
                 QStringLiteral("The config profile (default) could not be found"));
        QCOMPARE(keyId(resolve_aws(other.env(kEnvironmentKeys))), QStringLiteral("AKIAENVEXAMPLE"));
    }

    void noCredentials() {
        Home empty;
        const AwsResolution r = resolve_aws(empty.env());
        QVERIFY(!r.credentials);
        QCOMPARE(q(r.error),
                 empty.expand(QStringLiteral(
                     "Unable to locate credentials: AWS_ACCESS_KEY_ID is not set, and profile "
                     "default has no aws_access_key_id in {credentials} or {config}.")));

        Home home;
        home.writeConfig("[profile bare]\nregion = eu-west-3\n");
        const AwsResolution bare = resolve_aws(home.env(kEnvironmentKeys), "bare");
        QVERIFY(!bare.credentials);
        QCOMPARE(q(bare.error),
                 home.expand(QStringLiteral("Unable to locate credentials: profile bare has no "
                                            "aws_access_key_id in {credentials} or {config}.")));
        QCOMPARE(q(bare.region), QStringLiteral("eu-west-3"));
    }

    void partialCredentials() {
        Home home;
        const AwsResolution env =
            resolve_aws(home.env({QStringLiteral("AWS_ACCESS_KEY_ID=AKIAENVEXAMPLE")}));
        QVERIFY(!env.credentials);
        QCOMPARE(q(env.error), QStringLiteral("Partial credentials found in environment "
                                              "variables, missing: AWS_SECRET_ACCESS_KEY"));

        home.writeCredentials("[default]\naws_access_key_id = AKIADEFAULTEXAMPLE\n");
        home.writeConfig(
            "[default]\naws_access_key_id = AKIACONFIGEXAMPLE\n"
            "aws_secret_access_key = secret-config\n"
            "[profile empty]\naws_access_key_id =\naws_secret_access_key = secret-orphan\n");
        const AwsResolution file = resolve_aws(home.env());
        QVERIFY(!file.credentials);
        QCOMPARE(q(file.error),
                 home.expand(QStringLiteral("Partial credentials found in profile default in "
                                            "{credentials}, missing: aws_secret_access_key")));
        const AwsResolution empty = resolve_aws(home.env(), "empty");
        QCOMPARE(q(empty.error),
                 home.expand(QStringLiteral("Partial credentials found in profile empty in "
                                            "{config}, missing: aws_access_key_id")));
        QVERIFY(!mentionsSecret(empty));

        // A secret alone in the credentials file does not stop the search.
        home.writeCredentials("[default]\naws_secret_access_key = secret-orphan\n");
        QCOMPARE(keyId(resolve_aws(home.env())), QStringLiteral("AKIACONFIGEXAMPLE"));
    }
};

QTEST_APPLESS_MAIN(TestAwsCredentials)
#include "tst_aws_credentials.moc"
