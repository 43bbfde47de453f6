// RegionStore: the ClientRequestTokens of transactions.

#include "storage/region_store.h"

namespace tablespan::storage {

namespace {
struct Reset {
    Statement& s;
    ~Reset() { s.reset(); }
};
}  // namespace

std::optional<ClientTokenRow> RegionStore::client_token(std::string_view token) {
    auto& s = cached("SELECT request, response, expires_at FROM client_tokens WHERE token=?");
    Reset reset{s};
    s.bind_text(1, token);
    if (!s.step()) return std::nullopt;
    return ClientTokenRow{s.column_text(0), s.column_text(1), s.column_int(2)};
}

void RegionStore::put_client_token(std::string_view token, std::string_view request,
                                   std::string_view response, std::int64_t expires_at) {
    cached(
        "INSERT INTO client_tokens(token, request, response, expires_at) VALUES(?,?,?,?) "
        "ON CONFLICT(token) DO UPDATE SET request=excluded.request, "
        "response=excluded.response, expires_at=excluded.expires_at")
        .bind_text(1, token)
        .bind_text(2, request)
        .bind_text(3, response)
        .bind(4, expires_at)
        .run();
}

void RegionStore::prune_client_tokens(std::int64_t expired_before) {
    cached("DELETE FROM client_tokens WHERE expires_at<?").bind(1, expired_before).run();
}

}  // namespace tablespan::storage
