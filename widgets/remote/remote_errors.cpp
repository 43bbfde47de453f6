#include "remote/remote_errors.h"

QString RemoteErrors::message(const tablespan::Error& error, const QString& url,
                              double timeoutSeconds) {
    const QString original = QString::fromStdString(error.message);
    if (error.http_status != 0) return original;
    const std::string& type = error.type;
    const QString reason = error.extra.contains("reason") && error.extra["reason"].is_string()
                               ? QString::fromStdString(error.extra["reason"].get<std::string>())
                               : QString();
    if (type == "EndpointConnectionError")
        return reason.isEmpty()
                   ? tr("Cannot connect to %1. Is the server running, and is the URL right?")
                         .arg(url)
                   : tr("Cannot connect to %1 (%2). Is the server running, and is the URL "
                        "right?")
                         .arg(url, reason);
    if (type == "ConnectTimeoutError")
        return tr("%1 did not accept a connection within %2 s.").arg(url).arg(timeoutSeconds);
    if (type == "ReadTimeoutError")
        return tr("%1 did not answer within %2 s.").arg(url).arg(timeoutSeconds);
    if (type == "ConnectionClosedError")
        return tr("%1 closed the connection before it answered.").arg(url);
    if (type == "SSLError")
        return tr("The secure connection to %1 failed: %2. Check the server's certificate, "
                  "or the CA file of the connection.")
            .arg(url, reason.isEmpty() ? original : reason);
    if (type == "ChecksumError" || type == "ResponseParserError")
        return tr("The answer from %1 arrived damaged; it was not used.").arg(url);
    return original;
}
