#pragma once

// What every region shares: the io_context, engine time, the scheduler, the event bus.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>

#include "core/scheduler.h"
#include "kms/replication_holds.h"
#include "mrsc/write_registry.h"
#include "tablespan/clock.h"
#include "tablespan/events.h"
#include "tablespan/network.h"
#include "tablespan/replication_metrics.h"

namespace tablespan::core {

class Region;

struct EngineCore {
    boost::asio::io_context& io;
    const Clock& clock;
    Scheduler& scheduler;
    EventBus& events;
    std::string account_id;
    std::string data_dir;
    Network& network;
    ReplicationMetrics& metrics;
    // The region with this code, opened on first use (thread-safe); nullptr for codes
    // outside the catalog.
    std::function<Region*(std::string_view)> region;
    // EngineOptions::item_collection_size_limit.
    std::int64_t item_collection_size_limit = 0;
    // EngineOptions::ttl_deletion_delay and ttl_change_cooldown.
    Millis ttl_deletion_delay = 0;
    Millis ttl_change_cooldown = 0;
    // EngineOptions::stream_shard_lifetime.
    Millis stream_shard_lifetime = 0;
    // EngineOptions::enforce_throughput.
    bool enforce_throughput = true;
    // EngineOptions::sqlite_map_bytes.
    std::int64_t sqlite_map_bytes = 0;
    // Writes of multi-Region strongly consistent tables in progress, engine-wide.
    std::shared_ptr<mrsc::WriteRegistry> mrsc_writes = std::make_shared<mrsc::WriteRegistry>();
    // Replicas whose KMS key is unusable: replication to and from them waits.
    std::shared_ptr<kms::ReplicationHolds> kms_holds = std::make_shared<kms::ReplicationHolds>();
};

}  // namespace tablespan::core
