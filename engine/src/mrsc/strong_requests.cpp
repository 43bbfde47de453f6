#include "mrsc/strong_requests.h"

#include <algorithm>
#include <limits>

#include "api/item_key.h"
#include "core/region.h"
#include "core/replicator.h"
#include "partiql/statement_table.h"
#include "tablespan/json_codec.h"

namespace tablespan::mrsc {

namespace {
std::string table_of(const Json& name) {
    if (!name.is_string()) return {};
    std::string s = name.get<std::string>();
    // A table ARN names the table after "table/".
    if (s.rfind("arn:", 0) == 0) {
        auto slash = s.find(":table/");
        if (slash == std::string::npos) return {};
        s = s.substr(slash + 7);
        if (auto end = s.find('/'); end != std::string::npos) s.resize(end);
    }
    return s;
}

const api::TableMeta* strong_table(core::Region& region, const std::string& name) {
    const api::TableMeta* t = region.find_table(name);
    return t && t->group.strong ? t : nullptr;
}

bool consistent(const Json& j) {
    auto it = j.find("ConsistentRead");
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

// A peer this region can exchange messages with now, nearest first; empty: none.
std::string nearest_peer(core::Region& region, const api::TableMeta& t) {
    const std::string self(region.code());
    auto& network = region.core().network;
    std::string best;
    double best_ms = std::numeric_limits<double>::max();
    for (const auto& peer : t.group.peers(self)) {
        if (!network.can_deliver(self, peer) || !network.can_deliver(peer, self)) continue;
        const double ms = Network::network_latency_ms(self, peer);
        if (ms < best_ms) {
            best_ms = ms;
            best = peer;
        }
    }
    return best;
}

// Storage keys of a list of DynamoDB keys; nullopt when one does not fit the schema (the
// request's own validation reports it).
std::optional<std::vector<std::pair<std::string, std::string>>> storage_keys(
    const api::TableMeta& t, const Json& keys) {
    std::vector<std::pair<std::string, std::string>> out;
    try {
        for (const auto& key : keys) {
            api::StorageKey k = api::key_from_key(t, decode_item(key));
            out.emplace_back(std::move(k.pk), std::move(k.sk));
        }
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return out;
}

// The key of a single-item write; nullopt when it does not fit the schema (the request's
// own validation reports it).
std::optional<std::pair<std::string, std::string>> written_key(const api::TableMeta& t,
                                                               const std::string& op,
                                                               const Json& request) {
    try {
        if (op == "PutItem") {
            auto item = request.find("Item");
            if (item == request.end()) return std::nullopt;
            api::StorageKey k = api::key_from_item(t, decode_item(*item));
            return std::make_pair(std::move(k.pk), std::move(k.sk));
        }
        auto key = request.find("Key");
        if (key == request.end()) return std::nullopt;
        auto keys = storage_keys(t, Json::array({*key}));
        if (!keys) return std::nullopt;
        return keys->front();
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// A write of an item whose latest version another region wrote and cannot send here now
// (cut off, offline or lost) would be refused as a conflict for as long as that lasts,
// though a reachable peer (the witness, or the third replica) holds that version: the
// write first learns the item from the nearest peer, as a strong read does.
std::optional<ReadTarget> learn_before_write(core::Region& region, const api::TableMeta& t,
                                             const std::string& op, const Json& request) {
    auto key = written_key(t, op, request);
    if (!key) return std::nullopt;
    const std::string self(region.code());
    for (const auto& writer :
         region.core().mrsc_writes->writers(t.name, self, key->first, key->second))
        if (!region.core().network.can_deliver(writer, self))
            return ReadTarget{t.name, {std::move(*key)}};
    return std::nullopt;
}

bool is_write(const std::string& op) {
    return op == "PutItem" || op == "UpdateItem" || op == "DeleteItem" || op == "BatchWriteItem";
}

bool is_select(const Json& statement) {
    if (!statement.is_string()) return false;
    const std::string& s = statement.get_ref<const std::string&>();
    auto first = s.find_first_not_of(" \t\r\n(");
    return first != std::string::npos && s.size() - first >= 6 &&
           std::equal(s.begin() + static_cast<long>(first),
                      s.begin() + static_cast<long>(first) + 6, "SELECT",
                      [](char a, char b) { return std::toupper(a) == b; });
}

Error transactions_error() {
    // Not on record: the service declares no MRSC error on the transaction operations
    // (reference §3.5: transactions are not supported on MRSC tables).
    return Error{"ValidationException",
                 "Transactions are not supported for global tables with MultiRegionConsistency "
                 "set to STRONG.",
                 400};
}
}  // namespace

Error unreachable_error() {
    return Error{"InternalServerError", "Internal server error", 500};
}

Preflight preflight(core::Region& region, const std::string& operation, const Json& request) {
    Preflight out;
    if (!request.is_object()) return out;
    auto need_peer = [&](const api::TableMeta& t) {
        if (!out.refuse && nearest_peer(region, t).empty()) out.refuse = unreachable_error();
    };
    if (operation == "GetItem" || operation == "Query" || operation == "Scan" ||
        (is_write(operation) && operation != "BatchWriteItem")) {
        auto name = request.find("TableName");
        if (name == request.end()) return out;
        const api::TableMeta* t = strong_table(region, table_of(*name));
        if (!t) return out;
        if (is_write(operation)) {
            need_peer(*t);
            if (!out.refuse)
                if (auto learn = learn_before_write(region, *t, operation, request))
                    out.reads.push_back(std::move(*learn));
        } else if (consistent(request)) {
            ReadTarget target{t->name, {}};
            if (operation == "GetItem") {
                auto key = request.find("Key");
                if (key == request.end()) return out;
                auto keys = storage_keys(*t, Json::array({*key}));
                if (!keys) return out;
                target.keys = std::move(*keys);
            }
            if (nearest_peer(region, *t).empty())
                out.refuse = unreachable_error();
            else
                out.reads.push_back(std::move(target));
        }
        return out;
    }
    if (operation == "BatchWriteItem" || operation == "BatchGetItem") {
        auto items = request.find("RequestItems");
        if (items == request.end() || !items->is_object()) return out;
        for (auto it = items->begin(); it != items->end(); ++it) {
            const api::TableMeta* t = strong_table(region, table_of(it.key()));
            if (!t) continue;
            if (operation == "BatchWriteItem") {
                need_peer(*t);
                continue;
            }
            if (!it->is_object() || !consistent(*it)) continue;
            auto keys = it->find("Keys");
            if (keys == it->end() || !keys->is_array()) continue;
            auto storage = storage_keys(*t, *keys);
            if (!storage) continue;
            if (nearest_peer(region, *t).empty()) {
                out.refuse = unreachable_error();
                return out;
            }
            out.reads.push_back(ReadTarget{t->name, std::move(*storage)});
        }
        return out;
    }
    if (operation == "TransactWriteItems" || operation == "TransactGetItems") {
        auto actions = request.find("TransactItems");
        if (actions == request.end() || !actions->is_array()) return out;
        for (const auto& a : *actions) {
            if (!a.is_object()) continue;
            for (auto body = a.begin(); body != a.end(); ++body)
                if (body->is_object() && body->contains("TableName") &&
                    strong_table(region, table_of(body->at("TableName"))))
                    out.refuse = transactions_error();
        }
        return out;
    }
    auto statement_table = [&](const Json& s) -> const api::TableMeta* {
        if (!s.is_string()) return nullptr;
        return strong_table(region, partiql::statement_table(s.get<std::string>()));
    };
    if (operation == "ExecuteTransaction") {
        auto list = request.find("TransactStatements");
        if (list == request.end() || !list->is_array()) return out;
        for (const auto& s : *list)
            if (s.is_object() && s.contains("Statement") && statement_table(s.at("Statement")))
                out.refuse = transactions_error();
        return out;
    }
    if (operation == "ExecuteStatement" || operation == "BatchExecuteStatement") {
        std::vector<const Json*> statements;
        if (operation == "ExecuteStatement") {
            statements.push_back(&request);
        } else if (auto list = request.find("Statements");
                   list != request.end() && list->is_array()) {
            for (const auto& s : *list)
                if (s.is_object()) statements.push_back(&s);
        }
        for (const Json* s : statements) {
            auto text = s->find("Statement");
            if (text == s->end()) continue;
            const api::TableMeta* t = statement_table(*text);
            if (!t) continue;
            if (!is_select(*text)) {
                need_peer(*t);
            } else if (consistent(*s)) {
                if (nearest_peer(region, *t).empty()) {
                    out.refuse = unreachable_error();
                    return out;
                }
                out.reads.push_back(ReadTarget{t->name, {}});
            }
        }
    }
    return out;
}

void learn_then(core::Region& region, std::vector<ReadTarget> targets,
                std::function<void(std::optional<Error>)> then) {
    if (targets.empty()) {
        then(std::nullopt);
        return;
    }
    ReadTarget target = std::move(targets.back());
    targets.pop_back();
    const api::TableMeta* t = region.find_table(target.table);
    if (!t || !t->group.strong) {
        learn_then(region, std::move(targets), std::move(then));
        return;
    }
    const std::string peer_code = nearest_peer(region, *t);
    core::Region* peer = peer_code.empty() ? nullptr : region.core().region(peer_code);
    if (!peer) {
        then(unreachable_error());
        return;
    }
    auto floors = region.replicator().received_floors(*t);
    auto& core = region.core();
    const std::string self(region.code());
    auto fail = [&region, then](void) mutable {
        region.post([then] { then(unreachable_error()); });
    };
    auto answer = [&region, peer, self, peer_code, table = target.table,
                   keys = std::move(target.keys), floors = std::move(floors),
                   targets = std::move(targets), then, fail]() mutable {
        auto& core = region.core();
        if (!core.network.can_deliver(self, peer_code)) {
            fail();
            return;
        }
        auto rows = peer->replicator().rows_for_peer(table, floors, keys);
        const Millis back = core.network.sample_network_latency(peer_code, self);
        core.scheduler.schedule_at(
            region.now() + back, [&region, peer_code, self, table, rows = std::move(rows),
                                  targets = std::move(targets), then, fail]() mutable {
                region.post([&region, peer_code, self, table, rows = std::move(rows),
                             targets = std::move(targets), then, fail]() mutable {
                    if (!region.core().network.can_deliver(peer_code, self)) {
                        then(unreachable_error());
                        return;
                    }
                    region.replicator().apply_learnt(
                        table, std::move(rows),
                        [&region, targets = std::move(targets), then](bool ok) mutable {
                            if (!ok) {
                                then(unreachable_error());
                                return;
                            }
                            learn_then(region, std::move(targets), std::move(then));
                        });
                });
            });
    };
    const Millis out = core.network.sample_network_latency(self, peer_code);
    core.scheduler.schedule_at(region.now() + out, [peer, answer = std::move(answer)]() mutable {
        peer->post(std::move(answer));
    });
}

}  // namespace tablespan::mrsc
