#include "tablespan/engine.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "api/recovery.h"
#include "capacity/throughput.h"
#include "core/engine_core.h"
#include "core/region.h"
#include "core/replicator.h"
#include "core/scheduler.h"
#include "streams/record_sources.h"
#include "tablespan/regions.h"

namespace tablespan {

class EngineImpl {
public:
    EngineImpl(EngineOptions options, int lock_fd)
        : options_(std::move(options)),
          clock_(options_.clock ? options_.clock : std::make_shared<SystemClock>()),
          scheduler_(io_, *clock_, options_.threads == 0),
          core_{io_,
                *clock_,
                scheduler_,
                events_,
                options_.account_id,
                options_.data_dir,
                network_,
                metrics_,
                [this](std::string_view code) -> core::Region* {
                    const RegionInfo* info = find_region(code);
                    return info ? region(*info) : nullptr;
                },
                options_.item_collection_size_limit,
                options_.ttl_deletion_delay,
                options_.ttl_change_cooldown,
                options_.stream_shard_lifetime,
                options_.enforce_throughput,
                options_.sqlite_map_bytes},
          lock_fd_(lock_fd) {
        // Regions with data open at once, so replication left pending resumes.
        namespace fs = std::filesystem;
        std::error_code ec;
        for (const auto& entry :
             fs::directory_iterator(fs::path(options_.data_dir) / "regions", ec))
            if (entry.path().extension() == ".sqlite")
                if (const RegionInfo* info = find_region(entry.path().stem().string()))
                    region(*info);
        // Backup claims live in memory. The restores under way take theirs again before
        // any thread runs, so that no request in the backup's region (a DeleteBackup, a
        // second restore) can come first. A region opened later has no restores.
        std::vector<core::Region*> opened;
        for (auto& [code, r] : regions_) opened.push_back(r.get());
        for (auto* r : opened) r->recovery().reclaim_restores();
        network_.on_change([this] {
            std::vector<core::Region*> all;
            {
                std::lock_guard lock(regions_mutex_);
                for (auto& [code, r] : regions_) all.push_back(r.get());
            }
            for (auto* r : all) r->post([r] { r->replicator().kick_all(); });
            events_.publish(NetworkChanged{});
        });
        if (options_.threads > 0) {
            work_.emplace(io_.get_executor());
            for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this] { io_.run(); });
        }
    }

    ~EngineImpl() {
        scheduler_.stop();
        if (threads_.empty()) {
            run_pending();
        } else {
            work_.reset();
            for (auto& t : threads_) t.join();
        }
        // Regions commit anything still open as they close.
        regions_.clear();
        ::close(lock_fd_);
    }

    bool manual() const { return options_.threads == 0; }

    core::Region* region(const RegionInfo& info) {
        std::lock_guard lock(regions_mutex_);
        auto it = regions_.find(info.code);
        if (it == regions_.end())
            it = regions_.emplace(info.code, std::make_unique<core::Region>(core_, info)).first;
        return it->second.get();
    }

    std::vector<CapacitySample> capacity_metrics(std::string_view region, std::string_view table,
                                                 std::string_view index, Millis from, Millis to) {
        std::lock_guard lock(regions_mutex_);
        auto it = regions_.find(region);
        if (it == regions_.end()) return {};
        return it->second->throughput().metrics().query(table, index, from, to, clock_->now());
    }

    std::map<std::string, int> table_counts() {
        std::map<std::string, int> counts;
        std::lock_guard lock(regions_mutex_);
        for (const auto& [code, r] : regions_) counts[std::string(code)] = r->table_count();
        return counts;
    }

    std::size_t run_pending() {
        std::size_t total = 0;
        for (;;) {
            io_.restart();
            std::size_t n = io_.poll();
            n += scheduler_.run_due();
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    EngineOptions options_;
    std::shared_ptr<Clock> clock_;
    boost::asio::io_context io_;
    core::Scheduler scheduler_;
    EventBus events_;
    Network network_;
    ReplicationMetrics metrics_;
    core::EngineCore core_;
    int lock_fd_;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work_;
    std::vector<std::thread> threads_;
    std::mutex regions_mutex_;
    std::map<std::string_view, std::unique_ptr<core::Region>> regions_;  // guarded
};

std::unique_ptr<Engine> Engine::open(EngineOptions options, std::string* error) {
    namespace fs = std::filesystem;
    auto fail = [&](std::string message) -> std::unique_ptr<Engine> {
        if (error) *error = std::move(message);
        return nullptr;
    };
    std::error_code ec;
    fs::create_directories(fs::path(options.data_dir) / "regions", ec);
    if (ec) return fail("cannot create data directory " + options.data_dir + ": " + ec.message());
    std::string lock_path = (fs::path(options.data_dir) / "tablespan.lock").string();
    int fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return fail("cannot open " + lock_path);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return fail("the data directory " + options.data_dir +
                    " is in use by another Tablespan process");
    }
    std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) == 0) {
        [[maybe_unused]] auto written = ::write(fd, pid.data(), pid.size());
    }
    try {
        return std::unique_ptr<Engine>(
            new Engine(std::make_unique<EngineImpl>(std::move(options), fd)));
    } catch (const std::exception& e) {
        ::close(fd);
        return fail(e.what());
    }
}

