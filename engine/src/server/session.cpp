#include "server/session.h"

#include <chrono>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "server/server_state.h"

namespace tablespan::server {

namespace net = boost::asio;
namespace beast = boost::beast;

namespace {
// A client that stops reading its response is cut off after this long.
constexpr std::chrono::seconds kWriteTimeout{30};
// How long the unread rest of a refused request is drained before the connection closes.
constexpr std::chrono::seconds kLingerTimeout{2};
}  // namespace

Session::Session(net::ip::tcp::socket socket, ServerState& state)
    : state_(state), stream_(std::move(socket)) {}

Session::~Session() {
    if (in_flight_) --state_.in_flight;
    // Last: the server's graceful stop waits for this.
    if (id_) state_.sessions.remove(id_);
}

void Session::start() {
    id_ = state_.sessions.add(weak_from_this());
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_request(); });
}

void Session::shutdown() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
        self->shutting_down_ = true;
        // An idle connection ends now. A request that has begun to arrive is read to
        // the end and answered (the read timeout bounds how long that can take).
        const bool started =
            self->buffer_.size() > 0 || (self->parser_ && self->parser_->got_some());
        if (self->reading_ && !started) self->stream_.cancel();
    });
}

void Session::read_request() {
    // Checked after registering, so a stop that began meanwhile is never missed.
    if (shutting_down_ || state_.stopping) return close();
    parser_.emplace();
    started_ = {};
    parser_->header_limit(static_cast<std::uint32_t>(state_.options.max_header_bytes));
    parser_->body_limit(state_.options.max_body_bytes);
    reading_ = true;
    stream_.expires_after(std::chrono::milliseconds(state_.options.idle_timeout_ms));
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

void Session::on_header(beast::error_code ec) {
    if (ec) return on_read_failed(ec);
    started_ = std::chrono::steady_clock::now();
    const auto& request = parser_->get();
    // curl and some SDKs wait for this before they send a large body.
    if (beast::iequals(request[http::field::expect], "100-continue") && !parser_->is_done()) {
        continue_ = http::response<http::empty_body>{http::status::continue_, request.version()};
        http::async_write(stream_, continue_,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->read_body();
                          });
        return;
    }
    read_body();
}

void Session::read_body() {
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_request(ec); });
}

void Session::on_request(beast::error_code ec) {
    reading_ = false;
    if (ec) return on_read_failed(ec);
    stream_.expires_never();
    HttpRequest request = parser_->release();
    version_ = request.version();
    keep_alive_ = request.keep_alive();
    in_flight_ = true;
    ++state_.in_flight;

    Route route = state_.router.route(request);
    if (auto* reply = std::get_if<Reply>(&route)) {
        if (reply->error) publish_refused(request, *reply->error);
        return send(std::move(*reply), keep_alive_);
    }
    call_engine(std::move(std::get<EngineCall>(route)));
}

void Session::on_read_failed(beast::error_code ec) {
    reading_ = false;
    // The client left, went quiet, or the server is stopping.
    if (ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
        ec == beast::error::timeout || ec == net::error::eof || ec == net::error::connection_reset)
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

void Session::call_engine(EngineCall call) {
    state_.engine.call(call.region, call.operation, std::move(call.request),
                       [self = shared_from_this()](Result result) mutable {
                           // Runs on an engine thread: hand over to the connection's
                           // strand, dropping this thread's reference on the way.
                           auto session = std::move(self);
                           auto executor = session->stream_.get_executor();
                           net::post(executor, [session = std::move(session),
                                                result = std::move(result)]() mutable {
                               session->send(RequestRouter::reply(result), session->keep_alive_);
                           });
                       });
}

void Session::publish_refused(const HttpRequest& request, const Error& error) {
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

void Session::send(Reply reply, bool keep_alive) {
    keep_alive = keep_alive && !shutting_down_ && !state_.stopping;
    response_ = make_response(std::move(reply), version_, keep_alive);
    stream_.expires_after(kWriteTimeout);
    http::async_write(stream_, response_,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                          self->on_written(keep_alive, ec);
                      });
}

void Session::on_written(bool keep_alive, beast::error_code ec) {
    if (in_flight_) {
        in_flight_ = false;
        --state_.in_flight;
    }
    response_ = {};
    if (ec) return close();
    if (!keep_alive) return parser_ && !parser_->is_done() ? linger() : close();
    read_request();
}

void Session::close() {
    beast::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
}

void Session::linger() {
    // Closing a socket with unread input resets the connection, and the client could
    // lose the error response it has not read yet: read and drop its input for a while.
    beast::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTimeout);
    drain();
}

void Session::drain() {
    stream_.async_read_some(net::buffer(discard_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                if (ec) return self->close();
                                self->drain();
                            });
}

}  // namespace tablespan::server
