#include "core/scheduler.h"

#include <boost/asio/post.hpp>

namespace tablespan::core {

Scheduler::Scheduler(boost::asio::io_context& io, const Clock& clock, bool manual)
    : clock_(clock), manual_(manual), strand_(boost::asio::make_strand(io)), timer_(strand_) {}

void Scheduler::schedule_at(Millis at, std::function<void()> task) {
    {
        std::lock_guard lock(mutex_);
        if (stopped_) return;
        tasks_.push(Task{at, next_seq_++, std::move(task)});
    }
    if (!manual_) rearm();
}

std::size_t Scheduler::run_due() {
    std::size_t count = 0;
    for (;;) {
        std::function<void()> fn;
        {
            std::lock_guard lock(mutex_);
            if (tasks_.empty() || tasks_.top().at > clock_.now()) break;
            fn = std::move(const_cast<Task&>(tasks_.top()).fn);
            tasks_.pop();
        }
        fn();
        ++count;
    }
    return count;
}

std::optional<Millis> Scheduler::next_due() const {
    std::lock_guard lock(mutex_);
    if (tasks_.empty()) return std::nullopt;
    return tasks_.top().at;
}

void Scheduler::rearm() {
    boost::asio::post(strand_, [this] { arm(); });
}

void Scheduler::stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    tasks_ = {};
    boost::asio::post(strand_, [this] { timer_.cancel(); });
}

void Scheduler::arm() {
    auto due = next_due();
    if (!due) return;
    std::chrono::microseconds wait{0};
    if (auto* system = dynamic_cast<const SystemClock*>(&clock_))
        wait = system->wall_delay_until(*due);
    else
        wait = std::chrono::milliseconds(std::max<Millis>(0, *due - clock_.now()));
    timer_.expires_after(wait);
    timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;  // re-armed or stopped
        run_due();
        arm();
    });
}

}  // namespace tablespan::core
