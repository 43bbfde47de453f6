#pragma once

// What every region shares: the io_context, engine time, the scheduler, the event bus.

#include <string>

#include <boost/asio/io_context.hpp>

#include "core/scheduler.h"
#include "tablespan/clock.h"
#include "tablespan/events.h"

namespace tablespan::core {

struct EngineCore {
    boost::asio::io_context& io;
    const Clock& clock;
    Scheduler& scheduler;
    EventBus& events;
    std::string account_id;
    std::string data_dir;
};

}  // namespace tablespan::core
