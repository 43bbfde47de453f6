#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>

#include "server/request_router.h"

namespace tablespan::server {

struct ServerState;

// One client connection, whatever its transport: what the server's registry holds.
class Session : public std::enable_shared_from_this<Session> {
public:
    virtual ~Session() = default;
    // Graceful stop, from any thread: an idle connection is closed at once; a request
    // being served is answered first (with Connection: close).
    virtual void shutdown() = 0;
};

// Serves a connection accepted onto a strand of its own: HTTPS when the server has a
// TLS context, else plain HTTP.
void start_session(boost::asio::ip::tcp::socket socket, ServerState& state);

// A connection over `Stream` (beast::tcp_stream, or beast::ssl_stream over one): reads
// a request, hands it to the engine, writes the answer, and repeats while the client
// keeps the connection alive. A TLS connection first completes its handshake; one that
// fails it is closed. All of its work runs on the strand of its socket; the engine's
// callback posts back onto it. Instantiated in session.cpp for the two streams.
template <class Stream>
class HttpSession final : public Session {
public:
    HttpSession(boost::asio::ip::tcp::socket socket, ServerState& state);
    ~HttpSession() override;
    HttpSession(const HttpSession&) = delete;
    HttpSession& operator=(const HttpSession&) = delete;

    // Registers with the server and starts the handshake or reading.
    void start();
    void shutdown() override;

private:
    std::shared_ptr<HttpSession> self();
    void handshake();
    void read_request();
    void on_header(boost::beast::error_code ec);
    void read_body();
    void on_request(boost::beast::error_code ec);
    void on_read_failed(boost::beast::error_code ec);
    void call_engine(EngineCall call);
    // A request the endpoint answered itself with an error (bad JSON, unknown target,
    // bad signature, too large) shows in the console's Activity like any other.
    void publish_refused(const HttpRequest& request, const Error& error);
    void send(Reply reply, bool keep_alive);
    void on_written(bool keep_alive, boost::beast::error_code ec);
    // Ends the connection: over TLS with a close_notify when the peer may still read it.
    void close();
    void close_socket();
    void linger();
    void drain();

    ServerState& state_;
    std::uint64_t id_ = 0;
    Stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::empty_body> continue_;
    HttpResponse response_;
    std::array<char, 4096> discard_;  // what linger() reads and drops
    unsigned version_ = 11;
    bool keep_alive_ = true;
    std::chrono::steady_clock::time_point started_;  // the request's header arrived
    bool reading_ = false;    // a read is pending with no request begun being served
    bool in_flight_ = false;  // counted in ServerState::in_flight
    bool shutting_down_ = false;
    bool secured_ = false;  // the TLS handshake completed
    bool closing_ = false;  // the TLS shutdown began
};

}  // namespace tablespan::server
