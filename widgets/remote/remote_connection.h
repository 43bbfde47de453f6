#pragma once

// A remote connection: a DynamoDB-compatible endpoint the console drives beside its
// embedded regions (Amazon DynamoDB, DynamoDB Local, a shared headless Tablespan), under
// a name of its own. Kept in the settings without any secret: how to sign is a profile
// name of the AWS CLI's files (or the CLI's default chain, or no signature), and the keys
// are read from those files when the console connects; or keys typed into the Connect
// dialog, kept in the system keychain (KeychainStore), of which the settings say only
// that they are there.

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
    // Signs with keys typed into the Connect dialog and kept in the system keychain under
    // the connection's name; the profile is ignored. Not with unsignedRequests.
    bool keychainKeys = false;
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

// Access keys typed into the Connect dialog (and kept in the system keychain).
struct AccessKeys {
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;  // empty for long-term keys

    bool operator==(const AccessKeys&) const = default;
};

// The endpoint for `connection`: its URL and CA file, and unless it sends unsigned
// requests the credentials resolve_aws finds in `env` for its profile. Without
// credentials returns nothing and sets `*error` to the resolver's reason (translated
// prefix, English reason). `*credentialSource` (when given) says where the keys came from
// ("profile dev in /home/u/.aws/credentials"), or that requests are unsigned. Reads the
// AWS files; does not connect. A connection with keychainKeys has none of its keys here:
// returns nothing, and `*error` says they are in the keychain (see the overload below).
std::optional<tablespan::RemoteEndpoint> endpointFor(const RemoteConnection& connection,
                                                     const tablespan::AwsEnvironment& env,
                                                     QString* error,
                                                     QString* credentialSource = nullptr);
// The endpoint for `connection` signing with `keys` (read from the keychain or typed).
// Both forms take the retry mode and attempts from the AWS CLI's settings
// (resolve_aws_retry: AWS_RETRY_MODE, AWS_MAX_ATTEMPTS, the profile's retry_mode and
// max_attempts; the default chain's profile for unsigned and keychain connections), and
// return nothing with `*error` set when one of them is invalid.
std::optional<tablespan::RemoteEndpoint> endpointFor(const RemoteConnection& connection,
                                                     const AccessKeys& keys,
                                                     const tablespan::AwsEnvironment& env,
                                                     QString* error);

// An access key id for people: its first and last four characters ("AKIA…WXYZ"), or
// only "…" for an id too short to hide anything.
QString maskedKeyId(const QString& accessKeyId);
