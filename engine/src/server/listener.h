#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

namespace tablespan::server {

struct ServerState;

// Accepts connections and starts a Session for each, every socket on a strand of its
// own. Its work runs on its own strand.
class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(boost::asio::io_context& io, ServerState& state);

    // Binds and listens on `address` (an IP address or "localhost"). Returns an empty
    // string, or why it cannot listen.
    std::string open(const std::string& address, std::uint16_t port);
    boost::asio::ip::tcp::endpoint local_endpoint() const;
    // Starts accepting (after a successful open()).
    void start();
    // Stops accepting; returns once the acceptor is closed. Call from outside the
    // io_context's threads.
    void close();

private:
    void accept();
    // accept() again after a short delay.
    void accept_later();

    boost::asio::io_context& io_;
    ServerState& state_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer retry_;
    std::size_t max_connections_ = 0;  // set by start()
};

}  // namespace tablespan::server
