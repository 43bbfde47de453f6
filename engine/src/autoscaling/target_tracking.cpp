#include "autoscaling/target_tracking.h"

#include <algorithm>
#include <cmath>

namespace tablespan::autoscaling {

namespace {
double utilization(const Minute& m) {
    return m.provisioned > 0 ? m.consumed / m.provisioned * 100 : 0;
}

// The last `n` minutes all reported and all satisfy `pred`.
template <typename Pred>
bool last_minutes(const std::vector<Minute>& minutes, int n, Pred pred) {
    if (static_cast<int>(minutes.size()) < n) return false;
    return std::all_of(minutes.end() - n, minutes.end(),
                       [&](const Minute& m) { return m.reported && m.provisioned > 0 && pred(m); });
}

std::int64_t capacity_for(double consumed, double target) {
    // A hair below a whole unit is that unit (6.999999 of rounding is 7).
    return std::max<std::int64_t>(
        1, static_cast<std::int64_t>(std::ceil(consumed * 100 / target - 1e-6)));
}
}  // namespace

std::optional<std::int64_t> desired_capacity(const Policy& p, std::int64_t current,
                                             const std::vector<Minute>& minutes) {
    if (!p.active()) return std::nullopt;
    // Registering a target outside the current capacity moves the capacity into range.
    if (current < p.minimum) return p.minimum;
    if (current > p.maximum) return p.maximum;
    if (minutes.empty()) return std::nullopt;
    const double consumed = minutes.back().consumed;
    if (last_minutes(minutes, kScaleOutMinutes,
                     [&](const Minute& m) { return utilization(m) > p.target; })) {
        const std::int64_t want =
            std::clamp(capacity_for(consumed, p.target), p.minimum, p.maximum);
        if (want > current) return want;
        return std::nullopt;
    }
    if (!p.disable_scale_in && last_minutes(minutes, kScaleInMinutes, [&](const Minute& m) {
            return utilization(m) < p.target - kScaleInMarginPercent;
        })) {
        const std::int64_t want =
            std::clamp(capacity_for(consumed, p.target), p.minimum, p.maximum);
        if (want < current) return want;
    }
    return std::nullopt;
}

}  // namespace tablespan::autoscaling
