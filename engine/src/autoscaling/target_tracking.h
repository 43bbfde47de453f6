#pragma once

// Target tracking as Application Auto Scaling runs it for DynamoDB, on per-minute
// datapoints of consumed capacity (CloudWatch's ConsumedRead/WriteCapacityUnits, Sum per
// minute, divided by 60):
// - scale out when utilization is above the target for 2 consecutive minutes;
// - scale in when it is 20 percentage points or more below the target for 15
//   consecutive minutes (target 70 %: below 50 %);
//   (DG:AutoScaling, "How DynamoDB auto scaling works"; AWS re:Post knowledge center
//   "dynamodb-auto-scaling": "increases ... when utilization exceeds 70 RCUs for at
//   least 2 consecutive minutes", "decreases ... when utilization is 20% or more below
//   the target for 15 consecutive minutes (50 RCUs)")
// - the new capacity is the consumed rate divided by the target utilization, never
//   outside MinimumUnits..MaximumUnits.
// A minute in which nothing was consumed has no datapoint here (Tablespan's reading of
// the DG's "if the consumed throughput spikes are more than one minute apart, auto
// scaling might not trigger": the alarms count consecutive datapoints), so an idle table
// is not scaled in: its alarm lacks data.

#include <cstdint>
#include <optional>
#include <vector>

#include "autoscaling/policy.h"

namespace tablespan::autoscaling {

inline constexpr int kScaleOutMinutes = 2;
inline constexpr int kScaleInMinutes = 15;
inline constexpr double kScaleInMarginPercent = 20;

struct Minute {
    bool reported = false;   // anything was consumed in the minute
    double consumed = 0;     // units per second, averaged over the minute
    double provisioned = 0;  // the capacity in force at the minute's end
};

// What `policy` makes of a dimension at `current` units given the minutes that ended
// (oldest first): the new capacity, or nothing. Cooldowns and decrease limits are the
// caller's.
std::optional<std::int64_t> desired_capacity(const Policy& policy, std::int64_t current,
                                             const std::vector<Minute>& minutes);

}  // namespace tablespan::autoscaling
