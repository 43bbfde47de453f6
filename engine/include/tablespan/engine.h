#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tablespan/capacity_metrics.h"
#include "tablespan/clock.h"
#include "tablespan/error.h"
#include "tablespan/events.h"
#include "tablespan/recovery.h"
#include "tablespan/network.h"
#include "tablespan/replication_metrics.h"
#include "tablespan/stream_sources.h"

namespace boost::asio {
class io_context;
}

namespace tablespan {

using Json = nlohmann::json;

// The outcome of one operation: a DynamoDB JSON response body, or an error.
struct Result {
    std::optional<Error> error;
    Json body;
    // Only with CallOptions::items_as_text: a Scan's or Query's "Items" list, written as
    // JSON text (an array), which `body` then leaves out.
    std::string items_text = {};
    bool ok() const { return !error.has_value(); }
};

// How call() answers.
struct CallOptions {
    // Scan and Query hand their Items back as JSON text (Result::items_text) instead of
    // as documents in the body: what an HTTP endpoint writes anyway, without building a
    // document for every item. The text is what dump() of the documents would give.
    bool items_as_text = false;
};

using ResultCallback = std::function<void(Result)>;

struct EngineOptions {
    // Data directory; created if missing. Holds a lock file and one SQLite file per
    // region that has been used.
    std::string data_dir;
    // Engine time. When null the engine owns a SystemClock at scale 1.
    std::shared_ptr<Clock> clock;
    // Worker threads. 0 = manual mode: nothing runs until the caller drives the engine
    // with run_pending() / advance() (deterministic tests).
    int threads = 2;
    // The account id shown in ARNs.
    std::string account_id = "000000000000";
    // The largest item collection (the items of one partition key value and their LSI
    // entries, in bytes) a table with a local secondary index may hold: the service's
    // 10 GB. Writes that would grow a collection past it are refused with
    // ItemCollectionSizeLimitExceededException. Tests lower it to reach it.
    std::int64_t item_collection_size_limit = std::int64_t{10} * 1024 * 1024 * 1024;
    // Time to Live: how long after its expiry (engine time) the sweeper deletes an item.
    // The service promises "within a few days" and was seen to take about ten minutes on
    // small tables; ten minutes is the default, 0 deletes at the next sweep.
    Millis ttl_deletion_delay = 10 * 60 * 1000;
    // How long after a successful UpdateTimeToLive another change is refused (the
    // service documents "up to one hour").
    Millis ttl_change_cooldown = 60 * 60 * 1000;
    // DynamoDB Streams: how long a shard takes records before it closes and a child
    // shard (naming it as ParentShardId) takes over, on engine time. The service does not
    // document it ("closed after a specific period"); about four hours is what users
    // report, so four hours is the default.
    Millis stream_shard_lifetime = 4 * 60 * 60 * 1000;
    // Provisioned throughput: PROVISIONED tables and their GSIs refuse requests past
    // their capacity (with 300 s of burst) as the service does. Off, nothing is refused
    // (as DynamoDB Local ignores throughput).
    bool enforce_throughput = true;
    // How many bytes of each region's SQLite file are mapped into memory (SQLite's
    // mmap_size): reads then come from the mapping, without a read() call per page. The
    // engine's file-backed memory is bounded by this per region in use; 0 maps nothing
    // and reads go through SQLite's page cache.
    std::int64_t sqlite_map_bytes = std::int64_t{256} * 1024 * 1024;
};

class EngineImpl;

// The embedded DynamoDB-compatible engine. Every operation — from the console, the HTTP
// endpoint, an import or a test — goes through call(): one API, no back doors.
// Thread-safe.
class Engine {
public:
    // Opens the data directory (taking its lock). Returns nullptr and sets `error` when
    // the directory cannot be used (for example, another process holds it).
    static std::unique_ptr<Engine> open(EngineOptions options, std::string* error);
    // Finishes queued work, commits, stops the threads and releases the lock.
    ~Engine();

    // Runs the DynamoDB operation `operation` ("PutItem", "CreateTable", …) with the
    // DynamoDB JSON request `request` in `region` ("us-west-2"). `callback` runs on an
    // engine thread once the outcome is final and any write it made is durable. Unknown
    // operations and regions answer with the service's errors.
    void call(std::string_view region, std::string_view operation, Json request,
              ResultCallback callback);
    void call(std::string_view region, std::string_view operation, Json request,
              ResultCallback callback, CallOptions options);

    // call() and wait for its result. In manual mode this drives the engine itself (runs
    // what is ready, never advances time); never call it from an engine thread.
    Result call_sync(std::string_view region, std::string_view operation, Json request);

    // Manual mode: runs everything that is ready now. Returns the number of handlers run.
    std::size_t run_pending();
    // Manual mode with a ManualClock: advances engine time by `ms`, running every timed
    // task in time order at its own due time.
    void advance(Millis ms);

    const Clock& clock() const;
    // Changes how fast engine time runs (SystemClock only; no-op otherwise).
    void set_time_scale(double scale);
    double time_scale() const;

    EventBus& events();
    // The simulated network between regions: outages, cut links, latencies.
    Network& network();
    // ReplicationLatency and PendingReplicationCount, per second.
    const ReplicationMetrics& replication_metrics() const;
    const std::string& data_dir() const;

    // Tablespan extension: how many tables (in any status) each region holds, for the
    // regions that have been used; regions never used are absent and are not created.
    // Thread-safe and quick: it waits on no engine work.
    std::map<std::string, int> table_counts() const;

    // Tablespan extension: the capacity metrics (tablespan/capacity_metrics.h) of `table`
    // in `region`, or of its GSI `index` (empty: the table itself): one sample per second
    // of engine time in [from, to), up to the current second, from the second the engine
    // first saw the table (its creation, or its first request since the engine opened);
    // at most the last three hours. Empty for a table or region the engine has not seen.
    // In memory only, like CloudWatch's data: not kept across restarts. Thread-safe and
    // quick: it waits on no engine work.
    std::vector<CapacitySample> capacity_metrics(std::string_view region, std::string_view table,
                                                 std::string_view index, Millis from,
                                                 Millis to) const;

    // Tablespan extension: the storage the PITR history of `table` takes in `region`.
    // `callback` runs on an engine thread (in manual mode, during run_pending()).
    void pitr_storage(std::string_view region, std::string_view table,
                      std::function<void(PitrStorage)> callback);

    // Tablespan extension: how many writes the PITR history of `table` in `region` holds
    // per `bucket_ms` of engine time over [from, to). At most 10,000 buckets; `to` must be
    // after `from` and `bucket_ms` positive, else PitrActivity::error is a
    // ValidationException. `callback` runs on an engine thread (in manual mode, during
    // run_pending()).
    void pitr_activity(std::string_view region, std::string_view table, Millis from, Millis to,
                       Millis bucket_ms, std::function<void(PitrActivity)> callback);

    // Tablespan extension: where the records of the stream `stream_arn` in `region` with
    // these sequence numbers came from (a local write, a write replicated from another
    // region, a TTL delete). `callback` runs on an engine thread (in manual mode, during
    // run_pending()).
    void stream_record_sources(std::string_view region, std::string_view stream_arn,
                               std::vector<std::string> sequence_numbers,
                               std::function<void(StreamRecordSources)> callback);

private:
    // The endpoint runs its connections on the engine's threads (server/http_server.cpp).
    friend boost::asio::io_context* threaded_io(Engine& engine);
    explicit Engine(std::unique_ptr<EngineImpl> impl);
    std::unique_ptr<EngineImpl> impl_;
};

}  // namespace tablespan
