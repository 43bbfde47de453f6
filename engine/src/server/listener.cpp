#include "server/listener.h"

#include <sys/resource.h>

#include <future>
#include <limits>

#include <boost/asio/post.hpp>

#include "server/listen_address.h"
#include "server/server_state.h"
#include "server/session.h"

namespace tablespan::server {

namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {
constexpr std::chrono::milliseconds kRetryDelay{100};

// How many connections may be open at once. Each holds a file descriptor, and the engine
// needs descriptors of its own (its databases and their logs): a server whose clients
// took them all would answer every request with InternalServerError. Connections past
// the cap wait in the listen backlog until others close.
std::size_t connection_cap() {
    constexpr rlim_t kReserved = 128;
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return std::numeric_limits<std::size_t>::max();
    return static_cast<std::size_t>(limit.rlim_cur > 2 * kReserved ? limit.rlim_cur - kReserved
                                                                   : limit.rlim_cur / 2);
}
}  // namespace

Listener::Listener(net::io_context& io, ServerState& state)
    : io_(io), state_(state), strand_(net::make_strand(io)), acceptor_(strand_), retry_(strand_) {}

std::string Listener::open(const std::string& address, std::uint16_t port) {
    const auto ip = parse_listen_address(address);
    if (!ip) return "'" + address + "' is not an IP address";
    tcp::endpoint endpoint(*ip, port);
    const std::string where =
        (ip->is_v6() ? "[" + address + "]" : address) + ":" + std::to_string(port);
    boost::system::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        boost::system::error_code ignored;
        acceptor_.close(ignored);
        return "cannot listen on " + where + ": " + ec.message();
    }
    return {};
}

tcp::endpoint Listener::local_endpoint() const {
    boost::system::error_code ec;
    return acceptor_.local_endpoint(ec);
}

void Listener::start() {
    max_connections_ = connection_cap();
    net::post(strand_, [self = shared_from_this()] { self->accept(); });
}

void Listener::accept() {
    if (state_.sessions.size() >= max_connections_) return accept_later();
    acceptor_.async_accept(
        net::make_strand(io_),
        [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
            if (!self->acceptor_.is_open()) return;
            if (!ec) {
                if (!self->state_.stopping) start_session(std::move(socket), self->state_);
                return self->accept();
            }
            // Accept errors (out of file descriptors, a connection reset before it was
            // accepted) pass; retry shortly rather than spin.
            self->accept_later();
        });
}

void Listener::accept_later() {
    retry_.expires_after(kRetryDelay);
    retry_.async_wait([self = shared_from_this()](boost::system::error_code) {
        if (self->acceptor_.is_open()) self->accept();
    });
}

void Listener::close() {
    std::promise<void> closed;
    net::post(strand_, [this, &closed] {
        boost::system::error_code ignored;
        acceptor_.close(ignored);
        retry_.cancel();
        closed.set_value();
    });
    closed.get_future().wait();
}

}  // namespace tablespan::server
