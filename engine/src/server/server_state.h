#pragma once

#include <atomic>
#include <cstddef>

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
};

}  // namespace tablespan::server
