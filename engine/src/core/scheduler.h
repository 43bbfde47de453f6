#pragma once

// The one scheduler of timed engine behaviour, on engine time. In threaded mode an Asio
// timer wakes it when the earliest task is due (converting engine time to wall time
// through the clock's scale); in manual mode the owner calls run_due() after moving a
// ManualClock. Tasks run in due-time order (ties in scheduling order). Thread-safe.

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <queue>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "tablespan/clock.h"

namespace tablespan::core {

class Scheduler {
public:
    Scheduler(boost::asio::io_context& io, const Clock& clock, bool manual);

    // Runs `task` once engine time reaches `at`. The task runs on whatever thread runs
    // the scheduler; it should post its real work to the strand that owns the state.
    void schedule_at(Millis at, std::function<void()> task);

    // Runs every task due at the clock's current time; returns how many ran.
    std::size_t run_due();
    std::optional<Millis> next_due() const;

    // The clock's speed changed: recompute the wall-time wait.
    void rearm();
    void stop();

private:
    struct Task {
        Millis at;
        std::uint64_t seq;
        std::function<void()> fn;
        bool operator>(const Task& o) const { return at != o.at ? at > o.at : seq > o.seq; }
    };

    void arm();  // on strand_

    const Clock& clock_;
    bool manual_;
    boost::asio::strand<boost::asio::io_context::executor_type> strand_;
    boost::asio::steady_timer timer_;  // used on strand_ only
    mutable std::mutex mutex_;
    std::priority_queue<Task, std::vector<Task>, std::greater<>> tasks_;  // guarded by mutex_
    std::uint64_t next_seq_ = 0;                                          // guarded by mutex_
    bool stopped_ = false;                                                // guarded by mutex_
};

}  // namespace tablespan::core
