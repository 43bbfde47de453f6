#include "remote/remote_connection.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QUrl>

#include "tablespan/regions.h"

namespace {
const QString kGroup = QStringLiteral("remoteConnections");

bool validUrl(const QString& text) {
    // "{region}" is filled in per request; any region code makes a valid host.
    QString filled = text.trimmed();
    filled.replace(QStringLiteral("{region}"), QStringLiteral("us-east-1"));
    const QUrl url(filled, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) return false;
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return false;
    // The client posts to "/": a path, a query, a fragment or user info would be ignored
    // or misread, so they are refused rather than dropped silently.
    return (url.path().isEmpty() || url.path() == QLatin1String("/")) && !url.hasQuery() &&
           !url.hasFragment() && url.userInfo().isEmpty();
}
}  // namespace

QString validateConnection(const RemoteConnection& c, const QStringList& existingNames) {
    static const QRegularExpression nameChars(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (c.name.isEmpty())
        return QCoreApplication::translate("RemoteConnection", "Give the connection a name.");
    if (c.name.size() > 32)
        return QCoreApplication::translate("RemoteConnection",
                                           "The name has more than 32 characters.");
    if (!nameChars.match(c.name).hasMatch())
        return QCoreApplication::translate("RemoteConnection",
                                           "The name may hold only letters, digits, - and _.");
    if (existingNames.contains(c.name, Qt::CaseInsensitive))
        return QCoreApplication::translate("RemoteConnection",
                                           "There is already a connection named %1.")
            .arg(c.name);
    if (c.url.trimmed().isEmpty())
        return QCoreApplication::translate("RemoteConnection", "Enter the endpoint's URL.");
    if (!validUrl(c.url))
        return QCoreApplication::translate(
            "RemoteConnection",
            "The URL is http:// or https://, a host and an optional port, such as "
            "http://127.0.0.1:8000.");
    if (c.regions.isEmpty())
        return QCoreApplication::translate("RemoteConnection",
                                           "Choose at least one region the endpoint serves.");
    for (const QString& code : c.regions)
        if (!tablespan::find_region(code.toStdString()))
            return QCoreApplication::translate("RemoteConnection", "%1 is not a known region code.")
                .arg(code);
    if (!c.caFile.isEmpty() && !QFileInfo(c.caFile).isFile())
        return QCoreApplication::translate("RemoteConnection", "There is no CA file %1.")
            .arg(c.caFile);
    return {};
}

QList<RemoteConnection> loadConnections(QSettings& settings) {
    QList<RemoteConnection> out;
    const int size = settings.beginReadArray(kGroup);
    for (int i = 0; i < size; ++i) {
        settings.setArrayIndex(i);
        RemoteConnection c;
        c.name = settings.value(QStringLiteral("name")).toString();
        if (c.name.isEmpty()) continue;
        c.url = settings.value(QStringLiteral("url")).toString();
        c.regions = settings.value(QStringLiteral("regions")).toStringList();
        c.profile = settings.value(QStringLiteral("profile")).toString();
        c.unsignedRequests = settings.value(QStringLiteral("unsigned"), false).toBool();
        c.keychainKeys = settings.value(QStringLiteral("keychain"), false).toBool();
        c.caFile = settings.value(QStringLiteral("caFile")).toString();
        out.append(c);
    }
    settings.endArray();
    return out;
}

void saveConnections(QSettings& settings, const QList<RemoteConnection>& connections) {
    // A shorter list must not leave the old entries behind.
    settings.remove(kGroup);
    settings.beginWriteArray(kGroup, static_cast<int>(connections.size()));
    for (int i = 0; i < connections.size(); ++i) {
        const RemoteConnection& c = connections[i];
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), c.name);
        settings.setValue(QStringLiteral("url"), c.url);
        settings.setValue(QStringLiteral("regions"), c.regions);
        settings.setValue(QStringLiteral("profile"), c.profile);
        settings.setValue(QStringLiteral("unsigned"), c.unsignedRequests);
        // Only that the keys are in the keychain: never a key id or a secret.
        settings.setValue(QStringLiteral("keychain"), c.keychainKeys);
        settings.setValue(QStringLiteral("caFile"), c.caFile);
    }
    settings.endArray();
}

namespace {
// The retry mode and attempts the AWS CLI would use with the connection's profile (the
// default chain's for unsigned and keychain connections); false and `*error` when a
// setting is invalid, as the CLI refuses to run.
bool applyRetrySettings(tablespan::RemoteEndpoint& endpoint, const RemoteConnection& c,
                        const tablespan::AwsEnvironment& env, QString* error) {
    const bool ownProfile = !c.unsignedRequests && !c.keychainKeys;
    const tablespan::AwsRetrySettings retry =
        tablespan::resolve_aws_retry(env, ownProfile ? c.profile.toStdString() : std::string());
    if (!retry.error.empty()) {
        if (error)
            *error = QCoreApplication::translate("RemoteConnection", "Invalid retry settings: %1")
                         .arg(QString::fromStdString(retry.error));
        return false;
    }
    endpoint.retry_mode = retry.mode;
    endpoint.max_attempts = retry.max_attempts;
    return true;
}
}  // namespace

std::optional<tablespan::RemoteEndpoint> endpointFor(const RemoteConnection& c,
                                                     const tablespan::AwsEnvironment& env,
                                                     QString* error, QString* credentialSource) {
    tablespan::RemoteEndpoint endpoint;
    endpoint.url = c.url.trimmed().toStdString();
    endpoint.ca_file = c.caFile.toStdString();
    if (c.unsignedRequests) {
        if (!applyRetrySettings(endpoint, c, env, error)) return std::nullopt;
        if (credentialSource)
            *credentialSource =
                QCoreApplication::translate("RemoteConnection", "none: requests are unsigned");
        return endpoint;
    }
    if (c.keychainKeys) {
        if (error)
            *error = QCoreApplication::translate("RemoteConnection",
                                                 "The keys of %1 are kept in the system keychain.")
                         .arg(c.name);
        return std::nullopt;
    }
    const tablespan::AwsResolution found = resolve_aws(env, c.profile.toStdString());
    if (!found.credentials) {
        if (error)
            *error = QCoreApplication::translate("RemoteConnection", "No credentials: %1")
                         .arg(QString::fromStdString(found.error));
        return std::nullopt;
    }
    endpoint.access_key_id = found.credentials->access_key_id;
    endpoint.secret_access_key = found.credentials->secret_access_key;
    endpoint.session_token = found.credentials->session_token;
    if (!applyRetrySettings(endpoint, c, env, error)) return std::nullopt;
    if (credentialSource) *credentialSource = QString::fromStdString(found.credentials->source);
    return endpoint;
}

std::optional<tablespan::RemoteEndpoint> endpointFor(const RemoteConnection& c,
                                                     const AccessKeys& keys,
                                                     const tablespan::AwsEnvironment& env,
                                                     QString* error) {
    tablespan::RemoteEndpoint endpoint;
    endpoint.url = c.url.trimmed().toStdString();
    endpoint.ca_file = c.caFile.toStdString();
    if (!applyRetrySettings(endpoint, c, env, error)) return std::nullopt;
    endpoint.access_key_id = keys.accessKeyId.toStdString();
    endpoint.secret_access_key = keys.secretAccessKey.toStdString();
    endpoint.session_token = keys.sessionToken.toStdString();
    return endpoint;
}

QString maskedKeyId(const QString& accessKeyId) {
    if (accessKeyId.size() < 12) return QStringLiteral("…");
    return accessKeyId.left(4) + u'…' + accessKeyId.right(4);
}
