#pragma once

// The AWS credentials tests' set-up: a temporary home directory with ~/.aws files, an
// injected environment, the standard files both tests use, and small readers.

#include <string>

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include "tablespan/aws_credentials.h"

namespace aws_test {

using tablespan::AwsEnvironment;
using tablespan::AwsResolution;
using tablespan::list_aws_profiles;
using tablespan::resolve_aws;

inline QString q(const std::string& s) {
    return QString::fromStdString(s);
}

// A home directory of its own for each test.
class Home {
public:
    Home() {
        if (!m_dir.isValid()) qFatal("cannot create a temporary home directory");
    }

    std::string path() const { return m_dir.path().toStdString(); }
    std::string credentials() const { return path() + "/.aws/credentials"; }
    std::string config() const { return path() + "/.aws/config"; }

    // Writes `text` to `relative` (for example ".aws/config"), creating folders.
    void write(const QString& relative, const QByteArray& text) const {
        const QString file = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(file).absolutePath());
        QFile out(file);
        if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size()) {
            qFatal("cannot write %s", qPrintable(file));
        }
    }
    void writeCredentials(const QByteArray& text) const {
        write(QStringLiteral(".aws/credentials"), text);
    }
    void writeConfig(const QByteArray& text) const { write(QStringLiteral(".aws/config"), text); }

    // "NAME=value" entries; "{home}" in a value becomes the home directory.
    AwsEnvironment env(const QStringList& variables = {}) const {
        AwsEnvironment env;
        env.home = path();
        for (const QString& entry : variables) {
            const qsizetype equals = entry.indexOf(u'=');
            QString value = entry.mid(equals + 1);
            value.replace(QStringLiteral("{home}"), m_dir.path());
            env.variables[entry.left(equals).toStdString()] = value.toStdString();
        }
        return env;
    }

    // "{credentials}", "{config}" and "{home}" in an expected text.
    QString expand(QString text) const {
        text.replace(QStringLiteral("{credentials}"), q(credentials()));
        text.replace(QStringLiteral("{config}"), q(config()));
        return text.replace(QStringLiteral("{home}"), m_dir.path());
    }

private:
    QTemporaryDir m_dir;
};

inline const QByteArray kCredentials =
    "[default]\n"
    "aws_access_key_id = AKIADEFAULTEXAMPLE\n"
    "aws_secret_access_key = secret-default\n"
    "\n"
    "[dev]\n"
    "aws_access_key_id = AKIADEVEXAMPLE\n"
    "aws_secret_access_key = secret-dev\n"
    "aws_session_token = token-dev\n";

inline const QByteArray kConfig =
    "[default]\n"
    "region = us-east-1\n"
    "\n"
    "[profile dev]\n"
    "region = eu-west-1\n"
    "aws_access_key_id = AKIADEVCONFIGEXAMPLE\n"
    "aws_secret_access_key = secret-dev-config\n"
    "\n"
    "[profile ci]\n"
    "region = ap-southeast-2\n"
    "aws_access_key_id = AKIACIEXAMPLE\n"
    "aws_secret_access_key = secret-ci\n";

inline const QStringList kEnvironmentKeys = {
    QStringLiteral("AWS_ACCESS_KEY_ID=AKIAENVEXAMPLE"),
    QStringLiteral("AWS_SECRET_ACCESS_KEY=secret-env"),
    QStringLiteral("AWS_SESSION_TOKEN=token-env"),
};

inline void writeStandardFiles(const Home& home) {
    home.writeCredentials(kCredentials);
    home.writeConfig(kConfig);
}

inline QStringList profiles(const AwsEnvironment& env) {
    QStringList names;
    for (const std::string& name : list_aws_profiles(env)) names << q(name);
    return names;
}

inline QString keyId(const AwsResolution& r) {
    return r.credentials ? q(r.credentials->access_key_id) : QStringLiteral("<none>");
}

// Every secret in these tests contains "secret-"; none may reach a message.
inline bool mentionsSecret(const AwsResolution& r) {
    return r.error.find("secret-") != std::string::npos ||
           (r.credentials && r.credentials->source.find("secret-") != std::string::npos);
}

}  // namespace aws_test
