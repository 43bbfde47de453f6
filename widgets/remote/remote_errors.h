#pragma once

// A remote call that never got the service's answer (http_status 0: no connection, a
// timeout, a TLS failure, a damaged answer) is worded for a person, in the console's
// language. The service's own errors keep the service's words.

#include <QCoreApplication>
#include <QString>

#include "tablespan/error.h"

class RemoteErrors {
    Q_DECLARE_TR_FUNCTIONS(RemoteErrors)

public:
    // The message to show for `error` from the endpoint at `url`; `timeoutSeconds` is the
    // connection's timeout. Errors that came from the service are returned unchanged.
    static QString message(const tablespan::Error& error, const QString& url,
                           double timeoutSeconds);
};
