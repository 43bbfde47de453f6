#include "server/session.h"

#include <chrono>
#include <type_traits>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "server/health.h"
#include "server/server_state.h"

namespace tablespan::server {

namespace net = boost::asio;
namespace beast = boost::beast;

namespace {
// A client that stops reading its response is cut off after this long.
constexpr std::chrono::seconds kWriteTimeout{30};
// How long the unread rest of a refused request is drained before the connection closes,
// and how long a TLS connection waits for the client's close_notify.
constexpr std::chrono::seconds kLingerTimeout{2};

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

template <class Stream>
constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

template <class Stream>
Stream make_stream(net::ip::tcp::socket socket, ServerState& state) {
    if constexpr (kTls<Stream>) {
        return Stream(std::move(socket), *state.tls);
    } else {
        return Stream(std::move(socket));
    }
}
}  // namespace

void start_session(net::ip::tcp::socket socket, ServerState& state) {
    if (state.tls)
        std::make_shared<HttpSession<TlsStream>>(std::move(socket), state)->start();
    else
        std::make_shared<HttpSession<PlainStream>>(std::move(socket), state)->start();
}

template <class Stream>
HttpSession<Stream>::HttpSession(net::ip::tcp::socket socket, ServerState& state)
    : state_(state), stream_(make_stream<Stream>(std::move(socket), state)) {}

template <class Stream>
HttpSession<Stream>::~HttpSession() {
    if (in_flight_) --state_.in_flight;
    // Last: the server's graceful stop waits for this.
    if (id_) state_.sessions.remove(id_);
}

template <class Stream>
std::shared_ptr<HttpSession<Stream>> HttpSession<Stream>::self() {
    return std::static_pointer_cast<HttpSession>(shared_from_this());
}

template <class Stream>
void HttpSession<Stream>::start() {
    id_ = state_.sessions.add(weak_from_this());
    net::dispatch(stream_.get_executor(), [self = self()] { self->handshake(); });
}

template <class Stream>
void HttpSession<Stream>::shutdown() {
    net::post(stream_.get_executor(), [self = self()] {
        self->shutting_down_ = true;
        // An idle connection ends now. A request that has begun to arrive is read to
        // the end and answered (the read timeout bounds how long that can take).
        const bool started =
            self->buffer_.size() > 0 || (self->parser_ && self->parser_->got_some());
        if (self->reading_ && !started) beast::get_lowest_layer(self->stream_).cancel();
    });
}

template <class Stream>
void HttpSession<Stream>::handshake() {
    if constexpr (kTls<Stream>) {
        if (shutting_down_ || state_.stopping) return close();
        reading_ = true;
        beast::get_lowest_layer(stream_).expires_after(
            std::chrono::milliseconds(state_.options.idle_timeout_ms));
        // A client that does not speak TLS (plain HTTP to an HTTPS port, a scanner)
        // fails here and is disconnected without an answer.
        stream_.async_handshake(net::ssl::stream_base::server,
                                [self = self()](beast::error_code ec) {
                                    self->reading_ = false;
                                    if (ec) return self->close();
                                    self->secured_ = true;
                                    self->read_request();
                                });
    } else {
        read_request();
    }
}

template <class Stream>
void HttpSession<Stream>::read_request() {
    // Checked after registering, so a stop that began meanwhile is never missed.
    if (shutting_down_ || state_.stopping) return close();
    parser_.emplace();
    started_ = {};
    parser_->header_limit(static_cast<std::uint32_t>(state_.options.max_header_bytes));
    parser_->body_limit(state_.options.max_body_bytes);
    reading_ = true;
    beast::get_lowest_layer(stream_).expires_after(
        std::chrono::milliseconds(state_.options.idle_timeout_ms));
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = self()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

template <class Stream>
void HttpSession<Stream>::on_header(beast::error_code ec) {
    if (ec) return on_read_failed(ec);
    started_ = std::chrono::steady_clock::now();
    const auto& request = parser_->get();
    // curl and some SDKs wait for this before they send a large body.
    if (beast::iequals(request[http::field::expect], "100-continue") && !parser_->is_done()) {
        continue_ = http::response<http::empty_body>{http::status::continue_, request.version()};
        http::async_write(stream_, continue_, [self = self()](beast::error_code ec, std::size_t) {
            if (ec) return self->close();
            self->read_body();
        });
        return;
    }
    read_body();
}

template <class Stream>
void HttpSession<Stream>::read_body() {
    http::async_read(stream_, buffer_, *parser_,
                     [self = self()](beast::error_code ec, std::size_t) { self->on_request(ec); });
}

template <class Stream>
void HttpSession<Stream>::on_request(beast::error_code ec) {
    reading_ = false;
    if (ec) return on_read_failed(ec);
    beast::get_lowest_layer(stream_).expires_never();
    HttpRequest request = parser_->release();
    version_ = request.version();
    keep_alive_ = request.keep_alive();
    // Probes are not DynamoDB requests: not counted, not in the Activity, never signed.
    if (is_health_check(request)) return send(health_reply(state_), keep_alive_);
    in_flight_ = true;
    ++state_.in_flight;

    Route route = state_.router.route(request);
    if (auto* reply = std::get_if<Reply>(&route)) {
        if (reply->error) publish_refused(request, *reply->error);
        return send(std::move(*reply), keep_alive_);
    }
    call_engine(std::move(std::get<EngineCall>(route)));
}

template <class Stream>
void HttpSession<Stream>::on_read_failed(beast::error_code ec) {
    reading_ = false;
    // The client left, went quiet, or the server is stopping.
    if (ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
        ec == beast::error::timeout || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::ssl::error::stream_truncated)
        return close();
    // The rest of the request is unread, so the connection cannot be reused.
    if (ec == http::error::body_limit || ec == http::error::header_limit) {
        Reply reply = ec == http::error::body_limit
                          ? RequestRouter::body_too_large(state_.options.max_body_bytes)
                          : RequestRouter::headers_too_large(state_.options.max_header_bytes);
        if (parser_ && reply.error) publish_refused(parser_->get(), *reply.error);
        return send(std::move(reply), false);
    }
    if (ec.category() == beast::error_code(http::error::bad_target).category()) {
        version_ = 11;  // malformed HTTP: answer as HTTP/1.1
        return send(Reply{http::status::bad_request, "", {}, std::nullopt}, false);
    }
    close();
}

template <class Stream>
void HttpSession<Stream>::call_engine(EngineCall call) {
    state_.engine.call(
        call.region, call.operation, std::move(call.request),
        [self = self()](Result result) mutable {
            // Runs on an engine thread: hand over to the connection's
            // strand, dropping this thread's reference on the way.
            auto session = std::move(self);
            auto executor = session->stream_.get_executor();
            net::post(executor,
                      [session = std::move(session), result = std::move(result)]() mutable {
                          session->send(RequestRouter::reply(result), session->keep_alive_);
                      });
        },
        CallOptions{/*items_as_text=*/true});
}

template <class Stream>
void HttpSession<Stream>::publish_refused(const HttpRequest& request, const Error& error) {
    const auto target = request["X-Amz-Target"];
    const auto operation = RequestRouter::operation_of({target.data(), target.size()});
    RequestCompleted event;
    event.time = state_.engine.clock().now();
    event.region = state_.router.region_of(request);
    event.operation = operation ? std::string(*operation) : std::string();
    if (started_ != std::chrono::steady_clock::time_point{})
        event.duration_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
                .count();
    event.error_type = error.type;
    event.error_message = error.message;
    state_.engine.events().publish(event);
}

template <class Stream>
void HttpSession<Stream>::send(Reply reply, bool keep_alive) {
    keep_alive = keep_alive && !shutting_down_ && !state_.stopping;
    response_ = make_response(std::move(reply), version_, keep_alive);
    beast::get_lowest_layer(stream_).expires_after(kWriteTimeout);
    http::async_write(stream_, response_,
                      [self = self(), keep_alive](beast::error_code ec, std::size_t) {
                          self->on_written(keep_alive, ec);
                      });
}

template <class Stream>
void HttpSession<Stream>::on_written(bool keep_alive, beast::error_code ec) {
    if (in_flight_) {
        in_flight_ = false;
        --state_.in_flight;
    }
    response_ = {};
    if (ec) return close();
    if (!keep_alive) return parser_ && !parser_->is_done() ? linger() : close();
    read_request();
}

template <class Stream>
void HttpSession<Stream>::close() {
    if constexpr (kTls<Stream>) {
        // Tell a client that may still be reading that the answer is complete, unless
        // the server is stopping (then it does not wait for the client's close_notify).
        if (secured_ && !closing_ && !shutting_down_ && !state_.stopping) {
            closing_ = true;
            beast::get_lowest_layer(stream_).expires_after(kLingerTimeout);
            stream_.async_shutdown([self = self()](beast::error_code) { self->close_socket(); });
            return;
        }
    }
    close_socket();
}

template <class Stream>
void HttpSession<Stream>::close_socket() {
    auto& socket = beast::get_lowest_layer(stream_).socket();
    beast::error_code ignored;
    socket.shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    socket.close(ignored);
}

template <class Stream>
void HttpSession<Stream>::linger() {
    // Closing a socket with unread input resets the connection, and the client could
    // lose the error response it has not read yet: read and drop its input for a while.
    // Over TLS too, the input is dropped as it arrives, undecrypted.
    beast::error_code ignored;
    beast::get_lowest_layer(stream_).socket().shutdown(net::ip::tcp::socket::shutdown_send,
                                                       ignored);
    beast::get_lowest_layer(stream_).expires_after(kLingerTimeout);
    drain();
}

template <class Stream>
void HttpSession<Stream>::drain() {
    beast::get_lowest_layer(stream_).async_read_some(
        net::buffer(discard_), [self = self()](beast::error_code ec, std::size_t) {
            if (ec) return self->close_socket();
            self->drain();
        });
}

template class HttpSession<PlainStream>;
template class HttpSession<TlsStream>;

}  // namespace tablespan::server
