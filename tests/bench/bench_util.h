#pragma once

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>

namespace bench {

inline double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

inline double peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// The process's anonymous and file-backed resident memory (RssAnon and RssFile of
// /proc/self/status), in MB, sampled every 10 ms while it lives, keeping the peaks: the
// kernel keeps only the peak of their sum. File-backed pages are the SQLite files the
// engine maps; anonymous memory is everything else (heap, page caches, stacks).
class RssSampler {
public:
    RssSampler() : thread_([this] { run(); }) {}
    ~RssSampler() { stop(); }
    void stop() {
        if (!thread_.joinable()) return;
        stop_ = true;
        thread_.join();
    }
    double peak_anon_mb() const { return anon_kb_ / 1024.0; }
    double peak_file_mb() const { return file_kb_ / 1024.0; }

private:
    void sample() {
        std::ifstream status("/proc/self/status");
        std::string key;
        long kb = 0;
        while (status >> key) {
            if (key == "RssAnon:" && status >> kb) anon_kb_ = std::max<long>(anon_kb_, kb);
            if (key == "RssFile:" && status >> kb) file_kb_ = std::max<long>(file_kb_, kb);
        }
    }
    void run() {
        while (!stop_) {
            sample();
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        sample();
    }
    std::atomic<bool> stop_{false};
    std::atomic<long> anon_kb_{0}, file_kb_{0};
    std::thread thread_;
};

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
