#pragma once

// Headless mode: the engine's DynamoDB endpoint without a window, for the AWS CLI, the
// SDKs, scripts and CI.

#include <map>
#include <optional>
#include <string>

#include <QString>
#include <QStringList>

namespace tablespan {
class Engine;
}

struct HeadlessOptions {
    QString listen = QStringLiteral("127.0.0.1:8000");  // HOST:PORT; port 0 picks one
    bool verbose = false;                               // one line per request
    // Access key id → secret; when set, requests must be SigV4-signed by one of them.
    std::optional<std::map<std::string, std::string>> credentials = std::nullopt;
    // PEM files; both set: HTTPS only.
    QString tlsCertificate = {};
    QString tlsKey = {};
};

// Why `options` cannot be served, or an empty string: the listen address is not
// HOST:PORT, only one of the TLS files is given, or the address is not loopback and no
// credentials are set (an endpoint that checks no signatures is for this machine only).
QString headlessOptionsError(const HeadlessOptions& options);

// The key pairs of --require-auth FILE (lines "ACCESS_KEY_ID SECRET_ACCESS_KEY"; blank
// lines and lines starting with '#' are skipped) and of each --auth-key AKID:SECRET.
// Leaves `credentials` unset when neither is given. Returns false with a message in
// `error` when the file cannot be read, a line or key is malformed, or no pair results.
bool loadCredentials(const QString& file, const QStringList& keys,
                     std::optional<std::map<std::string, std::string>>* credentials,
                     QString* error);

// Serves `engine` over HTTP (HTTPS with the TLS files) until SIGTERM or SIGINT, then
// stops gracefully: no new connections, requests already read are answered. Prints
// "Listening on URL" on stdout once it accepts connections. Needs a QCoreApplication and
// runs its event loop. Returns the process exit status: 2 for the options that
// headlessOptionsError() refuses. The caller destroys the engine afterwards, which
// commits what is still open.
int runHeadless(tablespan::Engine& engine, const HeadlessOptions& options);

// Splits "HOST:PORT" or "[V6]:PORT"; false when it is not of that form.
bool parseListenAddress(const QString& text, QString* host, quint16* port);
