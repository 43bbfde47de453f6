// The AWS CLI's two files as Tablespan reads them: [profile name] sections in config,
// [name] in credentials, the credentials file's keys over the config file's, botocore's
// INI rules (comments, continuation lines, nested sub-sections), files that cannot be
// parsed, the profile list, and AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE. The
// sources are named at the top of tst_aws_credentials.cpp (the CLI's configuration pages,
// botocore's configloader.py).

#include "aws_home_fixture.h"

using namespace aws_test;

class TestAwsConfigFiles : public QObject {
    Q_OBJECT

private slots:
    // The profile's keys in the credentials file win over its keys in the config file;
    // so does any other setting, the region included.
    void credentialsFileBeatsConfigFile() {
        Home home;
        home.writeCredentials(
            "[dev]\n"
            "aws_access_key_id = AKIAFROMCREDENTIALS\n"
            "aws_secret_access_key = secret-credentials\n"
            "region = sa-east-1\n");
        home.writeConfig(
            "[profile dev]\n"
            "aws_access_key_id = AKIAFROMCONFIG\n"
            "aws_secret_access_key = secret-config\n"
            "region = eu-west-1\n");
        const AwsResolution r = resolve_aws(home.env(), "dev");
        QCOMPARE(keyId(r), QStringLiteral("AKIAFROMCREDENTIALS"));
        QCOMPARE(q(r.credentials->secret_access_key), QStringLiteral("secret-credentials"));
        QCOMPARE(q(r.region), QStringLiteral("sa-east-1"));
        QCOMPARE(q(r.region_source), home.expand(QStringLiteral("profile dev in {credentials}")));
    }

    void configFileKeys() {
        Home home;
        writeStandardFiles(home);
        const AwsResolution r = resolve_aws(home.env(), "ci");
        QCOMPARE(keyId(r), QStringLiteral("AKIACIEXAMPLE"));
        QCOMPARE(q(r.credentials->secret_access_key), QStringLiteral("secret-ci"));
        QCOMPARE(q(r.credentials->session_token), QString());
        QCOMPARE(q(r.credentials->source), home.expand(QStringLiteral("profile ci in {config}")));
        QCOMPARE(q(r.region), QStringLiteral("ap-southeast-2"));
    }

    // In the config file a profile is [profile name]; [name] is some other section,
    // except [default].
    void configSectionsNeedTheProfilePrefix() {
        Home home;
        home.writeConfig(
            "[default]\n"
            "aws_access_key_id = AKIACONFIGDEFAULT\n"
            "aws_secret_access_key = secret-a\n"
            "[staging]\n"
            "aws_access_key_id = AKIASTAGINGEXAMPLE\n"
            "aws_secret_access_key = secret-b\n"
            "[profile prod]\n"
            "aws_access_key_id = AKIAPRODEXAMPLE\n"
            "aws_secret_access_key = secret-c\n");
        QCOMPARE(keyId(resolve_aws(home.env())), QStringLiteral("AKIACONFIGDEFAULT"));
        QCOMPARE(keyId(resolve_aws(home.env(), "prod")), QStringLiteral("AKIAPRODEXAMPLE"));
        const AwsResolution staging = resolve_aws(home.env(), "staging");
        QVERIFY(!staging.credentials);
        QCOMPARE(q(staging.error),
                 QStringLiteral("The config profile (staging) could not be found"));
        QCOMPARE(profiles(home.env()),
                 (QStringList{QStringLiteral("default"), QStringLiteral("prod")}));
    }

    void iniDetails_data() {
        QTest::addColumn<QByteArray>("newline");
        QTest::newRow("LF") << QByteArray("\n");
        QTest::newRow("CRLF") << QByteArray("\r\n");
    }

    // Comment lines, either delimiter, spaces around it, case-insensitive names, and a
    // nested sub-section whose lines are not the profile's settings.
    void iniDetails() {
        QFETCH(QByteArray, newline);
        QByteArray text =
            "# written by hand\n"
            "; for the tests\n"
            "[default]\n"
            "AWS_Access_Key_Id=AKIAINIEXAMPLE\n"
            "    # an indented comment\n"
            "s3 =\n"
            "  max_concurrent_requests = 20\n"
            "  aws_access_key_id = AKIANESTEDEXAMPLE\n"
            "\n"
            "  region = us-gov-west-1\n"
            "aws_secret_access_key   =   secret-with=equals  \n"
            "region: ap-south-1\n"
            "[profile other]\n"
            "output = json\n";
        text.replace("\n", newline);
        Home home;
        home.writeConfig(text);
        const AwsResolution r = resolve_aws(home.env());
        QCOMPARE(q(r.error), QString());
        QCOMPARE(keyId(r), QStringLiteral("AKIAINIEXAMPLE"));
        QCOMPARE(q(r.credentials->secret_access_key), QStringLiteral("secret-with=equals"));
        QCOMPARE(q(r.region), QStringLiteral("ap-south-1"));
        QCOMPARE(profiles(home.env()),
                 (QStringList{QStringLiteral("default"), QStringLiteral("other")}));
    }

