#include "tablespan/http_server.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "server/listen_address.h"
#include "server/listener.h"
#include "server/server_state.h"
#include "server/session.h"
#include "server/tls_context.h"

namespace tablespan {

namespace net = boost::asio;

namespace {
std::optional<server::Credentials> credentials_of(const HttpServerOptions& options) {
    if (!options.credentials) return std::nullopt;
    return server::Credentials(options.credentials->begin(), options.credentials->end());
}

// Why `options` must not be served, or an empty string: an endpoint that checks no
// signatures answers anyone who can reach it, so only this machine may.
std::string refusal(const HttpServerOptions& options) {
    const auto ip = server::parse_listen_address(options.address);
    if (!ip || server::is_loopback(*ip) || options.credentials) return {};
    return "refusing to serve " + (ip->is_v6() ? "[" + options.address + "]" : options.address) +
           ":" + std::to_string(options.port) +
           " without checking signatures: an address other than loopback needs credentials";
}
}  // namespace

class HttpServerImpl {
public:
    HttpServerImpl(Engine& engine, HttpServerOptions options)
        : engine_io_(threaded_io(engine)),
          state_{engine,
                 options,
                 server::RequestRouter(options.default_region, credentials_of(options)),
                 {},
                 {},
                 {},
                 nullptr,
                 {}} {}

    std::string start() {
        std::lock_guard lock(mutex_);
        if (running_) return "the endpoint is already running";
        if (auto error = refusal(state_.options); !error.empty()) return error;
        const auto& options = state_.options;
        state_.tls = nullptr;
        if (!options.tls_certificate_chain_file.empty() || !options.tls_private_key_file.empty()) {
            std::string error;
            state_.tls = server::make_tls_context(options.tls_certificate_chain_file,
                                                  options.tls_private_key_file, &error);
            if (!state_.tls) return error;
        }
        // Connections run on the engine's threads where it has some: a request and its
        // answer then hop between strands of one io_context, with no thread of the
        // endpoint's own to wake (measured in tests/bench/bench_endpoint.sh). An engine
        // in manual mode runs nothing by itself, so the endpoint brings its own threads.
        net::io_context& io = engine_io_ ? *engine_io_ : own_io_;
        if (!engine_io_) own_io_.restart();
        state_.stopping = false;
        listener_ = std::make_shared<server::Listener>(io, state_);
        if (auto error = listener_->open(state_.options.address, state_.options.port);
            !error.empty()) {
            listener_.reset();
            return error;
        }
        auto endpoint = listener_->local_endpoint();
        address_ = endpoint.address().to_string();
        port_ = endpoint.port();
        if (!engine_io_) {
            work_.emplace(own_io_.get_executor());
            for (int i = 0; i < std::max(1, state_.options.threads); ++i)
                threads_.emplace_back([this] { own_io_.run(); });
        }
        state_.started = std::chrono::steady_clock::now();
        listener_->start();
        running_ = true;
        return {};
    }

    void stop() {
        std::lock_guard lock(mutex_);
        if (!running_) return;
        state_.stopping = true;
        listener_->close();
        state_.sessions.for_each([](server::Session& s) { s.shutdown(); });
        // Sessions still serving a request end once its response is written; the
        // threads keep running until then, for the engine's answers to arrive.
        state_.sessions.wait_until_empty();
        work_.reset();
        for (auto& t : threads_) t.join();
        threads_.clear();
        listener_.reset();
        running_ = false;
    }

    mutable std::mutex mutex_;    // serialises start() and stop()
    net::io_context* engine_io_;  // the engine's, when it runs threads
    server::ServerState state_;
    // Declared after state_, which sessions reference, so that it is destroyed first.
    net::io_context own_io_;
    std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
    std::vector<std::thread> threads_;
    std::shared_ptr<server::Listener> listener_;
    std::atomic<bool> running_{false};
    std::string address_;
    std::uint16_t port_ = 0;
};

HttpServer::HttpServer(Engine& engine, HttpServerOptions options)
    : impl_(std::make_unique<HttpServerImpl>(engine, std::move(options))) {}

HttpServer::~HttpServer() {
    stop();
}

std::string HttpServer::start() {
    return impl_->start();
}
void HttpServer::stop() {
    impl_->stop();
}
bool HttpServer::running() const {
    return impl_->running_;
}
const std::string& HttpServer::address() const {
    return impl_->address_;
}
std::uint16_t HttpServer::port() const {
    return impl_->port_;
}

std::string HttpServer::url() const {
    const std::string& a = impl_->address_;
    return (impl_->state_.tls ? "https://" : "http://") +
           (a.find(':') != std::string::npos ? "[" + a + "]" : a) + ":" +
           std::to_string(impl_->port_);
}

std::size_t HttpServer::requests_in_flight() const {
    return impl_->state_.in_flight;
}
std::size_t HttpServer::connections() const {
    return impl_->state_.sessions.size();
}

}  // namespace tablespan
