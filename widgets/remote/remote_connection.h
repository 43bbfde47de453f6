#pragma once

// A remote connection: a DynamoDB-compatible endpoint the console drives beside its
// embedded regions (Amazon DynamoDB, DynamoDB Local, a shared headless Tablespan), under
// a name of its own. Kept in the settings without any secret: how to sign is a profile
// name of the AWS CLI's files (or the CLI's default chain, or no signature), and the keys
// are read from those files when the console connects.

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

#include "tablespan/aws_credentials.h"
#include "tablespan/remote_client.h"

class QSettings;

struct RemoteConnection {
    QString name;  // 1–32 letters, digits, - and _; unique among the connections
    // http(s)://host[:port]; "{region}" stands for the region code in a service with one
    // host per region ("https://dynamodb.{region}.amazonaws.com").
    QString url;
    QStringList regions;  // codes of tablespan::all_regions() the endpoint serves, ≥ 1
    // The AWS profile to sign with; empty = the CLI's default chain (the environment
    // variables, AWS_PROFILE, the default profile). Ignored when unsignedRequests is set.
    QString profile;
    // Unsigned requests, for local engines (DynamoDB Local, Tablespan without
    // --require-auth).
    bool unsignedRequests = false;
    QString caFile;  // PEM file of extra certificate authorities for HTTPS; may be empty

    bool operator==(const RemoteConnection&) const = default;
};

// Why `connection` cannot be saved, in words for the user (translated), or an empty
// string when it can. `existingNames` are the other connections' names (compared without
// regard to case). Checks the name, the URL (scheme, host, optional port, nothing else),
// that at least one region is chosen and each is a known code, and that a CA file, when
// named, exists.
QString validateConnection(const RemoteConnection& connection, const QStringList& existingNames);

// The connections saved under the settings group "remoteConnections" (an array), in the
// order saved; entries without a name are skipped.
QList<RemoteConnection> loadConnections(QSettings& settings);
// Replaces the saved connections with `connections`. Writes only RemoteConnection's
// fields: never a key or a secret.
void saveConnections(QSettings& settings, const QList<RemoteConnection>& connections);

// The endpoint for `connection`: its URL and CA file, and unless it sends unsigned
// requests the credentials resolve_aws finds in `env` for its profile. Without
// credentials returns nothing and sets `*error` to the resolver's reason (translated
// prefix, English reason). `*credentialSource` (when given) says where the keys came from
// ("profile dev in /home/u/.aws/credentials"), or that requests are unsigned. Reads the
// AWS files; does not connect.
std::optional<tablespan::RemoteEndpoint> endpointFor(const RemoteConnection& connection,
                                                     const tablespan::AwsEnvironment& env,
                                                     QString* error,
                                                     QString* credentialSource = nullptr);

// An access key id for people: its first and last four characters ("AKIA…WXYZ"), or
// only "…" for an id too short to hide anything.
QString maskedKeyId(const QString& accessKeyId);
