#include "tablespan/http_server.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "server/listener.h"
#include "server/server_state.h"
#include "server/session.h"

namespace tablespan {

namespace net = boost::asio;

namespace {
std::optional<server::Credentials> credentials_of(const HttpServerOptions& options) {
    if (!options.credentials) return std::nullopt;
    return server::Credentials(options.credentials->begin(), options.credentials->end());
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
                 {}} {}

    std::string start() {
        std::lock_guard lock(mutex_);
        if (running_) return "the endpoint is already running";
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
    return "http://" + (a.find(':') != std::string::npos ? "[" + a + "]" : a) + ":" +
           std::to_string(impl_->port_);
}

std::size_t HttpServer::requests_in_flight() const {
    return impl_->state_.in_flight;
}
std::size_t HttpServer::connections() const {
    return impl_->state_.sessions.size();
}

}  // namespace tablespan
