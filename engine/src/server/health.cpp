#include "server/health.h"

#include <algorithm>
#include <chrono>

#include "server/server_state.h"
#include "tablespan/clock.h"

namespace tablespan::server {

bool is_health_check(const HttpRequest& request) {
    if (request.method() != http::verb::get) return false;
    const auto target = request.target();
    const std::string_view path(target.data(), std::min(target.size(), target.find('?')));
    return path == "/health";
}

Reply health_reply(const ServerState& state) {
    const bool stopping = state.stopping;
    const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::steady_clock::now() - state.started);
    Json body = {
        {"status", stopping ? "stopping" : "ok"},
        {"service", "tablespan"},
        {"protocol", "DynamoDB_20120810"},
        {"tls", state.tls != nullptr},
        {"authentication", state.options.credentials ? "sigv4" : "none"},
        {"defaultRegion", state.options.default_region},
        {"engineTime", format_iso8601(state.engine.clock().now())},
        {"timeScale", state.engine.time_scale()},
        {"uptimeSeconds", uptime.count()},
        {"connections", state.sessions.size()},
        {"requestsInFlight", state.in_flight.load()},
    };
    return Reply{stopping ? http::status::service_unavailable : http::status::ok,
                 body.dump() + "\n", "application/json", std::nullopt};
}

}  // namespace tablespan::server
