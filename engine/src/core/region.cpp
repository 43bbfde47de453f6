#include "core/region.h"

#include <algorithm>

#include <boost/asio/post.hpp>

#include "api/dispatch.h"
#include "api/recovery.h"
#include "capacity/throughput.h"
#include "core/replicator.h"
#include "kms/region_kms.h"
#include "mrsc/strong_requests.h"
#include "partiql/statement_table.h"
#include "indexes/index_jobs.h"
#include "streams/region_streams.h"
#include "ttl/ttl_sweeper.h"
#include "storage/sqlite.h"

namespace tablespan::core {

namespace {
// The table a request names, or for a batch every table it names, joined by ", ".
// Adds `name` to a list of table names joined by ", ", once.
void add_name(std::string& names, const std::string& name) {
    if (name.empty() || (", " + names + ", ").find(", " + name + ", ") != std::string::npos) return;
    names += (names.empty() ? "" : ", ") + name;
}

// The tables of a batch of PartiQL statements, in order.
std::string statement_tables(const Json& statements) {
    std::string names;
    for (const auto& s : statements) {
        auto text = s.is_object() ? s.find("Statement") : s.end();
        if (s.is_object() && text != s.end() && text->is_string())
            add_name(names, partiql::statement_table(text->get<std::string>()));
    }
    return names;
}

// The tables of a transaction's actions, in order.
std::string action_tables(const Json& actions) {
    std::string names;
    for (const auto& entry : actions) {
        if (!entry.is_object()) continue;
        for (auto body = entry.begin(); body != entry.end(); ++body) {
            auto name = body->is_object() ? body->find("TableName") : body->end();
            if (body->is_object() && name != body->end() && name->is_string())
                add_name(names, name->get<std::string>());
        }
    }
    return names;
}

// Item reads that never write: they run outside a batch when none is open, so that they
// neither wait for a commit nor cost one (a batch that holds a write answers its reads
// after the commit, since they may have seen the write).
bool reads_only(const std::string& operation) {
    return operation == "GetItem" || operation == "Query" || operation == "Scan" ||
           operation == "BatchGetItem";
}

std::string table_name_of(const Json& request) {
    if (!request.is_object()) return {};
    auto it = request.find("TableName");
    if (it != request.end() && it->is_string()) return it->get<std::string>();
    auto actions = request.find("TransactItems");
    if (actions != request.end() && actions->is_array()) return action_tables(*actions);
    for (const char* member : {"Statements", "TransactStatements"}) {
        auto list = request.find(member);
        if (list != request.end() && list->is_array()) return statement_tables(*list);
    }
    auto statement = request.find("Statement");
    if (statement != request.end() && statement->is_string())
        return partiql::statement_table(statement->get<std::string>());
    auto items = request.find("RequestItems");
    if (items == request.end() || !items->is_object()) return {};
    std::string names;
    for (auto t = items->begin(); t != items->end(); ++t)
        names += (names.empty() ? "" : ", ") + t.key();
    return names;
}

Error internal_error() {
    return Error{"InternalServerError", "Internal server error", 500};
}
}  // namespace

Region::Region(EngineCore& core, const RegionInfo& info)
    : core_(core),
      info_(info),
      strand_(boost::asio::make_strand(core.io)),
      store_(core.data_dir + "/regions/" + std::string(info.code) + ".sqlite",
             core.sqlite_map_bytes),
      replicator_(std::make_unique<Replicator>(*this)),
      recovery_(std::make_unique<api::Recovery>(*this)),
      streams_(std::make_unique<streams::RegionStreams>(*this)),
      throughput_(std::make_unique<capacity::Throughput>(core.enforce_throughput)),
      kms_(std::make_unique<kms::RegionKms>(*this)) {
    load_tables();
    kms_->load();
    hlc_.observe(store_.state("hlc"));
    for (auto& [name, table] : tables_) {
        if (table->status_until) schedule_transition(*table, table->status_until);
        indexes::resume_index_jobs(*this, *table);
        ttl::start_sweeping(*this, *table);
    }
    post([this] { replicator_->load(); });
    post([this] { recovery_->load(); });
    streams_->start();
}

Region::~Region() {
    if (txn_open_) commit();
}

void Region::load_tables() {
    tables_.clear();
    for (auto& row : store_.load_tables())
        tables_[row.name] = std::make_unique<api::TableMeta>(
            api::TableMeta::from_storage(row.id, Json::parse(row.meta)));
    sync_names();
    if (streams_) streams_->load();
}

void Region::sync_names() {
    std::lock_guard lock(names_mutex_);
    names_.clear();
    protected_names_.clear();
    for (const auto& [name, t] : tables_) {
        names_.insert(name);
        if (t->deletion_protection) protected_names_.insert(name);
    }
}

int Region::table_count() const {
    std::lock_guard lock(names_mutex_);
    return static_cast<int>(names_.size());
}

bool Region::deletion_protected(const std::string& name) const {
    std::lock_guard lock(names_mutex_);
    return protected_names_.count(name) > 0;
}

bool Region::has_table(const std::string& name) const {
    std::lock_guard lock(names_mutex_);
    return names_.count(name) > 0;
}

void Region::submit(std::string operation, Json request, ResultCallback done, CallOptions options) {
    auto started = std::chrono::steady_clock::now();
    boost::asio::post(strand_, [this, op = std::move(operation), req = std::move(request),
                                done = std::move(done), started, options]() mutable {
        execute(std::move(op), std::move(req), std::move(done), started, options);
    });
}

void Region::post(std::function<void()> fn) {
    boost::asio::post(strand_, std::move(fn));
}

void Region::execute(std::string operation, Json request, ResultCallback done,
                     std::chrono::steady_clock::time_point started, CallOptions options) {
    Pending p{
        std::move(operation), table_name_of(request), started, {}, std::move(done), false, {}, {},
        options.items_as_text};
    if (!online()) {
        p.result.error = Error{"ServiceUnavailable",
                               "The region " + std::string(code()) +
                                   " is offline (a simulated outage): it accepts no requests "
                                   "until it is back online.",
                               503};
        finish(p);
        return;
    }
    std::string op = p.operation;
    mrsc::Preflight pre = mrsc::preflight(*this, op, request);
    if (pre.refuse) {
        p.result.error = std::move(pre.refuse);
        finish(p);
        return;
    }
    auto strong_tables = [](const std::vector<mrsc::ReadTarget>& reads) {
        std::vector<std::string> tables;
        for (const auto& r : reads) tables.push_back(r.table);
        return tables;
    };
    if (!pre.reads.empty()) {
        // A strong read of an MRSC table first learns what a peer holds.
        auto tables = strong_tables(pre.reads);
        mrsc::learn_then(
            *this, std::move(pre.reads),
            [this, p, op, request, tables = std::move(tables)](std::optional<Error> error) mutable {
                p.strong_reads = std::move(tables);
                if (error) {
                    p.result.error = std::move(error);
                    finish(p);
                    return;
                }
                post([this, p, op, request]() mutable {
                    run(std::move(p), [&] { return api::dispatch(*this, op, request); });
                });
            });
        return;
    }
    run(std::move(p), [&] { return api::dispatch(*this, op, request); });
}

void Region::run_internal(std::function<void()> work, std::function<void(bool)> done) {
    Pending p{"", "", std::chrono::steady_clock::now(), {}, {}, true, {}, {}};
    if (done) p.done = [done = std::move(done)](Result r) { done(r.ok()); };
    run(std::move(p), [&] {
        begin_write();
        work();
        return Json();
    });
}

void Region::run(Pending p, const std::function<Json()>& body) {
    request_strong_.clear();
    items_as_text_ = p.items_as_text;
    items_text_.clear();
    try {
        if (!reads_only(p.operation)) open_batch();
        p.result.body = body();
        if (!items_text_.empty()) p.result.items_text = std::move(items_text_);
        if (in_savepoint_) store_.release_savepoint();
        for (const auto& w : request_strong_) {
            core_.mrsc_writes->note(w.table, std::string(code()), w.pk, w.sk, w.hlc, w.seq);
            auto it = std::find_if(p.strong_writes.begin(), p.strong_writes.end(),
                                   [&](const auto& e) { return e.first == w.table; });
            if (it == p.strong_writes.end())
                p.strong_writes.emplace_back(w.table, w.seq);
            else
                it->second = std::max(it->second, w.seq);
        }
        for (const auto& table : p.strong_reads)
            if (std::int64_t seq = replicator_->local_seq(table); seq > 0)
                p.strong_writes.emplace_back(table, seq);
    } catch (const ApiError& e) {
        if (in_savepoint_) store_.rollback_to_savepoint();
        p.result.error = e.error();
    } catch (const std::exception&) {
        // Storage failed under us: drop the whole batch and reload what is really stored.
        if (txn_open_) {
            try {
                store_.rollback();
            } catch (...) {
            }
            txn_open_ = false;
            for (auto& other : pending_) other.result = Result{internal_error(), {}};
            changed_items_.clear();
            dirty_tables_.clear();
            replicator_->after_commit(false);
        }
        load_tables();
        p.result.error = internal_error();
    }
    in_savepoint_ = false;
    request_strong_.clear();
    items_as_text_ = false;
    items_text_.clear();
    if (txn_open_) {
        pending_.push_back(std::move(p));
    } else {
        finish(p);
        for (auto& other : pending_) finish(other);
        pending_.clear();
    }
}

void Region::open_batch() {
    if (txn_open_) return;
    store_.begin();
    txn_open_ = true;
    boost::asio::post(strand_, [this] { commit(); });
}

void Region::begin_write() {
    open_batch();
    if (!in_savepoint_) {
        store_.savepoint();
        in_savepoint_ = true;
    }
}

void Region::commit() {
    if (!txn_open_) return;
    bool ok = true;
    try {
        for (const auto& name : dirty_tables_)
            if (auto* t = find_table(name)) store_.update_table(t->id, t->to_storage().dump());
        if (hlc_dirty_) store_.set_state("hlc", hlc_.last());
        store_.commit();
    } catch (const std::exception&) {
        ok = false;
        try {
            store_.rollback();
        } catch (...) {
        }
        for (auto& p : pending_) p.result = Result{internal_error(), {}};
        changed_items_.clear();
        load_tables();
    }
    txn_open_ = false;
    hlc_dirty_ = false;
    dirty_tables_.clear();
    replicator_->after_commit(ok);
    auto done = std::move(pending_);
    pending_.clear();
    auto changed = std::move(changed_items_);
    changed_items_.clear();
    for (auto& p : done) finish(p);
    for (auto& [table, count] : changed)
        core_.events.publish(ItemsChanged{std::string(info_.code), table, count});
}

void Region::note_strong_write(const api::TableMeta& table, const std::string& pk,
                               const std::string& sk, std::int64_t hlc, std::int64_t seq) {
    request_strong_.push_back(StrongWrite{table.name, pk, sk, hlc, seq});
}

void Region::answer_when_acknowledged(Pending p) {
    struct Wait {
        Pending p;
        std::size_t remaining = 0;
        bool failed = false;
    };
    auto wait = std::make_shared<Wait>();
    auto writes = std::move(p.strong_writes);
    p.strong_writes.clear();
    wait->p = std::move(p);
    wait->remaining = writes.size();
    for (const auto& [table, seq] : writes)
        replicator_->await_ack(table, seq, [this, wait](bool ok) {
            wait->failed = wait->failed || !ok;
            if (--wait->remaining > 0) return;
            // No peer acknowledged in time: the outcome is unknown to the client.
            if (wait->failed) wait->p.result = Result{mrsc::unreachable_error(), {}};
            finish(wait->p);
        });
}

void Region::finish(Pending& p) {
    if (!p.strong_writes.empty()) {
        if (p.result.ok()) {
            answer_when_acknowledged(std::move(p));
            return;
        }
        p.strong_writes.clear();
    }
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - p.started)
            .count();
    if (p.internal) {
        if (p.done) p.done(std::move(p.result));
        return;
    }
    RequestCompleted event{now(), std::string(info_.code), p.operation, p.table, ms, {}, {}};
    if (p.result.error) {
        event.error_type = p.result.error->type;
        event.error_message = p.result.error->message;
    }
    // The answer first, then the event, on the same thread: the console's EngineBridge
    // recognises its own requests by that order (widgets/common/engine_bridge.cpp).
    if (p.done) p.done(std::move(p.result));
    core_.events.publish(event);
}

