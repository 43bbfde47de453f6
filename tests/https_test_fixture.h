#pragma once

// HTTPS for the endpoint tests: throwaway certificates made with the openssl command at
// test time, and a client that trusts one CA only and checks the server's name, so that
// a test that passes has really verified the server.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <array>

#include <boost/asio/ssl.hpp>

#include "http_test_fixture.h"

namespace https_test {
namespace ssl = boost::asio::ssl;
namespace http = http_test::http;
using http_test::Response;
using http_test::tcp;

struct Certificates {
    QString ca;     // the CA's certificate (PEM)
    QString chain;  // the server's certificate for IP 127.0.0.1, signed by the CA
    QString key;    // the server's private key
};

// Runs the openssl command in `dir`; returns why it failed, or an empty string.
inline QString openssl(const QString& dir, const QStringList& arguments) {
    QProcess process;
    process.setWorkingDirectory(dir);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return QStringLiteral("openssl %1: %2 %3")
            .arg(arguments.join(QLatin1Char(' ')), process.errorString(),
                 QString::fromLocal8Bit(process.readAllStandardError()));
    return {};
}

// A new CA and a server certificate for 127.0.0.1 that it signed, as files NAME-* in
// `dir` (P-256 keys: quick to make). Returns why it failed, or an empty string.
inline QString makeCertificates(const QString& dir, const QString& name, Certificates* out) {
    const QDir d(dir);
    out->ca = d.filePath(name + QStringLiteral("-ca.pem"));
    out->chain = d.filePath(name + QStringLiteral("-server.pem"));
    out->key = d.filePath(name + QStringLiteral("-server.key"));
    const QString caKey = d.filePath(name + QStringLiteral("-ca.key"));
    const QString request = d.filePath(name + QStringLiteral("-server.csr"));
    const QString extensions = d.filePath(name + QStringLiteral("-server.ext"));
    const QStringList newKey = {
        QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
        QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    QString error = openssl(
        dir,
        QStringList{QStringLiteral("req"), QStringLiteral("-x509")}
            << newKey
            << QStringList{
                   QStringLiteral("-keyout"), caKey, QStringLiteral("-out"), out->ca,
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=Tablespan test CA ") + name, QStringLiteral("-addext"),
                   QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                   QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")});
    if (!error.isEmpty()) return error;
    error = openssl(
        dir, QStringList{QStringLiteral("req"), QStringLiteral("-new")}
                 << newKey
                 << QStringList{QStringLiteral("-keyout"), out->key, QStringLiteral("-out"),
                                request, QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1")});
    if (!error.isEmpty()) return error;
    QFile ext(extensions);
    if (!ext.open(QIODevice::WriteOnly) || ext.write("basicConstraints=CA:FALSE\n"
                                                     "keyUsage=critical,digitalSignature\n"
                                                     "extendedKeyUsage=serverAuth\n"
                                                     "subjectAltName=IP:127.0.0.1\n") < 0)
        return ext.errorString();
    ext.close();
    return openssl(dir, {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                         request, QStringLiteral("-CA"), out->ca, QStringLiteral("-CAkey"), caKey,
                         QStringLiteral("-set_serial"), QStringLiteral("1"),
                         QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
                         extensions, QStringLiteral("-out"), out->chain});
}

// One HTTPS connection to 127.0.0.1, used from one thread. The constructor completes the
// TLS handshake, trusting the certificates of `caFile` only and requiring the server's
// certificate to name 127.0.0.1; it throws boost::system::system_error when that fails.
class TlsClient {
public:
    TlsClient(std::uint16_t port, const QString& caFile)
        : context_(clientContext(caFile)), stream_(io_, context_) {
        stream_.set_verify_mode(ssl::verify_peer);
        stream_.set_verify_callback(ssl::host_name_verification("127.0.0.1"));
        stream_.next_layer().connect(
            tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
        stream_.handshake(ssl::stream_base::client);
    }

    Response send(http::request<http::string_body> req) {
        http::write(stream_, req);
        Response res;
        http::read(stream_, buffer_, res);
        return res;
    }
    Response call(const std::string& operation, const tablespan::Json& body,
                  const std::string& region = "us-west-2") {
        return send(http_test::dynamo_request(operation, body.dump(), region));
    }

private:
    static ssl::context clientContext(const QString& caFile) {
        ssl::context context(ssl::context::tls_client);
        context.load_verify_file(QFile::encodeName(caFile).toStdString());
        return context;
    }

    boost::asio::io_context io_;
    ssl::context context_;
    ssl::stream<tcp::socket> stream_;
    boost::beast::flat_buffer buffer_;
};

// Writes `bytes` to 127.0.0.1:port in plain text and returns whatever comes back until
// the server closes the connection.
inline std::string plainExchange(std::uint16_t port, const std::string& bytes) {
    boost::asio::io_context io;
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    boost::asio::write(socket, boost::asio::buffer(bytes));
    std::string received;
    std::array<char, 4096> chunk{};
    boost::system::error_code ec;
    while (!ec) {
        const std::size_t n = socket.read_some(boost::asio::buffer(chunk), ec);
        received.append(chunk.data(), n);
    }
    return received;
}
}  // namespace https_test
