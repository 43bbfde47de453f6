#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace tablespan {

class Engine;

struct HttpServerOptions {
    // The address to bind: an IP address or "localhost" (127.0.0.1). Loopback by
    // default. Any other address needs `credentials`: start() refuses to serve an
    // endpoint that checks no signatures beyond this machine.
    std::string address = "127.0.0.1";
    // The TCP port; 0 picks a free one (port() tells which).
    std::uint16_t port = 8000;
    // The region of requests whose Authorization header names none (unsigned requests).
    std::string default_region = "us-east-1";
    // Largest request body accepted; larger ones are answered with 413. DynamoDB's
    // own limit is 16 MiB.
    std::size_t max_body_bytes = 16 * 1024 * 1024;
    // Largest request line plus headers accepted; larger ones are answered with 431.
    std::size_t max_header_bytes = 16 * 1024;
    // A connection that sends nothing for this long is closed.
    std::int64_t idle_timeout_ms = 60'000;
    // Threads that run the endpoint's network I/O when the engine runs in manual mode.
    // An engine with threads of its own runs the connections on them too: a request then
    // reaches its region's strand, and its answer the connection, without waking a
    // thread of another pool.
    int threads = 2;
    // Access key id → secret access key. When set (even to an empty map), every DynamoDB
    // request must carry a valid SigV4 signature by one of these key pairs, made within
    // 15 minutes of the wall clock; others are answered with the service's errors
    // (MissingAuthenticationTokenException, IncompleteSignatureException,
    // InvalidSignatureException, UnrecognizedClientException). Unset: not checked, as in
    // other local engines.
    std::optional<std::map<std::string, std::string>> credentials = std::nullopt;
    // PEM files: the server's certificate chain (its certificate first, then the
    // intermediates) and its private key. Both set: the endpoint speaks HTTPS only
    // (TLS 1.2 or later) and url() starts with "https://". Both empty: plain HTTP.
    std::string tls_certificate_chain_file = {};
    std::string tls_private_key_file = {};
};

// True for an address only this machine can reach: 127.0.0.0/8, ::1 (also written as
// ::ffff:127.x.y.z) and "localhost". False for anything else, including text that is not
// an address.
bool is_loopback_address(const std::string& address);

class HttpServerImpl;

// DynamoDB's HTTP endpoint for an Engine: AWS JSON 1.0 over HTTP/1.1
// (POST / with X-Amz-Target: DynamoDB_20120810.<Operation>). The region of a request
// is taken from the credential scope of its SigV4 Authorization header; signatures are
// checked only when HttpServerOptions::credentials is set. Every request goes through
// Engine::call, except GET /health, which the endpoint answers itself without a
// signature: 200 and {"status": "ok", ...} while it serves, 503 and "stopping" during a
// graceful stop. Thread-safe, but start() and stop() must not be called from a request
// callback.
class HttpServer {
public:
    // `engine` must outlive the server.
    HttpServer(Engine& engine, HttpServerOptions options = {});
    // Stops the server as stop() does.
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds, listens and starts serving. Returns an empty string on success, otherwise
    // a message saying why the server cannot listen: the port is in use, the address is
    // not loopback and no credentials are set, the TLS certificate or key cannot be
    // read or do not match. Calling it on a running server is an error.
    std::string start();
    // Graceful stop: stops accepting connections, closes idle ones, lets every request
    // already read run to completion and its response be written, then returns. The
    // engine keeps running. No-op when not running.
    void stop();

    bool running() const;
    // The bound address and port (valid after a successful start()).
    const std::string& address() const;
    std::uint16_t port() const;
    // "http://127.0.0.1:8000" ("https://…" with TLS) — what --endpoint-url takes.
    std::string url() const;

    // Requests read and not yet answered: a number for the console and for tests.
    std::size_t requests_in_flight() const;
    // Open client connections.
    std::size_t connections() const;

private:
    std::unique_ptr<HttpServerImpl> impl_;
};

}  // namespace tablespan