api::TableMeta* Region::find_table(std::string_view name) {
    auto it = tables_.find(name);
    return it == tables_.end() ? nullptr : it->second.get();
}

std::vector<api::TableMeta*> Region::tables() {
    std::vector<api::TableMeta*> out;
    for (auto& [name, t] : tables_) out.push_back(t.get());
    return out;
}

api::TableMeta& Region::add_table(api::TableMeta meta) {
    begin_write();
    meta.stream_id = 0;  // a copy (a replica's metadata) does not share its source's stream
    meta.id = store_.insert_table(meta.name, meta.to_storage().dump());
    auto& slot = tables_[meta.name];
    slot = std::make_unique<api::TableMeta>(std::move(meta));
    throughput_->observe(*slot, now());
    sync_names();
    if (slot->stream_enabled) {
        streams_->sync(*slot);
        store_.update_table(slot->id, slot->to_storage().dump());
    }
    return *slot;
}

void Region::save_table(api::TableMeta& table) {
    begin_write();
    // The table's stream follows its metadata (opened, closed); sync() records the
    // stream's id in the metadata, which is then stored.
    streams_->sync(table);
    store_.update_table(table.id, table.to_storage().dump());
    throughput_->observe(table, now());  // the capacity metrics' provisioned lines
    std::lock_guard lock(names_mutex_);
    if (table.deletion_protection)
        protected_names_.insert(table.name);
    else
        protected_names_.erase(table.name);
}