Engine::Engine(std::unique_ptr<EngineImpl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

void Engine::call(std::string_view region, std::string_view operation, Json request,
                  ResultCallback callback) {
    call(region, operation, std::move(request), std::move(callback), CallOptions{});
}

void Engine::call(std::string_view region, std::string_view operation, Json request,
                  ResultCallback callback, CallOptions options) {
    const RegionInfo* info = find_region(region);
    if (!info) {
        Result r{Error{"UnrecognizedClientException",
                       "The region '" + std::string(region) + "' is not a known AWS region.", 400},
                 {}};
        boost::asio::post(impl_->io_, [cb = std::move(callback), r = std::move(r)]() mutable {
            cb(std::move(r));
        });
        return;
    }
    core::Region* r = nullptr;
    try {
        r = impl_->region(*info);
    } catch (const std::exception& e) {
        Result result{Error{"InternalServerError", e.what(), 500}, {}};
        boost::asio::post(impl_->io_,
                          [cb = std::move(callback), result]() mutable { cb(std::move(result)); });
        return;
    }
    r->submit(std::string(operation), std::move(request), std::move(callback), options);
}

boost::asio::io_context* threaded_io(Engine& engine) {
    return engine.impl_->manual() ? nullptr : &engine.impl_->io_;
}

Result Engine::call_sync(std::string_view region, std::string_view operation, Json request) {
    std::mutex m;
    std::condition_variable cv;
    std::optional<Result> out;
    call(region, operation, std::move(request), [&](Result r) {
        std::lock_guard lock(m);
        out = std::move(r);
        cv.notify_one();
    });
    if (impl_->manual()) {
        while (!out) {
            if (impl_->run_pending() == 0 && !out)
                throw std::logic_error("call_sync: the engine has nothing left to run");
        }
        return std::move(*out);
    }
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return out.has_value(); });
    return std::move(*out);
}

std::map<std::string, int> Engine::table_counts() const {
    return impl_->table_counts();
}

std::vector<CapacitySample> Engine::capacity_metrics(std::string_view region,
                                                     std::string_view table, std::string_view index,
                                                     Millis from, Millis to) const {
    return impl_->capacity_metrics(region, table, index, from, to);
}

namespace {
// Runs `query` on the strand of `region` and hands its answer to `callback` (on an engine
// thread); an unknown region, or one that cannot open, answers an Answer holding only
// the error.
template <class Answer>
void ask_region(EngineImpl& impl, std::string_view region,
                std::function<Answer(core::Region&)> query, std::function<void(Answer)> callback) {
    Answer failed;
    if (const RegionInfo* info = find_region(region)) {
        try {
            core::Region* r = impl.region(*info);
            r->post([r, query = std::move(query), cb = std::move(callback)] { cb(query(*r)); });
            return;
        } catch (const std::exception& e) {
            failed.error = Error{"InternalServerError", e.what(), 500};
        }
    } else {
        failed.error =
            Error{"UnrecognizedClientException",
                  "The region '" + std::string(region) + "' is not a known AWS region.", 400};
    }
    boost::asio::post(impl.io_, [cb = std::move(callback), failed] { cb(failed); });
}
}  // namespace

void Engine::pitr_storage(std::string_view region, std::string_view table,
                          std::function<void(PitrStorage)> callback) {
    ask_region<PitrStorage>(
        *impl_, region,
        [name = std::string(table)](core::Region& r) { return api::pitr_storage(r, name); },
        std::move(callback));
}

void Engine::pitr_activity(std::string_view region, std::string_view table, Millis from, Millis to,
                           Millis bucket_ms, std::function<void(PitrActivity)> callback) {
    ask_region<PitrActivity>(
        *impl_, region,
        [name = std::string(table), from, to, bucket_ms](core::Region& r) {
            return api::pitr_activity(r, name, from, to, bucket_ms);
        },
        std::move(callback));
}

void Engine::stream_record_sources(std::string_view region, std::string_view stream_arn,
                                   std::vector<std::string> sequence_numbers,
                                   std::function<void(StreamRecordSources)> callback) {
    ask_region<StreamRecordSources>(
        *impl_, region,
        [arn = std::string(stream_arn), numbers = std::move(sequence_numbers)](core::Region& r) {
            return streams::record_sources(r, arn, numbers);
        },
        std::move(callback));
}

std::size_t Engine::run_pending() {
    return impl_->run_pending();
}

void Engine::advance(Millis ms) {
    auto* manual = dynamic_cast<ManualClock*>(impl_->clock_.get());
    if (!manual) throw std::logic_error("Engine::advance needs a ManualClock");
    Millis target = manual->now() + ms;
    impl_->run_pending();
    for (;;) {
        auto due = impl_->scheduler_.next_due();
        if (!due || *due > target) break;
        if (*due > manual->now()) manual->set(*due);
        impl_->run_pending();
    }
    manual->set(target);
    impl_->run_pending();
}

const Clock& Engine::clock() const {
    return *impl_->clock_;
}

void Engine::set_time_scale(double scale) {
    if (auto* system = dynamic_cast<SystemClock*>(impl_->clock_.get())) {
        system->set_scale(scale);
        impl_->scheduler_.rearm();
    }
}

double Engine::time_scale() const {
    if (auto* system = dynamic_cast<SystemClock*>(impl_->clock_.get())) return system->scale();
    return 1.0;
}

Network& Engine::network() {
    return impl_->network_;
}

const ReplicationMetrics& Engine::replication_metrics() const {
    return impl_->metrics_;
}

EventBus& Engine::events() {
    return impl_->events_;
}
const std::string& Engine::data_dir() const {
    return impl_->options_.data_dir;
}

}  // namespace tablespan
