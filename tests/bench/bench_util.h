#pragma once

#include <sys/resource.h>

#include <chrono>
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

}  // namespace bench
