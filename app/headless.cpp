#include "headless.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSocketNotifier>

#include "tablespan/engine.h"
#include "tablespan/http_server.h"

namespace {
int s_signalPipe[2] = {-1, -1};

// Only async-signal-safe work here: wake the event loop through the pipe.
extern "C" void onTerminationSignal(int signal) {
    const char byte = static_cast<char>(signal);
    [[maybe_unused]] auto written = ::write(s_signalPipe[1], &byte, 1);
}

// SIGTERM/SIGINT wake the event loop through a pipe. SA_RESETHAND makes a second
// Ctrl-C end the process at once, should the graceful stop take too long.
bool installSignalHandlers() {
    if (::pipe2(s_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0) return false;
    struct sigaction action = {};
    action.sa_handler = onTerminationSignal;
    action.sa_flags = SA_RESETHAND | SA_RESTART;
    sigemptyset(&action.sa_mask);
    return ::sigaction(SIGTERM, &action, nullptr) == 0 &&
           ::sigaction(SIGINT, &action, nullptr) == 0;
}

void printLine(FILE* stream, const QString& text) {
    std::fputs(text.toLocal8Bit().append('\n').constData(), stream);
    std::fflush(stream);
}

QString requestLine(const tablespan::RequestCompleted& e) {
    const QString outcome = e.error_type.empty()
                                ? QCoreApplication::translate("headless", "OK")
                                : QString::fromStdString(e.error_type + ": " + e.error_message);
    return QCoreApplication::translate("headless", "%1 %2 %3 %4 %5 ms %6")
        .arg(QString::fromStdString(tablespan::format_iso8601(e.time)),
             QString::fromStdString(e.region), QString::fromStdString(e.operation),
             e.table.empty() ? QStringLiteral("-") : QString::fromStdString(e.table),
             QString::number(e.duration_ms, 'f', 2), outcome);
}
}  // namespace

bool parseListenAddress(const QString& text, QString* host, quint16* port) {
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) return false;
    QString h = text.left(colon);
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']'))) h = h.mid(1, h.size() - 2);
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535 || h.isEmpty()) return false;
    *host = h;
    *port = static_cast<quint16>(p);
    return true;
}

bool loadCredentials(const QString& file, const QStringList& keys,
                     std::optional<std::map<std::string, std::string>>* credentials,
                     QString* error) {
    if (file.isEmpty() && keys.isEmpty()) return true;
    std::map<std::string, std::string> pairs;
    if (!file.isEmpty()) {
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly | QIODevice::Text)) {
            *error = QCoreApplication::translate("headless", "Cannot read the key file %1: %2")
                         .arg(file, in.errorString());
            return false;
        }
        int number = 0;
        while (!in.atEnd()) {
            ++number;
            const QString line = QString::fromUtf8(in.readLine()).trimmed();
            if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) continue;
            const QStringList fields =
                line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
            if (fields.size() != 2) {
                *error =
                    QCoreApplication::translate(
                        "headless",
                        "%1:%2: expected ACCESS_KEY_ID SECRET_ACCESS_KEY, separated by a space.")
                        .arg(file)
                        .arg(number);
                return false;
            }
            pairs[fields[0].toStdString()] = fields[1].toStdString();
        }
    }
    for (const QString& key : keys) {
        const qsizetype colon = key.indexOf(QLatin1Char(':'));
        if (colon <= 0 || colon == key.size() - 1) {
            *error =
                QCoreApplication::translate(
                    "headless", "Invalid key pair '%1': expected ACCESS_KEY_ID:SECRET_ACCESS_KEY.")
                    .arg(key);
            return false;
        }
        pairs[key.left(colon).toStdString()] = key.mid(colon + 1).toStdString();
    }
    if (pairs.empty()) {
        *error = QCoreApplication::translate("headless", "The key file %1 holds no key pairs.")
                     .arg(file);
        return false;
    }
    *credentials = std::move(pairs);
    return true;
}

QString headlessOptionsError(const HeadlessOptions& options) {
    QString host;
    quint16 port = 0;
    if (!parseListenAddress(options.listen, &host, &port))
        return QCoreApplication::translate("headless",
                                           "Invalid listen address '%1': expected HOST:PORT.")
            .arg(options.listen);
    if (options.tlsCertificate.isEmpty() != options.tlsKey.isEmpty())
        return QCoreApplication::translate(
            "headless", "--tls-cert and --tls-key go together: give both files or neither.");
    if (!options.credentials && !tablespan::is_loopback_address(host.toStdString()))
        return QCoreApplication::translate(
                   "headless",
                   "Refusing to listen on %1 without authentication: an address other than "
                   "loopback (127.0.0.1, ::1, localhost) needs --require-auth FILE or "
                   "--auth-key ACCESS_KEY_ID:SECRET_ACCESS_KEY.")
            .arg(options.listen);
    return {};
}

int runHeadless(tablespan::Engine& engine, const HeadlessOptions& options) {
    if (const QString error = headlessOptionsError(options); !error.isEmpty()) {
        printLine(stderr, error);
        return 2;
    }
    QString host;
    quint16 port = 0;
    parseListenAddress(options.listen, &host, &port);
    if (!installSignalHandlers()) {
        printLine(stderr,
                  QCoreApplication::translate("headless", "Cannot install the signal handlers."));
        return 1;
    }

    int subscription = 0;
    if (options.verbose) {
        // Engine threads only queue the line; the main thread writes it.
        subscription = engine.events().subscribe([](const tablespan::EngineEvent& event) {
            if (const auto* e = std::get_if<tablespan::RequestCompleted>(&event))
                QMetaObject::invokeMethod(
                    qApp, [line = requestLine(*e)] { printLine(stdout, line); },
                    Qt::QueuedConnection);
        });
    }

    tablespan::HttpServerOptions serverOptions;
    serverOptions.address = host.toStdString();
    serverOptions.port = port;
    serverOptions.credentials = options.credentials;
    serverOptions.tls_certificate_chain_file = options.tlsCertificate.toStdString();
    serverOptions.tls_private_key_file = options.tlsKey.toStdString();
    tablespan::HttpServer server(engine, serverOptions);
    const std::string error = server.start();
    int status = 0;
    if (!error.empty()) {
        printLine(stderr, QCoreApplication::translate("headless", "Cannot start the endpoint: %1")
                              .arg(QString::fromStdString(error)));
        status = 1;
    } else {
        printLine(stdout, QCoreApplication::translate("headless", "Listening on %1")
                              .arg(QString::fromStdString(server.url())));
        if (!tablespan::is_loopback_address(host.toStdString()) && options.tlsKey.isEmpty())
            printLine(stderr, QCoreApplication::translate(
                                  "headless",
                                  "Warning: without --tls-cert and --tls-key, requests and "
                                  "answers cross the network unencrypted."));
        QSocketNotifier notifier(s_signalPipe[0], QSocketNotifier::Read);
        QObject::connect(&notifier, &QSocketNotifier::activated, &notifier, [&] {
            notifier.setEnabled(false);
            printLine(stderr, QCoreApplication::translate(
                                  "headless", "Stopping: finishing the requests in flight…"));
            server.stop();
            QCoreApplication::quit();
        });
        status = QCoreApplication::exec();
    }
    server.stop();
    if (subscription) engine.events().unsubscribe(subscription);
    // Write the request lines still queued.
    QCoreApplication::sendPostedEvents();
    return status;
}