    // What botocore refuses to parse stops the CLI, whatever else is set.
    void unparseableFiles_data() {
        QTest::addColumn<bool>("inConfig");
        QTest::addColumn<QByteArray>("text");

        QTest::newRow("duplicate section")
            << true << QByteArray("[default]\nregion = a\n[default]\nregion = b\n");
        QTest::newRow("duplicate key") << false
                                       << QByteArray(
                                              "[default]\naws_access_key_id = A\n"
                                              "AWS_ACCESS_KEY_ID = B\n");
        QTest::newRow("line without =")
            << false << QByteArray("[default]\naws_access_key_id AKIAEXAMPLE\n");
        QTest::newRow("setting before any section") << true << QByteArray("region = us-east-1\n");
        QTest::newRow("nested line without =")
            << true << QByteArray("[default]\ns3 =\n  just some words\n");
    }

    void unparseableFiles() {
        QFETCH(bool, inConfig);
        QFETCH(QByteArray, text);
        Home home;
        writeStandardFiles(home);
        if (inConfig) {
            home.writeConfig(text);
        } else {
            home.writeCredentials(text);
        }
        const AwsResolution r = resolve_aws(
            home.env(kEnvironmentKeys + QStringList{QStringLiteral("AWS_REGION=us-west-2")}));
        QVERIFY(!r.credentials);
        QCOMPARE(q(r.error), QStringLiteral("Unable to parse config file: ") +
                                 q(inConfig ? home.config() : home.credentials()));
        QCOMPARE(q(r.region), QString());
    }

    void profileList() {
        Home home;
        home.writeCredentials(
            "[zeta]\naws_access_key_id = A\naws_secret_access_key = secret-z\n"
            "[default]\naws_access_key_id = B\naws_secret_access_key = secret-d\n"
            "[dev]\naws_access_key_id = C\naws_secret_access_key = secret-v\n");
        home.writeConfig(
            "[profile dev]\nregion = eu-west-1\n"
            "[profile alpha]\nregion = us-east-2\n"
            "[default]\nregion = us-east-1\n"
            "[staging]\nregion = eu-west-2\n"
            "[sso-session corp]\nsso_region = us-east-1\n"
            "[services local]\ndynamodb =\n  endpoint_url = http://localhost:8000\n");
        QCOMPARE(profiles(home.env()),
                 (QStringList{QStringLiteral("default"), QStringLiteral("alpha"),
                              QStringLiteral("dev"), QStringLiteral("zeta")}));

        // A file botocore cannot parse contributes nothing; the other still does.
        home.writeConfig("[profile alpha]\nregion = a\n[profile alpha]\nregion = b\n");
        QCOMPARE(profiles(home.env()),
                 (QStringList{QStringLiteral("default"), QStringLiteral("dev"),
                              QStringLiteral("zeta")}));

        Home empty;
        QCOMPARE(profiles(empty.env()), QStringList());
    }

    // AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE replace ~/.aws/credentials and
    // ~/.aws/config; "$VAR" and "~" in them are expanded.
    void customFilePaths() {
        Home home;
        writeStandardFiles(home);
        home.write(QStringLiteral("elsewhere/creds.ini"),
                   "[default]\naws_access_key_id = AKIACUSTOMEXAMPLE\n"
                   "aws_secret_access_key = secret-custom\n"
                   "[team]\naws_access_key_id = AKIATEAMEXAMPLE\n"
                   "aws_secret_access_key = secret-team\n");
        home.write(QStringLiteral("elsewhere/conf.ini"),
                   "[default]\nregion = ca-central-1\n[profile build]\nregion = eu-south-1\n");
        const AwsEnvironment env =
            home.env({QStringLiteral("TS_AWS_DIR={home}/elsewhere"),
                      QStringLiteral("AWS_SHARED_CREDENTIALS_FILE=$TS_AWS_DIR/creds.ini"),
                      QStringLiteral("AWS_CONFIG_FILE=~/elsewhere/conf.ini")});
        const AwsResolution r = resolve_aws(env);
        QCOMPARE(q(r.error), QString());
        QCOMPARE(keyId(r), QStringLiteral("AKIACUSTOMEXAMPLE"));
        QCOMPARE(q(r.credentials->source),
                 home.expand(QStringLiteral("profile default in {home}/elsewhere/creds.ini")));
        QCOMPARE(q(r.region), QStringLiteral("ca-central-1"));
        QCOMPARE(q(r.region_source),
                 home.expand(QStringLiteral("profile default in {home}/elsewhere/conf.ini")));
        QCOMPARE(profiles(env), (QStringList{QStringLiteral("default"), QStringLiteral("build"),
                                             QStringLiteral("team")}));
        // ~/.aws/config's profiles are not there any more.
        QCOMPARE(q(resolve_aws(env, "ci").error),
                 QStringLiteral("The config profile (ci) could not be found"));

        // A credentials file that does not exist is no file: the config file's keys serve.
        const AwsEnvironment missing =
            home.env({QStringLiteral("AWS_SHARED_CREDENTIALS_FILE={home}/no/such/file")});
        const AwsResolution fromConfig = resolve_aws(missing, "dev");
        QCOMPARE(keyId(fromConfig), QStringLiteral("AKIADEVCONFIGEXAMPLE"));
        QCOMPARE(q(fromConfig.credentials->source),
                 home.expand(QStringLiteral("profile dev in {config}")));
    }
};

QTEST_APPLESS_MAIN(TestAwsConfigFiles)
#include "tst_aws_config_files.moc"
