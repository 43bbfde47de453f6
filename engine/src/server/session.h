#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>

#include "server/request_router.h"

namespace tablespan::server {

struct ServerState;

// One client connection: reads a request, hands it to the engine, writes the answer,
// and repeats while the client keeps the connection alive. All of its work runs on the
// strand of its socket; the engine's callback posts back onto it.
class Session : public std::enable_shared_from_this<Session> {
public:
    // `socket` must have been accepted onto a strand.
    Session(boost::asio::ip::tcp::socket socket, ServerState& state);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Registers with the server and starts reading.
    void start();
    // Graceful stop, from any thread: an idle connection is closed at once; a request
    // being served is answered first (with Connection: close).
    void shutdown();

private:
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
    void close();
    void linger();
    void drain();

    ServerState& state_;
    std::uint64_t id_ = 0;
    boost::beast::tcp_stream stream_;
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
};

}  // namespace tablespan::server
