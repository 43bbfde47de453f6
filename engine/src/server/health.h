#pragma once

#include "server/request_router.h"

namespace tablespan::server {

struct ServerState;

// True for GET /health (any query string): the probe of load balancers and of the
// console, answered without the engine and without a signature.
bool is_health_check(const HttpRequest& request);

// 200 with {"status": "ok", ...} while the server serves, 503 with "stopping" once a
// graceful stop began (so that a load balancer drains it). The body says how to talk to
// the endpoint and how busy it is; never which tables exist.
Reply health_reply(const ServerState& state);

}  // namespace tablespan::server