void Region::note_items_changed(api::TableMeta& table, std::int64_t items) {
    if (std::find(dirty_tables_.begin(), dirty_tables_.end(), table.name) == dirty_tables_.end())
        dirty_tables_.push_back(table.name);
    changed_items_[table.name] += items;
}

void Region::schedule_transition(const api::TableMeta& table, Millis at) {
    core_.scheduler.schedule_at(at, [this, name = table.name, id = table.table_id] {
        post([this, name, id] { apply_transition(name, id); });
    });
}

void Region::apply_transition(const std::string& name, const std::string& table_id) {
    auto* table = find_table(name);
    if (!table || table->table_id != table_id || !table->status_until) return;
    if (table->status_until > now()) return;  // superseded by a later transition
    try {
        begin_write();
        if (table->next_status.empty()) {
            replicator_->on_table_removed(*table);
            recovery_->on_table_removed(*table);
            throughput_->forget(name);
            store_.delete_table(table->id);
            tables_.erase(tables_.find(name));
            sync_names();
            dirty_tables_.erase(std::remove(dirty_tables_.begin(), dirty_tables_.end(), name),
                                dirty_tables_.end());
            store_.release_savepoint();
            in_savepoint_ = false;
            core_.events.publish(TableStatusChanged{std::string(info_.code), name, ""});
            return;
        }
        table->status = table->next_status;
        table->next_status.clear();
        table->status_until = 0;
        store_.update_table(table->id, table->to_storage().dump());
        store_.release_savepoint();
        in_savepoint_ = false;
        core_.events.publish(TableStatusChanged{std::string(info_.code), name, table->status});
    } catch (const std::exception&) {
        if (in_savepoint_) store_.rollback_to_savepoint();
        in_savepoint_ = false;
        load_tables();
    }
}

void Region::start_transition(api::TableMeta& table, const std::string& status,
                              const std::string& next_status, Millis duration) {
    table.status = status;
    table.next_status = next_status;
    table.status_until = now() + duration;
    save_table(table);
    schedule_transition(table, table.status_until);
    publish_status(table);
}

void Region::publish_status(const api::TableMeta& table) {
    core_.events.publish(TableStatusChanged{std::string(info_.code), table.name, table.status});
}

bool Region::online() const {
    return core_.network.region_online(info_.code);
}

std::int64_t Region::next_hlc() {
    hlc_dirty_ = true;
    return hlc_.tick(now());
}

void Region::observe_hlc(std::int64_t seen) {
    if (seen <= hlc_.last()) return;
    hlc_.observe(seen);
    hlc_dirty_ = true;
}

}  // namespace tablespan::core
