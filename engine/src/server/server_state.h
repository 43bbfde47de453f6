#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>

#include <boost/asio/ssl/context.hpp>

#include "server/request_router.h"
#include "server/session_registry.h"
#include "tablespan/http_server.h"

namespace tablespan::server {

// What every connection of one server shares. Outlives all sessions: the server waits
// for the registry to empty before it lets go of it.
struct ServerState {
    Engine& engine;
    HttpServerOptions options;
    RequestRouter router;
    SessionRegistry sessions;
    std::atomic<bool> stopping{false};
    std::atomic<std::size_t> in_flight{0};
    // Set while the server runs with TLS: every connection speaks HTTPS. Replaced only
    // by start(), when no session is left.
    std::shared_ptr<boost::asio::ssl::context> tls = nullptr;
    std::chrono::steady_clock::time_point started = {};  // by the last start()
};

}  // namespace tablespan::server
