#pragma once

#include <sys/resource.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <cstdio>
#include <string>

namespace bench {

inline double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

inline double peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

inline void print_ratio(const std::string& name, double ops, double baseline) {
    std::printf(
        "{\"name\": \"%s\", \"ops_per_sec\": %.0f, \"baseline_ops_per_sec\": %.0f, \"ratio\": "
        "%.3f}\n",
        name.c_str(), ops, baseline, baseline > 0 ? ops / baseline : 0.0);
    std::fflush(stdout);
}

// Keeps up to `window` asynchronous calls in flight.
class Pipeline {
public:
    explicit Pipeline(int window) : window_(window) {}
    void acquire() {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return in_flight_ < window_; });
        ++in_flight_;
    }
    void release(bool ok) {
        std::lock_guard lock(m_);
        --in_flight_;
        if (!ok) ++errors_;
        cv_.notify_all();
    }
    void drain() {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return in_flight_ == 0; });
    }
    long errors() const { return errors_; }

private:
    std::mutex m_;
    std::condition_variable cv_;
    int window_;
    int in_flight_ = 0;
    long errors_ = 0;
};

}  // namespace bench
