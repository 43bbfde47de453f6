#include "transactions/client_tokens.h"

#include "core/region.h"
#include "tablespan/error.h"

namespace tablespan::transactions {

namespace {
// What identifies a request: every member but the token (member order does not matter,
// as the service compares them; GH localstack/localstack#6529).
std::string fingerprint(const Json& request) {
    Json copy = request;
    copy.erase("ClientRequestToken");
    return copy.dump();
}
}  // namespace

std::optional<Json> replayed(core::Region& region, const std::string& token, const Json& request) {
    auto stored = region.store().client_token(token);
    if (!stored || stored->expires_at <= region.now()) return std::nullopt;
    if (stored->request != fingerprint(request))
        throw ApiError("IdempotentParameterMismatchException",
                       "Request parameters do not match the request that first used this "
                       "ClientRequestToken");  // unverified: DynamoDB Local sends none
    return Json::parse(stored->response);
}

void remember(core::Region& region, const std::string& token, const Json& request,
              const Json& response) {
    region.begin_write();
    region.store().prune_client_tokens(region.now());
    region.store().put_client_token(token, fingerprint(request), response.dump(),
                                    region.now() + kTokenLifetimeMs);
}

}  // namespace tablespan::transactions
