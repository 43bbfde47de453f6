#pragma once

// ClientRequestToken idempotency of TransactWriteItems: a token names the request that
// used it for ten minutes of engine time after it finished (DG:transaction-apis). The
// same token with the same request answers the first answer and writes nothing again;
// with another request, IdempotentParameterMismatchException. Tokens are stored in the
// region's database, in the transaction that used them.

#include <optional>
#include <string>

#include "tablespan/clock.h"
#include "tablespan/json_codec.h"

namespace tablespan::core {
class Region;
}

namespace tablespan::transactions {

inline constexpr Millis kTokenLifetimeMs = 10LL * 60 * 1000;

// The answer to replay for `token`, if `request` already ran with it within the
// lifetime; throws IdempotentParameterMismatchException if another request did.
std::optional<Json> replayed(core::Region& region, const std::string& token, const Json& request);
// Remembers that `request` ran with `token` and answered `response` (in the request's
// own write transaction).
void remember(core::Region& region, const std::string& token, const Json& request,
              const Json& response);

}  // namespace tablespan::transactions
