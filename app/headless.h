#pragma once

// Headless mode: the engine's DynamoDB endpoint without a window, for the AWS CLI, the
// SDKs, scripts and CI.

#include <QString>

namespace tablespan {
class Engine;
}

struct HeadlessOptions {
    QString listen = QStringLiteral("127.0.0.1:8000");  // HOST:PORT; port 0 picks one
    bool verbose = false;                               // one line per request
};

// Serves `engine` over HTTP until SIGTERM or SIGINT, then stops gracefully: no new
// connections, requests already read are answered. Prints "Listening on URL" on stdout
// once it accepts connections. Needs a QCoreApplication and runs its event loop.
// Returns the process exit status. The caller destroys the engine afterwards, which
// commits what is still open.
int runHeadless(tablespan::Engine& engine, const HeadlessOptions& options);

// Splits "HOST:PORT" or "[V6]:PORT"; false when it is not of that form.
bool parseListenAddress(const QString& text, QString* host, quint16* port);
