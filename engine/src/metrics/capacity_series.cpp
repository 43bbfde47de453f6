#include "metrics/capacity_series.h"

#include <algorithm>

namespace tablespan::metrics {

namespace {
Millis second_of(Millis at) {
    return at - at % 1000;
}
}  // namespace

CapacitySample& CapacitySeries::at(Millis now) {
    const Millis second = second_of(now);
    if (!seconds_.empty() && seconds_.back().second >= second) return seconds_.back();
    trim(now);
    CapacitySample& s = seconds_.emplace_back();
    s.second = second;
    return s;
}

void CapacitySeries::set(const CapacitySettings& settings, Millis now) {
    if (!steps_.empty() && steps_.back().second == settings) return;
    const Millis at = std::max(now, steps_.empty() ? now : steps_.back().first);
    steps_.emplace_back(at, settings);
    trim(now);
}

void CapacitySeries::trim(Millis now) {
    const Millis oldest = second_of(now) - kRetentionMs;
    while (!seconds_.empty() &&
           (seconds_.front().second < oldest || seconds_.size() >= kMaxSeconds))
        seconds_.pop_front();
    // The step in force at the start of the window stays.
    while (steps_.size() > 1 && steps_[1].first <= oldest) steps_.pop_front();
}

void CapacitySeries::query(Millis from, Millis to, Millis now,
                           std::vector<CapacitySample>& out) const {
    const Millis current = second_of(now);
    Millis second = std::max({second_of(from), start_, current - kRetentionMs + 1000});
    if (from % 1000 != 0 && second < from) second += 1000;
    const Millis end = std::min(to, current + 1000);
    auto sample =
        std::lower_bound(seconds_.begin(), seconds_.end(), second,
                         [](const CapacitySample& s, Millis at) { return s.second < at; });
    auto step = steps_.begin();
    for (; second < end; second += 1000) {
        while (step != steps_.end() && std::next(step) != steps_.end() &&
               std::next(step)->first < second + 1000)
            ++step;
        CapacitySample s;
        if (sample != seconds_.end() && sample->second == second) s = *sample++;
        s.second = second;
        // A setting changed within the second counts for it (as the service's Maximum
        // would show a raise at once).
        if (step != steps_.end() && step->first < second + 1000) {
            const CapacitySettings& c = step->second;
            s.provisioned = c.provisioned;
            s.provisioned_read = c.read;
            s.provisioned_write = c.write;
            s.max_read = c.max_read;
            s.max_write = c.max_write;
        }
        out.push_back(s);
    }
}

}  // namespace tablespan::metrics
